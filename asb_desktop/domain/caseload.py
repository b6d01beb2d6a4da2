"""The caseload's rows, and how one is worked out from a case's stored columns.

Shared by ``CasesController.caseload`` and the first page read before the
rest of the app loads, so the two can never disagree on what is overdue or
how long a case has been open. The row types are here rather than in
``domain.views`` so the first page need not build every other view type
(about 10 ms of a start that should take a quarter of a second).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: list[T]
    total: int
    offset: int


@dataclass(frozen=True)
class CaseRow:
    id: str
    reference: str
    parties: str
    categories: tuple[str, ...]
    risk_level: str
    officer: str
    status: str
    next_action_due: date | None
    days_open: int
    restricted: bool
    overdue: bool


@dataclass(frozen=True)
class FirstPage:
    """The caseload's first page as read before the rest of the app loads."""

    user_id: str
    user_name: str
    role: str
    demo: bool
    rows: tuple[CaseRow, ...]
    total: int


def is_overdue(due: date | None, today: date) -> bool:
    return due is not None and due < today


def case_row(
    *, id: str, reference: str, parties: str | None, categories: Sequence[str] | None,
    risk_level: str, officer: str | None, status: str, next_action_due: date | None,
    opened_at: datetime, closed_at: datetime | None, restricted: bool, today: date,
) -> CaseRow:
    end = closed_at.date() if closed_at else today
    return CaseRow(
        id=id, reference=reference, parties=parties or "", categories=tuple(categories or ()),
        risk_level=risk_level, officer=officer or "", status=status,
        next_action_due=next_action_due, days_open=max(0, (end - opened_at.date()).days),
        restricted=bool(restricted),
        # As in the filter: a closed case is never overdue, whatever it left open.
        overdue=status != "closed" and is_overdue(next_action_due, today),
    )
