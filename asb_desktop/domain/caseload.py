"""How a caseload row is worked out from a case's stored columns.

Shared by ``CasesController.caseload`` and the first page read before the
rest of the app loads, so the two can never disagree on what is overdue or
how long a case has been open.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from asb_desktop.domain.views import CaseRow


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
