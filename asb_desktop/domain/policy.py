"""The landlord's policy as settings, with the defaults of domain.md.

Everything a landlord may reasonably set differently lives here as plain frozen
data: response targets (in working days, by risk level), the ASB Case Review
thresholds, the DASH referral threshold, how far back a repeat non-ASB report
is matched, and the libraries the officer picks from (advice texts, support
services, risk questionnaires). ``domain.settings`` fills it from TOML files;
the defaults here let tests and scripts run without any file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from asb_desktop.domain.enums import RiskLevel
from asb_desktop.domain.landlord import Landlord
from asb_desktop.domain.visits import VisitSchedule


def _by_risk(high: int, medium: int, low: int) -> dict[str, int]:
    return {"high": high, "medium": medium, "low": low}


#: Targets that stop counting while a case's clock is paused; acknowledging a
#: report never pauses (commitment 4: every report is acknowledged).
DEFAULT_PAUSABLE = ("first_contact", "action_plan", "victim_update", "risk_review")

DEFAULT_PAUSE_REASONS = (
    "Complainant asked for no contact for a period",
    "Complainant away or in hospital",
    "Waiting for information from the complainant",
    "Lead agency asked us to hold action",
)


@dataclass(frozen=True)
class Targets:
    acknowledge_days: dict[str, int] = field(default_factory=lambda: _by_risk(1, 2, 3))
    first_contact_days: dict[str, int] = field(default_factory=lambda: _by_risk(1, 3, 5))
    action_plan_days: dict[str, int] = field(default_factory=lambda: _by_risk(3, 5, 10))
    victim_update_days: int = 10
    victim_update_by_risk: dict[str, int] = field(default_factory=lambda: _by_risk(5, 10, 10))
    # How long a risk assessment stands before it is reviewed, by its level.
    risk_review_days: dict[str, int] = field(default_factory=lambda: _by_risk(10, 20, 40))
    pausable: tuple[str, ...] = DEFAULT_PAUSABLE
    pause_reasons: tuple[str, ...] = DEFAULT_PAUSE_REASONS

    def acknowledge(self, risk: RiskLevel | str) -> int:
        return self.acknowledge_days[str(risk)]

    def first_contact(self, risk: RiskLevel | str) -> int:
        return self.first_contact_days[str(risk)]

    def action_plan(self, risk: RiskLevel | str) -> int:
        return self.action_plan_days[str(risk)]

    def victim_update(self, risk: RiskLevel | str) -> int:
        return self.victim_update_by_risk.get(str(risk), self.victim_update_days)

    def risk_review(self, risk: RiskLevel | str) -> int:
        return self.risk_review_days[str(risk)]


@dataclass(frozen=True)
class Threshold:
    """One way the ASB Case Review threshold can be met.

    ``per`` groups complaints by the complainant or by the location they are
    about; ``min_reporters`` asks for several different people (the "5 by
    several people about one location" variant); ``min_hate`` asks for that
    many hate incidents among them (the "1 hate incident" variant is
    ``complaints=1, min_hate=1``).
    """

    name: str
    complaints: int = 3
    within_months: int = 6
    per: str = "complainant"  # "complainant" or "location"
    min_reporters: int = 1
    min_hate: int = 0
    description: str = ""


DEFAULT_THRESHOLDS = (
    Threshold("three_by_complainant", 3, 6, "complainant",
              description="3 complaints by one person within 6 months"),
    Threshold("three_about_location", 3, 6, "location",
              description="3 complaints about one location within 6 months"),
)


@dataclass(frozen=True)
class CaseReviewPolicy:
    thresholds: tuple[Threshold, ...] = DEFAULT_THRESHOLDS
    # A complaint qualifies when made within this many months of the behaviour.
    qualifying_months: int = 1
    # The local procedure's published timescales, in working days from the request.
    acknowledge_days: int = 5
    decision_days: int = 10
    review_days: int = 30
    outcome_days: int = 35


@dataclass(frozen=True)
class DashPolicy:
    questions: int = 24
    marac_threshold: int = 14
    # Working days from the assessment by which a due MARAC referral is made.
    referral_days: int = 1


@dataclass(frozen=True)
class RepeatPolicy:
    """How far back an earlier non-ASB report's advice is offered again (commitment 13)."""

    lookback_months: int = 12


@dataclass(frozen=True)
class AdviceText:
    """A self-resolution advice text and the refer-back wording used when the issue returns."""

    key: str
    title: str
    categories: tuple[str, ...]
    text: str
    refer_back: str
    letter: str = ""


@dataclass(frozen=True)
class SupportService:
    key: str
    name: str
    kind: str  # victim_support, mediation, domestic_abuse, mental_health, drug_alcohol, debt_advice...
    serves: tuple[str, ...] = ("victim", "alleged_perpetrator")
    phone: str = ""
    website: str = ""
    area: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    weight: int = 1


@dataclass(frozen=True)
class Questionnaire:
    """A risk questionnaire: yes answers add their weight; bands turn the score into a level."""

    key: str
    title: str
    audience: str  # "victim" or "alleged_perpetrator"
    questions: tuple[Question, ...]
    high_from: int
    medium_from: int

    @property
    def max_score(self) -> int:
        return sum(q.weight for q in self.questions)


@dataclass(frozen=True)
class Policy:
    targets: Targets = field(default_factory=Targets)
    retention_years: int = 6
    idle_lock_minutes: int = 5
    case_review: CaseReviewPolicy = field(default_factory=CaseReviewPolicy)
    dash: DashPolicy = field(default_factory=DashPolicy)
    repeats: RepeatPolicy = field(default_factory=RepeatPolicy)
    advice: tuple[AdviceText, ...] = ()
    services: tuple[SupportService, ...] = ()
    questionnaires: tuple[Questionnaire, ...] = ()
    survey_questions: tuple[str, ...] = ()
    # Sign-up and post-tenancy visits scheduled from imported tenancies.
    visits: VisitSchedule = field(default_factory=VisitSchedule)
    # Who letters come from; blank until the landlord fills in [landlord].
    landlord: Landlord = field(default_factory=Landlord)
    # Where the settings came from, shown in "about" and support logs.
    source: tuple[str, ...] = ()
