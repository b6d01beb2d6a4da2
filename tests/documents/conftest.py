"""Cases built through the controllers, with every protected field filled in."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from asb_desktop.app import App
from asb_desktop.controllers.documents import DocumentsController
from asb_desktop.domain.inputs import (
    ActionInput,
    CaseInput,
    ContactInput,
    EvidenceInput,
    InterventionInput,
    PersonInput,
    ReferralInput,
    ReportInput,
)
from asb_desktop.domain.landlord import Landlord
from asb_desktop.domain.views import CaseDetail, PersonView
from asb_desktop.store.models import AuditEntry
from tests.conftest import FakeClock

COMPLAINANT = PersonInput(
    given_name="Zoë", family_name="Łukasz", phone="07700 900461", email="zoe.lukasz@example.org",
    address="14 Larch Close, Eastbrook", postcode="LS6 2QT", vulnerabilities="Anxiety",
    adjustments=["large_print"],
)
WITNESS = PersonInput(
    given_name="李华", phone="07700 900872", email="li.hua@example.net",
    address="Flat 9, Rowan Court, Eastbrook", postcode="LS6 4RW",
)
WITNESS_2 = PersonInput(
    given_name="Ahmed", family_name="Karimi", phone="07700 900315", email="a.karimi@example.com",
    address="2 Birch Walk, Eastbrook", postcode="LS6 1AB",
)
PERPETRATOR = PersonInput(
    given_name="Dmitri", family_name="Волков", phone="07700 900999",
    address="Flat 3, 12 Larch Close, Eastbrook", postcode="LS6 2QU",
)
#: What panel and perpetrator versions must never contain.
PROTECTED_CONTACT = [
    p for person in (COMPLAINANT, WITNESS, WITNESS_2)
    for p in (person.phone, person.email, person.address, person.postcode, person.address.split(",")[0])
]
PROTECTED_NAMES = ["Zoë", "Łukasz", "李华", "Ahmed", "Karimi"]


@dataclass
class Built:
    case: CaseDetail
    complainant: PersonView
    witness: PersonView
    perpetrator: PersonView


def build_case(app: App, clock: FakeClock, incidents: int = 3, actions: int = 2,
               evidence: int = 2, contacts: int = 3) -> Built:
    """A case with a complainant, two witnesses and a perpetrator, all details filled."""
    start = clock.now()
    first = app.reports.log_report(ReportInput(
        new_reporter=COMPLAINANT, categories=["harassment"], location="Outside 14 Larch Close",
        description="Shouting abuse at Zoë on the stairs; call her on 07700 900461",
        incident_date=start.date(), received_at=start,
    ))
    assert first.reporter is not None
    case = app.cases.open_case(CaseInput(
        report_ids=[first.id], summary="Repeated harassment of a resident by a neighbour",
        lead_agency="Landlord", partner_agencies=["Police", "Community safety"],
    ))
    complainant = first.reporter
    case = app.cases.add_party(case.id, "witness", new=WITNESS)
    case = app.cases.add_party(case.id, "witness", new=WITNESS_2)
    case = app.cases.add_party(case.id, "alleged_perpetrator", new=PERPETRATOR)
    people = {p.person.name: p.person for p in case.parties}
    witness, perpetrator = people["李华"], people["Dmitri Волков"]
    for i in range(1, incidents):
        app.reports.log_report(ReportInput(
            reporter_id=complainant.id, case_id=case.id, categories=["harassment", "noise"],
            description=f"Incident {i}: banging on the door late at night, number {i}",
            location="Stairwell, 12 Larch Close", incident_date=(start - timedelta(hours=i)).date(),
            received_at=start - timedelta(hours=i),
        ))
    for i in range(actions):
        app.casework.add_action(ActionInput(
            case.id, description=f"Action {i}: review CCTV with the caretaker",
            due_date=start.date() + timedelta(days=7 + i)))
    app.casework.add_intervention(InterventionInput(
        case.id, kind="warning_letter", person_id=perpetrator.id, started_on=start.date(),
        expires_on=start.date() + timedelta(days=180),
        proportionate_reason="Behaviour continued after verbal advice"))
    for i in range(evidence):
        app.casework.add_evidence(EvidenceInput(
            case.id, kind="diary_sheet", description=f"Diary sheet {i} kept by the complainant",
            file_name=f"diary-{i}.pdf", content=b"x", shareable=False))
    app.casework.add_evidence(EvidenceInput(
        case.id, kind="photo", description="Photo of damage to the communal door",
        file_name="door.jpg", content=b"y", shareable=True))
    for i in range(contacts):
        app.casework.record_contact(ContactInput(
            case.id, person_id=complainant.id, at=start - timedelta(hours=1 + i),
            summary=f"Victim update {i}: Zoë says it is worse; she is at 14 Larch Close",
            victim_update=True))
    app.casework.record_contact(ContactInput(
        case.id, person_id=witness.id, at=start - timedelta(hours=5),
        summary="Statement taken from 李华 about the shouting"))
    app.casework.record_contact(ContactInput(
        case.id, person_id=perpetrator.id, at=start - timedelta(hours=6), method="home_visit",
        summary="Explained the tenancy terms and the warning to the tenant", shareable=True))
    app.casework.record_contact(ContactInput(
        case.id, person_id=perpetrator.id, at=start - timedelta(hours=7), method="home_visit",
        summary="Told him the complainant Zoë is frightened", shareable=True))
    app.casework.add_referral(ReferralInput(
        case.id, person_id=complainant.id, kind="referral", service="Victim Support",
        notes="Zoë asked for a call on 07700 900461"))
    app.casework.add_referral(ReferralInput(
        case.id, person_id=perpetrator.id, kind="signposting", service="Alcohol support service"))
    return Built(app.cases.get_case(case.id), complainant, witness, perpetrator)


@pytest.fixture
def built(app: App, clock: FakeClock) -> Built:
    return build_case(app, clock)


#: The landlord letters in these tests come from: every detail a letter prints.
LANDLORD = Landlord(
    name="Eastbrook Homes", address="1 Market Street, Eastbrook, LS6 1AA", phone="0113 496 0000",
    email="asb@eastbrook.example.org", web="www.eastbrook.example.org",
    complaints="Phone 0113 496 0001 or e-mail complaints@eastbrook.example.org to complain.",
    signature="Housing officer, ASB team", logo="demo-logo.png",
)


@pytest.fixture
def docs(app: App) -> DocumentsController:
    return DocumentsController(app.unit, template_dirs=[app.folder / "templates"], landlord=LANDLORD)


def pdf_text(data: bytes) -> list[str]:
    """The text of each page, as a reader copying from the PDF would get it."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def audit_rows(app: App, prefix: str = "document.") -> list[AuditEntry]:
    with app.unit.read() as s:
        rows = list(s.scalars(
            sa.select(AuditEntry).where(AuditEntry.action.like(prefix + "%")).order_by(AuditEntry.at)
        ))
        s.expunge_all()
        return rows


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour)


MEETING = date(2026, 3, 16)
