"""Opening cases, their parties, risk and action plan, the caseload and closure."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.cases import CaseFilter
from asb_desktop.controllers.errors import NotFound, UserError, ValidationError
from asb_desktop.domain.inputs import (
    ActionInput,
    AssessmentInput,
    CaseInput,
    ClosureInput,
    ContactInput,
    InterventionInput,
    PersonInput,
)
from tests.conftest import FakeClock, noise_report
from tests.core.support import counts, open_noise_case, person


def test_case_reference_carries_year_device_code_and_sequence(app: App) -> None:
    code = app.profile.device_code()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}", code)
    first = open_noise_case(app)
    second = open_noise_case(app)
    assert first.reference == f"ASB-26-{code}-0001"
    assert second.reference == f"ASB-26-{code}-0002"
    assert app.cases.find_by_reference(first.reference.lower()).id == first.id


def test_sequence_continues_after_the_profile_is_reopened(app: App, reopen: Callable[[App], App]) -> None:
    open_noise_case(app)
    again: App = reopen(app)
    try:
        assert open_noise_case(again).reference.endswith("-0002")
    finally:
        again.close()


def test_two_devices_never_issue_the_same_reference(tmp_path: Path, clock: FakeClock) -> None:
    references = set()
    codes = set()
    for name in ("laptop-a", "laptop-b"):
        device = create_profile(tmp_path / name, "Sam Officer", "officer", clock=clock)
        try:
            codes.add(device.profile.device_code())
            references.add(open_noise_case(device).reference)
        finally:
            device.close()
    assert len(codes) == 2
    assert len(references) == 2
    assert all(r.endswith("-0001") for r in references)


def test_a_report_already_in_a_case_cannot_open_another(app: App) -> None:
    report = app.reports.log_report(noise_report())
    case = app.cases.open_case(CaseInput(report_ids=[report.id]))
    before = counts(app)
    with pytest.raises(UserError, match=f"already in case {case.reference}"):
        app.cases.open_case(CaseInput(report_ids=[report.id]))
    assert counts(app) == before


def test_a_case_needs_at_least_one_report(app: App) -> None:
    with pytest.raises(ValidationError) as caught:
        app.cases.open_case(CaseInput())
    assert list(caught.value.errors) == ["report_ids"]
    assert counts(app)["cases"] == 0


def test_complainant_becomes_a_party_and_case_takes_the_highest_risk(app: App, clock: FakeClock) -> None:
    noise = app.reports.log_report(noise_report())
    clock.advance(hours=2)
    violence = app.reports.log_report(noise_report(
        categories=["violence"], description="Punched on the landing",
        new_reporter=PersonInput(given_name="Kwame", family_name="Osei")))
    case = app.cases.open_case(CaseInput(report_ids=[violence.id, noise.id]))
    assert case.risk_level == "high"
    assert case.status == "open"
    assert {(p.role, p.person.name) for p in case.parties} == {
        ("complainant", "Amira Okafor"), ("complainant", "Kwame Osei")}
    assert set(case.categories) == {"noise", "violence"}
    assert case.summary == "Loud music from the flat above until 3am most nights"
    assert case.lead_officer is not None and case.lead_officer.name == "Sam Officer"
    assert app.reports.get_report(noise.id).case_reference == case.reference


def test_anonymous_report_opens_a_case_with_no_complainant(app: App) -> None:
    report = app.reports.log_report(noise_report(anonymous=True))
    case = app.cases.open_case(CaseInput(report_ids=[report.id]))
    assert case.parties == ()


def test_raising_a_reports_risk_raises_its_case(app: App) -> None:
    case = open_noise_case(app)
    report_id = case.reports[0].id
    app.reports.assess(AssessmentInput(report_id, assessment="asb", asb_limb="nuisance_occupation",
                                       reason="Threats added", risk_level="high"))
    assert app.cases.get_case(case.id).risk_level == "high"


def test_add_party_with_a_new_person_and_an_existing_one(app: App) -> None:
    case = open_noise_case(app)
    with_new = app.cases.add_party(case.id, "alleged_perpetrator", new=person("Dylan", "Reid"))
    reid = next(p for p in with_new.parties if p.role == "alleged_perpetrator")
    assert reid.person.name == "Dylan Reid"
    witness = app.people.add_person(person("Grace", "Hall"))
    detail = app.cases.add_party(case.id, "witness", person_id=witness.id)
    assert ("witness", "Grace Hall") in {(p.role, p.person.name) for p in detail.parties}
    row = app.cases.caseload().rows[0]
    assert row.parties == "A. Okafor v D. Reid"


def test_the_same_person_cannot_have_the_same_role_twice(app: App) -> None:
    case = open_noise_case(app)
    complainant = case.parties[0].person
    before = counts(app)
    with pytest.raises(UserError, match="already has that role"):
        app.cases.add_party(case.id, "complainant", person_id=complainant.id)
    assert counts(app) == before
    detail = app.cases.add_party(case.id, "victim", person_id=complainant.id)
    assert sorted(p.role for p in detail.parties) == ["complainant", "victim"]


def test_add_party_refuses_a_duplicate_without_keeping_the_new_person(app: App) -> None:
    case = open_noise_case(app)
    app.cases.add_party(case.id, "witness", new=person("Grace", "Hall"))
    people = counts(app)["people"]
    grace = next(p.person for p in app.cases.get_case(case.id).parties if p.role == "witness")
    with pytest.raises(UserError):
        app.cases.add_party(case.id, "witness", person_id=grace.id)
    assert counts(app)["people"] == people


def test_add_party_needs_a_role_and_a_person(app: App) -> None:
    case = open_noise_case(app)
    with pytest.raises(ValidationError) as caught:
        app.cases.add_party(case.id, "bystander")
    assert set(caught.value.errors) == {"role", "person"}


def test_next_action_due_is_the_earliest_open_action_and_moves_on(app: App) -> None:
    case = open_noise_case(app)
    later = app.casework.add_action(ActionInput(case.id, "Interview the neighbour",
                                                due_date=date(2026, 3, 20)))
    sooner = app.casework.add_action(ActionInput(case.id, "Send diary sheets", due_date=date(2026, 3, 5)))
    assert app.cases.get_case(case.id).next_action_due == date(2026, 3, 5)
    assert app.cases.caseload().rows[0].next_action_due == date(2026, 3, 5)
    app.casework.complete_action(sooner)
    detail = app.cases.get_case(case.id)
    assert detail.next_action_due == date(2026, 3, 20)
    done = next(a for a in detail.actions if a.id == sooner)
    assert (done.status, done.completed_on) == ("done", date(2026, 3, 2))
    app.casework.complete_action(later, completed_on=date(2026, 3, 1))
    assert app.cases.get_case(case.id).next_action_due is None


def test_action_needs_a_description_and_a_due_date(app: App) -> None:
    case = open_noise_case(app)
    with pytest.raises(ValidationError) as caught:
        app.casework.add_action(ActionInput(case.id))
    assert set(caught.value.errors) == {"description", "due_date"}


def test_overdue_action_flags_the_case(app: App, clock: FakeClock) -> None:
    case = open_noise_case(app)
    app.casework.add_action(ActionInput(case.id, "Visit", due_date=date(2026, 3, 3)))
    assert not app.cases.caseload().rows[0].overdue
    clock.advance(days=2)
    row = app.cases.caseload().rows[0]
    assert row.overdue
    assert app.cases.get_case(case.id).actions[0].overdue


# -- the caseload ---------------------------------------------------------------


def _caseload(app: App, clock: FakeClock) -> dict[str, str]:
    """Four cases: high due soon, high due later, medium overdue, low closed."""
    officer = app.profile.add_user("Priya Raman", "officer")
    high_later = open_noise_case(app, categories=["violence"], description="Fight on the landing",
                                 new_reporter=person("Kwame", "Osei"))
    high_soon = open_noise_case(app, categories=["domestic_abuse"], description="Shouting next door",
                                new_reporter=person("Niamh", "Murphy"))
    medium = open_noise_case(app)
    low = open_noise_case(app, categories=["fly_tipping"], description="Mattress dumped",
                          new_reporter=person("Rhys", "Evans"))
    app.casework.add_action(ActionInput(high_later.id, "Visit", due_date=date(2026, 3, 30)))
    app.casework.add_action(ActionInput(high_soon.id, "Visit", due_date=date(2026, 3, 10)))
    app.casework.add_action(ActionInput(medium.id, "Visit", due_date=date(2026, 3, 3)))
    app.cases.assign(medium.id, officer.id, "Priya covers Larch Close")
    app.cases.close_case(ClosureInput(low.id, outcome="resolved", reason="Mattress removed"))
    clock.advance(days=3)  # the medium case's action is now overdue
    return {"high_later": high_later.id, "high_soon": high_soon.id, "medium": medium.id,
            "low": low.id, "officer": officer.id, "medium_ref": medium.reference}


def test_caseload_shows_open_cases_high_risk_first_then_soonest_due(app: App, clock: FakeClock) -> None:
    c = _caseload(app, clock)
    page = app.cases.caseload()
    assert [r.id for r in page.rows] == [c["high_soon"], c["high_later"], c["medium"]]
    assert page.total == 3


def test_caseload_filters_by_status_and_risk(app: App, clock: FakeClock) -> None:
    c = _caseload(app, clock)
    closed = app.cases.caseload(CaseFilter(status="closed"))
    assert [r.id for r in closed.rows] == [c["low"]]
    assert closed.rows[0].status == "closed"
    assert app.cases.caseload(CaseFilter(status=None)).total == 4
    high = app.cases.caseload(CaseFilter(risk="high"))
    assert {r.id for r in high.rows} == {c["high_soon"], c["high_later"]}


def test_caseload_filters_by_officer_and_overdue(app: App, clock: FakeClock) -> None:
    c = _caseload(app, clock)
    priya = app.cases.caseload(CaseFilter(officer_id=c["officer"]))
    assert [(r.id, r.officer) for r in priya.rows] == [(c["medium"], "Priya Raman")]
    overdue = app.cases.caseload(CaseFilter(overdue_only=True))
    assert [r.id for r in overdue.rows] == [c["medium"]]
    assert overdue.rows[0].overdue


def test_caseload_text_search_by_party_name_and_by_reference(app: App, clock: FakeClock) -> None:
    c = _caseload(app, clock)
    by_name = app.cases.caseload(CaseFilter(text="osei"))
    assert [r.id for r in by_name.rows] == [c["high_later"]]
    by_ref = app.cases.caseload(CaseFilter(text=c["medium_ref"]))
    assert [r.id for r in by_ref.rows] == [c["medium"]]
    by_report_word = app.cases.caseload(CaseFilter(text="landing"))
    assert [r.id for r in by_report_word.rows] == [c["high_later"]]
    assert app.cases.caseload(CaseFilter(text="nobody-here")).total == 0


def test_caseload_pages_with_the_total(app: App) -> None:
    ids = [open_noise_case(app).id for _ in range(5)]
    pages = [app.cases.caseload(sort="reference", descending=False, offset=o, limit=2) for o in (0, 2, 4)]
    assert [len(p.rows) for p in pages] == [2, 2, 1]
    assert {p.total for p in pages} == {5}
    assert [r.id for p in pages for r in p.rows] == ids


# -- changing and closing -------------------------------------------------------


def test_set_risk_needs_a_reason_and_may_lower_the_case(app: App) -> None:
    case = open_noise_case(app, categories=["violence"])
    with pytest.raises(ValidationError) as caught:
        app.cases.set_risk(case.id, "medium", " ")
    assert caught.value.errors == {"risk_reason": "Give the reason for changing the risk level"}
    assert app.cases.get_case(case.id).risk_level == "high"
    assert app.cases.set_risk(case.id, "medium", "Perpetrator moved out").risk_level == "medium"
    assert app.cases.caseload(CaseFilter(risk="medium")).total == 1


def test_assign_needs_a_reason_and_a_known_officer(app: App) -> None:
    case = open_noise_case(app)
    priya = app.profile.add_user("Priya Raman", "officer")
    with pytest.raises(ValidationError):
        app.cases.assign(case.id, priya.id, "")
    with pytest.raises(NotFound):
        app.cases.assign(case.id, "no-such-user", "Cover")
    detail = app.cases.assign(case.id, priya.id, "Annual leave cover")
    assert detail.lead_officer is not None and detail.lead_officer.name == "Priya Raman"


def test_closing_needs_an_outcome_and_a_reason(app: App) -> None:
    case = open_noise_case(app)
    with pytest.raises(ValidationError) as caught:
        app.cases.close_case(ClosureInput(case.id))
    assert set(caught.value.errors) == {"outcome", "reason"}
    assert app.cases.get_case(case.id).status == "open"


@pytest.mark.parametrize("score", [0, 6, -1])
def test_satisfaction_is_one_to_five_only(app: App, score: int) -> None:
    case = open_noise_case(app)
    with pytest.raises(ValidationError) as caught:
        app.cases.close_case(ClosureInput(case.id, outcome="resolved", reason="Stopped",
                                          satisfaction=score))
    assert list(caught.value.errors) == ["satisfaction"]
    assert app.cases.get_case(case.id).status == "open"


def test_closed_case_keeps_its_closure_and_refuses_new_work(app: App, clock: FakeClock) -> None:
    case = open_noise_case(app)
    closed = app.cases.close_case(ClosureInput(
        case.id, outcome="resolved", reason="Music stopped", satisfaction=5,
        lessons_learned="Early mediation worked"))
    assert (closed.status, closed.outcome, closed.satisfaction) == ("closed", "resolved", 5)
    assert closed.closed_at == clock.now()
    assert closed.lessons == ("Early mediation worked",)
    before = counts(app)
    message = f"Case {case.reference} is closed; reopen it before adding to it."
    with pytest.raises(UserError) as caught:
        app.casework.add_action(ActionInput(case.id, "Visit", due_date=date(2026, 3, 9)))
    assert str(caught.value) == message
    with pytest.raises(UserError, match="is closed"):
        app.cases.add_party(case.id, "witness", new=person("Grace", "Hall"))
    with pytest.raises(UserError, match="is closed"):
        app.cases.close_case(ClosureInput(case.id, outcome="resolved", reason="Again"))
    assert counts(app) == before


def test_case_timeline_is_in_date_order(app: App, clock: FakeClock) -> None:
    first = app.reports.log_report(noise_report(received_at=datetime(2026, 2, 20, 9, 0),
                                                incident_date=None))
    second = app.reports.log_report(noise_report(received_at=datetime(2026, 2, 27, 18, 0),
                                                 incident_date=None,
                                                 description="Music again on Friday night"))
    case = app.cases.open_case(CaseInput(report_ids=[second.id, first.id]))
    app.casework.record_contact(ContactInput(case.id, at=datetime(2026, 2, 25, 11, 0),
                                             summary="Called Amira to discuss"))
    app.casework.add_action(ActionInput(case.id, "Send diary sheets", due_date=date(2026, 3, 6)))
    app.casework.add_intervention(InterventionInput(
        case.id, kind="warning_letter", started_on=date(2026, 2, 28),
        proportionate_reason="Second report after advice"))
    timeline = app.cases.get_case(case.id).timeline
    assert [e.kind for e in timeline] == ["report", "contact", "report", "intervention", "action"]
    assert [e.when for e in timeline] == sorted(e.when for e in timeline)
    assert timeline[0].ref_id == first.id
    assert timeline[1].text == "Contact by phone: Called Amira to discuss"
    assert timeline[3].text == "Warning letter"
    assert timeline[-1].text == "Action due: Send diary sheets"


def test_days_open_count_from_opening(app: App, clock: FakeClock) -> None:
    opened_at = clock.now()
    case = open_noise_case(app)
    assert case.opened_at == opened_at
    clock.advance(days=10)
    assert app.cases.caseload().rows[0].days_open == 10
    app.cases.close_case(ClosureInput(case.id, outcome="resolved", reason="Stopped"))
    clock.advance(days=30)
    assert app.cases.caseload(CaseFilter(status="closed")).rows[0].days_open == 10


def test_caseload_sorts_by_next_due_soonest_first_with_nothing_due_last(app: App, clock: FakeClock) -> None:
    c = _caseload(app, clock)
    nothing_due = open_noise_case(app)
    page = app.cases.caseload(sort="due")
    assert [r.id for r in page.rows] == [c["medium"], c["high_soon"], c["high_later"], nothing_due.id]


def test_a_closed_case_is_never_listed_as_overdue(app: App, clock: FakeClock) -> None:
    case = open_noise_case(app)
    app.casework.add_action(ActionInput(case.id, "Visit", due_date=date(2026, 3, 3)))
    app.cases.close_case(ClosureInput(case.id, outcome="withdrawn", reason="Complainant moved away"))
    clock.advance(days=7)
    everything = app.cases.caseload(CaseFilter(status=None))
    assert [r.overdue for r in everything.rows] == [False]
    assert app.cases.caseload(CaseFilter(status=None, overdue_only=True)).total == 0
