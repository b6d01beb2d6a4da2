"""ORM rows to the plain views controllers return."""

from __future__ import annotations

from asb_desktop.domain.views import PersonView, ReportRow
from asb_desktop.store.models import Person, Report


def person_view(p: Person) -> PersonView:
    return PersonView(
        id=p.id,
        name=p.display_name,
        date_of_birth=p.date_of_birth,
        phone=p.phone,
        email=p.email,
        address=p.address,
        postcode=p.postcode,
        contact_preferences=p.contact_preferences,
        vulnerabilities=p.vulnerabilities,
        adjustments=tuple(p.adjustments or ()),
        adjustment_notes=p.adjustment_notes,
        language=p.language,
    )


def report_row(r: Report, reporter: str, case_reference: str | None) -> ReportRow:
    return ReportRow(
        id=r.id,
        received_at=r.received_at,
        reporter="Anonymous" if r.anonymous else reporter,
        location=r.location,
        categories=tuple(r.categories or ()),
        hate_incident=r.hate_incident,
        assessment=r.assessment,
        risk_level=r.risk_level,
        case_reference=case_reference,
        excerpt=(r.description or "")[:140],
    )
