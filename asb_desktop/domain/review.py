"""What supervisors review: the quality checklist and the figures' shapes.

The checklist is the project's own wording of what a mid-case review looks
for, built around the Housing Ombudsman's most common ASB findings (no risk
assessment, no action plan, poor communication, hate incidents not recorded
as such, vulnerabilities not recorded).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

QUALITY_CHECKLIST: dict[str, str] = {
    "risk_assessed": "A risk assessment is recorded and still reflects the case",
    "action_plan": "An action plan is agreed, with owners and dates",
    "victim_contact": "The complainant has been updated at the agreed frequency",
    "evidence": "Evidence is logged and dated (diary sheets, statements, photos)",
    "proportionate": "Each intervention records why it is proportionate",
    "partners": "Partner and lead agencies are involved where they should be",
    "recorded_correctly": "Hate incidents and domestic abuse are recorded as such",
    "vulnerabilities": "Vulnerabilities and reasonable adjustments are recorded",
    "record_current": "The case record is up to date and readable by a colleague",
}

#: Watch lists a supervisor acts on; the keys are what a drill-down asks for.
WATCH_LISTS: dict[str, str] = {
    "open": "Open cases",
    "high_risk": "High-risk cases",
    "overdue_actions": "Cases with overdue actions",
    "overdue_victim_updates": "Victim updates overdue",
    "no_action_plan": "No action plan",
    "no_risk_assessment": "No risk assessment",
    "restricted": "Restricted cases",
}


def quality_score(answers: dict[str, bool]) -> int:
    """Percentage of checklist items met (0-100)."""
    if not answers:
        return 0
    return round(100 * sum(1 for v in answers.values() if v) / len(answers))


@dataclass(frozen=True)
class OfficerLoad:
    officer_id: str
    name: str
    open_cases: int
    high_risk: int
    overdue_actions: int
    oldest_case_days: int


@dataclass(frozen=True)
class WatchCount:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class QualityByOfficer:
    officer_id: str
    name: str
    reviews: int
    average_score: float
    last_review: date | None


@dataclass(frozen=True)
class Figures:
    """Caseload figures for a period; every chart shows these numbers beside it."""

    start: date
    end: date
    homes: int
    opened_by_month: list[tuple[str, str, int, int]] = field(default_factory=list)
    cases_opened: int = 0
    hate_cases_opened: int = 0
    nm01_asb_per_1000: float = 0.0
    nm01_hate_per_1000: float = 0.0
    by_risk_status: list[tuple[str, str, int]] = field(default_factory=list)
    avg_working_days_to_first_contact: float | None = None
    first_contact_within_target_percent: float | None = None
    avg_days_to_close: float | None = None
    satisfaction: dict[int, int] = field(default_factory=dict)
    satisfied_percent: float | None = None
    hate_by_strand: dict[str, int] = field(default_factory=dict)
