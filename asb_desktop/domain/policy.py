"""The landlord's response targets, as settings with the defaults of domain.md.

Targets are counted in working days and vary by risk level.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from asb_desktop.domain.enums import RiskLevel


@dataclass(frozen=True)
class Targets:
    acknowledge_days: dict[str, int] = field(
        default_factory=lambda: {"high": 1, "medium": 2, "low": 3}
    )
    first_contact_days: dict[str, int] = field(
        default_factory=lambda: {"high": 1, "medium": 3, "low": 5}
    )
    action_plan_days: dict[str, int] = field(
        default_factory=lambda: {"high": 3, "medium": 5, "low": 10}
    )
    victim_update_days: int = 10

    def acknowledge(self, risk: RiskLevel | str) -> int:
        return self.acknowledge_days[str(risk)]

    def first_contact(self, risk: RiskLevel | str) -> int:
        return self.first_contact_days[str(risk)]


@dataclass(frozen=True)
class Policy:
    targets: Targets = field(default_factory=Targets)
    retention_years: int = 6
    idle_lock_minutes: int = 5
