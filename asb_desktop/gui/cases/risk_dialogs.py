"""Risk on a case (commitment 9): the landlord's risk questionnaire asked
question by question, a change of risk level with its reason, and domestic
abuse: the safe-to-talk step, then the DASH score, then the MARAC referral.

The score and level are worked out as the officer answers with the same
rule the controller saves with (``domain.rules.assessment``), so what the
officer sees before saving is what the case gets. The DASH checklist's own
wording is not shipped: the officer asks it from the landlord's copy and
enters the number of "yes" answers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.cases import CasesController
from asb_desktop.controllers.casework import CaseworkController
from asb_desktop.controllers.policy import PolicyController, RiskController
from asb_desktop.domain.enums import PartyRole, RiskLevel
from asb_desktop.domain.inputs import ActionInput
from asb_desktop.domain.policy import DashPolicy, Questionnaire
from asb_desktop.domain.rules.assessment import dash_outcome, score_questionnaire
from asb_desktop.domain.rules.policy_exchange import (
    DashInput,
    DashResult,
    RiskAssessmentInput,
    RiskResult,
)
from asb_desktop.domain.views import CaseDetail
from asb_desktop.gui.cases.casework_forms import (
    NOT_A_PARTY,
    date_edit,
    party_items,
    text_box,
)
from asb_desktop.gui.cases.fitted_dialog import FittedDialog
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.widgets import (
    enum_items,
    fill_combo,
    heading,
    hint,
    named,
    qdatetime,
    risk_text,
    to_date,
    to_datetime,
    when_text,
)

ANSWERS = [("Not asked", None), ("Yes", True), ("No", False)]


def person_choice(case: CaseDetail, prefer: str | None = None) -> QComboBox:
    """The case's people, with the one most likely meant already chosen: the
    person named (the reporter, from intake; no one if they are not a party),
    else the victim, else the complainant. A risk or DASH record about "Not
    one of the parties" by default would leave the person's safe contact
    details unrecorded."""
    box = fill_combo(QComboBox(), party_items(case), first=NOT_A_PARTY)
    by_role = {p.role: p.person.id for p in reversed(case.parties)}
    wanted_ones = (prefer,) if prefer else (by_role.get(PartyRole.VICTIM.value),
                                            by_role.get(PartyRole.COMPLAINANT.value))
    for wanted in wanted_ones:
        i = box.findData(wanted) if wanted else -1
        if i > 0:
            box.setCurrentIndex(i)
            break
    return box


class RiskAssessmentDialog(FittedDialog):
    """The risk matrix for a victim or an alleged perpetrator; saving it also
    meets the "Review the risk assessment" target, which runs from the newest one."""

    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 today: date, policy: PolicyController, risk: RiskController,
                 parent: QWidget | None = None, person_id: str | None = None) -> None:
        super().__init__(ops, casework, case, "Record a risk assessment",
                         "Ask each question with the person; the score and level "
                         "follow your answers.", parent)
        self.setObjectName("riskAssessmentDialog")
        self._risk = risk
        self._questionnaires: list[Questionnaire] = []
        self.answers: dict[str, QComboBox] = {}
        self.saved_result: RiskResult | None = None
        self.questionnaire = fill_combo(QComboBox(), [], first="Loading…")
        self.errors.row(self.form, "questionnaire", "&Questionnaire", self.questionnaire)
        self.person = person_choice(case, person_id)
        self.errors.row(self.form, "person_id", "&Person", self.person)
        self.assessed_on = date_edit(today, latest=today)
        self.errors.row(self.form, "assessed_on", "&Assessed on", self.assessed_on)
        self.questions = QWidget()
        self.questions.setAccessibleName("Questions")
        self._grid = QGridLayout(self.questions)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(0, 1)
        self.errors.row(self.form, "answers", "Questions", self.questions)
        self.score = QLabel("Choose a questionnaire")
        self.score.setObjectName("riskScore")
        self.score.setWordWrap(True)
        self.form.addRow("Score", self.score)
        self.lower_reason = text_box(2)
        self.lower_row = self.errors.row(
            self.form, "lower_reason", "&Why lower", self.lower_reason,
            hint=f"The case is {risk_text(case.risk_level).lower()} risk now; it is lowered "
                 "only with your reason. Leave empty to keep it.")
        self._lowering = False
        self.form.setRowVisible(self.lower_row, False)
        self.questionnaire.currentIndexChanged.connect(self._show_questions)
        ops.run(policy.questionnaires, self._loaded)
        self.finish("&Save risk assessment")

    def _loaded(self, found: tuple[Questionnaire, ...]) -> None:
        self._questionnaires = list(found)
        fill_combo(self.questionnaire, [(q.title, q.key) for q in found], first="Choose…")

    def chosen(self) -> Questionnaire | None:
        key = self.questionnaire.currentData()
        return next((q for q in self._questionnaires if q.key == key), None)

    def _show_questions(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.answers = {}
        q = self.chosen()
        for i, question in enumerate(q.questions if q else ()):
            text = QLabel(f"{i + 1}. {question.text}")
            text.setWordWrap(True)
            answer = named(fill_combo(QComboBox(), ANSWERS), f"Question {i + 1}: {question.text}")
            text.setBuddy(answer)
            answer.currentIndexChanged.connect(self._rescore)
            self._grid.addWidget(text, i, 0)
            self._grid.addWidget(answer, i, 1)
            self.answers[question.key] = answer
        self._rescore()
        self.regrow()

    def given(self) -> dict[str, bool]:
        return {k: bool(box.currentData()) for k, box in self.answers.items()
                if box.currentData() is not None}

    def _rescore(self) -> None:
        q = self.chosen()
        if q is None:
            self.score.setText("Choose a questionnaire")
            self.form.setRowVisible(self.lower_row, False)
            return
        scored = score_questionnaire(q, self.given())
        asked = len(q.questions) - len(scored.unanswered)
        self.score.setText(
            f"{scored.score} of {q.max_score}: {risk_text(scored.level.value).lower()} risk "
            f"(medium from {q.medium_from}, high from {q.high_from}) · "
            f"{asked} of {len(q.questions)} questions asked")
        self.score.setAccessibleName(self.score.text())
        self._lowering = bool(asked) and scored.level.rank < RiskLevel(self.case.risk_level).rank
        self.form.setRowVisible(self.lower_row, self._lowering)

    def input(self) -> RiskAssessmentInput:
        return RiskAssessmentInput(
            case_id=self.case.id, questionnaire=str(self.questionnaire.currentData() or ""),
            person_id=self.person.currentData(), answers=self.given(),
            assessed_on=to_date(self.assessed_on.date()),
            lower_reason=self.lower_reason.toPlainText() if self._lowering else "",
        )

    def submit(self) -> None:
        if self.chosen() is None:  # nothing to score: say so the GOV.UK way, no trip needed
            self.show_errors({"questionnaire": "Choose the questionnaire you asked"})
            return
        super().submit()

    def job(self) -> Callable[[], object]:
        data, risk = self.input(), self._risk
        return lambda: risk.record_risk_assessment(data)

    def done_saving(self, result: object) -> None:
        assert isinstance(result, RiskResult)
        self.saved_result = result
        super().done_saving(result.assessment_id)


def risk_outcome(result: RiskResult) -> str:
    """What the officer is told once an assessment is saved."""
    return (f"Risk assessment saved: score {result.score}, {risk_text(result.level).lower()} "
            f"risk; the case is {risk_text(result.case_risk).lower()} risk. "
            f"Review it by {when_text(result.review_by)}.")


class RiskLevelDialog(FittedDialog):
    """The officer's own judgement of the case's risk, with the reason kept in the audit log."""

    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 cases: CasesController, parent: QWidget | None = None) -> None:
        super().__init__(ops, casework, case, "Change the risk level",
                         f"It is {risk_text(case.risk_level).lower()} risk now.", parent)
        self.setObjectName("riskLevelDialog")
        self._cases = cases
        self.level = fill_combo(QComboBox(), enum_items(RiskLevel), first="Choose…")
        self.errors.row(self.form, "risk_level", "&Risk level", self.level)
        self.reason = text_box(3)
        self.errors.row(self.form, "risk_reason", "Rea&son", self.reason,
                        hint="What has changed, so a colleague reading the case understands")
        self.finish("&Change risk level")

    def job(self) -> Callable[[], object]:
        case_id, cases = self.case.id, self._cases
        level, reason = str(self.level.currentData() or ""), self.reason.toPlainText()
        return lambda: cases.set_risk(case_id, level, reason).id


class DashDialog(FittedDialog):
    """Domestic abuse, in the order it must be done: first whether it was safe
    to talk and how to reach the person safely; only then the DASH score; a
    score at the threshold (or the officer's judgement) then asks for the
    MARAC referral. "Not safe now" saves a follow-up action instead, and no
    DASH question is asked."""

    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 today: date, dash: DashPolicy, risk: RiskController,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, casework, case, "Domestic abuse (DASH)",
                         "Ask first whether it is safe to talk, where no one can overhear.",
                         parent)
        self.setObjectName("dashDialog")
        self._risk, self._dash, self._today = risk, dash, today
        self.saved_result: DashResult | None = None
        self.marac_due = False
        self.person = person_choice(case)
        self.errors.row(self.form, "person_id", "&Person", self.person)
        self.asked_at = named(QDateTimeEdit(qdatetime(_now_on(today))), "Asked when")
        self.asked_at.setCalendarPopup(True)
        self.asked_at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.errors.row(self.form, "asked_at", "Asked &when", self.asked_at)
        choice = QWidget()
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        self.safe = named(QRadioButton("Safe to &talk now"), "Safe to talk now")
        self.not_safe = named(QRadioButton("&Not safe now — try again"), "Not safe now, try again")
        self._group = QButtonGroup(self)
        for button in (self.safe, self.not_safe):
            self._group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.errors.row(self.form, "safe_to_talk", "Safe to talk?", choice, focus=self.safe)
        self.safe_phone = named(QLineEdit(), "Safe number to use")
        self.errors.row(self.form, "safe_contact", "Safe n&umber", self.safe_phone,
                        hint="Only what the person said is safe; leave empty what is not")
        self.safe_address = named(QLineEdit(), "Safe address to use")
        self.form.addRow("Safe a&ddress", self.safe_address)
        self.safe_time = named(QLineEdit(), "Safe time to make contact")
        self.safe_time.setPlaceholderText("e.g. weekdays 10am to 2pm")
        self.form.addRow("Safe t&ime", self.safe_time)

        self.questions = QWidget()
        column = QVBoxLayout(self.questions)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(heading("DASH questions", 3))
        column.addWidget(hint(
            f"Ask the {dash.questions} DASH questions from your copy of the checklist "
            "and count the yes answers."))
        self.form.addRow(self.questions)
        self.score = QSpinBox()
        self.score.setRange(-1, dash.questions)
        self.score.setSpecialValueText("Not entered")
        self.score.setValue(-1)
        named(self.score, "Yes answers")
        self.score_row = self.errors.row(self.form, "score", "&Yes answers", self.score,
                                         hint=f"0 to {dash.questions}; {dash.marac_threshold} "
                                              "or more is high risk and needs a MARAC referral")
        self.judgement = named(QCheckBox("High risk on professional &judgement"),
                               "High risk on professional judgement")
        self.judgement_row = self.errors.row(self.form, "judgement_high", "", self.judgement)
        self.judgement_reason = text_box(2)
        self.reason_row = self.errors.row(self.form, "judgement_reason", "Jud&gement reason",
                                          self.judgement_reason)
        self.outcome = QLabel()
        self.outcome.setObjectName("dashOutcome")
        self.outcome.setWordWrap(True)
        self.form.addRow(self.outcome)

        self.marac = QWidget()
        marac = QVBoxLayout(self.marac)
        marac.setContentsMargins(0, 0, 0, 0)
        self.referred = named(QCheckBox("MARAC &referral made"), "MARAC referral made")
        marac.addWidget(self.referred)
        self.form.addRow(self.marac)
        self.referred_on = date_edit(today, latest=today)
        self.referred_on_row = self.errors.row(self.form, "referred_on", "Date re&ferred",
                                               self.referred_on)
        self.referred_by = named(QLineEdit(), "Who made the MARAC referral")
        self.referred_by_row = self.errors.row(self.form, "referred_by", "Referred &by",
                                               self.referred_by)

        for signal in (self.safe.toggled, self.not_safe.toggled, self.judgement.toggled,
                       self.referred.toggled):
            signal.connect(self._step)
        self.score.valueChanged.connect(self._step)
        self.finish("&Save")
        self._step()

    def _step(self) -> None:
        """Show only what may be asked now."""
        safe = self.safe.isChecked()
        rows = self.form.setRowVisible
        for w in (self.questions, self.score_row, self.judgement_row):
            rows(w, safe)
        rows(self.reason_row, safe and self.judgement.isChecked())
        score = self.score.value()
        entered = safe and score >= 0
        due = entered and dash_outcome(score, self.judgement.isChecked(), self._dash).marac_due
        if entered:
            out = dash_outcome(score, self.judgement.isChecked(), self._dash)
            self.outcome.setText(
                f"{risk_text(out.level.value)} risk."
                + (" A MARAC referral is due: record it now, or it is due within "
                   f"{self._dash.referral_days} working day(s)." if due else ""))
        rows(self.outcome, entered)
        self.outcome.setAccessibleName(self.outcome.text())
        self.marac_due = due
        rows(self.marac, due)
        for w in (self.referred_on_row, self.referred_by_row):
            rows(w, due and self.referred.isChecked())
        self.save_button.setText("&Save DASH" if safe else "&Save: try again later")
        self.save_button.setAccessibleName(self.save_button.text().replace("&", ""))
        self.regrow()

    def safe_contact(self) -> str:
        parts = [("Phone", self.safe_phone.text()), ("Address", self.safe_address.text()),
                 ("Time", self.safe_time.text())]
        return "; ".join(f"{k}: {v.strip()}" for k, v in parts if v.strip())

    def input(self) -> DashInput:
        score = self.score.value()
        referred = self.marac_due and self.referred.isChecked()
        return DashInput(
            case_id=self.case.id, person_id=self.person.currentData(),
            assessed_on=to_datetime(self.asked_at.dateTime()).date(),
            score=None if score < 0 else score, safe_to_talk=self.safe.isChecked(),
            safe_contact=self.safe_contact(), judgement_high=self.judgement.isChecked(),
            judgement_reason=self.judgement_reason.toPlainText() if self.judgement.isChecked() else "",
            marac_referral=referred, referred_on=to_date(self.referred_on.date()) if referred else None,
            referred_by=self.referred_by.text() if referred else "",
        )

    def submit(self) -> None:
        if not (self.safe.isChecked() or self.not_safe.isChecked()):
            self.show_errors({"safe_to_talk": "Say whether it was safe for the person to talk"})
            return
        super().submit()

    def job(self) -> Callable[[], object]:
        if self.not_safe.isChecked():
            asked = to_datetime(self.asked_at.dateTime())
            action = ActionInput(
                case_id=self.case.id,
                description=f"Try again to talk safely about domestic abuse (not safe "
                            f"{asked:%d/%m/%Y %H:%M})",
                due_date=max(self._today, asked.date()) + timedelta(days=1))
            work = self._casework
            return lambda: work.add_action(action)
        data, risk = self.input(), self._risk
        return lambda: risk.record_dash(data)

    def done_saving(self, result: object) -> None:
        self.saved_result = result if isinstance(result, DashResult) else None
        super().done_saving(result.assessment_id if isinstance(result, DashResult) else result)


class MaracDialog(FittedDialog):
    """A MARAC referral made after the DASH was saved, which meets its working-day target."""

    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 today: date, risk: RiskController, parent: QWidget | None = None) -> None:
        super().__init__(ops, casework, case, "Record the MARAC referral",
                         "The DASH on this case calls for a referral to the MARAC.", parent)
        self.setObjectName("maracDialog")
        self._risk = risk
        self.referred_on = date_edit(today, latest=today)
        self.errors.row(self.form, "referred_on", "Referral &date", self.referred_on)
        self.referred_by = named(QLineEdit(), "Who made the MARAC referral")
        self.errors.row(self.form, "referred_by", "Referred &by", self.referred_by)
        self.finish("&Save referral")

    def job(self) -> Callable[[], object]:
        risk, case_id = self._risk, self.case.id
        by, on = self.referred_by.text(), to_date(self.referred_on.date())
        return lambda: risk.record_marac_referral(case_id, by, on)


def _now_on(today: date) -> datetime:
    """This minute, on the profile's today (which tests may fix)."""
    return datetime.combine(today, datetime.now().time().replace(second=0, microsecond=0))
