"""A closed case with something in every table that can hold part of a case, and a
second, open case that shares its alleged perpetrator; plus colleagues to act as.

The names and words are unusual on purpose: a test that searches every table
for them finds only what the case put there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from asb_desktop.app import App
from asb_desktop.controllers.access import AccessController
from asb_desktop.controllers.drafts import DraftsController
from asb_desktop.domain.enums import Role
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
    ReportInput,
)
from asb_desktop.domain.rules.policy_exchange import CaseReviewInput, RiskAssessmentInput
from asb_desktop.store.models import User
from asb_desktop.store.models.base import new_id
from asb_desktop.store.unit import Actor, Unit
from tests.conftest import FakeClock

VICTIM = PersonInput(
    given_name="Marguerite", family_name="Oyelaran", phone="07700 900741",
    email="m.oyelaran@example.org", address="22 Hawthorn Rise", postcode="LS7 3DF",
    vulnerabilities="Hearing loss after an assault", adjustments=["large_print"],
    contact_preferences="Text first, never a home visit unannounced",
)
WITNESS = PersonInput(
    given_name="Philippa", family_name="Strongbow", phone="07700 900552",
    address="26 Hawthorn Rise", postcode="LS7 3DF",
)
PERPETRATOR = PersonInput(
    given_name="Dorian", family_name="Quillfeather", phone="07700 900913",
    address="24 Hawthorn Rise", postcode="LS7 3DF",
)
NEIGHBOUR = PersonInput(
    given_name="Cosmo", family_name="Featherstonehaugh", phone="07700 900808",
    address="28 Hawthorn Rise", postcode="LS7 3DG",
)
NEIGHBOUR_ACCOUNT = "Heard Dorian Quillfeather shouting at Marguerite; ring me on 07700 900808"
DESCRIPTION = "Thumping bassline and shouting through the party wall since the new year"
CONTACT_NOTE = "Marguerite says the thumping wakes her grandson"
#: Words of the closed case that must not outlive its purge anywhere in the profile.
CASE_WORDS = ("Marguerite", "Oyelaran", "Philippa", "Strongbow", "07700 900741", "07700 900552",
              "Featherstonehaugh", "07700 900808",
              "Thumping bassline", "wakes her grandson", "Hearing loss", "Hawthorn Rise, flat 2")


@dataclass(frozen=True)
class CaseFile:
    case_id: str
    reference: str
    victim_id: str
    witness_id: str
    perpetrator_id: str
    other_case_id: str  # open, shares the alleged perpetrator
    other_reporter_id: str


def colleague(app: App, name: str, role: str) -> Unit:
    """Another user of this profile's device, to act as.

    Only a supervisor may add a supervisor, so on an officer's profile a
    supervisor colleague writes their own user row, as a profile's first user
    does when it is created (in the field their row arrives by sync)."""
    if role == Role.SUPERVISOR.value and not app.unit.actor.is_supervisor:
        actor = Actor(new_id(), app.unit.actor.device_id, name, role)
        unit = Unit(app.store, actor, app.unit.clock, app.unit.policy)
        with unit.write("user.added") as tx:
            tx.session.add(User(id=actor.user_id, name=name, role=role, created_at=tx.now))
            tx.audit("user", actor.user_id, f"Colleague {name} added")
        return unit
    user = app.profile.add_user(name, role)
    actor = Actor(user.id, app.unit.actor.device_id, user.name, user.role)
    return Unit(app.store, actor, app.unit.clock, app.unit.policy)


def build(app: App, clock: FakeClock) -> CaseFile:
    first = app.reports.log_report(ReportInput(
        new_reporter=VICTIM, categories=["noise", "harassment"], description=DESCRIPTION,
        location="Hawthorn Rise, flat 2", incident_date=clock.now().date(),
    ))
    assert first.reporter is not None
    victim = first.reporter.id
    app.policy.acknowledge_report(first.id, method="phone")
    case = app.cases.open_case(CaseInput(report_ids=[first.id], lead_agency="Landlord"))
    witness = next(p.person.id for p in app.cases.add_party(case.id, "witness", new=WITNESS).parties
                   if p.role == "witness")
    perpetrator = next(
        p.person.id for p in app.cases.add_party(case.id, "alleged_perpetrator", new=PERPETRATOR).parties
        if p.role == "alleged_perpetrator")
    today = clock.now().date()
    app.reports.log_report(ReportInput(new_reporter=NEIGHBOUR, categories=["noise"], case_id=case.id,
                                       description=NEIGHBOUR_ACCOUNT, incident_date=today))
    app.casework.add_action(ActionInput(case.id, description="Fit a noise monitor for Marguerite",
                                        due_date=today + timedelta(days=7)))
    app.casework.record_contact(ContactInput(case.id, person_id=victim, summary=CONTACT_NOTE,
                                             victim_update=True))
    app.casework.record_contact(ContactInput(case.id, person_id=perpetrator,
                                             summary="Warned Dorian about the noise"))
    app.casework.add_evidence(EvidenceInput(case.id, kind="diary_sheet",
                                            description="Diary kept by Marguerite Oyelaran",
                                            file_name="oyelaran-diary.pdf", content=b"diary"))
    app.casework.add_intervention(InterventionInput(
        case.id, kind="warning_letter", person_id=perpetrator, started_on=today,
        proportionate_reason="Noise continued after advice"))
    app.casework.add_referral(ReferralInput(case.id, person_id=victim, kind="referral",
                                            service="Victim Support", notes="Call Marguerite"))
    app.risk.record_risk_assessment(RiskAssessmentInput(
        case.id, questionnaire="victim", person_id=victim, answers={"targeted": True}))
    app.policy.request_case_review(CaseReviewInput(applicant_id=victim, case_id=case.id,
                                                   notes="Marguerite asks for a case review"))
    app.policy.pause_targets(case.id, "Complainant away or in hospital")
    app.policy.resume_targets(case.id)
    # A second report from her, not ASB, with advice, added to the case.
    second = app.reports.log_report(ReportInput(
        reporter_id=victim, categories=["noise"], description="Washing machine at night",
        incident_date=today))
    app.reports.assess(AssessmentInput(second.id, assessment="not_asb", reason="Everyday living"))
    app.reports.record_advice(AdviceInput(second.id, "everyday_noise", "Talk to the neighbour"))
    app.reports.attach_to_case(second.id, case.id)
    # The perpetrator is also in an open case: he stays when the first case goes.
    other = app.reports.log_report(ReportInput(
        new_reporter=PersonInput(given_name="Tobias", family_name="Wrenfield", phone="07700 900300"),
        categories=["noise"], description="Drilling at midnight", incident_date=today))
    assert other.reporter is not None
    other_case = app.cases.open_case(CaseInput(report_ids=[other.id]))
    app.cases.add_party(other_case.id, "alleged_perpetrator", person_id=perpetrator)
    reference = app.cases.get_case(case.id).reference
    DraftsController(app.unit).save("report", {"description": f"More about {reference} from Marguerite"})
    app.cases.close_case(ClosureInput(case.id, outcome="resolved", reason="Noise stopped",
                                      lessons_learned="Monitor sooner for Marguerite"))
    return CaseFile(case.id, reference, victim, witness, perpetrator, other_case.id, other.reporter.id)


def restrict(app: App, case_id: str) -> None:
    AccessController(app.unit).set_restricted(case_id, True, "Domestic abuse disclosed")


def all_text(app: App) -> dict[str, list[str]]:
    """Every value of every row of every table (full-text index tables included), as text."""
    out: dict[str, list[str]] = {}
    with app.store.engine.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        for name in names:
            values = out.setdefault(name, [])
            for row in conn.exec_driver_sql(f'SELECT * FROM "{name}"'):
                for v in row:
                    if isinstance(v, bytes):
                        values.append(v.decode("utf-8", "replace"))
                    elif v is not None:
                        values.append(str(v))
    return out


def when(years: int, days: int, closed: date) -> date:
    """``years`` after ``closed`` (same day of the year), then ``days`` more or fewer."""
    return closed.replace(year=closed.year + years) + timedelta(days=days)


def count(app: App, table: str) -> int:
    with app.store.engine.connect() as conn:
        return int(conn.execute(sa.text(f'SELECT count(*) FROM "{table}"')).scalar_one())
