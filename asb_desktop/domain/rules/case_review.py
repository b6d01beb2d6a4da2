"""The ASB Case Review threshold (s104 Anti-social Behaviour, Crime and Policing Act 2014).

A complaint qualifies when it is made within one month of the behaviour. The
threshold is met when enough qualifying complaints fall within a rolling
window, counted per complainant or per location; the landlord's variants
(several people, hate incidents) are ``Threshold`` settings. Counting starts
on the same calendar day ``within_months`` before the day of reckoning: a
complaint received on that day still counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import NamedTuple

from asb_desktop.domain.policy import CaseReviewPolicy, Threshold
from asb_desktop.domain.rules.calendar import add_working_days
from asb_desktop.domain.rules.dates import add_months


class Complaint(NamedTuple):
    """One complaint (a tuple: a caseload's worth are built at once)."""

    report_id: str
    received_on: date
    incident_on: date | None
    reporter_id: str | None
    address_key: str
    hate: bool = False
    case_id: str | None = None


@dataclass(frozen=True)
class ThresholdHit:
    """A threshold met (or, for a warning, that one more complaint would meet)."""

    threshold: str
    description: str
    per: str
    group: str  # the reporter id or address key the complaints share
    complaints: int
    reporters: int
    hate: int
    report_ids: tuple[str, ...]


def qualifies(c: Complaint, qualifying_months: int = 1) -> bool:
    """Made within ``qualifying_months`` of the behaviour; an undated incident counts as prompt."""
    if c.incident_on is None:
        return True
    return c.received_on <= add_months(c.incident_on, qualifying_months)


def _key(c: Complaint, per: str) -> str:
    if per == "location":
        return c.address_key
    return c.reporter_id or ""


def _check(t: Threshold, group: str, items: Sequence[Complaint]) -> ThresholdHit | None:
    if len(items) < t.complaints:
        return None
    hate = sum(1 for c in items if c.hate)
    if hate < t.min_hate:
        return None
    # Anonymous complaints cannot be told apart, so each counts as another person:
    # the doubt goes the complainants' way.
    people = len({c.reporter_id for c in items if c.reporter_id}) + sum(1 for c in items if not c.reporter_id)
    if people < t.min_reporters:
        return None
    ordered = sorted(items, key=itemgetter(1, 0))  # by date received, then report id
    return ThresholdHit(
        t.name, t.description or t.name, t.per, group, len(items), people, hate,
        tuple(c.report_id for c in ordered),
    )


def evaluate(
    complaints: Iterable[Complaint], policy: CaseReviewPolicy, as_of: date
) -> list[ThresholdHit]:
    """Every threshold met on ``as_of``, for every complainant and location."""
    qualifying = [c for c in complaints if c.received_on <= as_of and qualifies(c, policy.qualifying_months)]
    hits: list[ThresholdHit] = []
    for t in policy.thresholds:
        start = add_months(as_of, -t.within_months)
        groups: dict[str, list[Complaint]] = defaultdict(list)
        for c in qualifying:
            key = _key(c, t.per)
            if key and c.received_on >= start:
                groups[key].append(c)
        for key, items in groups.items():
            hit = _check(t, key, items)
            if hit is not None:
                hits.append(hit)
    return hits


def would_meet(
    earlier: Iterable[Complaint], new: Complaint, policy: CaseReviewPolicy
) -> list[ThresholdHit]:
    """Thresholds this new complaint would meet in its own groups, and that were not met without it."""
    earlier = [c for c in earlier if c.report_id != new.report_id]
    before = {(h.threshold, h.group) for h in evaluate(earlier, policy, new.received_on)}
    mine = {("complainant", new.reporter_id or ""), ("location", new.address_key)}
    return [
        h for h in evaluate([*earlier, new], policy, new.received_on)
        if (h.per, h.group) in mine and (h.threshold, h.group) not in before
    ]


@dataclass(frozen=True)
class ReviewDates:
    acknowledge_by: date
    decision_by: date
    review_by: date
    outcome_by: date


def review_dates(received_on: date, policy: CaseReviewPolicy) -> ReviewDates:
    """The published timescales for a case review request, in working days."""
    return ReviewDates(
        add_working_days(received_on, policy.acknowledge_days),
        add_working_days(received_on, policy.decision_days),
        add_working_days(received_on, policy.review_days),
        add_working_days(received_on, policy.outcome_days),
    )
