"""What controllers hand back: plain frozen dataclasses, never live ORM objects.

A widget can keep these as long as it likes, pass them between threads and
compare them, without a database session behind them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# The caseload's rows live with their rule, so the first page at start-up can
# have them without the rest of these; they are named here as well.
from asb_desktop.domain.caseload import CaseRow as CaseRow
from asb_desktop.domain.caseload import FirstPage as FirstPage
from asb_desktop.domain.caseload import Page as Page


@dataclass(frozen=True)
class UserView:
    id: str
    name: str
    role: str


@dataclass(frozen=True)
class PersonView:
    id: str
    name: str
    date_of_birth: date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    contact_preferences: str = ""
    vulnerabilities: str = ""
    adjustments: tuple[str, ...] = ()
    adjustment_notes: str = ""
    language: str = ""


@dataclass(frozen=True)
class ReportRow:
    id: str
    received_at: datetime
    reporter: str
    location: str
    categories: tuple[str, ...]
    hate_incident: bool
    assessment: str | None
    risk_level: str
    case_reference: str | None
    excerpt: str


@dataclass(frozen=True)
class ReportView:
    id: str
    received_at: datetime
    channel: str
    reporter: PersonView | None
    anonymous: bool
    incident_date: date | None
    incident_time: str
    location: str
    property_id: str | None
    categories: tuple[str, ...]
    hate_strands: tuple[str, ...]
    description: str
    assessment: str | None
    asb_limb: str | None
    assessment_reason: str
    risk_level: str
    proposed_risk: str
    case_id: str | None
    case_reference: str | None
    visit_id: str | None
    acknowledge_by: date | None
    logged_by: str


@dataclass(frozen=True)
class PartyView:
    id: str
    role: str
    person: PersonView


@dataclass(frozen=True)
class ActionView:
    id: str
    description: str
    owner: str
    due_date: date | None
    status: str
    completed_on: date | None
    overdue: bool


@dataclass(frozen=True)
class InterventionView:
    id: str
    kind: str
    person: str
    started_on: date | None
    expires_on: date | None
    review_on: date | None
    proportionate_reason: str
    tried_before: str


@dataclass(frozen=True)
class EvidenceView:
    id: str
    kind: str
    description: str
    captured_on: date | None
    file_name: str
    sha256: str
    shareable: bool


@dataclass(frozen=True)
class ContactView:
    id: str
    at: datetime
    person: str
    method: str
    direction: str
    summary: str
    victim_update: bool
    shareable: bool


@dataclass(frozen=True)
class ReferralView:
    id: str
    kind: str
    person: str
    service: str
    made_on: date | None
    notes: str


@dataclass(frozen=True)
class RiskAssessmentView:
    id: str
    tool: str
    person: str
    assessed_on: date
    score: int
    level: str
    #: A MARAC referral is due from this DASH (at the threshold, or on judgement) ...
    marac_referral: bool
    #: ... and made on this day, by this person (the MARAC coordinator's record).
    marac_referred_on: date | None = None
    marac_referred_by: str = ""


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a case's chronology: reports, contacts, actions and interventions."""

    when: datetime
    kind: str
    text: str
    ref_id: str


@dataclass(frozen=True)
class CaseDetail:
    id: str
    reference: str
    summary: str
    status: str
    risk_level: str
    restricted: bool
    lead_officer: UserView | None
    lead_agency: str
    partner_agencies: tuple[str, ...]
    categories: tuple[str, ...]
    hate_strands: tuple[str, ...]
    opened_at: datetime
    closed_at: datetime | None
    outcome: str | None
    closure_reason: str
    satisfaction: int | None
    next_action_due: date | None
    parties: tuple[PartyView, ...] = ()
    reports: tuple[ReportRow, ...] = ()
    actions: tuple[ActionView, ...] = ()
    interventions: tuple[InterventionView, ...] = ()
    evidence: tuple[EvidenceView, ...] = ()
    contacts: tuple[ContactView, ...] = ()
    referrals: tuple[ReferralView, ...] = ()
    risk_assessments: tuple[RiskAssessmentView, ...] = ()
    lessons: tuple[str, ...] = ()
    timeline: tuple[TimelineEntry, ...] = field(default=())
    #: The closure survey as recorded: the answers, or that it was declined or nobody reached.
    satisfaction_comment: str = ""
    #: Users named on the case (who may open it while it is restricted), by id.
    named_officers: tuple[str, ...] = ()


@dataclass(frozen=True)
class TenancyView:
    id: str
    reference: str
    address: str
    postcode: str
    tenure_type: str
    start_date: date | None
    tenants: tuple[PersonView, ...]


@dataclass(frozen=True)
class VisitRow:
    id: str
    tenancy_id: str
    tenancy_reference: str
    address: str
    kind: str
    status: str
    due_date: date | None
    visit_date: date | None
    officer: str
    terms_explained: int
    terms_total: int
    acknowledged: bool


@dataclass(frozen=True)
class VisitView:
    id: str
    tenancy: TenancyView
    kind: str
    status: str
    due_date: date | None
    visit_date: date | None
    present: str
    checklist: tuple[str, ...]
    acknowledged: bool
    acknowledged_by: str
    notes: str
    officer: str
    report_ids: tuple[str, ...]


@dataclass(frozen=True)
class SearchHit:
    kind: str
    ref_id: str
    title: str
    snippet: str


@dataclass(frozen=True)
class CheckFinding:
    ok: bool
    check: str
    detail: str
