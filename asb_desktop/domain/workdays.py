"""Working days for response targets: weekends and England & Wales bank holidays
do not count. Holidays come from the maintained ``holidays`` package, which
ships its data, so nothing is fetched at run time.

Counting is arithmetic (whole weeks, then the remainder, minus the bank
holidays in range found by bisection), because supervisors' figures count
working days across tens of thousands of cases.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


@lru_cache(maxsize=64)
def _weekday_holidays(first_year: int, last_year: int) -> tuple[date, ...]:
    days = set()
    for year in range(first_year, last_year + 1):
        days |= {d for d in _bank_holidays(year) if d.weekday() < 5}
    return tuple(sorted(days))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself is day 0)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def _weekdays_upto(day: date) -> int:
    """Weekdays from an epoch Monday up to and including ``day``."""
    ordinal = day.toordinal() - 1  # date(1, 1, 1) is a Monday, ordinal 1
    weeks, rest = divmod(ordinal + 1, 7)
    return weeks * 5 + min(rest, 5)


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
    if end <= start:
        return 0
    weekdays = _weekdays_upto(end) - _weekdays_upto(start)
    hols = _weekday_holidays(start.year, end.year)
    in_range = bisect_right(hols, end) - bisect_left(hols, start + timedelta(days=1))
    return weekdays - in_range
