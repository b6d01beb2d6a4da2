"""Counting working days by arithmetic gives the same answer as walking the calendar."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from asb_desktop.domain.workdays import add_working_days, is_working_day, working_days_between


def _walk(start: date, end: date) -> int:
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


@settings(max_examples=300, deadline=None)
@given(st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.integers(-10, 900))
def test_count_matches_a_walk_through_the_calendar(start: date, span: int) -> None:
    assert working_days_between(start, start + timedelta(days=span)) == _walk(
        start, start + timedelta(days=span)
    )


@settings(max_examples=200, deadline=None)
@given(st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.integers(0, 60))
def test_adding_then_counting_gives_the_days_back(start: date, days: int) -> None:
    assert working_days_between(start, add_working_days(start, days)) == days


def test_christmas_and_new_year_do_not_count() -> None:
    # Mon 22 Dec 2025 to Fri 9 Jan 2026: 25, 26 Dec and 1 Jan are bank holidays.
    assert working_days_between(date(2025, 12, 22), date(2026, 1, 9)) == 11
