"""The supervisor's list of changes sync set aside: work from other laptops
that arrived but did not take effect on this one.

Sync never holds a colleague's whole bundle back for one change it cannot
use, so without this list such a change would pass unnoticed. It is read-only:
nothing a supervisor does here changes the profile, and it never shows a
change's values (a purged change has none left; one that could not be
applied may name a victim), only which fields it set. The list is read
through ``SyncController.set_aside`` on the database lane, like every other
list in the window.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.sync import SetAsideView, SyncController, field_words
from asb_desktop.domain.views import Page
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.paged_model import Column, PagedTableModel
from asb_desktop.gui.common.table_view import make_table
from asb_desktop.gui.common.widgets import fill_combo, heading, hint, named, shrinkable, when_text

TITLE = "Changes set aside by sync"
#: The Sync menu's words for officers, who see the entry but cannot open it.
FOR_SUPERVISORS = ("A supervisor reviews the changes sync set aside; nothing is lost "
                   "meanwhile, they are kept in this profile.")
INTRO = (
    "These changes came from other laptops but did not take effect on this one; sync applied "
    "the rest of their work as usual. “Dropped” changes were about records purged under "
    "retention: the purge stands and nothing of them is kept. Changes that “could not be "
    "applied” are kept whole in this profile; only the fields they set are named here, as "
    "their values may be sensitive. If one matters, ask the officer it came from to record "
    "it again."
)
#: The filter's choices: shown text and the controller's ``kind`` (None for all).
FILTERS: list[tuple[str, object]] = [
    ("All", None),
    ("Could not be applied", "unappliable"),
    ("Refused: not allowed", "refused"),
    ("Dropped after a purge", "purged"),
]
NOTHING = "Sync has set nothing aside on this laptop."
NOTHING_OF_KIND = "Nothing of this kind has been set aside."
NO_FIELDS = "None kept"


def _fields(row: SetAsideView) -> str:
    return field_words(row.fields) or NO_FIELDS


COLUMNS: list[Column[SetAsideView]] = [
    Column("Set aside on", lambda r: when_text(r.at), "at", 130),
    Column("From", lambda r: r.device, "device", 170),
    Column("Record", lambda r: r.record, "record", 110),
    Column("Case", lambda r: r.case_reference, "case_reference", 140),
    Column("What happened", lambda r: r.kind_words, "kind_words", 370),
    Column("Fields it set", _fields, "fields", 180,
           tooltip=lambda r: "Only the names of the fields: the values stay in the profile"
           if r.fields else "Nothing of a purged change is kept but where it was going"),
]


def sorted_page(rows: list[SetAsideView], key: str | None, descending: bool, offset: int,
                size: int) -> Page[SetAsideView]:
    """Set-aside changes are few (tens at most), so the list is sorted whole here;
    the controller's order (newest first) breaks ties."""
    if key:
        field: Any = key
        rows = sorted(rows, key=lambda r: getattr(r, field), reverse=descending)
    return Page(rows[offset:offset + size], len(rows), offset)


def details_text(row: SetAsideView) -> str:
    """The whole reason, which the table has no room for, and what was kept of the change."""
    where = f" on {row.case_reference}" if row.case_reference else ""
    lines = [f"{row.record[:1].upper()}{row.record[1:]}{where}, from {row.device}, "
             f"{when_text(row.at)}: {row.kind_words}.",
             f"Why: {row.reason}"]
    if row.fields:
        lines.append(f"Fields it set: {field_words(row.fields)} (their values are kept only in "
                     "this profile).")
    return "\n".join(lines)


class SetAsideDialog(QDialog):
    """Read-only: the list, a filter by kind, and the chosen change's reason in full."""

    def __init__(self, ops: OpsRunner, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setAsideDialog")
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self._sync = sync
        self.model = PagedTableModel(ops, COLUMNS, self._fetch_for(None), page_size=500,
                                     default_sort=("at", True))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(TITLE, 1))
        self.intro = hint(INTRO)
        layout.addWidget(self.intro)

        row = QHBoxLayout()
        self.show_label = QLabel("&Show:")
        self.kind = named(shrinkable(fill_combo(QComboBox(), FILTERS), 14),
                          "Show which changes")
        self.show_label.setBuddy(self.kind)
        self.count = QLabel()
        self.count.setObjectName("setAsideCount")
        row.addWidget(self.show_label)
        row.addWidget(self.kind)
        row.addSpacing(12)
        row.addWidget(self.count, 1)
        layout.addLayout(row)

        self.table = make_table(self.model, "Changes set aside")  # type: ignore[arg-type]
        layout.addWidget(self.table, 1)
        self.empty = hint(NOTHING)
        self.empty.setObjectName("setAsideEmpty")
        self.empty.hide()
        layout.addWidget(self.empty)
        self.details = QLabel()
        self.details.setObjectName("setAsideDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)  # reasons carry database wording
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        layout.addWidget(self.details)
        layout.addStretch(0)  # takes the room only while the table is hidden (nothing set aside)

        buttons = QHBoxLayout()
        self.close_button = named(QPushButton("Close"), "Close")
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.model.page_loaded.connect(lambda *_a: self._loaded())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._chosen())
        self.close_button.clicked.connect(self.accept)
        for before, after in pairwise([self.kind, self.table, self.close_button]):
            self.setTabOrder(before, after)
        self.resize(1180, 600)
        self.model.reload()

    def _fetch_for(self, kind: str | None) -> Callable[[str | None, bool, int, int],
                                                        Page[SetAsideView]]:
        sync = self._sync

        def fetch(key: str | None, desc: bool, offset: int, size: int) -> Page[SetAsideView]:
            return sorted_page(sync.set_aside(kind), key, desc, offset, size)

        return fetch

    def reload(self) -> None:
        """Read the list again, for the kind chosen in the filter."""
        self.details.clear()
        self.model.set_fetch(self._fetch_for(self.kind.currentData()))

    def _loaded(self) -> None:
        total = self.model.total or 0
        kinds = [r.kind for r in self.model.rows()]
        parts = [f"{kinds.count('unappliable')} could not be applied",
                 f"{kinds.count('refused')} refused", f"{kinds.count('purged')} dropped after a purge"]
        self.count.setText(f"{total} change(s): " + ", ".join(
            p for p in parts if not p.startswith("0 ")) if total else "")
        self.table.setVisible(bool(total))
        self.empty.setText(NOTHING if self.kind.currentData() is None else NOTHING_OF_KIND)
        self.empty.setVisible(not total)
        if total and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._chosen()

    def _chosen(self) -> None:
        row = self.model.row_at(self.table.currentIndex().row())
        self.details.setText(details_text(row) if row is not None else "")
        self.details.setVisible(row is not None)

    def rows(self) -> list[SetAsideView]:
        """What the table holds now, in its order (for tests and screen readers alike)."""
        return self.model.rows()
