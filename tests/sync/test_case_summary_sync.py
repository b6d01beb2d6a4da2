"""Two laptops show a case under the same words after a sync: the parties summary is
worked out by one rule whether the parties were added here or arrived from the share."""

from __future__ import annotations

from asb_desktop.controllers.cases import CaseFilter
from asb_desktop.domain.inputs import CaseInput, PersonInput
from tests.conftest import noise_report
from tests.sync.conftest import Device, sync_all


def _parties(d: Device, case_id: str) -> str:
    rows = d.app.cases.caseload(CaseFilter(status=None), limit=100).rows
    return next(r.parties for r in rows if r.id == case_id)


def test_parties_added_on_two_laptops_read_the_same_on_every_laptop(team: list[Device]) -> None:
    a, b, _c = team  # the supervisor's laptop only receives
    report = a.app.reports.log_report(noise_report())
    case_id = a.app.cases.open_case(CaseInput(report_ids=[report.id], summary="Noise")).id
    sync_all(team)
    # Offline on both laptops, each officer adds someone to the same case.
    a.clock.advance(minutes=10)
    a.app.cases.add_party(case_id, "alleged_perpetrator",
                          new=PersonInput(given_name="Ben", family_name="Jones"))
    b.clock.advance(minutes=20)
    b.app.cases.add_party(case_id, "victim", new=PersonInput(given_name="Chloe", family_name="Smith"))
    b.app.cases.add_party(case_id, "alleged_perpetrator",
                          new=PersonInput(given_name="Dylan", family_name="Brown"))
    sync_all(team)
    seen = {d.app.unit.actor.name: _parties(d, case_id) for d in team}
    assert set(seen.values()) == {seen["Ada Officer"]}, seen
    summary = seen["Ada Officer"]
    assert summary.startswith(("A. Okafor, C. Smith v ", "C. Smith, A. Okafor v ")), summary
    assert sorted(summary.split(" v ")[1].split(", ")) == ["B. Jones", "D. Brown"]
