"""The caseload table: one page of ``CasesController.caseload`` at a time."""

from __future__ import annotations

from collections.abc import Callable

from asb_desktop.controllers.cases import CaseFilter, CasesController
from asb_desktop.domain.enums import CaseStatus, Category
from asb_desktop.domain.views import CaseRow, Page
from asb_desktop.gui.ops import OpsRunner
from asb_desktop.gui.paged_model import Column, PagedTableModel
from asb_desktop.gui.widgets import RISK_COLOURS, due_text, label_of, risk_text

OVERDUE = RISK_COLOURS["high"]


def _categories(row: CaseRow) -> str:
    return ", ".join(label_of(c, Category) for c in row.categories)


def _status(row: CaseRow) -> str:
    status = label_of(row.status, CaseStatus)
    return f"{status} · Restricted" if row.restricted else status


COLUMNS: list[Column[CaseRow]] = [
    Column("Reference", lambda r: r.reference, "reference", 160),
    Column("Parties", lambda r: r.parties or "—", "parties", 170),
    Column("Category", _categories, None, 140),
    Column("Risk", lambda r: risk_text(r.risk_level), "risk", 80,
           colours=lambda r: RISK_COLOURS.get(r.risk_level)),
    Column("Officer", lambda r: r.officer, None, 130),
    Column("Status", _status, "status", 150),
    Column("Next action due", lambda r: due_text(r.next_action_due, r.overdue), "due", 160,
           colours=lambda r: OVERDUE if r.overdue else None),
    Column("Days open", lambda r: str(r.days_open), "-opened", 90),
]


class CaseloadModel(PagedTableModel[CaseRow]):
    def __init__(self, ops: OpsRunner, cases: CasesController) -> None:
        self._cases = cases
        self.filter = CaseFilter()
        super().__init__(ops, COLUMNS, self._fetcher(self.filter), default_sort=("risk", True))

    def _fetcher(self, flt: CaseFilter) -> Callable[[str | None, bool, int, int], Page[CaseRow]]:
        cases = self._cases

        def fetch(sort: str | None, desc: bool, offset: int, limit: int) -> Page[CaseRow]:
            return cases.caseload(flt, sort or "risk", desc, offset, limit)

        return fetch

    def set_filter(self, flt: CaseFilter) -> None:
        self.filter = flt
        self.set_fetch(self._fetcher(flt))
