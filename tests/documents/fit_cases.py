"""Three cases a housing manager and a panel chair would check outputs against:
plain ASB (``conftest.build_case``), a hate case, and a restricted domestic-abuse
case whose victim shares her home with the alleged perpetrator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from asb_desktop.app import App
from asb_desktop.domain.inputs import (
    CaseInput,
    ContactInput,
    InterventionInput,
    PersonInput,
    ReportInput,
)
from asb_desktop.domain.views import CaseDetail, PersonView
from tests.conftest import FakeClock

SHARED_ADDRESS = "7 Alder Road, Eastbrook"
SHARED_POSTCODE = "LS6 3CD"
DA_VICTIM = PersonInput(
    given_name="Hannah", family_name="Price", phone="07700 900555", email="hannah@example.org",
    address=SHARED_ADDRESS, postcode=SHARED_POSTCODE,
)
DA_PERPETRATOR = PersonInput(
    given_name="Mark", family_name="Price", phone="07700 900666",
    address=SHARED_ADDRESS, postcode=SHARED_POSTCODE,
)
#: Partner agencies that would tell an alleged abuser about the victim's needs.
REVEALING_AGENCIES = ["Adult social care", "Mental health team", "IDVA service"]
SKIP_REASON = "Warning letter and mediation would alert him and raise the risk to the victim"

HATE_REPORTER = PersonInput(
    given_name="Kofi", family_name="Mensah", address="3 Ash Grove, Eastbrook", postcode="LS6 5EF",
    phone="07700 900777",
)
HATE_PERPETRATOR = PersonInput(
    given_name="Gary", family_name="Holt", address="5 Ash Grove, Eastbrook", postcode="LS6 5EF",
)


@dataclass
class Made:
    case: CaseDetail
    victim: PersonView
    perpetrator: PersonView


def _perpetrator(case: CaseDetail) -> PersonView:
    return next(p.person for p in case.parties if p.role == "alleged_perpetrator")


def build_da_case(app: App, clock: FakeClock) -> Made:
    """Restricted, domestic abuse, the victim and the alleged perpetrator at one address."""
    now = clock.now()
    first = app.reports.log_report(ReportInput(
        new_reporter=DA_VICTIM, categories=["domestic_abuse", "verbal_abuse"],
        description="Partner shouting and threatening her at home at 7 Alder Road",
        location=SHARED_ADDRESS, incident_date=(now - timedelta(days=3)).date(),
        received_at=now - timedelta(days=2),
    ))
    assert first.reporter is not None
    case = app.cases.open_case(CaseInput(
        report_ids=[first.id], summary="Domestic abuse disclosed by the tenant",
        lead_agency="Police", partner_agencies=["Police", *REVEALING_AGENCIES], restricted=True,
    ))
    case = app.cases.add_party(case.id, "alleged_perpetrator", new=DA_PERPETRATOR)
    app.reports.log_report(ReportInput(
        reporter_id=first.reporter.id, case_id=case.id, categories=["domestic_abuse"],
        description="Further threats", incident_date=now.date(), received_at=now - timedelta(hours=2),
    ))
    perpetrator = _perpetrator(app.cases.get_case(case.id))
    app.casework.add_intervention(InterventionInput(
        case.id, kind="civil_injunction", person_id=perpetrator.id, started_on=now.date(),
        review_on=now.date() + timedelta(days=28),
        proportionate_reason="Threats of violence in the home", tried_before=SKIP_REASON,
    ))
    for i in range(3):
        app.casework.record_contact(ContactInput(
            case.id, person_id=first.reporter.id, at=now - timedelta(hours=3 + i),
            summary=f"Safety call {i}", victim_update=True))
    return Made(app.cases.get_case(case.id), first.reporter, perpetrator)


def build_hate_case(app: App, clock: FakeClock) -> Made:
    now = clock.now()
    first = app.reports.log_report(ReportInput(
        new_reporter=HATE_REPORTER, categories=["hate_incident", "verbal_abuse"],
        hate_strands=["race", "sexual_orientation"], description="Racist and homophobic abuse in the street",
        location="Ash Grove", incident_date=(now - timedelta(days=1)).date(),
        received_at=now - timedelta(days=1),
    ))
    assert first.reporter is not None
    case = app.cases.open_case(CaseInput(
        report_ids=[first.id], summary="Hate incidents against a neighbour",
        partner_agencies=["Police", "Community safety"],
    ))
    case = app.cases.add_party(case.id, "alleged_perpetrator", new=HATE_PERPETRATOR)
    return Made(app.cases.get_case(case.id), first.reporter, _perpetrator(case))
