"""Closing a case: the outcome and why, the landlord's satisfaction survey
put to the complainant, and what the team should learn from the case
(commitment 12).

The survey's questions come from the landlord's settings
(``PolicyController.survey_questions``). The first is the satisfaction
score the performance figures count (1 to 5, TP12); the others are the
complainant's own words. When the complainant declines, or cannot be
reached, that is recorded instead, so a closure without a score is never
mistaken for a survey nobody tried. The lesson, if any, joins the log
supervisors read across closed cases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from asb_desktop.controllers.cases import CasesController
from asb_desktop.controllers.casework import CaseworkController
from asb_desktop.controllers.errors import ValidationError
from asb_desktop.controllers.policy import PolicyController
from asb_desktop.domain.enums import ClosureOutcome
from asb_desktop.domain.inputs import ClosureInput
from asb_desktop.domain.views import CaseDetail
from asb_desktop.gui.cases.casework_forms import text_box
from asb_desktop.gui.cases.fitted_dialog import FittedDialog
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.widgets import enum_items, fill_combo

ANSWERED, DECLINED, NOT_REACHED = "answered", "declined", "not_reached"
SURVEY_CHOICES = [
    ("Asked now: record the answers", ANSWERED),
    ("The complainant declined the survey", DECLINED),
    ("Could not reach the complainant", NOT_REACHED),
]
SURVEY_WORDS = {
    DECLINED: "Closure survey: the complainant declined.",
    NOT_REACHED: "Closure survey: could not reach the complainant.",
}
SCORES = [("1 – very dissatisfied", 1), ("2", 2), ("3", 3), ("4", 4), ("5 – very satisfied", 5)]
NO_SURVEY_CHOICE = "Say whether the complainant answered the survey, declined it, or could not be reached"
NO_SCORE = "Give the complainant's answer to the first question, from 1 to 5"


def survey_comment(survey: str, questions: Sequence[str], answers: Sequence[str]) -> str:
    """What the case keeps of the survey: each question with its answer, or why
    there are none. The score itself is kept as a number, for the figures."""
    if survey in SURVEY_WORDS:
        return SURVEY_WORDS[survey]
    lines = [f"{q}\n{a.strip() or '(no answer)'}" for q, a in zip(questions, answers, strict=False)]
    return "\n\n".join(["Closure survey: answered.", *lines])


def _whole_captions(form: QFormLayout) -> None:
    """Each label on one line above its field: a wrapped label over a field is
    given too little height by the form and its second line is cut off."""
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        caption = item.widget() if item is not None else None
        if isinstance(caption, QLabel):
            caption.setWordWrap(False)


class ClosureDialog(FittedDialog):
    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 cases: CasesController, policy: PolicyController | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, casework, case, "Close the case",
                         "Ask the complainant the satisfaction survey before you close it.",
                         parent)
        self.setObjectName("closureDialog")
        self._cases = cases
        # Labels above their fields: the survey's questions are whole sentences.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.questions: tuple[str, ...] = ()
        self.outcome = fill_combo(QComboBox(), enum_items(ClosureOutcome), first="Choose…")
        self.errors.row(self.form, "outcome", "&Outcome", self.outcome)
        self.reason = text_box(3)
        self.errors.row(self.form, "reason", "&Reason for closing", self.reason)
        self.survey = fill_combo(QComboBox(), SURVEY_CHOICES, first="Choose…")
        self.errors.row(self.form, "survey", "Satisfaction &survey", self.survey)
        self.score = fill_combo(QComboBox(), SCORES, first="Choose…")
        self._score_row = self.errors.row(
            self.form, "satisfaction", "How satisfied (1 to 5)", self.score,
            hint="Counted in the satisfaction figures")
        self.answers: list[QLineEdit] = []
        # The other questions, under the score in the survey's order, once they arrive.
        self.answers_box = QWidget()
        self.answers_box.setObjectName("surveyAnswers")
        self._answers_form = QFormLayout(self.answers_box)
        self._answers_form.setContentsMargins(0, 0, 0, 0)
        self._answers_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.addRow(self.answers_box)
        self.lessons = text_box(3)
        self.errors.row(self.form, "lessons_learned", "&Lessons learned (optional)", self.lessons,
                        hint="What the team should do differently; supervisors read these "
                             "across closed cases")
        self.survey.currentIndexChanged.connect(lambda _i: self._show_questions())
        self._show_questions()
        if policy is not None:
            ops.run(policy.survey_questions, self._set_questions)
        _whole_captions(self.form)
        self.finish("&Close case")

    def _set_questions(self, questions: tuple[str, ...]) -> None:
        """The first question labels the score; each other gets a box for the answer."""
        self.questions = questions
        if questions:
            caption = self.form.labelForField(self._score_row)
            if isinstance(caption, QLabel):
                caption.setText(f"{questions[0]} (1 to 5)")
            self.score.setAccessibleName(f"{questions[0]} (1 to 5)")  # as the label reads
        for i, question in enumerate(questions[1:], start=1):
            box = QLineEdit()
            self.errors.row(self._answers_form, f"survey.{i}", question, box)
            self.answers.append(box)
        _whole_captions(self._answers_form)
        self._show_questions()

    def _show_questions(self) -> None:
        asked = self.survey.currentData() == ANSWERED
        self.form.setRowVisible(self._score_row, asked)
        self.form.setRowVisible(self.answers_box, asked)
        self.regrow()

    def input(self) -> ClosureInput:
        survey = str(self.survey.currentData() or "")
        score = self.score.currentData() if survey == ANSWERED else None
        answers = [str(score or ""), *(a.text() for a in self.answers)]
        return ClosureInput(
            case_id=self.case.id, outcome=str(self.outcome.currentData() or ""),
            reason=self.reason.toPlainText(), satisfaction=score,
            satisfaction_comment=survey_comment(survey, self.questions, answers),
            lessons_learned=self.lessons.toPlainText(),
        )

    def job(self) -> Callable[[], object]:
        data, cases, survey = self.input(), self._cases, self.survey.currentData()

        def run() -> str:
            if survey is None:
                raise ValidationError({"survey": NO_SURVEY_CHOICE})
            if survey == ANSWERED and data.satisfaction is None:
                raise ValidationError({"satisfaction": NO_SCORE})
            return cases.close_case(data).id

        return run
