"""Three officers' laptops syncing through one folder, as a team would."""

from __future__ import annotations

from asb_desktop.domain.inputs import CaseInput, ContactInput
from tests.conftest import noise_report
from tests.sync.conftest import Device, count, snapshot, sync_all


def _case_on(d: Device) -> str:
    report = d.app.reports.log_report(noise_report())
    return d.app.cases.open_case(CaseInput(report_ids=[report.id], summary="Noise")).id


def test_edits_on_all_three_devices_converge_to_identical_data(team: list[Device]) -> None:
    a, b, c = team
    case_id = _case_on(a)
    b.app.reports.log_report(noise_report(location="Flat 9, 3 Elm Road"))
    c.clock.advance(minutes=5)
    c.app.reports.log_report(noise_report(description="Shouting on the stairs"))
    sync_all(team)
    b.clock.advance(hours=1)
    b.app.casework.record_contact(ContactInput(case_id=case_id, summary="Spoke to the reporter"))
    c.clock.advance(hours=2)
    c.app.casework.record_contact(ContactInput(case_id=case_id, summary="Left a card"))
    sync_all(team)
    first = snapshot(a.app)
    assert count(a.app, "reports") == 3
    assert count(a.app, "contacts") == 2, "a note added on each device keeps both"
    assert snapshot(b.app) == first
    assert snapshot(c.app) == first


def test_same_safety_field_edited_on_two_devices_gives_exactly_one_conflict(
    team: list[Device],
) -> None:
    a, b, c = team
    case_id = _case_on(a)
    sync_all(team)
    a.clock.advance(hours=1)
    a.app.cases.set_risk(case_id, "high", "Threats reported")
    b.clock.advance(hours=2)
    b.app.cases.set_risk(case_id, "low", "Calmer since mediation")
    edited = {"high": ("Ada Officer", a.clock.now()), "low": ("Ben Officer", b.clock.now())}
    sync_all(team)
    for d in team:
        conflicts = d.sync.conflicts()
        assert len(conflicts) == 1
        assert conflicts[0].label == "Risk level" and conflicts[0].case_id == case_id
        assert {ch.shown: (ch.who, ch.when) for ch in conflicts[0].choices} == edited
    assert snapshot(a.app) == snapshot(b.app) == snapshot(c.app)
    # A supervisor decides on C; the decision reaches everyone and closes their conflict.
    c.clock.advance(hours=3)
    c.sync.resolve_conflict(c.sync.conflicts()[0].id, "high")
    sync_all(team)
    for d in team:
        assert d.sync.conflicts() == []
        assert d.app.cases.get_case(case_id).risk_level == "high"
    assert snapshot(a.app) == snapshot(b.app) == snapshot(c.app)


def test_the_same_person_added_in_the_same_role_on_two_devices_is_one_party(
    team: list[Device],
) -> None:
    a, b, c = team
    report = a.app.reports.log_report(noise_report())
    assert report.reporter is not None
    case_id = a.app.cases.open_case(CaseInput(report_ids=[report.id], summary="Noise")).id
    sync_all(team)
    a.app.cases.add_party(case_id, "witness", person_id=report.reporter.id)
    b.clock.advance(minutes=3)
    b.app.cases.add_party(case_id, "witness", person_id=report.reporter.id)
    sync_all(team)
    assert [count(d.app, "case_parties", case_id=case_id, role="witness") for d in team] == [1, 1, 1]
    assert snapshot(a.app) == snapshot(b.app) == snapshot(c.app)
