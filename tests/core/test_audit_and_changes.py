"""Every write is attributed (commitment 1) and reaches the change log in the same
transaction, so what an auditor reads and what another device receives are complete."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from asb_desktop.app import App
from asb_desktop.controllers.errors import NotFound, UserError
from asb_desktop.domain.inputs import (
    ActionInput,
    AdviceInput,
    AssessmentInput,
    CaseInput,
    ClosureInput,
    ContactInput,
    EvidenceInput,
    InterventionInput,
    PersonInput,
    ReferralInput,
    TenancyInput,
    VisitInput,
)
from asb_desktop.store.capture import WriteOutsideController
from asb_desktop.store.models import Person
from tests.conftest import FakeClock, noise_report
from tests.core.support import audit_rows, change_rows, counts, person


def test_every_controller_write_leaves_exactly_one_attributed_audit_row(app: App) -> None:
    actor = app.unit.actor
    ids: dict[str, str] = {}

    def remember(key: str, value: str) -> str:
        ids[key] = value
        return value

    steps: list[tuple[str, Callable[[], object]]] = [
        ("report.logged", lambda: remember("report", app.reports.log_report(noise_report()).id)),
        ("report.assessed", lambda: app.reports.assess(AssessmentInput(
            ids["report"], assessment="asb", asb_limb="nuisance_occupation", reason="Persistent"))),
        ("person.added", lambda: remember("person", app.people.add_person(person("Dylan", "Reid")).id)),
        ("person.updated", lambda: app.people.update_person(ids["person"], PersonInput(
            given_name="Dylan", family_name="Reid", phone="07700 900456"))),
        ("user.added", lambda: remember("user", app.profile.add_user("Priya Raman", "officer").id)),
        ("case.opened", lambda: remember("case", app.cases.open_case(
            CaseInput(report_ids=[ids["report"]])).id)),
        ("case.party_added", lambda: app.cases.add_party(ids["case"], "alleged_perpetrator",
                                                         person_id=ids["person"])),
        ("action.added", lambda: remember("action", app.casework.add_action(
            ActionInput(ids["case"], "Visit", due_date=date(2026, 3, 9))))),
        ("action.completed", lambda: app.casework.complete_action(ids["action"])),
        ("intervention.added", lambda: app.casework.add_intervention(InterventionInput(
            ids["case"], kind="warning_letter", started_on=date(2026, 3, 2),
            proportionate_reason="Second report"))),
        ("evidence.added", lambda: app.casework.add_evidence(EvidenceInput(
            ids["case"], kind="photo", description="Bin store", content=b"jpeg"))),
        ("contact.recorded", lambda: app.casework.record_contact(ContactInput(
            ids["case"], summary="Called Amira"))),
        ("referral.added", lambda: app.casework.add_referral(ReferralInput(
            ids["case"], service="Victim Support"))),
        ("case.risk_changed", lambda: app.cases.set_risk(ids["case"], "high", "Threats made")),
        ("case.reassigned", lambda: app.cases.assign(ids["case"], ids["user"], "Leave cover")),
        ("case.closed", lambda: app.cases.close_case(ClosureInput(
            ids["case"], outcome="resolved", reason="Stopped"))),
        ("tenancy.added", lambda: app.visits.add_tenancy(TenancyInput(
            reference="T1", address="7 Heron Walk", start_date=date(2026, 1, 5)))),
        ("visit.recorded", lambda: app.visits.record_visit(VisitInput(
            app.visits.find_tenancies("T1")[0].id, visit_date=date(2026, 3, 2), present="Tenant"))),
        ("report.logged", lambda: remember("other", app.reports.log_report(noise_report()).id)),
        ("report.assessed", lambda: app.reports.assess(AssessmentInput(
            ids["other"], assessment="not_asb", reason="Everyday living"))),
        ("advice.recorded", lambda: app.reports.record_advice(AdviceInput(
            ids["other"], advice_text="Talk to your neighbour at a calm moment"))),
    ]
    for action, write in steps:
        before = audit_rows(app)
        write()
        after = audit_rows(app)
        assert after[: len(before)] == before, f"{action} changed an earlier audit row"
        assert len(after) == len(before) + 1, action
        row = after[-1]
        assert (row.action, row.user_id, row.device_id) == (action, actor.user_id, actor.device_id)
    assert audit_rows(app)[0].action == "profile.created"


def test_audit_row_says_what_happened_to_which_case(app: App) -> None:
    report = app.reports.log_report(noise_report())
    case = app.cases.open_case(CaseInput(report_ids=[report.id]))
    app.cases.set_risk(case.id, "high", "Threats made")
    row = audit_rows(app)[-1]
    assert (row.entity, row.entity_id) == ("case", case.id)
    assert row.detail == f"{case.reference}: risk medium → high: Threats made"


def test_a_write_reaches_the_change_log_with_who_and_where(app: App) -> None:
    actor = app.unit.actor
    before = len(change_rows(app))
    report = app.reports.log_report(noise_report())
    new = change_rows(app)[before:]
    assert sorted(c.entity for c in new) == ["audit", "people", "reports"]
    assert {(c.device_id, c.user_id, c.op) for c in new} == {(actor.device_id, actor.user_id, "upsert")}
    [report_change] = [c for c in new if c.entity == "reports"]
    assert report_change.entity_id == report.id
    assert report_change.fields["description"] == report.description
    assert report_change.fields["risk_level"] == "medium"


def test_an_update_captures_only_the_fields_that_changed(app: App) -> None:
    dylan = app.people.add_person(PersonInput(given_name="Dylan", family_name="Reid",
                                              phone="07700 900111", address="3 Larch Close"))
    app.people.update_person(dylan.id, PersonInput(given_name="Dylan", family_name="Reid",
                                                   phone="07700 900222", address="3 Larch Close"))
    changes = change_rows(app, "people", dylan.id)
    assert len(changes) == 2
    assert changes[0].fields["address"] == "3 Larch Close"
    assert changes[1].fields == {"phone": "07700 900222"}


def test_an_update_that_changes_nothing_sends_nothing(app: App) -> None:
    same = PersonInput(given_name="Dylan", family_name="Reid")
    dylan = app.people.add_person(same)
    app.people.update_person(dylan.id, same)
    assert len(change_rows(app, "people", dylan.id)) == 1
    assert audit_rows(app)[-1].action == "person.updated"


def test_changing_case_risk_sends_only_the_risk_fields(app: App) -> None:
    report = app.reports.log_report(noise_report())
    case = app.cases.open_case(CaseInput(report_ids=[report.id]))
    app.cases.set_risk(case.id, "high", "Threats made")
    last = change_rows(app, "cases", case.id)[-1]
    assert last.fields == {"risk_level": "high", "risk_rank": 3, "risk_reason": "Threats made"}


def _nothing_saved(app: App, write: Callable[[], object], error: type[Exception]) -> None:
    before = counts(app)
    audits = audit_rows(app)
    with pytest.raises(error):
        write()
    assert counts(app) == before
    assert audit_rows(app) == audits


def test_report_failing_after_its_new_reporter_was_added_leaves_nothing(app: App) -> None:
    _nothing_saved(app, lambda: app.reports.log_report(noise_report(visit_id="no-such-visit")), NotFound)
    assert app.people.find_people("Okafor") == []


def test_report_failing_after_it_was_added_leaves_nothing(app: App) -> None:
    _nothing_saved(app, lambda: app.reports.log_report(noise_report(case_id="no-such-case")), NotFound)
    assert app.reports.list_reports().total == 0


def test_tenancy_failing_on_an_unknown_tenant_leaves_no_property_or_visit(app: App) -> None:
    _nothing_saved(app, lambda: app.visits.add_tenancy(TenancyInput(
        reference="T1", address="7 Heron Walk", start_date=date(2026, 1, 5),
        tenant_ids=["no-such-person"])), NotFound)
    assert app.visits.list_visits().total == 0
    assert app.visits.find_tenancies("Heron") == []


def test_refused_party_leaves_nothing(app: App) -> None:
    report = app.reports.log_report(noise_report())
    case = app.cases.open_case(CaseInput(report_ids=[report.id]))
    complainant = case.parties[0].person.id
    _nothing_saved(app, lambda: app.cases.add_party(case.id, "complainant", person_id=complainant),
                   UserError)


def _stranger() -> Person:
    return Person(given_name="Not", family_name="Audited", created_at=datetime(2026, 3, 2))


def test_writing_a_synced_row_outside_a_controller_is_refused(app: App) -> None:
    before = counts(app)
    for factory in (app.store.write_sessions, app.store.sessions):
        with factory() as s, s.begin():
            s.add(_stranger())
            with pytest.raises(WriteOutsideController, match="Person written outside a controller"):
                s.flush()
    assert counts(app) == before


def test_changing_a_synced_row_outside_a_controller_is_refused(app: App) -> None:
    dylan = app.people.add_person(person("Dylan", "Reid"))
    with app.store.write_sessions() as s, s.begin():
        row = s.get(Person, dylan.id)
        assert row is not None
        row.phone = "07700 900999"
        with pytest.raises(WriteOutsideController):
            s.flush()
    assert app.people.get_person(dylan.id).phone == ""


def test_checks_pass_on_a_fresh_profile(app: App) -> None:
    findings = app.checks.run()
    assert [f for f in findings if not f.ok] == []
    assert {"SQLite integrity", "Foreign keys", "Search index", "Audit log"} <= {f.check for f in findings}


def test_checks_pass_after_ordinary_casework(app: App, clock: FakeClock) -> None:
    report = app.reports.log_report(noise_report())
    case = app.cases.open_case(CaseInput(report_ids=[report.id]))
    action = app.casework.add_action(ActionInput(case.id, "Visit", due_date=date(2026, 3, 9)))
    app.casework.add_action(ActionInput(case.id, "Write", due_date=date(2026, 3, 19)))
    app.casework.complete_action(action)
    assert [f for f in app.checks.run() if not f.ok] == []


def test_checks_find_a_row_inserted_behind_the_controllers_back(app: App) -> None:
    with app.store.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO people (id, given_name, family_name, phone, email, address, postcode, "
            "contact_preferences, vulnerabilities, adjustments, adjustment_notes, language, "
            "equality, created_at) VALUES ('raw-1', 'Raw', 'Insert', '', '', '', '', '', '', "
            "'[]', '', '', '{}', '2026-03-02 09:30:00')"
        )
    problems = [f for f in app.checks.run() if not f.ok]
    assert [(f.check, f.detail) for f in problems] == [
        ("Change log: people", "1 row(s) would never reach the share")]


def test_checks_find_a_caseload_due_date_out_of_step(app: App) -> None:
    report = app.reports.log_report(noise_report())
    case = app.cases.open_case(CaseInput(report_ids=[report.id]))
    app.casework.add_action(ActionInput(case.id, "Visit", due_date=date(2026, 3, 9)))
    with app.store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE actions SET due_date = '2026-04-01'"))
    problems = [f for f in app.checks.run() if not f.ok]
    assert [(f.check, f.detail) for f in problems] == [
        ("Caseload next-due dates", "1 case(s) out of step")]


def test_change_order_holds_when_the_wall_clock_goes_back(
    app: App, clock: FakeClock, reopen: Callable[[App], App]
) -> None:
    app.reports.log_report(noise_report())
    clock.set(datetime(2026, 3, 1, 8, 0))  # the laptop's clock was put back a day
    app.reports.log_report(noise_report(incident_date=None))
    again: App = reopen(app)
    try:
        clock.set(datetime(2026, 2, 1, 8, 0))
        again.reports.log_report(noise_report(incident_date=None))
        with again.store.sessions() as s:
            stamps = s.scalars(sa.text("SELECT hlc FROM changes ORDER BY seq")).all()
    finally:
        again.close()
    assert len(stamps) == len(set(stamps))
    assert stamps == sorted(stamps)
