"""Risk proposed from report categories (the landlord's example policy in domain.md).

A case with several categories takes the highest. The officer may raise the
proposal; lowering it needs a reason (enforced by the controllers).
"""

from __future__ import annotations

from collections.abc import Iterable

from asb_desktop.domain.enums import Category, RiskLevel

CATEGORY_RISK: dict[Category, RiskLevel] = {
    Category.HATE_INCIDENT: RiskLevel.HIGH,
    Category.DOMESTIC_ABUSE: RiskLevel.HIGH,
    Category.VIOLENCE: RiskLevel.HIGH,
    Category.THREATS_TO_LIFE: RiskLevel.HIGH,
    Category.DRUG_SUPPLY: RiskLevel.HIGH,
    Category.VERBAL_ABUSE: RiskLevel.MEDIUM,
    Category.HARASSMENT: RiskLevel.MEDIUM,
    Category.DRINK_DRUG_ASB: RiskLevel.MEDIUM,
    Category.NOISE: RiskLevel.MEDIUM,
    Category.CRIME: RiskLevel.MEDIUM,
    Category.VANDALISM: RiskLevel.LOW,
    Category.ANIMALS: RiskLevel.LOW,
    Category.FLY_TIPPING: RiskLevel.LOW,
    Category.LIFESTYLE: RiskLevel.LOW,
    Category.PARKING: RiskLevel.LOW,
    Category.CHILDREN_PLAYING: RiskLevel.LOW,
    Category.OTHER: RiskLevel.LOW,
}


def proposed_risk(categories: Iterable[Category], hate_incident: bool = False) -> RiskLevel:
    """The highest risk among the categories; a hate incident is always high."""
    levels = [CATEGORY_RISK[c] for c in categories]
    if hate_incident:
        levels.append(RiskLevel.HIGH)
    return max(levels, key=lambda r: r.rank, default=RiskLevel.LOW)


def highest(levels: Iterable[RiskLevel]) -> RiskLevel:
    return max(levels, key=lambda r: r.rank, default=RiskLevel.LOW)
