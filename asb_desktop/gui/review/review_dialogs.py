"""The supervisor's two forms over chosen cases: a quality review of one case,
and reassigning cases to another officer.

Both send their input to ``ReviewController`` on the database lane and show
its ``ValidationError`` the GOV.UK way (summary at the top, message beside
the field). They are opened with ``open()``, never ``exec()``, so the window
and its workers keep running while the supervisor fills them in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.review import QualityReviewInput, ReviewController
from asb_desktop.domain.review import QUALITY_CHECKLIST
from asb_desktop.domain.views import CaseRow, UserView
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.widgets import heading, named, qdate, save_cancel_buttons, to_date


class ActionRow(QWidget):
    """One action for the officer: what to do and by when."""

    def __init__(self, index: int, today: date, on_remove: Callable[[ActionRow], None]) -> None:
        super().__init__()
        self.setObjectName(f"field_actions.{index}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the red bar in error
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.error = QLabel()
        self.error.setProperty("fieldError", True)
        self.error.setWordWrap(True)
        self.error.hide()
        line = QHBoxLayout()
        self.text = named(QLineEdit(), f"Action {index + 1} for the officer")
        self.text.setPlaceholderText("What the officer should do")
        self.due = named(QDateEdit(qdate(today + timedelta(days=14))), f"Action {index + 1} due")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd MMM yyyy")
        self.remove = named(QPushButton("Remove"), f"Remove action {index + 1}")
        self.remove.clicked.connect(lambda: on_remove(self))
        line.addWidget(self.text, 1)
        line.addWidget(QLabel("due"))
        line.addWidget(self.due)
        line.addWidget(self.remove)
        box.addWidget(self.error)
        box.addLayout(line)

    def value(self) -> tuple[str, date]:
        return self.text.text(), to_date(self.due.date())


class QualityReviewDialog(QDialog):
    """The checklist, comments and actions for the officer; the score after saving."""

    #: The case id and the score, once saved.
    saved = Signal(str, int)

    def __init__(self, ops: OpsRunner, review: ReviewController, case: CaseRow, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qualityReviewDialog")
        self.setWindowTitle(f"Quality review — {case.reference}")
        self.setAccessibleName("Quality review")
        self._ops, self._review, self._case, self._today = ops, review, case, today
        self.score: int | None = None
        self.errors = FormErrors(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Quality review of {case.reference}", 1))
        who = QLabel(f"Lead officer: {case.officer or '(unassigned)'}. Answer every question; "
                     "actions you add join the case's action plan for the officer.")
        who.setWordWrap(True)
        who.setProperty("hint", True)
        layout.addWidget(who)
        layout.addWidget(self.errors.summary)

        body = QWidget()
        form = QVBoxLayout(body)
        checklist = QWidget()
        checklist.setObjectName("field_answers")
        grid = QGridLayout(checklist)
        grid.setContentsMargins(0, 0, 0, 0)
        self.answers_error = QLabel()
        self.answers_error.setProperty("fieldError", True)
        self.answers_error.hide()
        grid.addWidget(self.answers_error, 0, 0, 1, 3)
        self.groups: dict[str, QButtonGroup] = {}
        self.yes: dict[str, QRadioButton] = {}
        self.no: dict[str, QRadioButton] = {}
        for row, (key, text) in enumerate(QUALITY_CHECKLIST.items(), start=1):
            label = QLabel(text)
            label.setWordWrap(True)
            yes = named(QRadioButton("Yes"), f"{text}: yes")
            no = named(QRadioButton("No"), f"{text}: no")
            yes.setObjectName(f"yes_{key}")
            no.setObjectName(f"no_{key}")
            group = QButtonGroup(self)
            group.addButton(yes)
            group.addButton(no)
            self.groups[key], self.yes[key], self.no[key] = group, yes, no
            grid.addWidget(label, row, 0)
            grid.addWidget(yes, row, 1)
            grid.addWidget(no, row, 2)
        grid.setColumnStretch(0, 1)
        form.addWidget(heading("Checklist", 2))
        form.addWidget(checklist)
        self.errors.register("answers", self.yes[next(iter(QUALITY_CHECKLIST))],
                             self.answers_error, checklist)

        comments_form = QFormLayout()
        self.comments = QPlainTextEdit()
        self.comments.setMinimumHeight(70)
        self.comments.setMaximumHeight(110)  # room below for the officer's actions
        self.comments.setTabChangesFocus(True)
        self.errors.row(comments_form, "comments", "&Comments", self.comments)
        form.addLayout(comments_form)

        form.addWidget(heading("Actions for the officer", 2))
        self.action_rows: list[ActionRow] = []
        self.actions_box = QVBoxLayout()
        form.addLayout(self.actions_box)
        self.add_action = named(QPushButton("&Add an action"), "Add an action for the officer")
        self.add_action.clicked.connect(self.new_action)
        form.addWidget(self.add_action, 0, Qt.AlignmentFlag.AlignLeft)
        form.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(scroll, 1)

        self.score_label = QLabel()
        self.score_label.setObjectName("qualityScore")
        self.score_label.setWordWrap(True)
        self.score_label.hide()
        layout.addWidget(self.score_label)
        buttons, self.save_button = save_cancel_buttons(self, "&Save review")
        self.save_button.clicked.connect(self.submit)
        layout.addWidget(buttons)
        self.resize(760, 720)

    def new_action(self) -> ActionRow:
        row = ActionRow(len(self.action_rows), self._today, self._remove_action)
        self.action_rows.append(row)
        self.actions_box.addWidget(row)
        self._register_actions()
        row.text.setFocus()
        return row

    def _remove_action(self, row: ActionRow) -> None:
        self.action_rows.remove(row)
        row.setParent(None)  # type: ignore[call-overload]
        row.deleteLater()
        self._register_actions()

    def _register_actions(self) -> None:
        for i, row in enumerate(self.action_rows):
            self.errors.register(f"actions.{i}", row.text, row.error, row)

    def input(self) -> QualityReviewInput:
        answers = {k: self.yes[k].isChecked() for k in QUALITY_CHECKLIST
                   if self.groups[k].checkedButton() is not None}
        return QualityReviewInput(
            case_id=self._case.id, answers=answers, comments=self.comments.toPlainText(),
            actions=[row.value() for row in self.action_rows],
        )

    def submit(self) -> None:
        data = self.input()
        review = self._review
        self.save_button.setEnabled(False)
        self._ops.run(lambda: review.record_quality_review(data), self._saved,
                      form=self.errors.show, parent=self,
                      after_failure=lambda _exc: self.save_button.setEnabled(True))

    def _saved(self, score: int) -> None:
        self.errors.clear()
        self.score = score
        self.score_label.setText(f"Review saved. Quality score: {score}%"
                            + (f"; {len(self.action_rows)} action(s) added for the officer."
                               if self.action_rows else "."))
        self.score_label.setAccessibleName(self.score_label.text())
        self.score_label.show()
        self.save_button.setText("Saved")
        self.save_button.setAccessibleName("Saved")
        self.saved.emit(self._case.id, score)


class ReassignDialog(QDialog):
    """Move the chosen cases to another officer, with the reason recorded."""

    #: How many cases moved.
    reassigned = Signal(int)

    def __init__(self, ops: OpsRunner, review: ReviewController, cases: list[CaseRow],
                 users: list[UserView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reassignDialog")
        self.setWindowTitle("Reassign cases")
        self.setAccessibleName("Reassign cases")
        self._ops, self._review, self._cases = ops, review, cases
        self.errors = FormErrors(self)
        layout = QVBoxLayout(self)
        refs = ", ".join(c.reference for c in cases[:8]) + (" …" if len(cases) > 8 else "")
        layout.addWidget(heading(f"Reassign {len(cases)} case{'s' if len(cases) != 1 else ''}", 1))
        chosen = QLabel(refs)
        chosen.setWordWrap(True)
        chosen.setProperty("hint", True)
        layout.addWidget(chosen)
        layout.addWidget(self.errors.summary)
        form = QFormLayout()
        self.officer = QComboBox()
        current = {c.officer for c in cases}
        for u in users:
            self.officer.addItem(f"{u.name} ({u.role})", u.id)
        others = [i for i, u in enumerate(users) if u.name not in current]
        if others:
            self.officer.setCurrentIndex(others[0])
        self.errors.row(form, "officer_id", "New lead &officer", self.officer)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("For example: officer on leave until 4 May")
        self.errors.row(form, "reason", "&Reason (required)", self.reason)
        layout.addLayout(form)
        buttons, self.save_button = save_cancel_buttons(self, "&Reassign")
        self.save_button.clicked.connect(self.submit)
        layout.addWidget(buttons)
        self.resize(560, 260)

    def submit(self) -> None:
        ids = [c.id for c in self._cases]
        officer = str(self.officer.currentData() or "")
        reason = self.reason.text()
        review = self._review
        self.save_button.setEnabled(False)
        self._ops.run(lambda: review.reassign(ids, officer, reason), self._done,
                      form=self.errors.show, parent=self,
                      after_failure=lambda _exc: self.save_button.setEnabled(True))

    def _done(self, moved: int) -> None:
        self.reassigned.emit(moved)
        self.accept()
