"""The ASB-terms checklist for sign-up and post-tenancy visits (commitment 3).

Each item is a term of the tenancy that relates to ASB; the officer ticks what
was explained so that expectations and consequences are clear and recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

ASB_TERMS: dict[str, str] = {
    "definition": "What counts as anti-social behaviour, including hate incidents and domestic abuse",
    "household_visitors": "The tenant is responsible for the behaviour of their household and visitors",
    "noise_nuisance": "Noise and nuisance: what is reasonable everyday living and what is not",
    "harassment_hate": "Harassment and hate incidents will not be tolerated",
    "how_to_report": "How to report ASB, and what happens after a report",
    "support": "Support available, including for domestic abuse",
    "consequences": "Consequences of breach: warnings, ABCs, injunctions, possession",
}

#: A post-tenancy (settling-in) visit is due this many days after sign-up
#: unless the landlord's settings say otherwise.
POST_TENANCY_VISIT_AFTER_DAYS = 42


@dataclass(frozen=True)
class VisitSchedule:
    """The landlord's visit rules (``[visits]`` in settings.toml).

    A tenancy that started long before it reached the profile (a 1998 tenancy
    in today's import) gets no visits: the sign-up is long past and a
    settling-in visit would mean nothing. ``schedule_within_days`` is how far
    back a start date still earns them."""

    post_tenancy_weeks: int = POST_TENANCY_VISIT_AFTER_DAYS // 7
    schedule_within_days: int = 90
    sign_up_visit: bool = True


def post_tenancy_visit_due(start: date, rules: VisitSchedule | None = None) -> date:
    weeks = (rules or VisitSchedule()).post_tenancy_weeks
    return start + timedelta(weeks=weeks)


def planned_visits(
    start: date, end: date | None, today: date, rules: VisitSchedule,
) -> list[tuple[str, date]]:
    """The visits a tenancy should have, as (kind, due date): a sign-up visit
    at the start date and a post-tenancy visit some weeks later; none for a
    tenancy that started before the window or has already ended."""
    if start < today - timedelta(days=rules.schedule_within_days):
        return []
    if end is not None and end <= today:
        return []
    out = [("sign_up", start)] if rules.sign_up_visit else []
    post = post_tenancy_visit_due(start, rules)
    if end is None or post < end:
        out.append(("post_tenancy", post))
    return out


def should_cancel(due: date | None, end: date | None, today: date) -> bool:
    """A visit not yet done is cancelled once its tenancy has ended, or when it
    falls due after the tenancy's end."""
    if end is None:
        return False
    return end <= today or (due is not None and due >= end)


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week ``day`` is in: what "due this week" means."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def due_state(due: date | None, today: date) -> str:
    """``overdue``, ``this_week`` or ``later`` for a visit not yet done."""
    if due is None:
        return "later"
    if due < today:
        return "overdue"
    return "this_week" if due <= week_of(today)[1] else "later"


@dataclass(frozen=True)
class DueVisit:
    """A visit not yet done that is overdue or due this week, for the officer's list."""

    id: str
    tenancy_reference: str
    address: str
    kind: str
    due_date: date | None
    officer: str
    state: str  # "overdue" or "this_week"


@dataclass(frozen=True)
class PackCase:
    """An open case shown on a visit sheet; a restricted one this officer may not
    open shows only its reference and the word Restricted."""

    reference: str
    summary: str
    risk_level: str
    parties: str
    restricted: bool


@dataclass(frozen=True)
class PackTenant:
    name: str
    date_of_birth: date | None
    phone: str
    adjustments: tuple[str, ...]
    adjustment_notes: str
    language: str


@dataclass(frozen=True)
class VisitSheet:
    """One page of the day's visit pack."""

    visit_id: str
    kind: str
    due_date: date | None
    tenancy_reference: str
    tenure: str
    start_date: date | None
    address: str
    postcode: str
    officer: str
    tenants: tuple[PackTenant, ...]
    cases: tuple[PackCase, ...]
