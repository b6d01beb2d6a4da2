"""A table model that holds only the pages of rows the officer has scrolled to.

The caseload can be tens of thousands of cases, so the model never asks for
every row: it asks a controller for one page (``Page(rows, total, offset)``)
on the database lane and appends the next page when the view scrolls near
the end (``canFetchMore``/``fetchMore``). Changing the filter or the sort
starts a new *generation*; pages still in flight from an older generation
are dropped when they arrive, so typing fast never shows stale rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from asb_desktop.domain.caseload import Page
from asb_desktop.gui.common.ops import Lane, OpsRunner, Priority

R = TypeVar("R")

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    text: Callable[[R], str]
    sort_key: str | None = None  # the controller's sort name; None = not sortable
    width: int = 120
    colours: Callable[[R], tuple[QColor, QColor] | None] | None = None
    tooltip: Callable[[R], str] | None = None


class PagedTableModel(QAbstractTableModel, Generic[R]):
    #: A page arrived (for progress indication and tests); args: rows loaded, total.
    page_loaded = Signal(int, int)
    #: Loading started or stopped.
    loading_changed = Signal(bool)

    def __init__(
        self,
        ops: OpsRunner,
        columns: list[Column[R]],
        fetch: Callable[[str | None, bool, int, int], Page[R]],
        page_size: int = 100,
        default_sort: tuple[str | None, bool] = (None, False),
    ) -> None:
        super().__init__()
        self._ops = ops
        self.columns = columns
        self._fetch = fetch
        self.page_size = page_size
        self._rows: list[R] = []
        self.total: int | None = None
        self._generation = 0
        self._loading = False
        self.sort_key, self.descending = default_sort

    # -- the query -------------------------------------------------------------

    def set_fetch(self, fetch: Callable[[str | None, bool, int, int], Page[R]]) -> None:
        """A new filter: start again from the first page."""
        self._fetch = fetch
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self.total = None
        self.endResetModel()
        self._request(0)

    def _request(self, offset: int) -> None:
        generation = self._generation
        fetch, key, desc, size = self._fetch, self.sort_key, self.descending, self.page_size
        self._set_loading(True)

        def job() -> Page[R] | None:
            if generation != self._generation:
                return None  # the officer typed on; don't make the next filter wait for this
            return fetch(key, desc, offset, size)

        self._ops.run(
            job,
            lambda page: self._arrived(generation, page),
            lambda exc: self._failed(generation, exc),
            lane=Lane.READ,
            priority=Priority.BACKGROUND,
            latest=f"page:{id(self)}",
        )

    def _arrived(self, generation: int, page: Page[R] | None) -> None:
        if generation != self._generation or page is None:
            return
        self._set_loading(False)
        if page.offset != len(self._rows):
            return
        self.total = page.total
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self.page_loaded.emit(len(self._rows), page.total)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._set_loading(False)
            from asb_desktop.gui.common.errors import show_error

            show_error(self._ops.error_parent, exc)

    def _set_loading(self, value: bool) -> None:
        if value != self._loading:
            self._loading = value
            self.loading_changed.emit(value)

    @property
    def loading(self) -> bool:
        return self._loading

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[R]:
        return list(self._rows)

    # -- Qt model --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._loading or self.total is None:
            return False
        return len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request(len(self._rows))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return col.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tooltip(row) if col.tooltip else col.text(row)
        if col.colours is not None and role in (
            Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole
        ):
            pair = col.colours(row)
            if pair is None:
                return None
            return pair[0] if role == Qt.ItemDataRole.BackgroundRole else pair[1]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        # A row is heard by what names it (the first column: a reference, a date), not
        # by its number, when a screen reader moves along a column.
        if 0 <= section < len(self._rows):
            return self.data(self.index(section, 0), Qt.ItemDataRole.DisplayRole)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:  # no column chosen: the controller's usual order
            if self.sort_key is not None:
                self.sort_key = None
                self.reload()
            return
        key = self.columns[column].sort_key
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key.startswith("-"):  # e.g. days open runs opposite to the date opened
            key, descending = key[1:], not descending
        self.sort_key = key
        self.descending = descending
        self.reload()
