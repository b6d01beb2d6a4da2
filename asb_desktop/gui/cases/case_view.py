"""One case, as the officer works it: who is involved (with the adjustments
and vulnerabilities each person needs, commitment 11), everything that has
happened in date order, the action plan, evidence, risk assessments,
referrals and signposting, and the closure form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.audit import AuditController, AuditRow
from asb_desktop.controllers.cases import CasesController
from asb_desktop.controllers.casework import CaseworkController
from asb_desktop.controllers.errors import ValidationError
from asb_desktop.controllers.policy import PolicyController
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
from asb_desktop.domain.inputs import ActionInput, ClosureInput
from asb_desktop.domain.rules.targets import Due
from asb_desktop.domain.views import CaseDetail
from asb_desktop.gui.cases.audit_log import AuditLogDialog
from asb_desktop.gui.cases.casework_forms import (
    CaseworkDialog,
    ContactDialog,
    EvidenceDialog,
    ReferralDialog,
)
from asb_desktop.gui.cases.intervention_form import InterventionDialog
from asb_desktop.gui.common.errors import show_error
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.policy_flags import due_lines
from asb_desktop.gui.common.widgets import (
    RISK_COLOURS,
    due_text,
    enum_items,
    fill_combo,
    heading,
    hline,
    label_of,
    named,
    risk_text,
    to_date,
    when_text,
)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(name: str, headers: list[str], stretch: int) -> QTableWidget:
    """A read-only table whose ``stretch`` column takes the spare width and wraps."""
    t = QTableWidget(0, len(headers))
    t.setAccessibleName(name)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setTabKeyNavigation(False)
    t.setWordWrap(True)
    t.verticalHeader().hide()
    t.horizontalHeader().setStretchLastSection(False)
    for i in range(len(headers)):
        mode = (QHeaderView.ResizeMode.Stretch if i == stretch
                else QHeaderView.ResizeMode.ResizeToContents)
        t.horizontalHeader().setSectionResizeMode(i, mode)
    t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    t.setMinimumHeight(140)
    return t


class CaseView(QWidget):
    changed = Signal(object)  # CaseDetail after any write

    def __init__(
        self, ops: OpsRunner, cases: CasesController, casework: CaseworkController,
        today: Callable[[], date], parent: QWidget | None = None,
        policy: PolicyController | None = None, audit: AuditController | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self._policy = policy
        self._audit = audit
        self._today = today
        self._ops = ops
        self._cases = cases
        self._casework = casework
        self.case: CaseDetail | None = None
        self.form_buttons: list[QPushButton] = []
        self.form_dialog: CaseworkDialog | None = None
        outer = QVBoxLayout(self)
        self.title = heading("Choose a case from the caseload", 1)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        self.audit_button = named(QPushButton("A&udit log…"), "Audit log",
                                  "Who opened, changed, printed or exported this case")
        self.audit_button.clicked.connect(self.show_audit_log)
        self.audit_button.hide()
        top.addWidget(self.audit_button)
        outer.addLayout(top)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setObjectName("caseSummary")
        outer.addWidget(self.summary)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.body)
        outer.addStretch(1)

        body.addWidget(heading("What is due"))
        self.due = QLabel("Working out what is due…" if policy else "")
        self.due.setObjectName("caseDue")
        self.due.setWordWrap(True)
        self.due.setTextFormat(Qt.TextFormat.RichText)
        self.due.setAccessibleName("What is due on this case")
        body.addWidget(self.due)

        body.addWidget(heading("Parties"))
        self.parties = QLabel()
        self.parties.setObjectName("caseParties")
        self.parties.setWordWrap(True)
        self.parties.setTextFormat(Qt.TextFormat.RichText)
        body.addWidget(self.parties)

        body.addWidget(heading("Timeline"))
        self.timeline = _table("Case timeline", ["When", "What", "Details"], stretch=2)
        body.addWidget(self.timeline)
        self.contact_button = named(QPushButton("Record co&ntact…"), "Record a contact",
                                    "A call, visit, letter or message with someone on this case")
        self._form_buttons(body, self.contact_button)

        body.addWidget(heading("Action plan"))
        self.action_table = _table("Action plan", ["Due", "Action", "Owner", "Status"], stretch=1)
        body.addWidget(self.action_table)
        self.action_errors = FormErrors(self)
        body.addWidget(self.action_errors.summary)
        form = QFormLayout()
        self.action_description = QLineEdit()
        self.action_errors.row(form, "description", "New action", self.action_description)
        self.action_due = QDateEdit()
        self.action_due.setCalendarPopup(True)
        self.action_due.setDisplayFormat("dd/MM/yyyy")
        self.action_errors.row(form, "due_date", "Due on", self.action_due)
        body.addLayout(form)
        row = QHBoxLayout()
        self.add_action_button = named(QPushButton("Add &action"), "Add action")
        self.done_button = named(QPushButton("Mark chosen action &done"),
                                 "Mark the chosen action done")
        row.addWidget(self.add_action_button)
        row.addWidget(self.done_button)
        row.addStretch(1)
        body.addLayout(row)

        body.addWidget(heading("Evidence"))
        self.evidence = QLabel()
        self.evidence.setWordWrap(True)
        body.addWidget(self.evidence)
        self.evidence_button = named(QPushButton("Lo&g evidence…"), "Log evidence",
                                     "Add a diary sheet, photo, recording, statement or document")
        self._form_buttons(body, self.evidence_button)
        body.addWidget(heading("Risk assessments"))
        self.risks = QLabel()
        self.risks.setWordWrap(True)
        body.addWidget(self.risks)
        body.addWidget(heading("Interventions, referrals and signposting"))
        self.referrals = QLabel()
        self.referrals.setWordWrap(True)
        body.addWidget(self.referrals)
        self.intervention_button = named(
            QPushButton("Add &intervention…"), "Add an intervention",
            "A step on the intervention ladder, with why it is proportionate")
        self.referral_button = named(
            QPushButton("Add referral or &signposting…"), "Add a referral or signposting",
            "A support service you referred or signposted someone to")
        self._form_buttons(body, self.intervention_button, self.referral_button)
        body.addWidget(hline())

        body.addWidget(heading("Close the case"))
        self.closure_errors = FormErrors(self)
        body.addWidget(self.closure_errors.summary)
        self.closure_form = QWidget()
        cform = QFormLayout(self.closure_form)
        cform.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.outcome = fill_combo(QComboBox(), enum_items(ClosureOutcome), first="Choose…")
        self.closure_errors.row(cform, "outcome", "Outcome", self.outcome)
        self.closure_reason = QPlainTextEdit()
        self.closure_reason.setTabChangesFocus(True)
        self.closure_reason.setMaximumHeight(70)
        self.closure_errors.row(cform, "reason", "Reason for closing", self.closure_reason)
        self.satisfaction = fill_combo(
            QComboBox(),
            [("1 – very dissatisfied", 1), ("2", 2), ("3", 3), ("4", 4),
             ("5 – very satisfied", 5)],
            first="Not asked",
        )
        self.closure_errors.row(cform, "satisfaction", "Complainant's satisfaction",
                                self.satisfaction)
        self.lessons = QPlainTextEdit()
        self.lessons.setTabChangesFocus(True)
        self.lessons.setMaximumHeight(70)
        self.closure_errors.row(cform, "lessons_learned", "Lessons learned", self.lessons)
        self.close_button = named(QPushButton("C&lose case"), "Close case")
        cform.addRow(self.close_button)
        body.addWidget(self.closure_form)
        self.closed_label = QLabel()
        self.closed_label.setWordWrap(True)
        body.addWidget(self.closed_label)
        self.body.hide()

        self.add_action_button.clicked.connect(self.add_action)
        self.action_description.returnPressed.connect(self.add_action)
        self.done_button.clicked.connect(self.complete_action)
        self.close_button.clicked.connect(self.close_case)
        self.contact_button.clicked.connect(self.record_contact)
        self.evidence_button.clicked.connect(self.add_evidence)
        self.intervention_button.clicked.connect(self.add_intervention)
        self.referral_button.clicked.connect(self.add_referral)

    # -- showing -----------------------------------------------------------------

    def load(self, case_id: str) -> None:
        """Opening a case from the caseload; with the audit controller, the opening is logged."""
        audit, cases = self._audit, self._cases
        opener = audit.view_case if audit is not None else cases.get_case
        self._ops.run(lambda: opener(case_id), self.show_case)

    def show_audit_log(self) -> None:
        audit, case = self._audit, self.case
        if audit is None or case is None:
            return
        case_id, reference = case.id, case.reference

        def shown(rows: list[AuditRow]) -> None:
            self.audit_dialog = AuditLogDialog(reference, rows, self)
            self.audit_dialog.show()

        self._ops.run(lambda: audit.case_log(case_id), shown)

    def show_case(self, case: CaseDetail) -> None:
        self.case = case
        self.body.show()
        self.audit_button.setVisible(self._audit is not None and self._audit.is_supervisor)
        self._load_due(case.id)
        restricted = " · Restricted" if case.restricted else ""
        self.title.setText(f"Case {case.reference}{restricted}")
        colours = RISK_COLOURS.get(case.risk_level)
        badge = (f"<span style='background:{colours[0].name()};color:{colours[1].name()};"
                 f"font-weight:600'>&nbsp;{risk_text(case.risk_level)} risk&nbsp;</span>"
                 if colours else f"{risk_text(case.risk_level)} risk")
        cats = ", ".join(label_of(c, Category) for c in case.categories)
        officer = case.lead_officer.name if case.lead_officer else "No lead officer"
        self.summary.setText(
            f"{badge} &nbsp; <b>{label_of(case.status, CaseStatus)}</b> · {_esc(cats)}<br>"
            f"Lead officer: {_esc(officer)} · Opened {when_text(case.opened_at)} · "
            f"Next action: {due_text(case.next_action_due, _overdue(case))}"
            + (f"<br>Lead agency: {_esc(case.lead_agency)}" if case.lead_agency else "")
            + f"<br>{_esc(case.summary)}"
        )
        self.summary.setAccessibleName(
            f"{risk_text(case.risk_level)} risk, {label_of(case.status, CaseStatus)}, {cats}"
        )
        self.parties.setText(self._parties_html(case) or "No parties recorded yet.")
        self.timeline.setRowCount(len(case.timeline))
        for i, e in enumerate(case.timeline):
            for j, text in enumerate((when_text(e.when), e.kind.capitalize(), e.text)):
                self.timeline.setItem(i, j, QTableWidgetItem(text))
        self.timeline.resizeRowsToContents()
        self.action_table.setRowCount(len(case.actions))
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
                self.action_table.setItem(i, j, item)
        self.action_table.resizeRowsToContents()
        self.evidence.setText("\n".join(
            f"• {when_text(e.captured_on)} {label_of(e.kind, EvidenceKind)}: {e.description}"
            + (" (shareable)" if e.shareable else "")
            for e in case.evidence) or "No evidence logged yet.")
        self.risks.setText("\n".join(
            f"• {when_text(r.assessed_on)} {label_of(r.tool, RiskTool)} for {r.person}: "
            f"score {r.score}, {risk_text(r.level)}" + (" · MARAC referral" if r.marac_referral
                                                        else "")
            for r in case.risk_assessments) or "No risk assessment recorded yet.")
        lines = [
            f"• {when_text(r.made_on)} {label_of(r.kind, ReferralKind)}: {r.service}"
            + (f" for {r.person}" if r.person else "") for r in case.referrals
        ]
        lines += [
            f"• Intervention: {label_of(i.kind, InterventionKind)} from {when_text(i.started_on)}"
            for i in case.interventions
        ]
        self.referrals.setText("\n".join(lines) or "No referrals or signposting yet.")
        closed = case.status == CaseStatus.CLOSED.value
        self.closure_form.setVisible(not closed)
        for button in self.form_buttons:  # a closed case must be reopened before adding to it
            button.setVisible(not closed)
        for w in (self.add_action_button, self.done_button, self.action_description,
                  self.action_due):
            w.setEnabled(not closed)
        self.closed_label.setText(
            f"Closed {when_text(case.closed_at)}: {label_of(case.outcome, ClosureOutcome)}. "
            f"{case.closure_reason}" if closed else ""
        )
        if not self.action_description.text():
            today = self._today()
            self.action_due.setDate(QDate(today.year, today.month, today.day))

    def _load_due(self, case_id: str) -> None:
        """Targets by risk level in working days (acknowledgement, first contact,
        action plan, victim updates), worked out on the database lane."""
        policy = self._policy
        if policy is None:
            return

        def arrived(items: list[Due]) -> None:
            if self.case is not None and self.case.id == case_id:
                self.due.setText(due_lines(items))

        self._ops.run(lambda: policy.case_obligations(case_id), arrived)

    @staticmethod
    def _parties_html(case: CaseDetail) -> str:
        rows = []
        for p in case.parties:
            person = p.person
            extra = []
            if person.adjustments:
                extra.append("<b>Adjustments:</b> " + _esc(", ".join(
                    label_of(a, Adjustment) for a in person.adjustments)))
            if person.adjustment_notes:
                extra.append(_esc(person.adjustment_notes))
            if person.vulnerabilities:
                extra.append("<b>Vulnerabilities:</b> " + _esc(person.vulnerabilities))
            if person.language:
                extra.append("<b>Language:</b> " + _esc(person.language))
            if person.contact_preferences:
                extra.append("<b>Contact:</b> " + _esc(person.contact_preferences))
            rows.append(
                f"<p style='margin:2px 0'><b>{_esc(label_of(p.role, PartyRole))}:</b> "
                f"{_esc(person.name)}" + ("<br>&nbsp;&nbsp;" + " · ".join(extra) if extra else "")
                + "</p>"
            )
        return "".join(rows)

    # -- writes -------------------------------------------------------------------

    def _form_buttons(self, body: QVBoxLayout, *buttons: QPushButton) -> None:
        """Buttons that open casework forms, left-aligned under their section;
        remembered so that closing the case takes them all away."""
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        body.addLayout(row)
        self.form_buttons.extend(buttons)

    def _open_form(self, make: Callable[[CaseDetail], CaseworkDialog]) -> None:
        """Window-modal, so the case cannot change under the form; the case is
        read again after a save so the new row shows where it belongs."""
        if self.case is None:
            return
        if self.form_dialog is not None:  # the last one, closed: not kept for the session
            self.form_dialog.deleteLater()
        self.form_dialog = make(self.case)
        self.form_dialog.saved.connect(lambda _id: self._reload())
        self.form_dialog.open()

    def record_contact(self) -> None:
        self._open_form(lambda c: ContactDialog(self._ops, self._casework, c, self._today(), self))

    def add_evidence(self) -> None:
        self._open_form(lambda c: EvidenceDialog(self._ops, self._casework, c, self._today(), self))

    def add_intervention(self) -> None:
        self._open_form(lambda c: InterventionDialog(
            self._ops, self._casework, c, self._today(), self._policy, self))

    def add_referral(self) -> None:
        self._open_form(lambda c: ReferralDialog(
            self._ops, self._casework, c, self._today(), self._policy, self))

    def add_action(self) -> None:
        if self.case is None:
            return
        data = ActionInput(case_id=self.case.id, description=self.action_description.text(),
                           due_date=to_date(self.action_due.date()))
        work = self._casework
        self.add_action_button.setEnabled(False)
        self._ops.run(lambda: work.add_action(data), lambda _id: self._action_added(),
                      lambda exc: self._failed(exc, self.action_errors))

    def _action_added(self) -> None:
        self.action_description.clear()
        self.action_errors.clear()
        self.add_action_button.setEnabled(True)
        self._reload()

    def complete_action(self) -> None:
        row = self.action_table.currentRow()
        item = self.action_table.item(row, 0) if row >= 0 else None
        if item is None:
            self.action_table.setFocus()
            return
        action_id = str(item.data(Qt.ItemDataRole.UserRole))
        work = self._casework
        self._ops.run(lambda: work.complete_action(action_id), lambda _r: self._reload())

    def close_case(self) -> None:
        if self.case is None:
            return
        data = ClosureInput(
            case_id=self.case.id, outcome=str(self.outcome.currentData() or ""),
            reason=self.closure_reason.toPlainText(),
            satisfaction=self.satisfaction.currentData(),
            lessons_learned=self.lessons.toPlainText(),
        )
        cases = self._cases
        self._ops.run(lambda: cases.close_case(data), self._closed,
                      lambda exc: self._failed(exc, self.closure_errors))

    def _closed(self, case: CaseDetail) -> None:
        self.closure_errors.clear()
        self.show_case(case)
        self.changed.emit(case)

    def _reload(self) -> None:
        if self.case is None:
            return
        cases, cid = self._cases, self.case.id

        def done(case: CaseDetail) -> None:
            self.show_case(case)
            self.changed.emit(case)

        self._ops.run(lambda: cases.get_case(cid), done)

    def _failed(self, exc: BaseException, errors: FormErrors) -> None:
        self.add_action_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            errors.show(exc.errors)
        else:
            show_error(self, exc)


def _overdue(case: CaseDetail) -> bool:
    return any(a.overdue for a in case.actions)
