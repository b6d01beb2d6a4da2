"""Tenancies and the sign-up / post-tenancy visits where ASB terms are explained."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.controllers.access import RESTRICTED_LABEL, hidden_cases
from asb_desktop.controllers.errors import NotFound, Problems, UserError
from asb_desktop.controllers.mapping import person_view
from asb_desktop.domain.enums import TenureType, VisitKind, VisitStatus
from asb_desktop.domain.inputs import TenancyInput, VisitInput
from asb_desktop.domain.views import Page, TenancyView, VisitRow, VisitView
from asb_desktop.domain.visits import (
    ASB_TERMS,
    DueVisit,
    PackCase,
    PackTenant,
    VisitSheet,
    due_state,
    post_tenancy_visit_due,
    week_of,
)
from asb_desktop.store.models import (
    Case,
    CaseParty,
    Person,
    Property,
    Report,
    Tenancy,
    TenancyMember,
    TenancyVisit,
    User,
)
from asb_desktop.store.unit import Unit


@dataclass(frozen=True)
class VisitFilter:
    status: str | None = None  # "due", "done", or None for both
    text: str = ""
    #: Only visits not yet done that fall due by this day (overdue and due this week).
    due_by: date | None = None


#: Columns the visits table can be sorted by, named as the table names them.
VISIT_SORTS: dict[str, Any] = {
    "status": TenancyVisit.status,
    "due": TenancyVisit.due_date,
    "visited": TenancyVisit.visit_date,
    "tenancy": Tenancy.reference,
    "address": Property.address,
    "kind": TenancyVisit.kind,
    "acknowledged": TenancyVisit.acknowledged,
    "officer": User.name,
}


class VisitsController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    def add_tenancy(
        self, data: TenancyInput, schedule_visit: bool = True, sign_up_visit: bool = False
    ) -> TenancyView:
        """Record a tenancy; a post-tenancy visit is scheduled the landlord's
        number of weeks (``[visits]`` in settings) after it starts. With
        ``sign_up_visit`` (a tenancy typed in at sign-up), the sign-up visit is
        scheduled on the start date too, where the landlord's policy has one."""
        problems = Problems()
        problems.require("reference", data.reference, "Enter the tenancy reference")
        problems.require("address", data.address, "Enter the address of the property")
        if data.tenure_type not in {t.value for t in TenureType}:
            problems.add("tenure_type", "Choose the tenure type")
        problems.require("start_date", data.start_date, "Enter the tenancy start date")
        problems.raise_if_any()
        with self._unit.write("tenancy.added") as tx:
            s = tx.session
            if s.scalar(sa.select(Tenancy.id).where(Tenancy.reference == data.reference.strip())):
                raise UserError(f"Tenancy {data.reference.strip()} is already recorded.")
            prop = Property(
                address=data.address.strip(), postcode=data.postcode.strip().upper(),
                created_at=tx.now,
            )
            s.add(prop)
            s.flush()
            tenancy = Tenancy(
                reference=data.reference.strip(), property_id=prop.id,
                tenure_type=data.tenure_type, start_date=data.start_date, created_at=tx.now,
            )
            s.add(tenancy)
            s.flush()
            for pid in data.tenant_ids:
                if s.get(Person, pid) is None:
                    raise NotFound("A chosen tenant is no longer in this profile.")
                s.add(TenancyMember(tenancy_id=tenancy.id, person_id=pid, role="tenant"))
            if (schedule_visit and sign_up_visit and data.start_date is not None
                    and self._unit.policy.visits.sign_up_visit):
                s.add(
                    TenancyVisit(
                        tenancy_id=tenancy.id, kind=VisitKind.SIGN_UP.value,
                        status=VisitStatus.DUE.value, due_date=data.start_date,
                        officer_id=self._unit.actor.user_id, created_at=tx.now,
                    )
                )
            if schedule_visit and data.start_date is not None:
                s.add(
                    TenancyVisit(
                        tenancy_id=tenancy.id, kind=VisitKind.POST_TENANCY.value,
                        status=VisitStatus.DUE.value,
                        due_date=post_tenancy_visit_due(data.start_date, self._unit.policy.visits),
                        officer_id=self._unit.actor.user_id, created_at=tx.now,
                    )
                )
            tx.audit("tenancy", tenancy.id, f"Tenancy {tenancy.reference} added")
            s.flush()
            return _tenancy_view(s, tenancy)

    def record_visit(self, data: VisitInput) -> VisitView:
        problems = Problems()
        if data.kind not in {k.value for k in VisitKind}:
            problems.add("kind", "Choose the kind of visit")
        problems.require("visit_date", data.visit_date, "Enter the date of the visit")
        if data.visit_date and data.visit_date > self._unit.today():
            problems.add("visit_date", "The visit date must be today or in the past")
        problems.require("present", data.present, "Say who was present")
        unknown = set(data.checklist) - set(ASB_TERMS)
        if unknown:
            problems.add("checklist", "Unknown checklist item: " + ", ".join(sorted(unknown)))
        if data.acknowledged and not data.acknowledged_by.strip():
            problems.add("acknowledged_by", "Enter the name of the tenant who acknowledged the terms")
        problems.raise_if_any()
        with self._unit.write("visit.recorded") as tx:
            s = tx.session
            if s.get(Tenancy, data.tenancy_id) is None:
                raise NotFound("That tenancy is no longer in this profile.")
            if data.visit_id:
                visit = s.get(TenancyVisit, data.visit_id)
                if visit is None or visit.tenancy_id != data.tenancy_id:
                    raise NotFound("That scheduled visit is no longer in this profile.")
            else:
                visit = TenancyVisit(tenancy_id=data.tenancy_id, created_at=tx.now)
                s.add(visit)
            visit.kind = data.kind
            visit.status = VisitStatus.DONE.value
            visit.visit_date = data.visit_date
            visit.officer_id = self._unit.actor.user_id
            visit.present = data.present.strip()
            visit.checklist = [k for k in ASB_TERMS if k in data.checklist]
            visit.acknowledged = data.acknowledged
            visit.acknowledged_by = data.acknowledged_by.strip()
            visit.notes = data.notes.strip()
            s.flush()
            tx.audit(
                "visit", visit.id,
                f"{VisitKind(data.kind).label}: {len(visit.checklist)}/{len(ASB_TERMS)} terms explained",
            )
            return _visit_view(s, visit)

    def get_visit(self, visit_id: str) -> VisitView:
        with self._unit.read() as s:
            visit = s.get(TenancyVisit, visit_id)
            if visit is None:
                raise NotFound("That visit is no longer in this profile.")
            return _visit_view(s, visit)

    def list_visits(
        self, flt: VisitFilter | None = None, offset: int = 0, limit: int = 100,
        sort: str | None = None, descending: bool = False,
    ) -> Page[VisitRow]:
        """Due visits first, soonest first, unless the officer sorts by a column
        (one of ``VISIT_SORTS``); ties keep that usual order."""
        flt = flt or VisitFilter()
        conditions: list[sa.ColumnElement[bool]] = []
        if flt.status:
            conditions.append(TenancyVisit.status == flt.status)
        if flt.due_by is not None:
            conditions += [TenancyVisit.status == VisitStatus.DUE.value,
                           TenancyVisit.due_date <= flt.due_by]
        if flt.text.strip():
            like = f"%{flt.text.strip()}%"
            conditions.append(sa.or_(Tenancy.reference.ilike(like), Property.address.ilike(like),
                                     Property.postcode.ilike(like)))
        base = (
            sa.select(TenancyVisit, Tenancy.reference, Property.address, User.name)
            .join(Tenancy, Tenancy.id == TenancyVisit.tenancy_id)
            .join(Property, Property.id == Tenancy.property_id)
            .outerjoin(User, User.id == TenancyVisit.officer_id)
            .where(*conditions)
        )
        with self._unit.read() as s:
            total = s.scalar(sa.select(sa.func.count()).select_from(base.subquery())) or 0
            usual = [
                sa.case((TenancyVisit.status == VisitStatus.DUE.value, 0), else_=1),
                TenancyVisit.due_date.asc(),
                TenancyVisit.visit_date.desc(),
                TenancyVisit.id,
            ]
            column = VISIT_SORTS.get(sort or "")
            if column is not None:
                usual.insert(0, column.desc().nulls_last() if descending
                             else column.asc().nulls_last())
            rows = s.execute(
                base.order_by(*usual).offset(offset).limit(limit)
            ).all()
            out = [
                VisitRow(
                    id=v.id, tenancy_id=v.tenancy_id, tenancy_reference=ref, address=addr,
                    kind=v.kind, status=v.status, due_date=v.due_date, visit_date=v.visit_date,
                    officer=name or "", terms_explained=len(v.checklist),
                    terms_total=len(ASB_TERMS), acknowledged=v.acknowledged,
                )
                for v, ref, addr, name in rows
            ]
            return Page(rows=out, total=total, offset=offset)

    def due_visits(self, officer: str | None = None, everyone: bool = False) -> list[DueVisit]:
        """Visits not yet done that are overdue or due by Sunday, overdue first,
        for the signed-in officer, a named officer, or (``everyone``) the team."""
        today = self._unit.today()
        query = (
            sa.select(TenancyVisit, Tenancy.reference, Property.address, User.name)
            .join(Tenancy, Tenancy.id == TenancyVisit.tenancy_id)
            .join(Property, Property.id == Tenancy.property_id)
            .outerjoin(User, User.id == TenancyVisit.officer_id)
            .where(TenancyVisit.status == VisitStatus.DUE.value,
                   TenancyVisit.due_date <= week_of(today)[1])
            .order_by(User.name, TenancyVisit.due_date, Tenancy.reference)
        )
        with self._unit.read() as s:
            if officer:
                user_id = s.scalar(sa.select(User.id).where(
                    sa.func.lower(User.name) == officer.strip().lower()))
                if user_id is None:
                    raise NotFound(f"No officer named {officer!r} in this profile.")
                query = query.where(TenancyVisit.officer_id == user_id)
            elif not everyone:
                query = query.where(TenancyVisit.officer_id == self._unit.actor.user_id)
            rows = s.execute(query).all()
        out = [DueVisit(v.id, ref, addr, v.kind, v.due_date, name or "", due_state(v.due_date, today))
               for v, ref, addr, name in rows]
        return sorted(out, key=lambda d: (d.officer, d.state != "overdue"))

    def visit_pack(self, day: date, officer_id: str | None = None) -> list[VisitSheet]:
        """A sheet per visit the officer has on ``day`` (due that day, or made
        that day): address, tenants with their reasonable adjustments, and the
        open cases at that address or involving those tenants, as this user
        may see them."""
        officer_id = officer_id or self._unit.actor.user_id
        with self._unit.read() as s:
            visits = s.scalars(
                sa.select(TenancyVisit)
                .join(Tenancy, Tenancy.id == TenancyVisit.tenancy_id)
                .where(TenancyVisit.officer_id == officer_id,
                       TenancyVisit.status != VisitStatus.CANCELLED.value,
                       sa.or_(sa.and_(TenancyVisit.status == VisitStatus.DUE.value,
                                      TenancyVisit.due_date == day),
                              TenancyVisit.visit_date == day))
                .order_by(Tenancy.reference)
            ).all()
            return [self._sheet(s, v) for v in visits]

    def _sheet(self, s: Session, v: TenancyVisit) -> VisitSheet:
        tenancy = s.get(Tenancy, v.tenancy_id)
        assert tenancy is not None
        prop = s.get(Property, tenancy.property_id)
        officer = s.get(User, v.officer_id) if v.officer_id else None
        people = s.scalars(
            sa.select(Person).join(TenancyMember, TenancyMember.person_id == Person.id)
            .where(TenancyMember.tenancy_id == tenancy.id).order_by(Person.family_name)
        ).all()
        address = prop.address if prop else ""
        return VisitSheet(
            visit_id=v.id, kind=v.kind, due_date=v.due_date,
            tenancy_reference=tenancy.reference, tenure=tenancy.tenure_type,
            start_date=tenancy.start_date, address=address,
            postcode=prop.postcode if prop else "", officer=officer.name if officer else "",
            tenants=tuple(PackTenant(p.display_name, p.date_of_birth, p.phone,
                                     tuple(p.adjustments), p.adjustment_notes, p.language)
                          for p in people),
            cases=tuple(self._cases_near(s, [p.id for p in people], address)),
        )

    def _cases_near(self, s: Session, person_ids: list[str], address: str) -> list[PackCase]:
        first_line = address.split(",")[0].strip()
        by_party = sa.select(CaseParty.case_id).where(CaseParty.person_id.in_(person_ids))
        conditions = [Case.id.in_(by_party)]
        if first_line:
            conditions.append(Case.id.in_(sa.select(Report.case_id).where(
                Report.location.ilike(f"%{first_line}%"))))
        cases = s.scalars(
            sa.select(Case).where(Case.status != "closed", sa.or_(*conditions))
            .order_by(Case.risk_rank.desc(), Case.reference)
        ).all()
        hidden_q = hidden_cases(self._unit.actor)
        hidden = set(s.scalars(hidden_q.where(Case.id.in_([c.id for c in cases])))) \
            if hidden_q is not None and cases else set()
        return [
            PackCase(c.reference, "", "", RESTRICTED_LABEL, True) if c.id in hidden
            else PackCase(c.reference, c.summary, c.risk_level, c.parties_summary, c.restricted)
            for c in cases
        ]

    def find_tenancies(self, text: str, limit: int = 20) -> list[TenancyView]:
        like = f"%{text.strip()}%"
        with self._unit.read() as s:
            tenancies = s.scalars(
                sa.select(Tenancy)
                .join(Property, Property.id == Tenancy.property_id)
                .where(sa.or_(Tenancy.reference.ilike(like), Property.address.ilike(like),
                              Property.postcode.ilike(like)))
                .order_by(Tenancy.reference)
                .limit(limit)
            ).all()
            return [_tenancy_view(s, t) for t in tenancies]


def _tenancy_view(s: Session, t: Tenancy) -> TenancyView:
    prop = s.get(Property, t.property_id)
    tenants = s.scalars(
        sa.select(Person)
        .join(TenancyMember, TenancyMember.person_id == Person.id)
        .where(TenancyMember.tenancy_id == t.id)
    ).all()
    return TenancyView(
        id=t.id, reference=t.reference, address=prop.address if prop else "",
        postcode=prop.postcode if prop else "", tenure_type=t.tenure_type,
        start_date=t.start_date, tenants=tuple(person_view(p) for p in tenants),
    )


def _visit_view(s: Session, v: TenancyVisit) -> VisitView:
    tenancy = s.get(Tenancy, v.tenancy_id)
    assert tenancy is not None
    officer = s.get(User, v.officer_id) if v.officer_id else None
    report_ids = s.scalars(sa.select(Report.id).where(Report.visit_id == v.id)).all()
    return VisitView(
        id=v.id, tenancy=_tenancy_view(s, tenancy), kind=v.kind, status=v.status,
        due_date=v.due_date, visit_date=v.visit_date, present=v.present,
        checklist=tuple(v.checklist), acknowledged=v.acknowledged,
        acknowledged_by=v.acknowledged_by, notes=v.notes,
        officer=officer.name if officer else "", report_ids=tuple(report_ids),
    )
