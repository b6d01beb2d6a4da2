"""A supervisor reads who opened, changed, printed or exported a case, and when.
Read-only by design: the table cannot be edited and nothing here writes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.audit import AuditRow
from asb_desktop.gui.common.widgets import heading

HEADERS = ["When", "Who", "What", "Detail"]


def action_text(action: str) -> str:
    """'case.view_refused' reads as 'Case view refused'."""
    return action.replace(".", " ").replace("_", " ").capitalize()


class AuditLogDialog(QDialog):
    def __init__(self, reference: str, rows: list[AuditRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Audit log — {reference}")
        self.setAccessibleName("Case audit log")
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Audit log for {reference}", 1))
        note = QLabel(f"{len(rows):,} entries, newest first. Entries cannot be changed.")
        note.setProperty("hint", True)
        layout.addWidget(note)
        self.table = QTableWidget(len(rows), len(HEADERS))
        self.table.setAccessibleName("Audit entries")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for r, row in enumerate(rows):
            values = [row.at.strftime("%Y-%m-%d %H:%M"), row.user, action_text(row.action), row.detail]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        for c in range(3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
