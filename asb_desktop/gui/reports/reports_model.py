"""The reports table: one page of ``ReportsController.list_reports`` at a time."""

from __future__ import annotations

from collections.abc import Callable

from asb_desktop.controllers.reports import ReportFilter, ReportsController
from asb_desktop.domain.enums import Assessment, Category
from asb_desktop.domain.views import Page, ReportRow
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.paged_model import Column, PagedTableModel
from asb_desktop.gui.common.widgets import RISK_COLOURS, label_of, risk_text, when_text


def _categories(row: ReportRow) -> str:
    text = ", ".join(label_of(c, Category) for c in row.categories)
    return text


def _assessment(row: ReportRow) -> str:
    return label_of(row.assessment, Assessment) if row.assessment else "Not yet assessed"


COLUMNS: list[Column[ReportRow]] = [
    Column("Received", lambda r: when_text(r.received_at), "received", 140),
    Column("Reporter", lambda r: r.reporter, None, 140),
    Column("Location", lambda r: r.location or "—", "location", 170),
    Column("Categories", _categories, None, 160, tooltip=lambda r: r.excerpt),
    Column("Risk", lambda r: risk_text(r.risk_level), "risk", 80,
           colours=lambda r: RISK_COLOURS.get(r.risk_level)),
    Column("Assessment", _assessment, "assessment", 150),
    Column("Case", lambda r: r.case_reference or "No case", None, 140),
]


class ReportsModel(PagedTableModel[ReportRow]):
    def __init__(self, ops: OpsRunner, reports: ReportsController) -> None:
        self._reports = reports
        self.filter = ReportFilter()
        super().__init__(ops, COLUMNS, self._fetcher(self.filter),
                         default_sort=("received", True))

    def _fetcher(
        self, flt: ReportFilter
    ) -> Callable[[str | None, bool, int, int], Page[ReportRow]]:
        reports = self._reports

        def fetch(sort: str | None, desc: bool, offset: int, limit: int) -> Page[ReportRow]:
            # Not audited per keystroke: the tab records the search the officer settles on
            # (ReportsTab.settle_search), once.
            return reports.list_reports(flt, sort or "received", desc, offset, limit, audit=False)

        return fetch

    def set_filter(self, flt: ReportFilter) -> None:
        self.filter = flt
        self.set_fetch(self._fetcher(flt))
