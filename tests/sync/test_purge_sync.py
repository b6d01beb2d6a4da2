"""A retention purge on the supervisor's laptop reaches the officers' laptops."""

from __future__ import annotations

import sqlalchemy as sa

from asb_desktop.controllers.retention import RetentionController
from asb_desktop.domain.inputs import CaseInput, ClosureInput, ContactInput, PersonInput
from asb_desktop.store.search import search
from tests.conftest import noise_report
from tests.sync.conftest import Device, count, snapshot, sync_all


def test_purged_case_is_deleted_on_every_device(team: list[Device]) -> None:
    a, b, c = team
    report = a.app.reports.log_report(noise_report())
    case_id = a.app.cases.open_case(CaseInput(report_ids=[report.id], summary="Noise")).id
    a.app.cases.add_party(case_id, "witness", new=PersonInput(given_name="Ottoline", family_name="Brack"))
    sync_all(team)
    b.clock.advance(hours=1)
    b.app.casework.record_contact(ContactInput(case_id=case_id, summary="Called Ottoline Brack"))
    sync_all(team)
    a.clock.advance(hours=2)
    a.app.cases.close_case(ClosureInput(case_id, outcome="resolved", reason="Stopped"))
    sync_all(team)
    people = count(a.app, "people")
    for d in team:
        d.clock.advance(days=6 * 366 + 1)
    result = RetentionController(c.app.unit).purge([case_id])
    assert result.people == 2
    sync_all(team)
    for d in team:
        assert count(d.app, "cases", id=case_id) == 0
        assert count(d.app, "people") == people - 2
        assert count(d.app, "contacts") == count(d.app, "reports") == 0
        with d.app.unit.read() as s:
            assert search(s, "Ottoline") == []
            assert s.execute(sa.text("PRAGMA foreign_key_check")).all() == []
    assert snapshot(a.app) == snapshot(b.app) == snapshot(c.app)
    # Later edits elsewhere do not bring it back.
    for d in team:
        d.clock.advance(hours=1)
    a.app.reports.log_report(noise_report(description="Something new"))
    sync_all(team)
    assert count(b.app, "cases", id=case_id) == 0
