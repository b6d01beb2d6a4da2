"""What officers record on an open case: actions, interventions, evidence,
contacts, referrals. Also ``refresh_case``, which keeps a case's caseload
columns in step with what it holds."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.controllers.access import open_case_for_update as open_case_for_update
from asb_desktop.controllers.errors import NotFound, Problems
from asb_desktop.domain.case_summary import next_action_due, parties_summary
from asb_desktop.domain.enums import (
    ActionStatus,
    ContactDirection,
    ContactMethod,
    EvidenceKind,
    InterventionKind,
    ReferralKind,
    RiskLevel,
)
from asb_desktop.domain.inputs import (
    ActionInput,
    ContactInput,
    EvidenceInput,
    InterventionInput,
    ReferralInput,
)
from asb_desktop.domain.risk import highest
from asb_desktop.store.models import (
    Action,
    Case,
    CaseParty,
    Contact,
    Evidence,
    Intervention,
    Person,
    Referral,
    Report,
    User,
)
from asb_desktop.store.unit import Tx, Unit


def refresh_case(s: Session, case: Case) -> None:
    """Recompute categories, hate flags, risk (never lowered here), parties and next due."""
    s.flush()
    reports = s.scalars(sa.select(Report).where(Report.case_id == case.id)).all()
    categories = sorted({c for r in reports for c in r.categories})
    strands = sorted({h for r in reports for h in r.hate_strands})
    if categories != case.categories:
        case.categories = categories
    if strands != case.hate_strands:
        case.hate_strands = strands
    hate = any(r.hate_incident for r in reports)
    if hate != case.hate_incident:
        case.hate_incident = hate
    risk = highest([RiskLevel(case.risk_level), *(RiskLevel(r.risk_level) for r in reports)])
    if risk.value != case.risk_level:
        case.risk_level = risk.value
        case.risk_rank = risk.rank
    parties = s.execute(
        sa.select(CaseParty.role, Person.given_name, Person.family_name)
        .join(Person, Person.id == CaseParty.person_id)
        .where(CaseParty.case_id == case.id)
        .order_by(CaseParty.person_id, CaseParty.role)  # as sync's recompute reads them
    ).all()
    summary = parties_summary((role, given, family) for role, given, family in parties)
    if summary != case.parties_summary:
        case.parties_summary = summary
    due = next_action_due(s.scalars(
        sa.select(Action.due_date).where(
            Action.case_id == case.id, Action.status == ActionStatus.OPEN
        )
    ))
    if due != case.next_action_due:
        case.next_action_due = due


def _check_person(s: Session, person_id: str | None, problems: Problems, field: str) -> None:
    if person_id and s.get(Person, person_id) is None:
        problems.add(field, "That person is no longer in this profile")


class CaseworkController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    def _record(
        self, action: str, case_id: str, build: Callable[[Tx, Case], tuple[str, str, str]]
    ) -> str:
        """Run ``build`` on an open case in one write; it returns (entity, id, audit text)."""
        with self._unit.write(action) as tx:
            case = open_case_for_update(tx.session, case_id, self._unit.actor)
            entity, entity_id, detail = build(tx, case)
            refresh_case(tx.session, case)
            tx.audit(entity, entity_id, f"{case.reference}: {detail}")
            return entity_id

    def add_action(self, data: ActionInput) -> str:
        problems = Problems()
        problems.require("description", data.description, "Describe the action")
        problems.require("due_date", data.due_date, "Enter the date the action is due")
        problems.raise_if_any()

        def build(tx: Tx, case: Case) -> tuple[str, str, str]:
            owner = data.owner_id or case.lead_officer_id or self._unit.actor.user_id
            if tx.session.get(User, owner) is None:
                raise NotFound("The chosen owner is not a known user.")
            action = Action(
                case_id=case.id, description=data.description.strip(), owner_id=owner,
                due_date=data.due_date, status=ActionStatus.OPEN.value, created_at=tx.now,
            )
            tx.session.add(action)
            tx.session.flush()
            return "action", action.id, f"Action added, due {data.due_date}"

        return self._record("action.added", data.case_id, build)

    def complete_action(self, action_id: str, completed_on: date | None = None) -> None:
        with self._unit.write("action.completed") as tx:
            action = tx.session.get(Action, action_id)
            if action is None:
                raise NotFound("That action is no longer in this profile.")
            case = open_case_for_update(tx.session, action.case_id, self._unit.actor)
            action.status = ActionStatus.DONE.value
            action.completed_on = completed_on or self._unit.today()
            refresh_case(tx.session, case)
            tx.audit("action", action.id, f"{case.reference}: action completed")

    def add_intervention(self, data: InterventionInput) -> str:
        problems = Problems()
        if data.kind not in {k.value for k in InterventionKind}:
            problems.add("kind", "Choose the intervention")
        problems.require("started_on", data.started_on, "Enter the date it started or was served")
        problems.require(
            "proportionate_reason", data.proportionate_reason,
            "Explain why this step is reasonable and proportionate",
        )
        if data.started_on and data.expires_on and data.expires_on < data.started_on:
            problems.add("expires_on", "The expiry date must be after the start date")
        problems.raise_if_any()

        def build(tx: Tx, case: Case) -> tuple[str, str, str]:
            _check_person(tx.session, data.person_id, problems, "person_id")
            problems.raise_if_any()
            item = Intervention(
                case_id=case.id, person_id=data.person_id, kind=data.kind,
                started_on=data.started_on, expires_on=data.expires_on, review_on=data.review_on,
                proportionate_reason=data.proportionate_reason.strip(),
                tried_before=data.tried_before.strip(), notes=data.notes.strip(),
                created_at=tx.now,
            )
            tx.session.add(item)
            tx.session.flush()
            detail = f"{InterventionKind(data.kind).label} recorded"
            if data.went_past_warning.strip():
                detail += (" after the officer confirmed going on past the ladder warning: "
                           + data.went_past_warning.strip())
            return "intervention", item.id, detail

        return self._record("intervention.added", data.case_id, build)

    def add_evidence(self, data: EvidenceInput) -> str:
        problems = Problems()
        if data.kind not in {k.value for k in EvidenceKind}:
            problems.add("kind", "Choose the kind of evidence")
        problems.require("description", data.description, "Describe the evidence")
        problems.raise_if_any()
        digest = hashlib.sha256(data.content).hexdigest() if data.content is not None else ""

        def build(tx: Tx, case: Case) -> tuple[str, str, str]:
            item = Evidence(
                case_id=case.id, kind=data.kind, description=data.description.strip(),
                captured_on=data.captured_on or self._unit.today(),
                file_name=data.file_name.strip(), sha256=digest, shareable=data.shareable,
                created_at=tx.now,
            )
            tx.session.add(item)
            tx.session.flush()
            return "evidence", item.id, f"{EvidenceKind(data.kind).label} added"

        return self._record("evidence.added", data.case_id, build)

    def record_contact(self, data: ContactInput) -> str:
        problems = Problems()
        if data.method not in {m.value for m in ContactMethod}:
            problems.add("method", "Choose how the contact was made")
        if data.direction not in {d.value for d in ContactDirection}:
            problems.add("direction", "Choose incoming or outgoing")
        problems.require("summary", data.summary, "Summarise the contact")
        at = data.at or self._unit.now()
        if at > self._unit.now():
            problems.add("at", "A contact cannot be in the future")
        problems.raise_if_any()

        def build(tx: Tx, case: Case) -> tuple[str, str, str]:
            _check_person(tx.session, data.person_id, problems, "person_id")
            problems.raise_if_any()
            item = Contact(
                case_id=case.id, person_id=data.person_id, at=at, method=data.method,
                direction=data.direction, summary=data.summary.strip(),
                victim_update=data.victim_update, shareable=data.shareable,
                created_by=self._unit.actor.user_id,
            )
            tx.session.add(item)
            tx.session.flush()
            return "contact", item.id, f"{ContactMethod(data.method).label} contact logged"

        return self._record("contact.recorded", data.case_id, build)

    def add_referral(self, data: ReferralInput) -> str:
        problems = Problems()
        if data.kind not in {k.value for k in ReferralKind}:
            problems.add("kind", "Choose referral or signposting")
        problems.require("service", data.service, "Name the service")
        problems.raise_if_any()

        def build(tx: Tx, case: Case) -> tuple[str, str, str]:
            _check_person(tx.session, data.person_id, problems, "person_id")
            problems.raise_if_any()
            item = Referral(
                case_id=case.id, person_id=data.person_id, kind=data.kind,
                service=data.service.strip(), made_on=data.made_on or self._unit.today(),
                notes=data.notes.strip(),
            )
            tx.session.add(item)
            tx.session.flush()
            return "referral", item.id, f"{ReferralKind(data.kind).label}: {item.service}"

        return self._record("referral.added", data.case_id, build)
