"""Risk: what the officer may change, and what a questionnaire or DASH score means.

Risk is proposed from the categories (``domain.risk``); the officer may raise
it freely, but lowering it below what the categories or a score say needs a
reason. A DASH score at or over the referral threshold means a MARAC
referral is due; professional judgement may refer below it, never the
other way round.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from asb_desktop.domain.enums import RiskLevel
from asb_desktop.domain.policy import DashPolicy, Questionnaire


def lowering_needs_reason(proposed: RiskLevel, chosen: RiskLevel, reason: str) -> bool:
    """True when ``chosen`` is below ``proposed`` and no reason is given: the change is refused."""
    return chosen.rank < proposed.rank and not reason.strip()


@dataclass(frozen=True)
class Scored:
    score: int
    level: RiskLevel
    unanswered: tuple[str, ...]


def score_questionnaire(q: Questionnaire, answers: Mapping[str, bool]) -> Scored:
    """Yes answers add their weight; unanswered questions count as no but are reported."""
    score = sum(x.weight for x in q.questions if answers.get(x.key) is True)
    if score >= q.high_from:
        level = RiskLevel.HIGH
    elif score >= q.medium_from:
        level = RiskLevel.MEDIUM
    else:
        level = RiskLevel.LOW
    unanswered = tuple(x.key for x in q.questions if x.key not in answers)
    return Scored(score, level, unanswered)


@dataclass(frozen=True)
class DashOutcome:
    level: RiskLevel
    marac_due: bool
    basis: str  # "score", "judgement" or "below_threshold"


def dash_outcome(score: int, judgement_high: bool, policy: DashPolicy) -> DashOutcome:
    """High with a MARAC referral due at or over the threshold, or when judgement says so."""
    if not 0 <= score <= policy.questions:
        raise ValueError(f"a DASH score is between 0 and {policy.questions}")
    if score >= policy.marac_threshold:
        return DashOutcome(RiskLevel.HIGH, True, "score")
    if judgement_high:
        return DashOutcome(RiskLevel.HIGH, True, "judgement")
    return DashOutcome(RiskLevel.MEDIUM, False, "below_threshold")
