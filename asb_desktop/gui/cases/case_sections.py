"""The parts of the case page, each building its own widgets and filling them
from a ``CaseDetail``.

The case view composes them and keeps the writes; a section only knows how
its part of the page looks for a case, and what changes once the case is
closed. A new part of the case (a risk form, a review) is a new section, not
more lines in one long constructor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.domain.enums import (
    ActionStatus,
    Adjustment,
    CaseStatus,
    Category,
    ClosureOutcome,
    EvidenceKind,
    InterventionKind,
    PartyRole,
    ReferralKind,
    RiskTool,
)
from asb_desktop.domain.inputs import ActionInput
from asb_desktop.domain.views import CaseDetail, RiskAssessmentView
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.record_table import record_table
from asb_desktop.gui.common.widgets import (
    RISK_COLOURS,
    due_text,
    heading,
    html_text,
    label_of,
    named,
    risk_text,
    to_date,
    when_text,
)


def _table(name: str, headers: list[str], stretch: int) -> QTableWidget:
    """A read-only table whose ``stretch`` column takes the spare width and wraps."""
    t = record_table(name, "", headers, stretch)
    t.setMinimumHeight(140)
    return t


def _text(name: str = "", rich: bool = False) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
    return label


class Section(QWidget):
    """A heading and what sits under it; ``buttons`` open casework forms and go
    away once the case is closed (it must be reopened before adding to it)."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(heading(title))
        self.buttons: list[QPushButton] = []

    def add_buttons(self, *buttons: QPushButton) -> None:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.buttons.extend(buttons)

    def set_closed(self, closed: bool) -> None:
        for button in self.buttons:
            button.setVisible(not closed)


class CasePart(Protocol):
    """What the case view asks of each part of its page; every section says how it
    shows a case (``show_case``), and closing hides what adds to the case."""

    buttons: list[QPushButton]

    def show_case(self, case: CaseDetail) -> None: ...

    def set_closed(self, closed: bool) -> None: ...


class PartiesSection(Section):
    """Who is involved, with what each needs of the officer (commitment 11)."""

    def __init__(self) -> None:
        super().__init__("Parties")
        self.text = _text("caseParties", rich=True)
        self.layout_.addWidget(self.text)
        self.add_button = named(QPushButton("Add a &person…"), "Add a person to the case",
                                "Someone already known, found by name, or a new person")
        self.edit_button = named(QPushButton("Edit a person's details…"),
                                 "Edit a person's details",
                                 "Contact details, vulnerabilities, reasonable adjustments")
        self.add_buttons(self.add_button, self.edit_button)

    def set_closed(self, closed: bool) -> None:
        super().set_closed(closed)
        self.edit_button.setVisible(not closed and bool(self._parties))

    _parties: tuple[object, ...] = ()

    def show_case(self, case: CaseDetail) -> None:
        self._parties = case.parties
        rows = []
        for p in case.parties:
            person = p.person
            extra = []
            if person.adjustments:
                extra.append("<b>Adjustments:</b> " + html_text(", ".join(
                    label_of(a, Adjustment) for a in person.adjustments)))
            if person.adjustment_notes:
                extra.append(html_text(person.adjustment_notes))
            if person.vulnerabilities:
                extra.append("<b>Vulnerabilities:</b> " + html_text(person.vulnerabilities))
            if person.language:
                extra.append("<b>Language:</b> " + html_text(person.language))
            if person.contact_preferences:
                extra.append("<b>Contact:</b> " + html_text(person.contact_preferences))
            rows.append(
                f"<p style='margin:2px 0'><b>{html_text(label_of(p.role, PartyRole))}:</b> "
                f"{html_text(person.name)}"
                + ("<br>&nbsp;&nbsp;" + " · ".join(extra) if extra else "") + "</p>"
            )
        self.text.setText("".join(rows) or "No parties recorded yet.")


class TimelineSection(Section):
    def __init__(self) -> None:
        super().__init__("Timeline")
        self.table = _table("Case timeline", ["When", "What", "Details"], stretch=2)
        self.layout_.addWidget(self.table)
        self.contact_button = named(QPushButton("Record co&ntact…"), "Record a contact",
                                    "A call, visit, letter or message with someone on this case")
        self.add_buttons(self.contact_button)

    def show_case(self, case: CaseDetail) -> None:
        self.table.setRowCount(len(case.timeline))
        for i, e in enumerate(case.timeline):
            for j, text in enumerate((when_text(e.when), e.kind.capitalize(), e.text)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeRowsToContents()


class ActionPlanSection(Section):
    """The actions with their due dates, and the form that adds one."""

    def __init__(self, errors_parent: QWidget) -> None:
        super().__init__("Action plan")
        self.table = _table("Action plan", ["Due", "Action", "Owner", "Status"], stretch=1)
        self.layout_.addWidget(self.table)
        self.errors = FormErrors(errors_parent)
        self.layout_.addWidget(self.errors.summary)
        form = QFormLayout()
        self.description = QLineEdit()
        self.errors.row(form, "description", "New action", self.description)
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd/MM/yyyy")
        self.errors.row(form, "due_date", "Due on", self.due)
        self.layout_.addLayout(form)
        row = QHBoxLayout()
        self.add_button = named(QPushButton("Add &action"), "Add action")
        self.done_button = named(QPushButton("Mark chosen action &done"),
                                 "Mark the chosen action done")
        row.addWidget(self.add_button)
        row.addWidget(self.done_button)
        row.addStretch(1)
        self.layout_.addLayout(row)

    def show_case(self, case: CaseDetail) -> None:
        self.table.setRowCount(len(case.actions))
        for i, a in enumerate(case.actions):
            status = label_of(a.status, ActionStatus)
            if a.completed_on:
                status += f" {when_text(a.completed_on)}"
            cells = (due_text(a.due_date, a.overdue), a.description, a.owner, status)
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                if a.overdue and j == 0:
                    item.setBackground(RISK_COLOURS["high"][0])
                    item.setForeground(RISK_COLOURS["high"][1])
                self.table.setItem(i, j, item)
        self.table.resizeRowsToContents()

    def set_closed(self, closed: bool) -> None:
        for w in (self.add_button, self.done_button, self.description, self.due):
            w.setEnabled(not closed)

    def start_from(self, today: date) -> None:
        """A new action is due today unless the officer is part-way through one."""
        if not self.description.text():
            self.due.setDate(QDate(today.year, today.month, today.day))

    def action(self, case_id: str) -> ActionInput:
        return ActionInput(case_id=case_id, description=self.description.text(),
                           due_date=to_date(self.due.date()))

    def chosen_action(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def added(self) -> None:
        self.description.clear()
        self.errors.clear()
        self.add_button.setEnabled(True)


class ListSection(Section):
    """A heading over one line per record (evidence, risk assessments, referrals)."""

    def __init__(self, title: str, empty: str,
                 lines: Callable[[CaseDetail], list[str]]) -> None:
        super().__init__(title)
        self.text = _text()
        self.layout_.addWidget(self.text)
        self._empty = empty
        self._lines = lines

    def show_case(self, case: CaseDetail) -> None:
        self.text.setText("\n".join(self._lines(case)) or self._empty)


class RiskSection(ListSection):
    """The risk assessments and DASH records, with the forms that add them;
    the MARAC button shows only while a referral is due, and the advice to
    restrict shows on a domestic-abuse case nobody has restricted yet."""

    def __init__(self) -> None:
        super().__init__("Risk assessments", "No risk assessment recorded yet.", risk_lines)
        self.text.setObjectName("caseRisks")
        self.note = _text("riskNote")
        self.note.hide()
        self.layout_.addWidget(self.note)
        self.suggestion = _text("restrictSuggestion")
        self.suggestion.setProperty("hint", True)
        self.layout_.addWidget(self.suggestion)
        self.assess_button = named(QPushButton("Record a ris&k assessment…"),
                                   "Record a risk assessment",
                                   "The landlord's risk questionnaire, question by question")
        self.dash_button = named(QPushButton("Domestic a&buse (DASH)…"), "Domestic abuse (DASH)",
                                 "Safe to talk first, then the DASH checklist and MARAC")
        self.level_button = named(QPushButton("Change risk level…"), "Change the risk level",
                                  "Your judgement of the case's risk, with the reason")
        self.marac_button = named(QPushButton("Record the &MARAC referral…"),
                                  "Record the MARAC referral")
        # Two to a row, so the case pane keeps its narrow width at large text sizes.
        self.add_buttons(self.assess_button, self.dash_button)
        self.add_buttons(self.level_button, self.marac_button)
        self._marac_due = False
        self._closed = False

    def show_case(self, case: CaseDetail) -> None:
        super().show_case(case)
        self.suggestion.setText(
            "Domestic abuse on this case: consider restricting who can open it."
            if involves_domestic_abuse(case) and not case.restricted else "")
        self.suggestion.setVisible(bool(self.suggestion.text()))

    def say(self, text: str) -> None:
        """What the last save did (the score, the level, when to review)."""
        self.note.setText(text)
        self.note.setAccessibleName(text)
        self.note.setVisible(bool(text))

    def set_closed(self, closed: bool) -> None:
        self._closed = closed
        super().set_closed(closed)
        self.marac_button.setVisible(self._marac_due and not closed)

    def set_marac_due(self, due: bool) -> None:
        self._marac_due = due
        self.marac_button.setVisible(due and not self._closed)


def involves_domestic_abuse(case: CaseDetail) -> bool:
    """Domestic abuse ticked on a report, or a DASH recorded: restricting the case is advised."""
    return (Category.DOMESTIC_ABUSE.value in case.categories
            or any(r.tool == RiskTool.DASH.value for r in case.risk_assessments))


def evidence_lines(case: CaseDetail) -> list[str]:
    return [f"• {when_text(e.captured_on)} {label_of(e.kind, EvidenceKind)}: {e.description}"
            + (" (shareable)" if e.shareable else "") for e in case.evidence]


def risk_lines(case: CaseDetail) -> list[str]:
    return [f"• {when_text(r.assessed_on)} {label_of(r.tool, RiskTool)} for {r.person}: "
            f"score {r.score}, {risk_text(r.level)}"
            + marac_words(r) for r in case.risk_assessments]


def marac_words(r: RiskAssessmentView) -> str:
    """Whether the MARAC referral a DASH called for was made, and when: "due"
    alone would read the same before and after the referral."""
    if r.marac_referred_on is not None:
        by = f" by {r.marac_referred_by}" if r.marac_referred_by else ""
        return f" · MARAC referral made {when_text(r.marac_referred_on)}{by}"
    return " · MARAC referral due, not yet made" if r.marac_referral else ""


def referral_lines(case: CaseDetail) -> list[str]:
    lines = [f"• {when_text(r.made_on)} {label_of(r.kind, ReferralKind)}: {r.service}"
             + (f" for {r.person}" if r.person else "") for r in case.referrals]
    lines += [f"• Intervention: {label_of(i.kind, InterventionKind)} from "
              f"{when_text(i.started_on)}" for i in case.interventions]
    return lines


class ClosureSection(Section):
    """The way to close the case (``closure_dialog``) while it is open; how it
    closed, what the complainant said and the lessons once it is."""

    def __init__(self) -> None:
        super().__init__("Close the case")
        self.form = QWidget()
        row = QHBoxLayout(self.form)
        row.setContentsMargins(0, 0, 0, 0)
        self.close_button = named(QPushButton("C&lose the case…"), "Close the case",
                                  "The outcome, the satisfaction survey and lessons learned")
        row.addWidget(self.close_button)
        row.addStretch(1)
        self.layout_.addWidget(self.form)
        self.closed_label = _text("closedLabel")
        self.closed_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(self.closed_label)

    def show_case(self, case: CaseDetail) -> None:
        closed = case.status == CaseStatus.CLOSED.value
        lines = [f"Closed {when_text(case.closed_at)}: {label_of(case.outcome, ClosureOutcome)}. "
                 f"{case.closure_reason}"] if closed else []
        if closed and case.satisfaction is not None:
            lines.append(f"Satisfaction: {case.satisfaction} out of 5.")
        if closed and case.satisfaction_comment:
            lines.append(case.satisfaction_comment)
        lines += [f"Lessons learned: {lesson}" for lesson in case.lessons] if closed else []
        self.closed_label.setText("\n".join(lines))

    def set_closed(self, closed: bool) -> None:
        self.form.setVisible(not closed)
