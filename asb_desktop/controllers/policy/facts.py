"""Gathering the policy rules' facts from the store, in a few set-wise queries.

Each function reads what one rule needs for many cases or reports at once, so
a whole caseload is evaluated in a handful of queries rather than one per case.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.domain.enums import Assessment, ContactDirection
from asb_desktop.domain.policy import Policy
from asb_desktop.domain.rules import case_review as cr
from asb_desktop.domain.rules.calendar import Pause, add_working_days
from asb_desktop.domain.rules.dates import add_months
from asb_desktop.domain.rules.places import address_key
from asb_desktop.domain.rules.repeats import NonAsbReport, PastAdvice
from asb_desktop.domain.rules.targets import CaseFacts, Due, ReportFacts, case_obligations, sort_dues
from asb_desktop.store.models import (
    Action,
    Advice,
    Case,
    CaseReviewRequest,
    Contact,
    DashDetail,
    Report,
    ReportAcknowledgement,
    RiskAssessment,
    TargetPause,
)


def day_of(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def complaints(s: Session, policy: Policy, as_of: date) -> list[cr.Complaint]:
    months = max((t.within_months for t in policy.case_review.thresholds), default=6)
    since = datetime.combine(add_months(as_of, -months), datetime.min.time())
    rows = s.execute(
        sa.select(
            Report.id, Report.received_at, Report.incident_date, Report.reporter_id,
            Report.location, Report.property_id, Report.hate_incident,
        ).where(Report.received_at >= since)
    ).all()
    return [
        cr.Complaint(rid, at.date(), inc, rep, address_key(loc, prop), bool(hate))
        for rid, at, inc, rep, loc, prop, hate in rows
    ]


def past_advice(s: Session, since: date) -> list[PastAdvice]:
    rows = s.execute(
        sa.select(
            Advice.id, Advice.report_id, Advice.given_at, Report.reporter_id, Report.location,
            Report.property_id, Report.categories, Advice.advice_key, Advice.advice_text,
        )
        .join(Report, Report.id == Advice.report_id)
        .where(Advice.given_at >= datetime.combine(since, datetime.min.time()))
    ).all()
    return [
        PastAdvice(aid, rid, at.date(), rep, address_key(loc, prop), frozenset(cats or ()), key, text)
        for aid, rid, at, rep, loc, prop, cats, key, text in rows
    ]


def non_asb(s: Session, since: date) -> list[NonAsbReport]:
    rows = s.execute(
        sa.select(Report.id, Report.received_at, Report.reporter_id, Report.location, Report.property_id)
        .where(
            Report.assessment == Assessment.NOT_ASB.value,
            Report.received_at >= datetime.combine(since, datetime.min.time()),
        )
    ).all()
    return [
        NonAsbReport(rid, at.date(), rep, address_key(loc, prop)) for rid, at, rep, loc, prop in rows
    ]


def obligations(
    s: Session, which: sa.ColumnElement[bool], policy: Policy, today: date
) -> dict[str, list[Due]]:
    targets = policy.targets
    cases = s.execute(
        sa.select(Case.id, Case.risk_level, Case.opened_at, Case.status).where(which)
    ).all()
    ids = sa.select(Case.id).where(which).scalar_subquery()
    reports: dict[str, list[ReportFacts]] = defaultdict(list)
    acked = sa.select(
        ReportAcknowledgement.report_id, sa.func.min(ReportAcknowledgement.acknowledged_on).label("on")
    ).group_by(ReportAcknowledgement.report_id).subquery()
    for rid, cid, at, risk, ack in s.execute(
        sa.select(Report.id, Report.case_id, Report.received_at, Report.risk_level, acked.c.on)
        .outerjoin(acked, acked.c.report_id == Report.id)
        .where(Report.case_id.in_(ids))
    ):
        reports[cid].append(ReportFacts(rid, at.date(), risk, ack))
    first_contact: dict[str, datetime] = dict(s.execute(
        sa.select(Contact.case_id, sa.func.min(Contact.at))
        .where(Contact.case_id.in_(ids), Contact.direction == ContactDirection.OUTGOING.value)
        .group_by(Contact.case_id)
    ).all())
    last_update: dict[str, datetime] = dict(s.execute(
        sa.select(Contact.case_id, sa.func.max(Contact.at))
        .where(Contact.case_id.in_(ids), Contact.victim_update.is_(True))
        .group_by(Contact.case_id)
    ).all())
    plan: dict[str, datetime] = dict(s.execute(
        sa.select(Action.case_id, sa.func.min(Action.created_at))
        .where(Action.case_id.in_(ids)).group_by(Action.case_id)
    ).all())
    assessed: dict[str, tuple[date, str]] = {}
    for cid, on, level in s.execute(
        sa.select(RiskAssessment.case_id, RiskAssessment.assessed_on, RiskAssessment.level)
        .where(RiskAssessment.case_id.in_(ids))
    ):
        if cid not in assessed or on >= assessed[cid][0]:
            assessed[cid] = (on, level)
    actions: dict[str, list[tuple[str, str, date | None]]] = defaultdict(list)
    for aid, cid, desc, due in s.execute(
        sa.select(Action.id, Action.case_id, Action.description, Action.due_date)
        .where(Action.case_id.in_(ids), Action.status == "open")
    ):
        actions[cid].append((aid, desc, due))
    pauses: dict[str, list[Pause]] = defaultdict(list)
    for cid, start, end, reason in s.execute(
        sa.select(TargetPause.case_id, TargetPause.started_on, TargetPause.ended_on, TargetPause.reason)
        .where(TargetPause.case_id.in_(ids))
    ):
        pauses[cid].append(Pause(start, end, reason))
    extra = extra_dues(s, ids, policy, today)
    out: dict[str, list[Due]] = {}
    for cid, risk, opened, status in cases:
        last = assessed.get(cid)
        facts = CaseFacts(
            case_id=cid, risk=risk, opened_on=opened.date(), closed=status == "closed",
            reports=tuple(reports.get(cid, ())),
            first_contact_on=day_of(first_contact.get(cid)),
            action_plan_on=day_of(plan.get(cid)),
            last_victim_update_on=day_of(last_update.get(cid)),
            last_risk_assessment_on=last[0] if last else None,
            last_risk_assessment_level=last[1] if last else None,
            open_actions=tuple(actions.get(cid, ())),
            pauses=tuple(pauses.get(cid, ())),
        )
        dues = case_obligations(facts, targets, today)
        if cid in extra and not facts.closed:
            dues = sort_dues(dues + extra[cid])
        out[cid] = dues
    return out


def extra_dues(s: Session, ids: sa.ScalarSelect[str], policy: Policy, today: date) -> dict[str, list[Due]]:
    """MARAC referrals due and ASB Case Review dates, beside the working-day targets."""
    out: dict[str, list[Due]] = defaultdict(list)
    referred = set(s.scalars(
        sa.select(DashDetail.case_id).where(
            DashDetail.case_id.in_(ids), DashDetail.marac_referred_on.is_not(None)
        )
    ))
    days = policy.dash.referral_days
    for cid, on in s.execute(
        sa.select(DashDetail.case_id, sa.func.min(RiskAssessment.assessed_on))
        .join(RiskAssessment, RiskAssessment.id == DashDetail.risk_assessment_id)
        .where(DashDetail.case_id.in_(ids), RiskAssessment.marac_referral.is_(True))
        .group_by(DashDetail.case_id)
    ):
        if cid not in referred:
            due = add_working_days(on, days)
            out[cid].append(Due("marac_referral", "Make the MARAC referral", due, due < today))
    for req in s.scalars(
        sa.select(CaseReviewRequest).where(
            CaseReviewRequest.case_id.in_(ids), CaseReviewRequest.outcome == ""
        )
    ):
        assert req.case_id is not None
        steps = [
            ("case_review_acknowledge", "Acknowledge the case review request",
             req.acknowledge_by, req.acknowledged_on),
            ("case_review_decision", "Decide whether the case review threshold is met",
             req.decision_by, req.decided_on),
            ("case_review_outcome", "Tell the applicant the case review outcome", req.outcome_by, None),
        ]
        for kind, label, due, done in steps:
            if done is None:
                out[req.case_id].append(Due(kind, label, due, due < today, subject_id=req.id))
    return out

