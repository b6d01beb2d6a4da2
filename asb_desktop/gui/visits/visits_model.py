"""The tenancy visits table: due visits first, then those done."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from asb_desktop.controllers.visits import VisitFilter, VisitsController
from asb_desktop.domain.enums import VisitKind, VisitStatus
from asb_desktop.domain.views import Page, VisitRow
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.paged_model import Column, PagedTableModel
from asb_desktop.gui.common.widgets import RISK_COLOURS, due_text, label_of, when_text


def columns(today: Callable[[], date]) -> list[Column[VisitRow]]:
    """Columns; a visit still due after its date says "Overdue" in words."""

    def late(r: VisitRow) -> bool:
        return r.status == VisitStatus.DUE.value and r.due_date is not None and r.due_date < today()

    return [
        Column("Status", lambda r: label_of(r.status, VisitStatus), "status", 60),
        Column("Due", lambda r: due_text(r.due_date, late(r)) if r.due_date else "—", "due", 150,
               colours=lambda r: RISK_COLOURS["high"] if late(r) else None),
        Column("Visited", lambda r: when_text(r.visit_date) or "Not yet", "visited", 100),
        Column("Tenancy", lambda r: r.tenancy_reference, "tenancy", 100),
        Column("Address", lambda r: r.address, "address", 200),
        Column("Kind", lambda r: label_of(r.kind, VisitKind), "kind", 200),
        Column("ASB terms explained", lambda r: f"{r.terms_explained} of {r.terms_total}", None, 150),
        Column("Acknowledged", lambda r: "Yes" if r.acknowledged else "No", "acknowledged", 110),
        Column("Officer", lambda r: r.officer, "officer", 130),
    ]


class VisitsModel(PagedTableModel[VisitRow]):
    def __init__(
        self, ops: OpsRunner, visits: VisitsController, today: Callable[[], date]
    ) -> None:
        self._visits = visits
        self.filter = VisitFilter(status="due")
        super().__init__(ops, columns(today), self._fetcher(self.filter))

    def _fetcher(self, flt: VisitFilter) -> Callable[[str | None, bool, int, int], Page[VisitRow]]:
        visits = self._visits

        def fetch(sort: str | None, desc: bool, offset: int, limit: int) -> Page[VisitRow]:
            return visits.list_visits(flt, offset, limit, sort=sort, descending=desc)

        return fetch

    def set_filter(self, flt: VisitFilter) -> None:
        self.filter = flt
        self.set_fetch(self._fetcher(flt))
