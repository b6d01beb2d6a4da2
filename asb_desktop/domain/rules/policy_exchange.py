"""What the policy controller takes from a front end and hands back: its inputs
(a risk assessment, a DASH, a case review request) and its results.

Plain dataclasses like ``domain.inputs`` and ``domain.views``, kept beside the
rules they feed so the window's engineer finds them in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from asb_desktop.domain.rules.case_review import ReviewDates, ThresholdHit

#: Shown before any domestic-abuse question; recording a DASH requires both answers.
SAFE_TO_TALK_PROMPT = (
    "Before asking about domestic abuse: is it safe for the person to talk now, with nobody "
    "else listening? Which phone number, email or address is safe for us to use, and when?"
)


@dataclass
class RiskAssessmentInput:
    case_id: str
    questionnaire: str = ""  # a questionnaire key from the risk matrix file
    person_id: str | None = None
    answers: dict[str, bool] = field(default_factory=dict)
    assessed_on: date | None = None
    # Needed only when the score would put the case below its current risk level.
    lower_reason: str = ""


@dataclass
class DashInput:
    case_id: str
    person_id: str | None = None
    assessed_on: date | None = None
    score: int | None = None
    # Asked before any domestic-abuse question: was it safe to talk, and how to get in touch safely.
    safe_to_talk: bool = False
    safe_contact: str = ""
    judgement_high: bool = False
    judgement_reason: str = ""
    marac_referral: bool = False
    referred_on: date | None = None
    referred_by: str = ""


@dataclass
class CaseReviewInput:
    applicant_id: str | None = None
    case_id: str | None = None
    received_on: date | None = None
    notes: str = ""


@dataclass
class SignpostInput:
    case_id: str
    person_id: str
    service_key: str = ""
    kind: str = "signposting"  # or "referral"
    notes: str = ""
    made_on: date | None = None


@dataclass(frozen=True)
class AdviceOffer:
    """Earlier advice a new report repeats, with the refer-back response ready to give."""

    advice_id: str
    report_id: str
    given_on: date
    advice_key: str
    title: str
    advice_text: str
    refer_back: str
    letter: str
    same_reporter: bool
    same_address: bool


@dataclass(frozen=True)
class ReportFlags:
    """What the officer should see while logging or assessing a report."""

    proposed_risk: str
    case_review_would_meet: tuple[ThresholdHit, ...] = ()
    case_review_already_met: tuple[ThresholdHit, ...] = ()
    earlier_advice: tuple[AdviceOffer, ...] = ()
    earlier_non_asb_by_reporter: int = 0
    earlier_non_asb_at_address: int = 0
    # Domestic abuse suspected: offer the DASH, asking SAFE_TO_TALK_PROMPT first.
    domestic_abuse_suspected: bool = False


@dataclass(frozen=True)
class RiskResult:
    assessment_id: str
    score: int
    level: str
    case_risk: str
    review_by: date
    unanswered: tuple[str, ...] = ()


@dataclass(frozen=True)
class DashResult:
    assessment_id: str
    score: int
    level: str
    marac_due: bool
    marac_referred: bool
    case_risk: str


@dataclass(frozen=True)
class CaseReviewView:
    id: str
    case_id: str | None
    applicant_id: str | None
    received_on: date
    thresholds_met: tuple[str, ...]
    dates: ReviewDates
    decided_on: date | None = None
    threshold_met: bool | None = None
    outcome: str = ""


@dataclass(frozen=True)
class ReferBackView:
    """The refer-back given for a repeat non-ASB report: the response to read and the letter to send."""

    id: str
    report_id: str
    advice_id: str
    response: str
    letter: str


@dataclass(frozen=True)
class RepeatView:
    """Repeated non-ASB reports from one reporter or about one address."""

    per: str
    key: str
    label: str
    count: int
    first_on: date
    last_on: date
    report_ids: tuple[str, ...]
