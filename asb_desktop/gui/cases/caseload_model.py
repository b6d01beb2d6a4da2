"""The caseload table: one page of ``CasesController.caseload`` at a time."""

from __future__ import annotations

from collections.abc import Callable

from asb_desktop.controllers.cases import CaseFilter, CasesController
from asb_desktop.domain.views import CaseRow, Page
from asb_desktop.gui.common.caseload_columns import COLUMNS
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.paged_model import PagedTableModel


class CaseloadModel(PagedTableModel[CaseRow]):
    def __init__(self, ops: OpsRunner, cases: CasesController) -> None:
        self._cases = cases
        self.filter = CaseFilter()
        super().__init__(ops, COLUMNS, self._fetcher(self.filter), default_sort=("risk", True))

    def _fetcher(self, flt: CaseFilter) -> Callable[[str | None, bool, int, int], Page[CaseRow]]:
        cases = self._cases

        def fetch(sort: str | None, desc: bool, offset: int, limit: int) -> Page[CaseRow]:
            # Each keystroke's page is not audited; the tab records the search the
            # officer settles on (CasesTab.settle_search), once.
            return cases.caseload(flt, sort or "risk", desc, offset, limit, audit=False)

        return fetch

    def set_filter(self, flt: CaseFilter) -> None:
        self.filter = flt
        self.set_fetch(self._fetcher(flt))
