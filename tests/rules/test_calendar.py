"""Working days for targets: weekends and England & Wales bank holidays never count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asb_desktop.domain import workdays
from asb_desktop.domain.rules.calendar import (
    Pause,
    add_counted_days,
    add_working_days,
    working_days_between,
)
from asb_desktop.domain.rules.dates import add_months

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 3, 2), 0, date(2026, 3, 2)),  # day 0 is the start itself
        (date(2026, 3, 6), 1, date(2026, 3, 9)),  # Friday + 1 is Monday
        (date(2026, 3, 7), 1, date(2026, 3, 9)),  # received on a Saturday
        (date(2026, 4, 2), 1, date(2026, 4, 7)),  # over Good Friday and Easter Monday
        (date(2026, 5, 22), 1, date(2026, 5, 26)),  # Spring bank holiday
        (date(2026, 8, 28), 1, date(2026, 9, 1)),  # Late Summer bank holiday
        (date(2026, 12, 24), 1, date(2026, 12, 29)),  # Christmas, Boxing Day observed on the 28th
        (date(2026, 12, 24), 3, date(2026, 12, 31)),
        (date(2026, 12, 24), 4, date(2027, 1, 4)),  # across the year end and New Year's Day
        (date(2026, 12, 31), 1, date(2027, 1, 4)),
        (date(2027, 12, 24), 1, date(2027, 12, 29)),  # both Christmas days observed on weekdays
        (date(2026, 3, 2), 10, date(2026, 3, 16)),
    ],
)
def test_add_working_days_table(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n) == expected


@given(days, st.integers(min_value=0, max_value=400))
def test_fast_calendar_agrees_with_day_by_day_count(start: date, n: int) -> None:
    due = add_working_days(start, n)
    assert due == workdays.add_working_days(start, n)
    assert working_days_between(start, due) == n
    assert workdays.working_days_between(start, due) == n


@given(days, st.integers(min_value=1, max_value=60))
def test_due_date_is_a_working_day_and_never_early(start: date, n: int) -> None:
    due = add_working_days(start, n)
    assert due.weekday() < 5 and workdays.is_working_day(due)
    assert due >= start + timedelta(days=n)


@given(days, days)
def test_between_matches_reference(a: date, b: date) -> None:
    assert working_days_between(a, b) == workdays.working_days_between(a, b)


def test_negative_days_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 2), -1)


# -- paused clocks ---------------------------------------------------------------


def test_closed_pause_pushes_the_target_back_by_the_paused_working_days() -> None:
    start = date(2026, 3, 2)  # Monday; 5 working days → Monday 9 March
    pause = Pause(date(2026, 3, 4), date(2026, 3, 6))  # Wednesday and Thursday do not count
    assert add_counted_days(start, 5, ()) == date(2026, 3, 9)
    assert add_counted_days(start, 5, (pause,)) == date(2026, 3, 11)


def test_open_pause_holds_the_target_but_never_hides_a_missed_one() -> None:
    start = date(2026, 3, 2)
    assert add_counted_days(start, 5, (Pause(date(2026, 3, 4)),)) is None
    # Paused only after the target fell due: still due on its date (and so overdue).
    assert add_counted_days(start, 5, (Pause(date(2026, 3, 20)),)) == date(2026, 3, 9)


def test_pause_over_a_weekend_or_bank_holiday_changes_nothing() -> None:
    start = date(2026, 4, 1)
    plain = add_counted_days(start, 3, ())
    assert add_counted_days(start, 3, (Pause(date(2026, 4, 3), date(2026, 4, 7)),)) == plain


@settings(max_examples=200)
@given(
    days,
    st.integers(min_value=1, max_value=30),
    st.integers(min_value=-10, max_value=40),
    st.integers(min_value=0, max_value=20),
)
def test_closed_pause_delays_by_exactly_the_paused_working_days(
    start: date, n: int, offset: int, length: int
) -> None:
    pause = Pause(start + timedelta(days=offset), start + timedelta(days=offset + length))
    plain = add_working_days(start, n)
    due = add_counted_days(start, n, (pause,))
    assert due is not None and due >= plain
    # Counting working days from start to due, less the paused ones, gives n again.
    counted = sum(
        1
        for i in range(1, (due - start).days + 1)
        if workdays.is_working_day(start + timedelta(days=i)) and not pause.covers(start + timedelta(days=i))
    )
    assert counted == n


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 9, 1), -6, date(2026, 3, 1)),
        (date(2026, 8, 31), -6, date(2026, 2, 28)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2027, 1, 10), -1, date(2026, 12, 10)),
    ],
)
def test_calendar_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected
