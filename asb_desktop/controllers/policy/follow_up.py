"""What the window shows of the policy's follow-up on a case: the clock pause
in force, the ASB Case Review requests with their steps, the cases one
complaint short of a case review threshold, and the acknowledgement of a
request.

``PolicyController`` records the pause, the request and the decision and
finds the thresholds met; this reads what the case page and the supervisor's
watch list need to show them, and records the one step it lacks: telling
the applicant the request was received.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.controllers.access import (
    check_open,
    hidden_cases,
    open_case_for_update,
    require_case_write_by_id,
)
from asb_desktop.controllers.casework import refresh_case
from asb_desktop.controllers.errors import NotFound, Problems, UserError
from asb_desktop.controllers.policy import facts
from asb_desktop.domain.enums import ActionStatus
from asb_desktop.domain.policy import CaseReviewPolicy
from asb_desktop.domain.rules import case_review as cr
from asb_desktop.store.models import Action, Case, CaseReviewRequest, Person, TargetPause, User
from asb_desktop.store.unit import Unit

#: The targets a pause can stop, in officers' words.
TARGET_WORDS = {
    "acknowledge": "acknowledging reports",
    "first_contact": "first contact",
    "action_plan": "agreeing an action plan",
    "victim_update": "victim updates",
    "risk_review": "risk assessment reviews",
}


@dataclass(frozen=True)
class PauseState:
    """Whether a case's targets are paused, since when and why, and what may pause them."""

    reasons: tuple[str, ...]
    stops: tuple[str, ...]  # what a pause stops, in words
    started_on: date | None = None
    reason: str = ""
    by: str = ""

    @property
    def paused(self) -> bool:
        return self.started_on is not None


@dataclass(frozen=True)
class CaseReviewRow:
    """One ASB Case Review request on a case, with its published dates and where it stands."""

    id: str
    applicant: str
    received_on: date
    thresholds_met: tuple[str, ...]  # described as the policy words them
    acknowledge_by: date
    decision_by: date
    outcome_by: date
    acknowledged_on: date | None
    decided_on: date | None
    threshold_met: bool | None
    outcome: str
    notes: str

    @property
    def stage(self) -> str:
        """The next step, in words: what the officer must do about it."""
        if self.outcome:
            return "decided"
        if self.acknowledged_on is None:
            return "acknowledge"
        return "decide"


@dataclass(frozen=True)
class WatchRow:
    """A case for the supervisor's case review watch: threshold met, or one complaint short."""

    case_id: str
    reference: str
    risk_level: str
    lead_officer: str
    met: bool
    thresholds: tuple[str, ...]
    complaints: int
    requested: bool


def one_short(policy: CaseReviewPolicy) -> CaseReviewPolicy:
    """The same thresholds needing one complaint fewer: groups that meet these but not the
    real ones are one complaint away (a threshold of one complaint has no near side)."""
    return replace(policy, thresholds=tuple(
        replace(t, complaints=t.complaints - 1) for t in policy.thresholds if t.complaints > 1
    ))


def _readable(s: Session, unit: Unit, case_id: str) -> None:
    """Refuse a case this user may not open (restricted) or that is gone, as the case page does."""
    case = s.get(Case, case_id)
    if case is None:
        raise NotFound("That case is no longer in this profile.")
    check_open(s, unit.actor, case)


class FollowUpController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    # -- paused targets -----------------------------------------------------------

    def pause_state(self, case_id: str) -> PauseState:
        targets = self._unit.policy.targets
        stops = tuple(TARGET_WORDS.get(k, k.replace("_", " ")) for k in targets.pausable)
        with self._unit.read() as s:
            _readable(s, self._unit, case_id)
            row = s.scalar(sa.select(TargetPause).where(
                TargetPause.case_id == case_id, TargetPause.ended_on.is_(None)))
            if row is None:
                return PauseState(targets.pause_reasons, stops)
            who = s.get(User, row.recorded_by) if row.recorded_by else None
            return PauseState(targets.pause_reasons, stops, row.started_on, row.reason,
                              who.name if who else "")

    # -- ASB Case Review ------------------------------------------------------------

    def case_reviews(self, case_id: str) -> list[CaseReviewRow]:
        """The case's review requests, newest first; thresholds in the policy's words."""
        words = {t.name: t.description or t.name for t in self._unit.policy.case_review.thresholds}
        with self._unit.read() as s:
            _readable(s, self._unit, case_id)
            rows = s.execute(
                sa.select(CaseReviewRequest, Person.given_name, Person.family_name)
                .outerjoin(Person, Person.id == CaseReviewRequest.applicant_id)
                .where(CaseReviewRequest.case_id == case_id)
                .order_by(CaseReviewRequest.received_on.desc(), CaseReviewRequest.created_at.desc())
            ).all()
            return [
                CaseReviewRow(
                    r.id, f"{given or ''} {family or ''}".strip() or "Not recorded", r.received_on,
                    tuple(words.get(n, n) for n in r.thresholds_met or ()), r.acknowledge_by,
                    r.decision_by, r.outcome_by, r.acknowledged_on, r.decided_on, r.threshold_met,
                    r.outcome, r.notes,
                )
                for r, given, family in rows
            ]

    def acknowledge_case_review(self, request_id: str, on: date | None = None) -> None:
        """The applicant told the request was received, which meets its acknowledgement date."""
        on = on or self._unit.today()
        with self._unit.write("case_review.acknowledged") as tx:
            row = tx.session.get(CaseReviewRequest, request_id)
            if row is None:
                raise NotFound("That case review request is no longer in this profile.")
            require_case_write_by_id(tx.session, self._unit.actor, row.case_id)
            if row.acknowledged_on is not None:
                raise UserError(f"This request was already acknowledged on {row.acknowledged_on:%d %b %Y}.")
            problems = Problems()
            if on < row.received_on or on > self._unit.today():
                problems.add("acknowledged_on",
                             "The date acknowledged must be between the request and today")
            problems.raise_if_any()
            row.acknowledged_on = on
            tx.audit("case_review_request", row.id, f"ASB Case Review request acknowledged on {on}")

    def add_recommendations(self, request_id: str, recommendations: list[tuple[str, date]]) -> int:
        """The review's recommendations, each an action on the case with its due date, in one write."""
        problems = Problems()
        if not any(text.strip() for text, _due in recommendations):
            problems.add("recommendations", "Write at least one recommendation, one to a line")
        problems.raise_if_any()
        with self._unit.write("case_review.recommendations") as tx:
            row = tx.session.get(CaseReviewRequest, request_id)
            if row is None or row.case_id is None:
                raise NotFound("That case review request is no longer on a case in this profile.")
            case = open_case_for_update(tx.session, row.case_id, self._unit.actor)
            owner = case.lead_officer_id or self._unit.actor.user_id
            added = 0
            for text, due in recommendations:
                if text.strip():
                    tx.session.add(Action(
                        case_id=case.id, description=f"Case review: {text.strip()}", owner_id=owner,
                        due_date=due, status=ActionStatus.OPEN.value, created_at=tx.now))
                    added += 1
            tx.session.flush()
            refresh_case(tx.session, case)
            tx.audit("case_review_request", row.id,
                     f"{case.reference}: {added} case review recommendation(s) added as actions")
            return added

    def cases_near_case_review(self) -> dict[str, list[cr.ThresholdHit]]:
        """Open cases one complaint short of a threshold (and not meeting it), with the near hits."""
        today = self._unit.today()
        policy = self._unit.policy
        with self._unit.read() as s:
            complaints = facts.complaints(s, policy, today)
            open_cases = set(s.scalars(sa.select(Case.id).where(Case.status != "closed")))
        met = {(h.threshold, h.group) for h in cr.evaluate(complaints, policy.case_review, today)}
        case_of = {c.report_id: c.case_id for c in complaints if c.case_id in open_cases}
        out: dict[str, list[cr.ThresholdHit]] = defaultdict(list)
        for h in cr.evaluate(complaints, one_short(policy.case_review), today):
            if (h.threshold, h.group) in met:
                continue
            for cid in {case_of[r] for r in h.report_ids if r in case_of}:
                out[str(cid)].append(h)
        return dict(out)

    def watch_rows(
        self, met: dict[str, list[cr.ThresholdHit]], near: dict[str, list[cr.ThresholdHit]]
    ) -> list[WatchRow]:
        """The cases behind ``met`` and ``near`` as the supervisor's list shows them: met first,
        then by complaints; restricted cases this user may not open are left out."""
        ids = set(met) | set(near)
        if not ids:
            return []
        with self._unit.read() as s:
            query = (sa.select(Case.id, Case.reference, Case.risk_level, User.name)
                     .outerjoin(User, User.id == Case.lead_officer_id).where(Case.id.in_(ids)))
            hidden = hidden_cases(self._unit.actor)
            if hidden is not None:
                query = query.where(Case.id.not_in(hidden))
            cases = s.execute(query).all()
            requested = set(s.scalars(sa.select(CaseReviewRequest.case_id)
                                      .where(CaseReviewRequest.case_id.in_(ids))))
        out = []
        for cid, reference, risk, officer in cases:
            hits = met.get(cid) or near.get(cid, [])
            out.append(WatchRow(
                cid, reference, risk, officer or "No lead officer", cid in met,
                tuple(sorted({h.description for h in hits})),
                max((h.complaints for h in hits), default=0), cid in requested,
            ))
        return sorted(out, key=lambda r: (not r.met, -r.complaints, r.reference))
