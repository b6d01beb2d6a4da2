"""Calendar months, as the law and policies count them ("within 6 months", "within one month")."""

from __future__ import annotations

import calendar
from datetime import date
from functools import lru_cache


@lru_cache(maxsize=1 << 14)
def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier); the 31st becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
