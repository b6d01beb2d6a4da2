"""Repeat non-ASB reports (commitment 13): the reporters and the places with
two or more reports assessed as not ASB within the policy's look-back, most
first, so an officer or supervisor sees who keeps reporting everyday issues
and can open the latest report to refer it back, or to look at it afresh.

For staff only: it names reporters, and is never printed for anyone else.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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

from asb_desktop.controllers.policy import PolicyController
from asb_desktop.domain.rules.policy_exchange import RepeatView
from asb_desktop.gui.common.ops import Lane, OpsRunner
from asb_desktop.gui.common.widgets import heading, hint, named, when_text

COLUMNS = ("Reporter or place", "Not-ASB reports", "First", "Latest")
NONE_FOUND = "No reporter or place has more than one not-ASB report in the look-back period."


class RepeatsDialog(QDialog):
    """The list, read on the database lane; "Open the latest report" shows it on the Reports tab."""

    #: The id of the report the officer chose to open.
    report_chosen = Signal(str)

    def __init__(self, ops: OpsRunner, policy: PolicyController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("repeatsDialog")
        self.setWindowTitle("Repeat not-ASB reports")
        self.setAccessibleName("Repeat not-ASB reports")
        self.rows: list[RepeatView] = []
        self.table = named(QTableWidget(0, len(COLUMNS)), "Repeat not-ASB reports")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for i in range(1, len(COLUMNS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel("Loading…")
        self.status.setObjectName("repeatsStatus")
        self.status.setWordWrap(True)
        box = QDialogButtonBox()
        self.open_button = box.addButton("&Open the latest report",
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setAccessibleName("Open the latest report")
        self.open_button.setEnabled(False)
        close = box.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.clicked.connect(self.reject)
        self.open_button.clicked.connect(self.open_latest)
        self.table.itemSelectionChanged.connect(
            lambda: self.open_button.setEnabled(bool(self.table.selectedItems())))
        self.table.doubleClicked.connect(lambda _i: self.open_latest())

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Repeat not-ASB reports", 1))
        layout.addWidget(hint("Reporters and places with more than one report assessed as not "
                              "ASB in the policy's look-back period, most first. Open the latest "
                              "report to refer it back to the advice given, or to assess it afresh."))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(box)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().lineSpacing() * 22)
        ops.run(policy.repeat_non_asb, self.show_rows, lane=Lane.READ,
                after_failure=lambda _exc: self.status.setText("The list could not be read."),
                parent=self)

    def show_rows(self, rows: list[RepeatView]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            who = f"{'Reporter' if r.per == 'reporter' else 'Place'}: {r.label}"
            for j, text in enumerate((who, str(r.count), when_text(r.first_on), when_text(r.last_on))):
                item = QTableWidgetItem(text)
                if j:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(i, j, item)
        plural = "s" if len(rows) != 1 else ""
        self.status.setText(NONE_FOUND if not rows
                            else f"{len(rows)} reporter{plural} or place{plural}.")
        if rows:
            self.table.selectRow(0)

    def open_latest(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows) or not self.rows[row].report_ids:
            return
        self.report_chosen.emit(self.rows[row].report_ids[-1])
        self.accept()
