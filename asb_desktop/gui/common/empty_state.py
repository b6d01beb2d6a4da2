"""What an empty list says, so a blank white table never leaves an officer
wondering whether the app is broken, still loading, or hiding things.

An empty list means one of two things, and each needs a different next step:
there is nothing yet (say how to add the first one), or the search and
filters hide everything (say to clear them). ``EmptyState`` lays a message
over a table's viewport, the column headers still showing, and keeps it
right as pages arrive, the filter changes or rows are added; while a page is
still loading it says nothing (the count line already says "Loading…"), so
"No reports yet" never flashes up before the first page.

Use on any tab whose table shows a ``PagedTableModel``::

    self.empty_state = EmptyState(
        self.table, self.model,
        empty="No reports yet — Ctrl+N logs a report",
        no_match="No reports match — clear the search or filters",
        filtered=lambda: bool(self.search.text().strip()),
    )

The message is also the table's accessible description while it shows, so
a screen reader user landing on the empty table hears it too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QTableView

from asb_desktop.gui.common.paged_model import PagedTableModel

Text = str | Callable[[], str]


class EmptyState(QObject):
    """The message over an empty table. ``empty`` is shown when nothing is
    filtered out, ``no_match`` when ``filtered()`` says a search or filter is
    on; either may be a function, for a message that depends on a choice
    (visits *due* or *done*)."""

    def __init__(
        self, table: QTableView, model: PagedTableModel[Any], empty: Text, no_match: Text,
        filtered: Callable[[], bool],
    ) -> None:
        super().__init__(table)
        self._table = table
        self._model = model
        self._empty = empty
        self._no_match = no_match
        self._filtered = filtered
        self._description = table.accessibleDescription()
        self.label = QLabel(table.viewport())
        self.label.setObjectName("emptyState")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        # Clicks and the wheel go through to the table underneath.
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # Inline, so the helper works on any tab without a stylesheet entry; the
        # hint grey of the rest of the app, a little larger than the rows.
        self.label.setStyleSheet("color: #505a5f; background: transparent; padding: 24px;")
        font = self.label.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.15)
            self.label.setFont(font)
        self.label.hide()
        table.viewport().installEventFilter(self)
        model.modelReset.connect(self.update)
        model.rowsInserted.connect(self.update)
        model.rowsRemoved.connect(self.update)
        model.page_loaded.connect(self.update)
        model.loading_changed.connect(self.update)

    def message(self) -> str:
        """What the table should say now: nothing while it has rows or is loading."""
        model = self._model
        if model.loading or model.total is None or model.rowCount() > 0:
            return ""
        text = self._no_match if self._filtered() else self._empty
        return text() if callable(text) else text

    def update(self, *_args: object) -> None:
        text = self.message()
        self.label.setText(text)
        self.label.setGeometry(self._table.viewport().rect())
        self.label.setVisible(bool(text))
        self._table.setAccessibleDescription(text or self._description)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._table.viewport():
            self.label.setGeometry(self._table.viewport().rect())
        return False
