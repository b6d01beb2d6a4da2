"""Who may write to a restricted case, see a person known only from one, and
change a role: the one rule in ``domain.permissions``, through every controller."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
import sqlalchemy as sa

from asb_desktop.app import App
from asb_desktop.controllers.access import AccessController, AccessDenied
from asb_desktop.controllers.cases import CasesController
from asb_desktop.controllers.casework import CaseworkController
from asb_desktop.controllers.documents import DocumentsController
from asb_desktop.controllers.errors import NotFound
from asb_desktop.controllers.people import PeopleController
from asb_desktop.controllers.policy import PolicyController, RiskController
from asb_desktop.controllers.profile import ProfileController
from asb_desktop.controllers.reports import ReportsController
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
)
from asb_desktop.domain.permissions import NotPermitted
from asb_desktop.domain.rules.policy_exchange import CaseReviewInput, DashInput, RiskAssessmentInput
from asb_desktop.store.models import Advice, User
from asb_desktop.store.unit import Unit
from tests.conftest import FakeClock, noise_report
from tests.security.casefile import all_text, colleague

NEW_WITNESS = PersonInput(given_name="Lorcan", family_name="Ashdown", phone="07700 900444")


@dataclass(frozen=True)
class Secret:
    """A restricted case led by the profile's officer, with something in it to change."""

    app: App
    case_id: str
    victim_id: str
    report_id: str  # on the case, assessed not ASB, with advice
    advice_id: str
    action_id: str
    request_id: str  # an ASB Case Review request about the case
    loose_report_id: str  # not in any case yet
    open_case_id: str  # an unrestricted case every officer may change


@pytest.fixture
def secret(app: App, clock: FakeClock) -> Secret:
    first = app.reports.log_report(noise_report())
    assert first.reporter is not None
    case_id = app.cases.open_case(CaseInput(report_ids=[first.id], restricted=True)).id
    today = clock.now().date()
    second = app.reports.log_report(noise_report(case_id=case_id, reporter_id=first.reporter.id,
                                                 new_reporter=None))
    app.reports.assess(AssessmentInput(second.id, assessment="not_asb", reason="Everyday living"))
    app.reports.record_advice(AdviceInput(second.id, "everyday_noise", "Talk to the neighbour"))
    advice_id = _advice_id(app, second.id)
    action = app.casework.add_action(ActionInput(case_id, description="Visit",
                                                 due_date=today + timedelta(days=7)))
    request = app.policy.request_case_review(CaseReviewInput(case_id=case_id, notes="Asked"))
    loose = app.reports.log_report(noise_report(description="Dog barking all day"))
    open_case = app.cases.open_case(CaseInput(report_ids=[
        app.reports.log_report(noise_report(new_reporter=NEW_WITNESS)).id])).id
    return Secret(app, case_id, first.reporter.id, second.id, advice_id, action, request.id, loose.id,
                  open_case)


def _advice_id(app: App, report_id: str) -> str:
    with app.unit.read() as s:
        found = s.scalar(sa.select(Advice.id).where(Advice.report_id == report_id))
    assert found is not None
    return found


#: Every write that touches a case or something on it, as the officer would make it.
Write = Callable[[Unit, Secret], object]
WRITES: dict[str, Write] = {
    "add party": lambda u, c: CasesController(u).add_party(c.case_id, "witness", new=NEW_WITNESS),
    "add existing party": lambda u, c: CasesController(u).add_party(
        c.case_id, "witness", person_id=c.victim_id),
    "set risk": lambda u, c: CasesController(u).set_risk(c.case_id, "low", "Calmer now"),
    "assign to self": lambda u, c: CasesController(u).assign(c.case_id, u.actor.user_id, "Mine now"),
    "close": lambda u, c: CasesController(u).close_case(
        ClosureInput(c.case_id, outcome="resolved", reason="Quiet")),
    "add action": lambda u, c: CaseworkController(u).add_action(
        ActionInput(c.case_id, description="Ring her", due_date=u.today())),
    "complete action": lambda u, c: CaseworkController(u).complete_action(c.action_id),
    "add intervention": lambda u, c: CaseworkController(u).add_intervention(InterventionInput(
        c.case_id, kind="warning_letter", started_on=u.today(), proportionate_reason="Went on")),
    "add evidence": lambda u, c: CaseworkController(u).add_evidence(
        EvidenceInput(c.case_id, kind="diary_sheet", description="Diary")),
    "record contact": lambda u, c: CaseworkController(u).record_contact(
        ContactInput(c.case_id, summary="Rang her")),
    "add referral": lambda u, c: CaseworkController(u).add_referral(
        ReferralInput(c.case_id, kind="referral", service="Victim Support")),
    "log report into case": lambda u, c: ReportsController(u).log_report(
        noise_report(case_id=c.case_id)),
    "assess report on case": lambda u, c: ReportsController(u).assess(
        AssessmentInput(c.report_id, assessment="asb", asb_limb="housing_related_nuisance", reason="x")),
    "record advice on case report": lambda u, c: ReportsController(u).record_advice(
        AdviceInput(c.report_id, "everyday_noise", "More advice")),
    "attach report to case": lambda u, c: ReportsController(u).attach_to_case(
        c.loose_report_id, c.case_id),
    "move report out of case": lambda u, c: ReportsController(u).attach_to_case(
        c.report_id, c.open_case_id),
    "acknowledge case report": lambda u, c: PolicyController(u).acknowledge_report(c.report_id),
    "refer back on case report": lambda u, c: PolicyController(u).refer_back(c.report_id, c.advice_id),
    "pause targets": lambda u, c: PolicyController(u).pause_targets(
        c.case_id, u.policy.targets.pause_reasons[0]),
    "resume targets": lambda u, c: PolicyController(u).resume_targets(c.case_id),
    "request case review": lambda u, c: PolicyController(u).request_case_review(
        CaseReviewInput(case_id=c.case_id, notes="Again")),
    "decide case review": lambda u, c: PolicyController(u).decide_case_review(
        c.request_id, True, "Review held"),
    "risk assessment": lambda u, c: RiskController(u).record_risk_assessment(
        RiskAssessmentInput(c.case_id, questionnaire="victim", answers={"targeted": True})),
    "DASH": lambda u, c: RiskController(u).record_dash(DashInput(
        c.case_id, score=3, safe_to_talk=True, safe_contact="Work phone")),
    "MARAC referral": lambda u, c: RiskController(u).record_marac_referral(c.case_id, "Jo"),
    "update victim": lambda u, c: PeopleController(u).update_person(c.victim_id, NEW_WITNESS),
    "record print of case": lambda u, c: DocumentsController(u).record_output(
        "printed", "Case summary", "case", c.case_id, "panel"),
}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_officer_who_may_not_open_it_changes_nothing(secret: Secret, name: str) -> None:
    other = colleague(secret.app, "Jo Other", "officer")
    before = all_text(secret.app)
    with pytest.raises((AccessDenied, NotFound)) as refused:
        WRITES[name](other, secret)
    # The case itself is refused as restricted; its victim as if not here at all.
    assert "restricted" in str(refused.value) or "no longer in this profile" in str(refused.value)
    assert all_text(secret.app) == before  # the case, its children, change and audit rows


WRITERS = {
    "lead officer": lambda c: c.app.unit,
    "supervisor": lambda c: colleague(c.app, "Pat Lead", "supervisor"),
    "named officer": lambda c: _named(c),
}


def _named(c: Secret) -> Unit:
    unit = colleague(c.app, "Kim Named", "officer")
    AccessController(c.app.unit).name_officer(c.case_id, unit.actor.user_id, "Covering leave")
    return unit


@pytest.mark.parametrize("who", sorted(WRITERS))
@pytest.mark.parametrize("name", ["set risk", "add party", "add action", "record contact",
                                  "log report into case", "DASH", "close"])
def test_lead_named_and_supervisor_may_write(secret: Secret, who: str, name: str) -> None:
    unit = WRITERS[who](secret)
    before = all_text(secret.app)
    WRITES[name](unit, secret)
    assert all_text(secret.app) != before
    assert CasesController(unit).get_case(secret.case_id).id == secret.case_id


def test_assign_to_self_refused_and_lead_kept(secret: Secret) -> None:
    other = colleague(secret.app, "Jo Other", "officer")
    with pytest.raises(AccessDenied, match="restricted case"):
        CasesController(other).assign(secret.case_id, other.actor.user_id, "Taking it over")
    lead = secret.app.cases.get_case(secret.case_id).lead_officer
    assert lead is not None and lead.id == secret.app.unit.actor.user_id
    with pytest.raises(AccessDenied):
        CasesController(other).get_case(secret.case_id)


def test_victim_known_only_from_restricted_case_is_not_shown(secret: Secret) -> None:
    other = colleague(secret.app, "Jo Other", "officer")
    for read in (PeopleController(other).get_person, DocumentsController(other).person,
                 PolicyController(other).person_referrals):
        with pytest.raises(NotFound, match="no longer in this profile") as refused:
            read(secret.victim_id)
        assert "Okafor" not in str(refused.value)
    # The lead officer and a supervisor still see her.
    assert secret.app.people.get_person(secret.victim_id).name == "Amira Okafor"
    boss = colleague(secret.app, "Pat Lead", "supervisor")
    assert DocumentsController(boss).person(secret.victim_id).name == "Amira Okafor"


def test_victim_also_in_an_open_case_is_shown(secret: Secret) -> None:
    other = colleague(secret.app, "Jo Other", "officer")
    secret.app.cases.add_party(secret.open_case_id, "witness", person_id=secret.victim_id)
    assert PeopleController(other).get_person(secret.victim_id).name == "Amira Okafor"


def test_officer_cannot_make_anyone_a_supervisor(app: App, reopen: Callable[[App], App]) -> None:
    profile = app.profile
    me = app.unit.actor.user_id
    colleague_id = profile.add_user("Priya Raman", "officer").id  # an officer colleague is fine
    with pytest.raises(AccessDenied, match="own role"):
        profile.set_role(me, "supervisor", "Promoted")
    with pytest.raises(AccessDenied, match="Only a supervisor"):
        profile.set_role(colleague_id, "supervisor", "Promoted")
    with pytest.raises(AccessDenied, match="Only a supervisor can add a supervisor"):
        profile.add_user("Lee Boss", "supervisor")
    # Nor by writing the row directly in a transaction of their own.
    with pytest.raises(NotPermitted, match="own role"), app.unit.write("user.updated") as tx:
        user = tx.session.get(User, me)
        assert user is not None
        user.role = "supervisor"
        tx.audit("user", me, "")
    reopened = reopen(app)
    assert reopened.unit.actor.role == "officer"
    assert {u.name: u.role for u in reopened.profile.users()} == {
        "Sam Officer": "officer", "Priya Raman": "officer"}


def test_supervisor_changes_others_but_not_own_role(app: App) -> None:
    boss = colleague(app, "Pat Lead", "supervisor")
    profile = ProfileController(boss)
    officer = profile.add_user("Priya Raman", "officer").id
    assert profile.set_role(officer, "supervisor", "Team leader now").role == "supervisor"
    assert profile.add_user("Lee Boss", "supervisor").role == "supervisor"
    with pytest.raises(AccessDenied, match="own role"):
        profile.set_role(boss.actor.user_id, "officer", "Stepping down")
    roles = {u.name: u.role for u in profile.users()}
    assert roles["Pat Lead"] == "supervisor" and roles["Priya Raman"] == "supervisor"
