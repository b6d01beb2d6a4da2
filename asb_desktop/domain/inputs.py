"""What the window, the command line or a script hands to a controller.

Plain dataclasses with loose types (strings straight from a form are fine):
controllers validate them and answer with a ``ValidationError`` carrying one
message per field, so every front end shows the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class PersonInput:
    given_name: str = ""
    family_name: str = ""
    date_of_birth: date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    contact_preferences: str = ""
    vulnerabilities: str = ""
    adjustments: list[str] = field(default_factory=list)
    adjustment_notes: str = ""
    language: str = ""
    equality: dict[str, str] = field(default_factory=dict)


@dataclass
class ReportInput:
    received_at: datetime | None = None
    channel: str = "phone"
    reporter_id: str | None = None
    new_reporter: PersonInput | None = None
    anonymous: bool = False
    incident_date: date | None = None
    incident_time: str = ""
    location: str = ""
    property_id: str | None = None
    categories: list[str] = field(default_factory=list)
    hate_strands: list[str] = field(default_factory=list)
    description: str = ""
    visit_id: str | None = None
    case_id: str | None = None
    # Set by a front end that asks the officer for the incident date (the report
    # form): a missing date is then an omission to put right, not "unknown", so a
    # report of last week is never saved undated or silently dated today. Imports,
    # scripts and older callers that genuinely may not know it leave it False.
    incident_date_required: bool = False


@dataclass
class AssessmentInput:
    report_id: str
    assessment: str = ""
    asb_limb: str | None = None
    reason: str = ""
    risk_level: str | None = None
    risk_reason: str = ""


@dataclass
class CaseInput:
    report_ids: list[str] = field(default_factory=list)
    summary: str = ""
    lead_officer_id: str | None = None
    lead_agency: str = ""
    partner_agencies: list[str] = field(default_factory=list)
    restricted: bool = False


@dataclass
class ActionInput:
    case_id: str
    description: str = ""
    owner_id: str | None = None
    due_date: date | None = None


@dataclass
class InterventionInput:
    case_id: str
    kind: str = ""
    person_id: str | None = None
    started_on: date | None = None
    expires_on: date | None = None
    review_on: date | None = None
    proportionate_reason: str = ""
    tried_before: str = ""
    notes: str = ""
    # The ladder warning the officer read and chose to go on past, kept in the
    # audit trail so a supervisor reviewing the case sees the decision.
    went_past_warning: str = ""


@dataclass
class EvidenceInput:
    case_id: str
    kind: str = ""
    description: str = ""
    captured_on: date | None = None
    file_name: str = ""
    content: bytes | None = None
    shareable: bool = False


@dataclass
class ContactInput:
    case_id: str
    person_id: str | None = None
    at: datetime | None = None
    method: str = "phone"
    direction: str = "outgoing"
    summary: str = ""
    shareable: bool = False
    victim_update: bool = False


@dataclass
class ReferralInput:
    case_id: str
    person_id: str | None = None
    kind: str = "signposting"
    service: str = ""
    made_on: date | None = None
    notes: str = ""


@dataclass
class ClosureInput:
    case_id: str
    outcome: str = ""
    reason: str = ""
    satisfaction: int | None = None
    satisfaction_comment: str = ""
    lessons_learned: str = ""


@dataclass
class TenancyInput:
    reference: str = ""
    address: str = ""
    postcode: str = ""
    tenure_type: str = "assured"
    start_date: date | None = None
    tenant_ids: list[str] = field(default_factory=list)


@dataclass
class VisitInput:
    tenancy_id: str
    kind: str = "post_tenancy"
    visit_date: date | None = None
    present: str = ""
    checklist: list[str] = field(default_factory=list)
    acknowledged: bool = False
    acknowledged_by: str = ""
    notes: str = ""
    visit_id: str | None = None  # set to complete a visit that was scheduled as due


@dataclass
class AdviceInput:
    report_id: str
    advice_key: str = ""
    advice_text: str = ""
