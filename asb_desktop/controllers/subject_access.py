"""Subject access requests: everything held about one person, for that person.

A resident (or someone acting for them) may ask what the landlord holds about
them. The answer covers their own record, their tenancies and visits, the
reports they made, the cases they are in and what was recorded on those cases
about them or the case as a whole. Other people's names, phone numbers, email
addresses and home addresses are replaced by ``[third party]``, wherever they
appear, including inside free text; records about another person on the same
case (a warning letter to the alleged perpetrator, a call to a witness) are left
out and counted. A supervisor may decide that third parties' details are to
be included (say, with their consent); nobody else can.

Restricted cases obey the same rule as everywhere else: an officer who may not
open one cannot export a person's data that includes it. The export leaves the
app, so it is written with its audit row, in one transaction: no audit row, no
file.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.controllers.access import AccessDenied, may_open
from asb_desktop.controllers.documents import save_output
from asb_desktop.controllers.errors import NotFound, UserError
from asb_desktop.documents.pages import Prepared
from asb_desktop.documents.subject_access import (
    THIRD_PARTY,
    Record,
    SubjectAccessExport,
    subject_access_pdf,
    to_json,
)
from asb_desktop.store.models import (
    Action,
    Advice,
    Case,
    CaseParty,
    CaseReviewRequest,
    Contact,
    Evidence,
    Intervention,
    Person,
    Property,
    Referral,
    Report,
    ReportAcknowledgement,
    RiskAssessment,
    Tenancy,
    TenancyMember,
    TenancyVisit,
)
from asb_desktop.store.unit import Unit

#: Tables whose rows may be about one person; ``person_id`` says whom.
_PERSONAL = (Contact, Intervention, Referral, RiskAssessment)


def plain(value: Any) -> Any:
    """JSON-ready: dates and times as ISO 8601 text (times to the second)."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def _record(fields: dict[str, Any]) -> Record:
    return {k: plain(v) for k, v in fields.items()}


class Redactor:
    """Replaces other people's identifying details in text, longest first.

    Words of the subject's own name are never replaced on their own, so a
    relative who shares a family name does not hide the subject's name.
    """

    def __init__(self, subject: Person, others: list[Person], active: bool) -> None:
        self.active = active
        own = {w.lower() for w in (subject.given_name, subject.family_name, subject.email,
                                   subject.address, subject.postcode) if w}
        own_phone = re.sub(r"\D", "", subject.phone)
        needles: set[str] = set()
        phones: set[str] = set()
        for p in others:
            if p.given_name or p.family_name:
                needles.add(p.display_name)
            needles.update(x for x in (p.email, p.address, p.postcode, p.given_name, p.family_name)
                           if len(x) >= 2)
            needles.update(x.strip() for x in p.address.split(",") if len(x.strip()) >= 4)
            digits = re.sub(r"\D", "", p.phone)
            if len(digits) >= 6 and digits != own_phone:
                phones.add(r"(?<!\d)" + r"\s*".join(digits) + r"(?!\d)")
        words = sorted((n for n in needles if n.lower() not in own), key=len, reverse=True)
        parts = [*phones, *(r"\b" + re.escape(n) + r"\b" for n in words)]
        self._pattern = re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def text(self, value: str) -> str:
        if not self.active or self._pattern is None or not value:
            return value
        return self._pattern.sub(THIRD_PARTY, value)

    def name(self, person: Person | None, subject_id: str) -> str:
        if person is None:
            return ""
        if person.id == subject_id:
            return f"{person.display_name} (you)"
        return THIRD_PARTY if self.active else person.display_name


class SubjectAccessController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    def collect(self, person_id: str, include_third_parties: bool = False) -> SubjectAccessExport:
        """What the export holds; reading it writes nothing (the export methods audit)."""
        actor = self._unit.actor
        if include_third_parties and not actor.is_supervisor:
            raise AccessDenied("Only a supervisor can include other people's details in a subject "
                               "access export.")
        with self._unit.read() as s:
            return _Gather(s, self._unit, person_id, include_third_parties).run()

    def export_json(self, person_id: str, out: Path, include_third_parties: bool = False) -> Path:
        data = self.collect(person_id, include_third_parties)
        return self._export(to_json(data), out, person_id, "JSON", data)

    def export_pdf(self, person_id: str, out: Path, include_third_parties: bool = False) -> Path:
        data = self.collect(person_id, include_third_parties)
        prepared = Prepared(self._unit.actor.name, self._unit.today())
        return self._export(subject_access_pdf(data, prepared), out, person_id, "PDF", data)

    def _export(self, payload: bytes, out: Path, person_id: str, kind: str,
                data: SubjectAccessExport) -> Path:
        out = Path(out)
        if out.is_dir():
            raise UserError(f"{out} is a folder; give a file name.")
        if not out.parent.is_dir():
            raise UserError(f"The folder {out.parent} does not exist.")
        who = "included" if data.third_parties_included else "withheld"
        detail = (f"Subject access export ({kind}, {len(data.cases)} case(s), third parties {who}) "
                  f"written to {out}")
        written = False
        try:
            with self._unit.write("export.subject_access") as tx:
                save_output(out, payload)
                written = True
                tx.audit("person", person_id, detail)
        except BaseException:
            if written:
                out.unlink(missing_ok=True)
            raise
        return out


class _Gather:
    """One read of everything about the subject, redacted as it is turned into records."""

    red: Redactor

    def __init__(self, s: Session, unit: Unit, person_id: str, include: bool) -> None:
        self.s = s
        self.unit = unit
        subject = s.get(Person, person_id)
        if subject is None:
            raise NotFound("That person is no longer in this profile.")
        self.subject = subject
        self.include = include
        self.withheld: list[str] = []

    def run(self) -> SubjectAccessExport:
        s, sid = self.s, self.subject.id
        tenancy_ids = set(s.scalars(
            sa.select(TenancyMember.tenancy_id).where(TenancyMember.person_id == sid)))
        own_reports = list(s.scalars(sa.select(Report).where(Report.reporter_id == sid)))
        case_ids = set(s.scalars(sa.select(CaseParty.case_id).where(CaseParty.person_id == sid)))
        case_ids |= {r.case_id for r in own_reports if r.case_id}
        for model in _PERSONAL:
            case_ids |= set(s.scalars(sa.select(model.case_id).where(model.person_id == sid)))
        reviews = list(s.scalars(sa.select(CaseReviewRequest).where(CaseReviewRequest.applicant_id == sid)))
        case_ids |= {r.case_id for r in reviews if r.case_id}
        cases = list(s.scalars(sa.select(Case).where(Case.id.in_(case_ids)).order_by(Case.opened_at)))
        for case in cases:
            if not may_open(s, self.unit.actor, case):
                raise AccessDenied(
                    f"This person's records include the restricted case {case.reference}. Only its "
                    "lead officer, officers named on it and supervisors can export them.")
        reports = {r.id: r for r in own_reports}
        reports.update((r.id, r) for r in s.scalars(sa.select(Report).where(Report.case_id.in_(case_ids))))
        self.red = Redactor(self.subject, self._others(tenancy_ids, case_ids, reports.values()),
                            active=not self.include)
        refs = {c.id: c.reference for c in cases}
        return SubjectAccessExport(
            generated_at=self.unit.now().isoformat(timespec="seconds"),
            generated_by=self.unit.actor.name,
            third_parties_included=self.include,
            person=self._person(),
            tenancies=[self._tenancy(t) for t in s.scalars(
                sa.select(Tenancy).where(Tenancy.id.in_(tenancy_ids)).order_by(Tenancy.start_date))],
            reports=[self._report(r, refs) for r in sorted(reports.values(), key=lambda r: r.received_at)],
            advice=self._advice(list(reports)),
            cases=[self._case(c) for c in cases],
            case_reviews=[self._review(r, refs) for r in reviews],
            withheld=self.withheld,
        )

    # -- who else appears ----------------------------------------------------------

    def _others(self, tenancy_ids: set[str], case_ids: set[str], reports: Any) -> list[Person]:
        s = self.s
        ids = set(s.scalars(sa.select(CaseParty.person_id).where(CaseParty.case_id.in_(case_ids))))
        ids |= set(s.scalars(
            sa.select(TenancyMember.person_id).where(TenancyMember.tenancy_id.in_(tenancy_ids))))
        ids |= {r.reporter_id for r in reports if r.reporter_id}
        for model in _PERSONAL:
            ids |= {x for x in s.scalars(sa.select(model.person_id).where(model.case_id.in_(case_ids))) if x}
        ids |= {x for x in s.scalars(sa.select(CaseReviewRequest.applicant_id)
                                     .where(CaseReviewRequest.case_id.in_(case_ids))) if x}
        ids.discard(self.subject.id)
        return list(s.scalars(sa.select(Person).where(Person.id.in_(ids))))

    def _name(self, person_id: str | None) -> str:
        return self.red.name(self.s.get(Person, person_id) if person_id else None, self.subject.id)

    def _about_subject(self, rows: list[Any], what: str, reference: str) -> list[Any]:
        """Rows about the subject or nobody in particular; others' are counted, not shown."""
        if self.include:
            return rows
        kept = [r for r in rows if r.person_id in (None, self.subject.id)]
        if len(kept) < len(rows):
            n = len(rows) - len(kept)
            self.withheld.append(f"Case {reference}: {n} of the {what} {'is' if n == 1 else 'are'} "
                                 "about other people and not included.")
        return kept

    # -- records -------------------------------------------------------------------

    def _person(self) -> Record:
        p = self.subject
        return _record({
            "name": p.display_name, "given_name": p.given_name, "family_name": p.family_name,
            "date_of_birth": p.date_of_birth, "phone": p.phone, "email": p.email,
            "address": p.address, "postcode": p.postcode, "language": p.language,
            "contact_preferences": p.contact_preferences, "vulnerabilities": p.vulnerabilities,
            "adjustments": list(p.adjustments or []), "adjustment_notes": p.adjustment_notes,
            "equality": dict(p.equality or {}), "recorded_on": p.created_at.date(),
        })

    def _tenancy(self, t: Tenancy) -> Record:
        s, t_ = self.s, self.red.text
        prop = s.get(Property, t.property_id)
        members = list(s.execute(sa.select(TenancyMember.person_id, TenancyMember.role)
                                 .where(TenancyMember.tenancy_id == t.id)))
        visits = s.scalars(sa.select(TenancyVisit).where(TenancyVisit.tenancy_id == t.id)
                           .order_by(TenancyVisit.due_date))
        return _record({
            "reference": t.reference, "address": prop.address if prop else "",
            "postcode": prop.postcode if prop else "", "tenure_type": t.tenure_type,
            "start_date": t.start_date, "end_date": t.end_date,
            "role": next((role for pid, role in members if pid == self.subject.id), ""),
            "other_members": [self._name(pid) for pid, _ in members if pid != self.subject.id],
            "visits": [{
                "kind": v.kind, "status": v.status, "due_date": v.due_date, "visit_date": v.visit_date,
                "present": t_(v.present), "terms_explained": list(v.checklist or []),
                "acknowledged": v.acknowledged, "acknowledged_by": t_(v.acknowledged_by),
                "notes": t_(v.notes),
            } for v in visits],
        })

    def _report(self, r: Report, refs: dict[str, str]) -> Record:
        t_ = self.red.text
        acks = self.s.scalars(sa.select(ReportAcknowledgement.acknowledged_on)
                              .where(ReportAcknowledgement.report_id == r.id))
        return _record({
            "id": r.id, "received_at": r.received_at, "channel": r.channel,
            "reporter": "Anonymous" if r.anonymous else self._name(r.reporter_id),
            "incident_date": r.incident_date, "incident_time": r.incident_time,
            "location": t_(r.location), "categories": list(r.categories or []),
            "hate_incident": r.hate_incident, "hate_strands": list(r.hate_strands or []),
            "description": t_(r.description), "assessment": r.assessment,
            "assessment_reason": t_(r.assessment_reason), "risk_level": r.risk_level,
            "case_reference": refs.get(r.case_id or ""), "acknowledged_on": list(acks),
        })

    def _advice(self, report_ids: list[str]) -> list[Record]:
        """Advice given to the subject; advice to others on the same cases only if included."""
        mine = Advice.person_id == self.subject.id
        rows = self.s.scalars(sa.select(Advice).where(
            sa.or_(mine, Advice.report_id.in_(report_ids)) if self.include else mine
        ).order_by(Advice.given_at))
        return [_record({"report_id": a.report_id, "given_at": a.given_at,
                       "advice": self.red.text(a.advice_text)}) for a in rows]

    def _rows(self, model: Any, case_id: str, order: Any) -> list[Any]:
        return list(self.s.scalars(sa.select(model).where(model.case_id == case_id).order_by(order)))

    def _case(self, c: Case) -> Record:
        t_, ref = self.red.text, c.reference
        parties = list(self.s.execute(sa.select(CaseParty.person_id, CaseParty.role)
                                      .where(CaseParty.case_id == c.id).order_by(CaseParty.added_at)))
        contacts = self._about_subject(self._rows(Contact, c.id, Contact.at), "contact records", ref)
        interventions = self._about_subject(
            self._rows(Intervention, c.id, Intervention.started_on), "interventions", ref)
        referrals = self._about_subject(self._rows(Referral, c.id, Referral.made_on), "referrals", ref)
        risks = self._about_subject(
            self._rows(RiskAssessment, c.id, RiskAssessment.assessed_on), "risk assessments", ref)
        return _record({
            "reference": ref,
            "your_roles": sorted({role for pid, role in parties if pid == self.subject.id}),
            "status": c.status, "opened_at": c.opened_at, "closed_at": c.closed_at,
            "risk_level": c.risk_level, "categories": list(c.categories or []),
            "hate_incident": c.hate_incident, "summary": t_(c.summary), "lead_agency": c.lead_agency,
            "partner_agencies": list(c.partner_agencies or []), "outcome": c.outcome,
            "closure_reason": t_(c.closure_reason),
            "parties": [{"role": role, "name": self._name(pid)} for pid, role in parties],
            "contacts": [{"at": x.at, "method": x.method, "direction": x.direction,
                          "with": self._name(x.person_id), "summary": t_(x.summary)} for x in contacts],
            "actions": [{"description": t_(a.description), "due_date": a.due_date, "status": a.status,
                         "completed_on": a.completed_on}
                        for a in self._rows(Action, c.id, Action.created_at)],
            "interventions": [{"kind": i.kind, "person": self._name(i.person_id),
                               "started_on": i.started_on, "expires_on": i.expires_on,
                               "review_on": i.review_on, "reason": t_(i.proportionate_reason),
                               "notes": t_(i.notes)} for i in interventions],
            "evidence": [{"kind": e.kind, "description": t_(e.description), "captured_on": e.captured_on,
                          "file_name": t_(e.file_name)}
                         for e in self._rows(Evidence, c.id, Evidence.created_at)],
            "referrals": [{"kind": r.kind, "service": r.service, "person": self._name(r.person_id),
                           "made_on": r.made_on, "notes": t_(r.notes)} for r in referrals],
            "risk_assessments": [{"tool": r.tool, "person": self._name(r.person_id),
                                  "assessed_on": r.assessed_on, "score": r.score, "level": r.level,
                                  "marac_referral": r.marac_referral} for r in risks],
        })

    def _review(self, r: CaseReviewRequest, refs: dict[str, str]) -> Record:
        return _record({
            "received_on": r.received_on, "case_reference": refs.get(r.case_id or ""),
            "thresholds_met": list(r.thresholds_met or []), "threshold_met": r.threshold_met,
            "decided_on": r.decided_on, "outcome": self.red.text(r.outcome),
            "notes": self.red.text(r.notes),
        })
