"""The supervisor's ASB Case Review watch: open cases whose complaints meet a
case review threshold today, and those one complaint short of one.

A case that meets the threshold may bring an application for a case review
(the Community Trigger) at any time; one complaint short is the time to look
again at the action plan. The thresholds are the landlord's settings. From
the list a case opens on the Cases tab, where a request is recorded.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.app import App
from asb_desktop.controllers.policy import PolicyController
from asb_desktop.controllers.policy.follow_up import FollowUpController, WatchRow
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.record_table import record_table
from asb_desktop.gui.common.widgets import RISK_COLOURS, heading, hint, named, risk_text

HEADERS = ["Case", "Threshold", "Complaints", "Risk", "Lead officer", "Request"]


class CaseReviewWatchDialog(QDialog):
    """Met first, then one short; Enter or double-click opens the case."""

    #: The case the supervisor chose to open (its id).
    case_requested = Signal(str)

    def __init__(self, ops: OpsRunner, policy: PolicyController, follow_up: FollowUpController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseReviewWatch")
        self.setWindowTitle("ASB Case Review watch")
        self.setAccessibleName("ASB Case Review watch")
        self.rows: list[WatchRow] = []
        layout = QVBoxLayout(self)
        layout.addWidget(heading("ASB Case Review watch", 1))
        layout.addWidget(hint("Open cases whose complaints meet a case review threshold today, "
                              "then those one complaint short. The thresholds are the "
                              "landlord's settings."))
        self.table = record_table("Cases meeting or near the case review threshold",
                                  "caseReviewWatchTable", HEADERS, 1)
        # Rows as tall as their wrapped words at the width the dialog settles on.
        self.table.horizontalHeader().sectionResized.connect(
            lambda *_args: self.table.resizeRowsToContents())
        layout.addWidget(self.table, 1)
        self.count = QLabel("Loading…")
        self.count.setObjectName("caseReviewWatchCount")
        self.count.setWordWrap(True)
        layout.addWidget(self.count)
        box = QDialogButtonBox()
        self.open_button = named(box.addButton("&Open case", QDialogButtonBox.ButtonRole.ActionRole),
                                 "Open case", "Show the chosen case on the Cases tab")
        self.open_button.setDefault(True)
        close = named(box.addButton(QDialogButtonBox.StandardButton.Close), "Close")
        layout.addWidget(box)
        self.open_button.clicked.connect(self.open_case)
        self.table.activated.connect(lambda _index: self.open_case())
        close.clicked.connect(self.reject)
        self.resize(self.fontMetrics().averageCharWidth() * 120, self.fontMetrics().lineSpacing() * 24)
        ops.run(lambda: follow_up.watch_rows(policy.cases_meeting_case_review(),
                                             follow_up.cases_near_case_review()), self._show)

    def _show(self, rows: list[WatchRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = (r.reference, ("Met: " if r.met else "One short: ") + "; ".join(r.thresholds),
                     str(r.complaints), risk_text(r.risk_level), r.lead_officer,
                     "Recorded" if r.requested else "None")
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.case_id)
                item.setToolTip(text)
                colours = RISK_COLOURS.get(r.risk_level) if j == 3 else None
                if colours:
                    item.setBackground(colours[0])
                    item.setForeground(colours[1])
                self.table.setItem(i, j, item)
        self.table.resizeRowsToContents()
        met = sum(1 for r in rows if r.met)
        self.count.setText(f"{met} case{'s meet' if met != 1 else ' meets'} a threshold; "
                           f"{len(rows) - met} {'are' if len(rows) - met != 1 else 'is'} one "
                           "complaint short." if rows else
                           "No open case meets or is near a case review threshold today.")
        if rows:
            self.table.selectRow(0)
            self.table.setFocus()

    def open_case(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.table.setFocus()
            return
        self.case_requested.emit(self.rows[row].case_id)
        self.accept()


class CaseReviewWatchButton(QPushButton):
    """The review tab's way in to the watch; a case chosen there is sent on to ``open_case``."""

    def __init__(self, ops: OpsRunner, app: App, open_case: Callable[[str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__("ASB Case Review thresho&ld…", parent)
        named(self, "ASB Case Review threshold",
              "Cases meeting or one complaint short of a case review threshold")
        self.dialog: CaseReviewWatchDialog | None = None
        self._ops, self._app, self._open_case = ops, app, open_case
        self.clicked.connect(self.show_watch)

    def show_watch(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = CaseReviewWatchDialog(self._ops, self._app.policy,
                                            FollowUpController(self._app.unit), self.window())
        self.dialog.case_requested.connect(self._open_case)
        self.dialog.open()
