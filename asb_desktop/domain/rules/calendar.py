"""Working-day arithmetic fast enough to run over a whole caseload.

``domain.workdays`` walks one day at a time, which is fine for one report but
not for 20,000 cases with five targets each. Here the working days of each
year are kept as a sorted list of ordinals, so adding *n* working days is a
binary search and an index. Paused days (a case's clock stopped by policy) are
skipped with a short walk only when a pause overlaps the target.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from threading import RLock

from asb_desktop.domain.workdays import is_working_day


@dataclass(frozen=True)
class Pause:
    """Days from ``start`` up to, not including, ``end`` do not count; ``end`` None is still paused."""

    start: date
    end: date | None = None
    reason: str = ""

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


class _Ordinals:
    """Working days as ordinals, grown a year at a time as targets reach further."""

    def __init__(self) -> None:
        self.lock = RLock()  # the list is grown in place; readers and growers take turns
        self.first_year = 0
        self.last_year = -1
        self.days: list[int] = []

    def _year(self, year: int) -> list[int]:
        day = date(year, 1, 1)
        out = []
        while day.year == year:
            if is_working_day(day):
                out.append(day.toordinal())
            day += timedelta(days=1)
        return out

    def cover(self, first: int, last: int) -> None:
        with self.lock:
            self._cover(first, last)

    def _cover(self, first: int, last: int) -> None:
        if self.last_year < self.first_year:
            self.first_year, self.last_year = first, first - 1
        while first < self.first_year:
            self.first_year -= 1
            self.days[:0] = self._year(self.first_year)
        while self.last_year < last:
            self.last_year += 1
            self.days.extend(self._year(self.last_year))


_ORD = _Ordinals()


@lru_cache(maxsize=1 << 16)
def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself is day 0).

    Cached: across a caseload the same few hundred start dates recur thousands of times.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    if days == 0:
        return start
    with _ORD.lock:
        _ORD.cover(start.year, start.year + days // 200 + 1)
        i = bisect_right(_ORD.days, start.toordinal())
        while i + days - 1 >= len(_ORD.days):
            _ORD.cover(_ORD.first_year, _ORD.last_year + 1)
        return date.fromordinal(_ORD.days[i + days - 1])


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
    if end <= start:
        return 0
    with _ORD.lock:
        _ORD.cover(start.year, end.year)
        return bisect_right(_ORD.days, end.toordinal()) - bisect_right(_ORD.days, start.toordinal())


def add_counted_days(start: date, days: int, pauses: Sequence[Pause] = ()) -> date | None:
    """Like ``add_working_days`` but paused days do not count.

    None while an open pause began on or before the date the target would
    otherwise fall: the target is on hold. A pause that begins after that date
    changes nothing, so a target already missed is never hidden by pausing.
    """
    plain = add_working_days(start, days)
    relevant = [p for p in pauses if p.end is None or p.end > start]
    if all(p.start > plain for p in relevant):
        return plain
    remaining = days
    current = start
    while remaining:
        current = add_working_days(current, 1)
        hit = [p for p in relevant if p.covers(current)]
        if any(p.end is None for p in hit):
            return None
        if not hit:
            remaining -= 1
    return current
