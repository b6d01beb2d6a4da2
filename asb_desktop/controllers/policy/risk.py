"""Risk assessments and DASH records (commitment 9), and signposting to the
support-services directory for victims and alleged perpetrators (commitments 8, 9).

Risk only rises from a score; lowering it needs the officer's reason. A DASH
record is refused until the officer confirms it was safe to talk and which
contact details are safe.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.controllers.casework import CaseworkController, open_case_for_update, refresh_case
from asb_desktop.controllers.errors import NotFound, Problems, UserError
from asb_desktop.domain.enums import (
    PartyRole,
    ReferralKind,
    RiskLevel,
    RiskTool,
)
from asb_desktop.domain.inputs import ReferralInput
from asb_desktop.domain.policy import Questionnaire
from asb_desktop.domain.rules.assessment import dash_outcome, score_questionnaire
from asb_desktop.domain.rules.calendar import add_working_days
from asb_desktop.domain.rules.policy_exchange import (
    DashInput,
    DashResult,
    RiskAssessmentInput,
    RiskResult,
    SignpostInput,
)
from asb_desktop.store.models import (
    Case,
    CaseParty,
    DashDetail,
    Person,
    RiskAssessment,
)
from asb_desktop.store.unit import Unit


def questionnaire(available: tuple[Questionnaire, ...], key: str) -> Questionnaire:
    for q in available:
        if q.key == key:
            return q
    raise NotFound(f"There is no risk questionnaire called {key!r} in the policy settings.")


class RiskController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    # -- risk assessment and DASH (commitment 9) ------------------------------

    def record_risk_assessment(self, data: RiskAssessmentInput) -> RiskResult:
        """Score a risk-matrix questionnaire; a higher result raises the case's risk."""
        q = questionnaire(self._unit.policy.questionnaires, data.questionnaire)
        problems = Problems()
        unknown = set(data.answers) - {x.key for x in q.questions}
        if unknown:
            problems.add("answers", "Unknown question: " + ", ".join(sorted(unknown)))
        if not data.answers:
            problems.add("answers", "Answer the questions with the person")
        problems.raise_if_any()
        scored = score_questionnaire(q, data.answers)
        on = data.assessed_on or self._unit.today()
        with self._unit.write("risk.assessed") as tx:
            case = open_case_for_update(tx.session, data.case_id, self._unit.actor)
            self._check_party(tx.session, case.id, data.person_id)
            case_risk = self._apply_level(case, scored.level, data.lower_reason, "Risk matrix")
            row = RiskAssessment(
                case_id=case.id, person_id=data.person_id, tool=RiskTool.ASB_MATRIX.value,
                assessed_on=on, score=scored.score, level=scored.level.value,
                answers={"questionnaire": q.key, **{k: bool(v) for k, v in data.answers.items()}},
                assessed_by=self._unit.actor.user_id,
            )
            tx.session.add(row)
            tx.session.flush()
            refresh_case(tx.session, case)
            tx.audit("risk_assessment", row.id,
                     f"{case.reference}: {q.title}: score {scored.score}, {scored.level.value}")
            review = add_working_days(on, self._unit.policy.targets.risk_review(scored.level))
            return RiskResult(row.id, scored.score, scored.level.value, case_risk.value, review,
                              scored.unanswered)

    def record_dash(self, data: DashInput) -> DashResult:
        """A DASH record: only after confirming it was safe to talk and how to make contact safely."""
        dash = self._unit.policy.dash
        problems = Problems()
        if not data.safe_to_talk:
            problems.add("safe_to_talk", "Confirm it was safe for the person to talk before any question")
        problems.require("safe_contact", data.safe_contact, "Record which contact details are safe to use")
        if data.score is None or not 0 <= data.score <= dash.questions:
            problems.add("score", f"Enter the number of yes answers, 0 to {dash.questions}")
        if data.judgement_high and not data.judgement_reason.strip():
            problems.add("judgement_reason", "Explain the professional judgement")
        below = data.score is not None and data.score < dash.marac_threshold
        if data.marac_referral and below and not data.judgement_high:
            problems.add(
                "judgement_high",
                f"A referral below {dash.marac_threshold} is made on professional judgement: "
                "tick it and give the reason",
            )
        if data.marac_referral:
            problems.require("referred_by", data.referred_by, "Record who made the MARAC referral")
        problems.raise_if_any()
        assert data.score is not None
        outcome = dash_outcome(data.score, data.judgement_high, dash)
        on = data.assessed_on or self._unit.today()
        with self._unit.write("dash.recorded") as tx:
            case = open_case_for_update(tx.session, data.case_id, self._unit.actor)
            self._check_party(tx.session, case.id, data.person_id)
            case_risk = self._apply_level(case, outcome.level, "", "DASH")
            row = RiskAssessment(
                case_id=case.id, person_id=data.person_id, tool=RiskTool.DASH.value, assessed_on=on,
                score=data.score, level=outcome.level.value, answers={"basis": outcome.basis},
                marac_referral=outcome.marac_due, assessed_by=self._unit.actor.user_id,
            )
            tx.session.add(row)
            tx.session.flush()
            tx.session.add(DashDetail(
                risk_assessment_id=row.id, case_id=case.id, safe_to_talk=True,
                safe_contact=data.safe_contact.strip(), judgement_high=data.judgement_high,
                judgement_reason=data.judgement_reason.strip(),
                marac_referred_on=(data.referred_on or on) if data.marac_referral else None,
                marac_referred_by=data.referred_by.strip() if data.marac_referral else "",
            ))
            person = tx.session.get(Person, data.person_id) if data.person_id else None
            if person is not None:
                # From now on every screen and letter reaches this person only the safe way.
                person.contact_preferences = f"Safe contact only: {data.safe_contact.strip()}"
            tx.audit("risk_assessment", row.id,
                     f"{case.reference}: DASH score {data.score}"
                     + ("; MARAC referral due" if outcome.marac_due else ""))
            return DashResult(row.id, data.score, outcome.level.value, outcome.marac_due,
                              data.marac_referral, case_risk.value)

    def record_marac_referral(self, case_id: str, referred_by: str, referred_on: date | None = None) -> None:
        problems = Problems()
        problems.require("referred_by", referred_by, "Record who made the MARAC referral")
        problems.raise_if_any()
        with self._unit.write("dash.marac_referred") as tx:
            case = open_case_for_update(tx.session, case_id, self._unit.actor)
            detail = tx.session.scalar(
                sa.select(DashDetail)
                .join(RiskAssessment, RiskAssessment.id == DashDetail.risk_assessment_id)
                .where(DashDetail.case_id == case.id, RiskAssessment.marac_referral.is_(True))
                .order_by(RiskAssessment.assessed_on.desc())
            )
            if detail is None:
                raise UserError(f"No DASH record on {case.reference} calls for a MARAC referral.")
            detail.marac_referred_on = referred_on or self._unit.today()
            detail.marac_referred_by = referred_by.strip()
            tx.audit("case", case.id, f"{case.reference}: MARAC referral made by {referred_by.strip()}")

    @staticmethod
    def _apply_level(case: Case, level: RiskLevel, lower_reason: str, tool: str) -> RiskLevel:
        """Raise the case to ``level``; lower it only when the officer gives a reason (DASH never does)."""
        current = RiskLevel(case.risk_level)
        if level.rank > current.rank:
            case.risk_level, case.risk_rank = level.value, level.rank
            case.risk_reason = f"{tool} result {level.value}"
        elif level.rank < current.rank and lower_reason.strip():
            case.risk_level, case.risk_rank = level.value, level.rank
            case.risk_reason = lower_reason.strip()
        return RiskLevel(case.risk_level)

    @staticmethod
    def _check_party(s: Session, case_id: str, person_id: str | None) -> None:
        if person_id and s.get(Person, person_id) is None:
            raise NotFound("That person is no longer in this profile.")

    # -- signposting (commitments 8, 9) ---------------------------------------

    def signpost(self, data: SignpostInput) -> str:
        """Record signposting or a referral to a directory service, for a party on the case."""
        service = next((x for x in self._unit.policy.services if x.key == data.service_key), None)
        problems = Problems()
        if service is None:
            problems.add("service_key", "Choose a service from the directory")
        if data.kind not in {k.value for k in ReferralKind}:
            problems.add("kind", "Choose referral or signposting")
        problems.raise_if_any()
        assert service is not None
        with self._unit.read() as s:
            roles = set(s.scalars(sa.select(CaseParty.role).where(
                CaseParty.case_id == data.case_id, CaseParty.person_id == data.person_id
            )))
        side = "alleged_perpetrator" if PartyRole.ALLEGED_PERPETRATOR.value in roles else "victim"
        if roles and side not in service.serves:
            who = "alleged perpetrators" if side == "alleged_perpetrator" else "victims and complainants"
            raise UserError(f"{service.name} is not a service for {who}; choose another from the directory.")
        return CaseworkController(self._unit).add_referral(ReferralInput(
            case_id=data.case_id, person_id=data.person_id, kind=data.kind, service=service.name,
            made_on=data.made_on, notes=data.notes,
        ))

