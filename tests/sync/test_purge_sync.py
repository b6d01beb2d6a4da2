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
    # Before the purge reaches B, an officer there corrects the witness's phone number:
    # the purge still wins, and the edit neither revives her nor holds sync up.
    b.clock.advance(hours=1)
    witness = next(p.person for p in b.app.cases.get_case(case_id).parties if p.role == "witness")
    b.app.people.update_person(witness.id, PersonInput(given_name="Ottoline", family_name="Brack",
                                                       phone="07700 900123"))
    sync_all(team)
    for d in team:
        assert count(d.app, "cases", id=case_id) == 0
        assert count(d.app, "people") == people - 2
        assert count(d.app, "contacts") == count(d.app, "reports") == 0
        with d.app.unit.read() as s:
            assert search(s, "Ottoline") == []
            assert s.execute(sa.text("PRAGMA foreign_key_check")).all() == []
    assert snapshot(a.app) == snapshot(b.app) == snapshot(c.app)
    # Sync keeps what it imports; the copies of the purged rows are dropped after each sync.
    for d in team:
        with d.app.store.engine.connect() as conn:
            kept = " ".join(str(v) for t in ("changes", "audit", "sync_received")
                            for row in conn.execute(sa.text(f"SELECT * FROM {t}")) for v in row)
        for word in ("Ottoline", "Brack", "07700 900123", "Okafor", "Loud music"):
            assert word not in kept, (d.app.unit.actor.name, word)
