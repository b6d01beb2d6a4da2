"""Gathering the policy rules' facts from the store, in a few set-wise queries.

Each function reads what one rule needs for many cases or reports at once, so
a whole caseload is evaluated in a handful of queries rather than one per case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.documents.guard import home_key
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
    Person,
    Report,
    ReportAcknowledgement,
    RiskAssessment,
    TargetPause,
)


def day_of(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _date(column: Any) -> Any:
    """The column's calendar day as ISO text: parsed in C, far faster than per-row DateTime types."""
    return sa.func.date(column, type_=sa.String)


def complaints(
    s: Session, policy: Policy, as_of: date,
    reporters: Collection[str] | None = None, places: Collection[str] | None = None,
) -> list[cr.Complaint]:
    """Complaints in the widest threshold window up to ``as_of``.

    Given reporters or places (address keys), only complaints by them or about
    them: every threshold group they belong to is then complete, and the query
    reads a few rows instead of the whole window.
    """
    months = max((t.within_months for t in policy.case_review.thresholds), default=6)
    since = datetime.combine(add_months(as_of, -months), datetime.min.time())
    query = sa.select(
        Report.id, _date(Report.received_at), _date(Report.incident_date), Report.reporter_id,
        Report.location, Report.property_id, sa.type_coerce(Report.hate_incident, sa.Integer),
        Report.case_id,
    ).where(Report.received_at >= since)
    narrow = reporters is not None or places is not None
    who = {r for r in reporters or () if r}
    where_ = {p for p in places or () if p}
    if narrow:
        condition = about(who, where_)
        if condition is None:
            return []
        query = query.where(condition)
    out = [
        cr.Complaint(rid, date.fromisoformat(at), _iso(inc), rep, address_key(loc, prop), bool(hate), cid)
        for rid, at, inc, rep, loc, prop, hate, cid in s.connection().execute(query).all()
    ]
    if narrow:
        out = [
            c for c in out
            if (c.reporter_id is not None and c.reporter_id in who) or c.address_key in where_
        ]
    return out


def about(reporters: set[str], places: set[str]) -> sa.ColumnElement[bool] | None:
    """A cheap superset filter for reports by ``reporters`` or about ``places``; callers then
    compare address keys exactly. None when neither is known (nothing can match)."""
    either: list[sa.ColumnElement[bool]] = []
    if reporters:
        either.append(Report.reporter_id.in_(sorted(reporters)))
    properties = sorted(p.split(":", 1)[1] for p in places if p.startswith("property:"))
    if properties:
        either.append(Report.property_id.in_(properties))
    for place in places - {f"property:{p}" for p in properties}:
        tokens = place_tokens(place)
        # No usable word to search on: read everything and compare keys in Python.
        either.append(sa.and_(*(Report.location.ilike(f"%{t}%") for t in tokens)) if tokens else sa.true())
    return sa.or_(*either) if either else None


def place_tokens(key: str) -> list[str]:
    """The plain-ASCII words of a text address key; SQLite's LIKE folds ASCII case only, and
    every word appears in the typed location, so requiring them all never misses a match."""
    return [w for w in key.removeprefix("text:").split() if w.isascii()]


def past_advice(s: Session, since: date) -> list[PastAdvice]:
    """Advice given since ``since``, keyed by the person advised and their household.

    The "address" a repeat is matched on is the advised person's home, never
    the place complained about: a second reporter about the same flat is not
    of that household, and must not be told what the first was advised.
    """
    rows = s.execute(
        sa.select(
            Advice.id, Advice.report_id, Advice.given_at, Advice.person_id, Person.address,
            Person.postcode, Report.categories, Advice.advice_key, Advice.advice_text,
        )
        .join(Report, Report.id == Advice.report_id)
        .outerjoin(Person, Person.id == Advice.person_id)
        .where(Advice.given_at >= datetime.combine(since, datetime.min.time()))
    ).all()
    return [
        PastAdvice(aid, rid, at.date(), who, home_key(address or "", postcode or ""),
                   frozenset(cats or ()), key, text)
        for aid, rid, at, who, address, postcode, cats, key, text in rows
    ]


def non_asb(
    s: Session, since: date, reporter_id: str | None = None, place: str | None = None
) -> list[NonAsbReport]:
    """Reports assessed not ASB since ``since``; narrowed like ``complaints`` when asked."""
    query = sa.select(
        Report.id, _date(Report.received_at), Report.reporter_id, Report.location, Report.property_id
    ).where(
        Report.assessment == Assessment.NOT_ASB.value,
        Report.received_at >= datetime.combine(since, datetime.min.time()),
    )
    if reporter_id is not None or place is not None:
        where = about({reporter_id} if reporter_id else set(), {place} if place else set())
        if where is None:
            return []
        query = query.where(where)
    return [
        NonAsbReport(rid, date.fromisoformat(at), rep, address_key(loc, prop))
        for rid, at, rep, loc, prop in s.connection().execute(query).all()
    ]


def obligations(
    s: Session, which: sa.ColumnElement[bool], policy: Policy, today: date
) -> dict[str, list[Due]]:
    """Every matching case's obligations from six set-wise queries (Core rows, no ORM objects)."""
    targets = policy.targets
    conn = s.connection()
    cases = conn.execute(
        sa.select(Case.id, Case.risk_level, _date(Case.opened_at), Case.status).where(which)
    ).all()
    ids = sa.select(Case.id).where(which).scalar_subquery()
    outgoing = Contact.direction == ContactDirection.OUTGOING.value
    # One pass over the contacts for first and last outgoing contact and last victim update.
    first_contact: dict[str, str] = {}
    last_contact: dict[str, str] = {}
    last_update: dict[str, str] = {}
    for cid, first, last, update in conn.execute(
        sa.select(
            Contact.case_id,
            _date(sa.func.min(sa.case((outgoing, Contact.at)))),
            _date(sa.func.max(sa.case((outgoing, Contact.at)))),
            _date(sa.func.max(sa.case((Contact.victim_update.is_(True), Contact.at)))),
        ).where(Contact.case_id.in_(ids)).group_by(Contact.case_id)
    ).all():
        if first:
            first_contact[cid], last_contact[cid] = first, last
        if update:
            last_update[cid] = update
    # ISO dates compare as text, so only reports that may still need acknowledging
    # (none recorded, nobody spoken to since) become facts; the rule checks again.
    acknowledged = sa.exists().where(ReportAcknowledgement.report_id == Report.id)
    reports: dict[str, list[ReportFacts]] = defaultdict(list)
    first_report: dict[str, str] = {}
    for rid, cid, at, risk, acked in conn.execute(
        sa.select(Report.id, Report.case_id, _date(Report.received_at), Report.risk_level, acknowledged)
        .where(Report.case_id.in_(ids))
    ).all():
        if cid not in first_report or at < first_report[cid]:
            first_report[cid] = at
        spoken = last_contact.get(cid)
        if not acked and (spoken is None or spoken < at):
            reports[cid].append(ReportFacts(rid, date.fromisoformat(at), risk))
    plan: dict[str, str] = {}
    actions: dict[str, list[tuple[str, str, date | None]]] = defaultdict(list)
    for aid, cid, desc, due, status, created in conn.execute(
        sa.select(
            Action.id, Action.case_id, Action.description, _date(Action.due_date), Action.status,
            _date(Action.created_at),
        ).where(Action.case_id.in_(ids))
    ).all():
        if cid not in plan or created < plan[cid]:
            plan[cid] = created
        if status == "open":
            actions[cid].append((aid, desc, _iso(due)))
    assessed: dict[str, tuple[date, str]] = {}
    for cid, on, level in conn.execute(
        sa.select(RiskAssessment.case_id, _date(RiskAssessment.assessed_on), RiskAssessment.level)
        .where(RiskAssessment.case_id.in_(ids))
    ).all():
        day = date.fromisoformat(on)
        if cid not in assessed or day >= assessed[cid][0]:
            assessed[cid] = (day, level)
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
            case_id=cid, risk=risk, opened_on=date.fromisoformat(opened), closed=status == "closed",
            reports=tuple(reports.get(cid, ())),
            first_report_on=_iso(first_report.get(cid)),
            first_contact_on=_iso(first_contact.get(cid)),
            last_contact_on=_iso(last_contact.get(cid)),
            action_plan_on=_iso(plan.get(cid)),
            last_victim_update_on=_iso(last_update.get(cid)),
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

