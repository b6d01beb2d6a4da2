"""Building caseload rows and the full case view from the store."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from asb_desktop.controllers.mapping import person_view, report_row
from asb_desktop.domain.caseload import case_row, is_overdue
from asb_desktop.domain.enums import (
    ActionStatus,
    ContactDirection,
    ContactMethod,
    InterventionKind,
    Labelled,
)
from asb_desktop.domain.views import (
    ActionView,
    CaseDetail,
    CaseRow,
    ContactView,
    EvidenceView,
    InterventionView,
    PartyView,
    ReferralView,
    RiskAssessmentView,
    TimelineEntry,
    UserView,
)
from asb_desktop.store.models import (
    Action,
    Case,
    CaseAccess,
    CaseParty,
    Contact,
    DashDetail,
    Evidence,
    Intervention,
    Lesson,
    Person,
    Referral,
    Report,
    RiskAssessment,
    User,
)


def case_page(
    s: Session,
    conditions: list[sa.ColumnElement[bool]],
    order: list[Any],
    offset: int,
    limit: int,
    today: date,
    count_cap: int | None = None,
    estimate: bool = False,
) -> tuple[list[CaseRow], int]:
    """One page of cases and the total matching.

    The page is read in ``order`` and stops at its limit; in the caseload's
    default order that is an index (migration 0009), so it costs the same at
    any size. With ``count_cap`` (the caseload, filtered on every keystroke)
    the total is counted in the same statement only up to the cap, or a little
    past this page, whichever is more: a broad prefix such as ``no`` matches a
    third of the caseload, and counting all of it each keystroke cost more than
    the page. A total equal to the cap means "at least that many", and fetching
    further pages raises it. With ``estimate`` nothing is counted: a full page
    says "at least the cap" and a short one is exact (a broad search, where
    counting its matches would cost what finding the page saved).
    """
    officer = aliased(User)
    columns = (
        Case.id, Case.reference, Case.parties_summary, Case.categories, Case.risk_level,
        officer.name, Case.status, Case.next_action_due, Case.opened_at, Case.closed_at,
        Case.restricted,
    )
    if estimate:
        rows = s.execute(
            sa.select(*columns).outerjoin(officer, officer.id == Case.lead_officer_id)
            .where(*conditions).order_by(*order).offset(offset).limit(limit)
        ).all()
        cap = max(count_cap or 0, offset + limit + 1)
        return _rows(rows, today), (cap if len(rows) == limit else offset + len(rows))
    counted = sa.select(Case.id).where(*conditions)
    if count_cap is not None:
        counted = counted.limit(max(count_cap, offset + limit + 1))
    count = sa.select(sa.func.count()).select_from(counted.subquery())
    total_in_page = count.correlate(None).scalar_subquery() if count_cap is not None else None
    query = (
        sa.select(*columns, total_in_page if total_in_page is not None else sa.literal(0))
        .outerjoin(officer, officer.id == Case.lead_officer_id)
        .where(*conditions).order_by(*order).offset(offset).limit(limit)
    )
    rows = s.execute(query).all()
    # A search is counted in the page's own statement, so its matches are found once.
    total = int(cast(int, rows[0][-1])) if rows and total_in_page is not None else s.scalar(count) or 0
    return _rows([r[:-1] for r in rows], today), total


def _rows(rows: Any, today: date) -> list[CaseRow]:
    return [
        case_row(id=cid, reference=ref, parties=parties, categories=cats, risk_level=risk,
                 officer=name, status=status, next_action_due=due, opened_at=opened,
                 closed_at=closed, restricted=restricted, today=today)
        for cid, ref, parties, cats, risk, name, status, due, opened, closed, restricted
        in rows
    ]


def case_rows(
    s: Session,
    conditions: list[sa.ColumnElement[bool]],
    order: list[Any],
    offset: int,
    limit: int,
    today: date,
) -> list[CaseRow]:
    return case_page(s, conditions, order, offset, limit, today)[0]


def _names(s: Session, ids: set[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {
        p.id: p.display_name for p in s.scalars(sa.select(Person).where(Person.id.in_(wanted)))
    }


def _at(day: date | None) -> datetime:
    return datetime.combine(day or date.min, time.min)


def _words(kind: type[Labelled], value: str) -> str:
    """The label officers know; a value from a newer device is shown as it came."""
    try:
        return kind(value).label
    except ValueError:
        return value.replace("_", " ")


def _contact_line(c: ContactView) -> str:
    how = _words(ContactMethod, c.method).lower()
    towards = "from" if c.direction == ContactDirection.INCOMING else "with"
    who = f" {towards} {c.person}" if c.person else ""
    update = " (victim update)" if c.victim_update else ""
    return f"Contact by {how}{who}{update}: {c.summary}"


def case_detail(s: Session, case: Case, today: date) -> CaseDetail:
    lead = s.get(User, case.lead_officer_id) if case.lead_officer_id else None
    parties = s.execute(
        sa.select(CaseParty, Person)
        .join(Person, Person.id == CaseParty.person_id)
        .where(CaseParty.case_id == case.id)
        .order_by(CaseParty.role, Person.family_name)
    ).all()
    reports = s.scalars(
        sa.select(Report).where(Report.case_id == case.id).order_by(Report.received_at)
    ).all()
    actions = s.scalars(
        sa.select(Action).where(Action.case_id == case.id).order_by(Action.due_date)
    ).all()
    interventions = s.scalars(
        sa.select(Intervention).where(Intervention.case_id == case.id).order_by(Intervention.started_on)
    ).all()
    evidence = s.scalars(
        sa.select(Evidence).where(Evidence.case_id == case.id).order_by(Evidence.captured_on)
    ).all()
    contacts = s.scalars(
        sa.select(Contact).where(Contact.case_id == case.id).order_by(Contact.at)
    ).all()
    referrals = s.scalars(
        sa.select(Referral).where(Referral.case_id == case.id).order_by(Referral.made_on)
    ).all()
    risks = s.scalars(
        sa.select(RiskAssessment)
        .where(RiskAssessment.case_id == case.id)
        .order_by(RiskAssessment.assessed_on)
    ).all()
    maracs = {d.risk_assessment_id: d for d in s.scalars(
        sa.select(DashDetail).where(DashDetail.case_id == case.id,
                                    DashDetail.marac_referred_on.is_not(None)))}
    lessons = s.scalars(sa.select(Lesson.text).where(Lesson.case_id == case.id)).all()
    users = {u.id: u.name for u in s.scalars(sa.select(User))}
    names = _names(
        s,
        {r.reporter_id for r in reports}
        | {c.person_id for c in contacts}
        | {i.person_id for i in interventions}
        | {r.person_id for r in referrals}
        | {r.person_id for r in risks},
    )

    report_views = tuple(
        report_row(r, names.get(r.reporter_id or "", "(no name)"), case.reference) for r in reports
    )
    action_views = tuple(
        ActionView(
            id=a.id, description=a.description, owner=users.get(a.owner_id or "", ""),
            due_date=a.due_date, status=a.status, completed_on=a.completed_on,
            overdue=a.status == ActionStatus.OPEN and is_overdue(a.due_date, today),
        )
        for a in actions
    )
    intervention_views = tuple(
        InterventionView(
            id=i.id, kind=i.kind, person=names.get(i.person_id or "", ""),
            started_on=i.started_on, expires_on=i.expires_on, review_on=i.review_on,
            proportionate_reason=i.proportionate_reason, tried_before=i.tried_before,
        )
        for i in interventions
    )
    contact_views = tuple(
        ContactView(
            id=c.id, at=c.at, person=names.get(c.person_id or "", ""), method=c.method,
            direction=c.direction, summary=c.summary, victim_update=c.victim_update,
            shareable=c.shareable,
        )
        for c in contacts
    )
    timeline: list[TimelineEntry] = [
        TimelineEntry(r.received_at, "report", f"Report: {r.excerpt}", r.id) for r in report_views
    ]
    timeline += [TimelineEntry(c.at, "contact", _contact_line(c), c.id) for c in contact_views]
    timeline += [
        TimelineEntry(
            _at(a.completed_on or a.due_date), "action",
            f"Action {'done' if a.status == 'done' else 'due'}: {a.description}", a.id,
        )
        for a in action_views
    ]
    timeline += [
        TimelineEntry(
            _at(i.started_on), "intervention",
            _words(InterventionKind, i.kind) + (f" ({i.person})" if i.person else ""), i.id,
        )
        for i in intervention_views
    ]
    timeline.sort(key=lambda e: (e.when, e.kind))
    return CaseDetail(
        id=case.id,
        reference=case.reference,
        summary=case.summary,
        status=case.status,
        risk_level=case.risk_level,
        restricted=case.restricted,
        lead_officer=UserView(lead.id, lead.name, lead.role) if lead else None,
        lead_agency=case.lead_agency,
        partner_agencies=tuple(case.partner_agencies),
        categories=tuple(case.categories),
        hate_strands=tuple(case.hate_strands),
        opened_at=case.opened_at,
        closed_at=case.closed_at,
        outcome=case.outcome,
        closure_reason=case.closure_reason,
        satisfaction=case.satisfaction,
        satisfaction_comment=case.satisfaction_comment,
        named_officers=tuple(sorted(s.scalars(sa.select(CaseAccess.user_id).where(
            CaseAccess.case_id == case.id)))),
        next_action_due=case.next_action_due,
        parties=tuple(PartyView(cp.id, cp.role, person_view(p)) for cp, p in parties),
        reports=report_views,
        actions=action_views,
        interventions=intervention_views,
        evidence=tuple(
            EvidenceView(
                id=e.id, kind=e.kind, description=e.description, captured_on=e.captured_on,
                file_name=e.file_name, sha256=e.sha256, shareable=e.shareable,
            )
            for e in evidence
        ),
        contacts=contact_views,
        referrals=tuple(
            ReferralView(
                id=r.id, kind=r.kind, person=names.get(r.person_id or "", ""),
                service=r.service, made_on=r.made_on, notes=r.notes,
            )
            for r in referrals
        ),
        risk_assessments=tuple(
            RiskAssessmentView(
                id=r.id, tool=r.tool, person=names.get(r.person_id or "", ""),
                assessed_on=r.assessed_on, score=r.score, level=r.level,
                marac_referral=r.marac_referral,
                marac_referred_on=maracs[r.id].marac_referred_on if r.id in maracs else None,
                marac_referred_by=maracs[r.id].marac_referred_by if r.id in maracs else "",
            )
            for r in risks
        ),
        lessons=tuple(lessons),
        timeline=tuple(timeline),
    )
