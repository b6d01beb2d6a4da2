"""Two parts of the caseload review that look back (commitments 10 and 12):
hate incidents by monitored strand (equality monitoring: reports, cases and
the cases still open, every strand shown even at nought, so a gap is seen),
and the lessons-learned log written as cases close, which a supervisor reads
across the team's closed cases and searches by word or case reference.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.policy import PolicyController
from asb_desktop.controllers.review import LessonRow, ReviewController
from asb_desktop.domain.changes import Changed
from asb_desktop.domain.enums import ClosureOutcome
from asb_desktop.domain.rules.equality import StrandCount
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.widgets import after_typing, heading, hint, label_of, labelled, named, when_text
from asb_desktop.gui.review.review_charts import fit_rows, numbers_table

STRAND_HEADERS = ["Strand", "Reports", "Cases", "Open cases"]
LESSON_HEADERS = ["Recorded", "Case", "Outcome", "Lesson", "By"]
SEARCH_MS = 300


class LessonsDialog(QDialog):
    """The lessons-learned log; Enter or a double-click opens the case it came from."""

    case_requested = Signal(str)

    def __init__(self, ops: OpsRunner, review: ReviewController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonsDialog")
        self.setWindowTitle("Lessons learned")
        self.setAccessibleName("Lessons learned")
        self._ops, self._review = ops, review
        self.rows: list[LessonRow] = []
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Lessons learned", 1))
        layout.addWidget(hint("Recorded as cases close, newest first. Double-click a lesson or "
                              "press Enter to open its case."))
        self.search = QLineEdit()
        self.search.setPlaceholderText("A word in the lesson, or a case reference")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(labelled("Search lessons", self.search))
        self.table = QTableWidget(0, len(LESSON_HEADERS))
        self.table.setObjectName("lessonsTable")
        self.table.setAccessibleName("Lessons learned")
        self.table.setHorizontalHeaderLabels(LESSON_HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for i in range(len(LESSON_HEADERS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch if i == 3
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.activated.connect(lambda index: self._open(index.row()))
        layout.addWidget(self.table, 1)
        self.count = QLabel("Loading…")
        self.count.setObjectName("lessonsCount")
        layout.addWidget(self.count)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        named(box.button(QDialogButtonBox.StandardButton.Close), "Close")
        layout.addWidget(box)
        after_typing(self.search, SEARCH_MS, self.load, self)
        self.resize(self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 30)
        self.load()

    def load(self) -> None:
        review, text = self._review, self.search.text()
        self._ops.run(lambda: review.lessons_learned(text), self._show, latest="lessons")

    def _show(self, rows: list[LessonRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = (when_text(r.recorded_at), r.reference, label_of(r.outcome, ClosureOutcome),
                     r.text, r.recorded_by)
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        searched = bool(self.search.text().strip())
        self.count.setText(
            f"{len(rows)} lesson{'s' if len(rows) != 1 else ''}" if rows else
            "No lessons match — clear the search" if searched else
            "No lessons recorded yet: they are written when a case is closed.")

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.case_requested.emit(self.rows[row].case_id)


class LookingBack(QGroupBox):
    """Equality monitoring by strand, and the way into the lessons-learned log."""

    case_requested = Signal(str)

    def __init__(self, ops: OpsRunner, review: ReviewController, policy: PolicyController,
                 since: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__("Equality monitoring and lessons learned", parent)
        self.setAccessibleName("Equality monitoring and lessons learned")
        self._ops, self._review, self._policy, self._since = ops, review, policy, since
        self.lessons_dialog: LessonsDialog | None = None
        row = QHBoxLayout(self)
        left = QVBoxLayout()
        self.strand_caption = QLabel("Hate incidents by monitored strand")
        left.addWidget(self.strand_caption)
        self.strands = numbers_table("Hate incidents by monitored strand", STRAND_HEADERS, [])
        self.strands.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        left.addWidget(self.strands)
        row.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(hint("What the team noted when closing cases, to do differently."))
        self.lessons_button = named(QPushButton("Lessons learned…"), "Lessons learned",
                                    "The lessons-learned log across closed cases")
        self.lessons_button.clicked.connect(self.open_lessons)
        right.addWidget(self.lessons_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addStretch(1)
        row.addLayout(right, 2)
        ops.did_change.connect(self._changed)

    def _changed(self, changed: Changed) -> None:
        if changed.touches("reports", "cases"):
            self.load()

    def load(self) -> None:
        policy, since = self._policy, self._since()
        self._ops.run(lambda: policy.strand_summary(since),
                      lambda counts: self._show(since, counts), latest="review:strands")

    def _show(self, since: date, counts: list[StrandCount]) -> None:
        self.strand_caption.setText(f"Hate incidents by monitored strand, since {when_text(since)}")
        numbers_table("Hate incidents by monitored strand", STRAND_HEADERS,
                      [(c.label, c.reports, c.cases, c.open_cases) for c in counts], self.strands)
        self.strands.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        fit_rows(self.strands, len(counts))

    def open_lessons(self) -> LessonsDialog:
        if self.lessons_dialog is None:
            self.lessons_dialog = LessonsDialog(self._ops, self._review, self.window())
            self.lessons_dialog.case_requested.connect(self.case_requested)
            self.lessons_dialog.case_requested.connect(self.lessons_dialog.accept)
        else:
            self.lessons_dialog.load()
        self.lessons_dialog.open()
        return self.lessons_dialog
