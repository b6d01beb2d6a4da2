"""Repeat non-ASB reports (commitment 13).

When a report is not ASB the officer gives self-resolution advice. If the same
reporter, or someone about the same address, reports the same kind of issue
again, the earlier advice is found so the officer can refer them back to it.
"Same kind" means at least one category in common; advice older than the
look-back period is not offered again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from asb_desktop.domain.rules.dates import add_months


@dataclass(frozen=True)
class PastAdvice:
    advice_id: str
    report_id: str
    given_on: date
    reporter_id: str | None
    address_key: str
    categories: frozenset[str]
    advice_key: str = ""
    advice_text: str = ""


@dataclass(frozen=True)
class NewReport:
    reporter_id: str | None
    address_key: str
    categories: frozenset[str]
    received_on: date


@dataclass(frozen=True)
class AdviceMatch:
    advice: PastAdvice
    same_reporter: bool
    same_address: bool
    shared_categories: tuple[str, ...]


def match_earlier_advice(
    new: NewReport, earlier: Iterable[PastAdvice], lookback_months: int
) -> list[AdviceMatch]:
    """Earlier advice the new report repeats, most recent first."""
    since = add_months(new.received_on, -lookback_months)
    out = []
    for a in earlier:
        if not since <= a.given_on <= new.received_on:
            continue
        shared = new.categories & a.categories
        if not shared:
            continue
        same_reporter = bool(new.reporter_id) and new.reporter_id == a.reporter_id
        same_address = bool(new.address_key) and new.address_key == a.address_key
        if same_reporter or same_address:
            out.append(AdviceMatch(a, same_reporter, same_address, tuple(sorted(shared))))
    out.sort(key=lambda m: (m.advice.given_on, m.advice.advice_id), reverse=True)
    return out


@dataclass(frozen=True)
class NonAsbReport:
    report_id: str
    received_on: date
    reporter_id: str | None
    address_key: str


@dataclass(frozen=True)
class RepeatGroup:
    """Several non-ASB reports from one reporter or about one address."""

    per: str  # "reporter" or "address"
    key: str
    count: int
    first_on: date
    last_on: date
    report_ids: tuple[str, ...]


def repeat_groups(
    reports: Iterable[NonAsbReport], since: date, at_least: int = 2
) -> list[RepeatGroup]:
    """Reporters and addresses with ``at_least`` non-ASB reports since ``since``, most first."""
    by: dict[tuple[str, str], list[NonAsbReport]] = defaultdict(list)
    for r in reports:
        if r.received_on < since:
            continue
        if r.reporter_id:
            by[("reporter", r.reporter_id)].append(r)
        if r.address_key:
            by[("address", r.address_key)].append(r)
    out = [
        RepeatGroup(
            per, key, len(items), min(i.received_on for i in items),
            max(i.received_on for i in items), tuple(i.report_id for i in items),
        )
        for (per, key), items in by.items()
        if len(items) >= at_least
    ]
    out.sort(key=lambda g: (-g.count, g.per, g.key))
    return out
