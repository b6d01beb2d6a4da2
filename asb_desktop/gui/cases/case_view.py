"""One case, as the officer works it: who is involved (with the adjustments
and vulnerabilities each person needs, commitment 11), everything that has
happened in date order, the action plan, evidence, risk assessments,
referrals and signposting, and the closure form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.audit import AuditController, AuditRow
from asb_desktop.controllers.cases import CasesController
from asb_desktop.controllers.casework import CaseworkController
from asb_desktop.controllers.policy import PolicyController
from asb_desktop.domain.enums import (
    CaseStatus,
    Category,
)
from asb_desktop.domain.rules.targets import Due
from asb_desktop.domain.views import CaseDetail
from asb_desktop.gui.cases.assign_dialog import AssignDialog
from asb_desktop.gui.cases.audit_log import AuditLogDialog
from asb_desktop.gui.cases.case_sections import (
    ActionPlanSection,
    CasePart,
    ClosureSection,
    ListSection,
    PartiesSection,
    RiskSection,
    TimelineSection,
    evidence_lines,
    referral_lines,
)
from asb_desktop.gui.cases.case_tools import CaseTools
from asb_desktop.gui.cases.casework_forms import (
    CaseworkDialog,
    ContactDialog,
    EvidenceDialog,
    ReferralDialog,
)
from asb_desktop.gui.cases.closure_dialog import ClosureDialog
from asb_desktop.gui.cases.follow_up_section import FollowUpSection
from asb_desktop.gui.cases.intervention_form import InterventionDialog
from asb_desktop.gui.cases.party_dialogs import AddPartyDialog, EditPersonDialog
from asb_desktop.gui.cases.restriction_dialog import RestrictionDialog
from asb_desktop.gui.cases.risk_dialogs import (
    DashDialog,
    MaracDialog,
    RiskAssessmentDialog,
    RiskLevelDialog,
    risk_outcome,
)
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.policy_flags import due_lines
from asb_desktop.gui.common.widgets import (
    RISK_COLOURS,
    due_text,
    heading,
    hline,
    html_text,
    label_of,
    named,
    risk_text,
    when_text,
)


class CaseView(QWidget):
    changed = Signal(object)  # CaseDetail after any write

    def __init__(
        self, ops: OpsRunner, cases: CasesController, casework: CaseworkController,
        today: Callable[[], date], parent: QWidget | None = None,
        policy: PolicyController | None = None, audit: AuditController | None = None,
        tools: CaseTools | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self._tools = tools
        self._policy = policy
        self._audit = audit
        self._today = today
        self._ops = ops
        self._cases = cases
        self._casework = casework
        self.case: CaseDetail | None = None
        self.form_dialog: CaseworkDialog | None = None
        outer = QVBoxLayout(self)
        self.title = heading("Choose a case from the caseload", 1)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        self.audit_button = named(QPushButton("A&udit log…"), "Audit log",
                                  "Who opened, changed, printed or exported this case")
        self.audit_button.clicked.connect(self.show_audit_log)
        self.audit_button.hide()
        self.restrict_button = named(QPushButton("Who can open this case…"),
                                     "Who can open this case",
                                     "Restrict the case and name the officers who may open it")
        self.restrict_button.clicked.connect(self.restrict)
        self.restrict_button.hide()
        self.assign_button = named(QPushButton("Change lead officer…"), "Change lead officer",
                                   "Give the case to another officer, with the reason")
        self.assign_button.clicked.connect(self.reassign)
        self.assign_button.hide()
        self.letter_button = named(QPushButton("Letter…"), "Letter",
                                   "A warning, closure or report letter, in the print preview")
        self.letter_button.clicked.connect(self.write_letter)
        self.letter_button.hide()
        #: The letter chooser last opened here (its preview is ``letters.preview``).
        self.letters: QWidget | None = None
        outer.addLayout(top)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setObjectName("caseSummary")
        outer.addWidget(self.summary)
        # Their own row under the summary: the title keeps the pane's whole width, and
        # neither button is squeezed when the case pane is narrow (large text).
        access_row = QHBoxLayout()
        access_row.addWidget(self.restrict_button)
        access_row.addWidget(self.audit_button)
        access_row.addWidget(self.letter_button)
        access_row.addStretch(1)
        outer.addLayout(access_row)
        lead_row = QHBoxLayout()  # its own row: beside the others it is cut off at 200% text
        lead_row.addWidget(self.assign_button)
        lead_row.addStretch(1)
        outer.addLayout(lead_row)
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

        # The page, part by part; each part fills itself from the case.
        self.people = PartiesSection()
        self.history = TimelineSection()
        self.plan = ActionPlanSection(self)
        self.evidence_section = ListSection("Evidence", "No evidence logged yet.", evidence_lines)
        self.evidence_button = named(QPushButton("Lo&g evidence…"), "Log evidence",
                                     "Add a diary sheet, photo, recording, statement or document")
        self.evidence_section.add_buttons(self.evidence_button)
        self.risk_section = RiskSection()
        self.referral_section = ListSection("Interventions, referrals and signposting",
                                            "No referrals or signposting yet.", referral_lines)
        self.intervention_button = named(
            QPushButton("Add &intervention…"), "Add an intervention",
            "A step on the intervention ladder, with why it is proportionate")
        self.referral_button = named(
            QPushButton("Add referral or &signposting…"), "Add a referral or signposting",
            "A support service you referred or signposted someone to")
        self.referral_section.add_buttons(self.intervention_button, self.referral_button)
        self.closure = ClosureSection()
        self.sections: tuple[CasePart, ...] = (
            self.people, self.history, self.plan, self.evidence_section, self.risk_section,
            self.referral_section)
        for section in self.sections:
            body.addWidget(section)
        body.addWidget(hline())
        body.addWidget(self.closure)
        self.sections += (self.closure,)
        # Paused targets and the ASB Case Review, under what is due (given the tools).
        self.follow_up: FollowUpSection | None = None
        if tools is not None and policy is not None:
            self.follow_up = FollowUpSection(ops, casework, policy, tools.follow_up, today,
                                             self._open_form)
            body.insertWidget(body.indexOf(self.due) + 1, self.follow_up)
            self.sections += (self.follow_up,)
            self.pause_button = self.follow_up.pause_button
            self.case_review_button = self.follow_up.request_button
        self.body.hide()

        # What the officer and the tests reach directly.
        self.parties, self.timeline = self.people.text, self.history.table
        self.contact_button = self.history.contact_button
        self.action_table, self.action_errors = self.plan.table, self.plan.errors
        self.action_description, self.action_due = self.plan.description, self.plan.due
        self.add_action_button, self.done_button = self.plan.add_button, self.plan.done_button
        self.evidence, self.risks = self.evidence_section.text, self.risk_section.text
        self.referrals = self.referral_section.text
        self.closure_form = self.closure.form
        self.close_button, self.closed_label = self.closure.close_button, self.closure.closed_label
        risk, people = self.risk_section, self.people
        self.assess_button, self.dash_button = risk.assess_button, risk.dash_button
        self.level_button, self.marac_button = risk.level_button, risk.marac_button
        self.add_party_button, self.edit_person_button = people.add_button, people.edit_button

        self.add_action_button.clicked.connect(self.add_action)
        self.action_description.returnPressed.connect(self.add_action)
        self.done_button.clicked.connect(self.complete_action)
        self.close_button.clicked.connect(self.close_case)
        self.contact_button.clicked.connect(self.record_contact)
        self.evidence_button.clicked.connect(self.add_evidence)
        self.intervention_button.clicked.connect(self.add_intervention)
        self.referral_button.clicked.connect(self.add_referral)
        risk.assess_button.clicked.connect(self.assess_risk)
        risk.dash_button.clicked.connect(self.record_dash)
        risk.level_button.clicked.connect(self.change_risk_level)
        risk.marac_button.clicked.connect(self.record_marac)
        people.add_button.clicked.connect(self.add_party)
        people.edit_button.clicked.connect(self.edit_person)
        #: Shown only when the window gave the case view what they need.
        self._tool_buttons = [risk.assess_button, risk.dash_button, risk.level_button,
                              people.add_button, people.edit_button]

    @property
    def form_buttons(self) -> list[QPushButton]:
        """The buttons that open casework forms; a closed case shows none of them."""
        return [b for section in self.sections for b in section.buttons]

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
        if self.case is None or self.case.id != case.id:
            self.risk_section.say("")  # what the last save said belongs to that case
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
            f"{badge} &nbsp; <b>{label_of(case.status, CaseStatus)}</b> · {html_text(cats)}<br>"
            f"Lead officer: {html_text(officer)} · Opened {when_text(case.opened_at)} · "
            f"Next action: {due_text(case.next_action_due, _overdue(case))}"
            + (f"<br>Lead agency: {html_text(case.lead_agency)}" if case.lead_agency else "")
            + f"<br>{html_text(case.summary)}"
        )
        self.summary.setAccessibleName(
            f"{risk_text(case.risk_level)} risk, {label_of(case.status, CaseStatus)}, {cats}"
        )
        closed = case.status == CaseStatus.CLOSED.value
        for section in self.sections:
            section.show_case(case)
            section.set_closed(closed)
        self.restrict_button.setVisible(self._tools is not None)
        self.assign_button.setVisible(self._tools is not None and not closed)
        self.letter_button.setVisible(self._tools is not None and self._tools.documents is not None)
        if self._tools is None or self._policy is None:
            for button in self._tool_buttons:
                button.hide()
        self.plan.start_from(self._today())

    def write_letter(self) -> None:
        """Choose a letter about this case and see it in the print preview."""
        documents = self._tools.documents if self._tools is not None else None
        if documents is None or self.case is None:
            return
        from asb_desktop.gui.common.letter_dialog import open_letter  # the PDF stack, on first use

        self.letters = open_letter(self, self._ops, documents, case=self.case)

    def _load_due(self, case_id: str) -> None:
        """Targets by risk level in working days (acknowledgement, first contact,
        action plan, victim updates), worked out on the database lane."""
        policy = self._policy
        if policy is None:
            return

        def arrived(items: list[Due]) -> None:
            if self.case is not None and self.case.id == case_id:
                self.due.setText(due_lines(items))
                self.risk_section.set_marac_due(
                    self._tools is not None and any(d.kind == "marac_referral" for d in items))

        self._ops.run(lambda: policy.case_obligations(case_id), arrived)

    # -- writes -------------------------------------------------------------------

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
        risk = self._tools.risk if self._tools is not None else None
        self._open_form(lambda c: ReferralDialog(
            self._ops, self._casework, c, self._today(), self._policy, self, risk=risk))

    # -- risk, domestic abuse, parties and who may open the case -------------------

    def assess_risk(self) -> None:
        tools, policy = self._tools, self._policy
        if tools is None or policy is None or self.case is None:
            return
        self._open_form(lambda c: RiskAssessmentDialog(
            self._ops, self._casework, c, self._today(), policy, tools.risk, self))
        dialog = self.form_dialog
        assert isinstance(dialog, RiskAssessmentDialog)
        dialog.saved.connect(lambda _id: self.risk_section.say(
            risk_outcome(dialog.saved_result) if dialog.saved_result else ""))

    def record_dash(self) -> None:
        tools, policy = self._tools, self._policy
        if tools is None or policy is None or self.case is None:
            return
        self._ops.run(policy.dash_policy, lambda dash: self._open_form(lambda c: DashDialog(
            self._ops, self._casework, c, self._today(), dash, tools.risk, self)))

    def record_marac(self) -> None:
        if (tools := self._tools) is not None:
            self._open_form(lambda c: MaracDialog(
                self._ops, self._casework, c, self._today(), tools.risk, self))

    def change_risk_level(self) -> None:
        self._open_form(lambda c: RiskLevelDialog(self._ops, self._casework, c, self._cases, self))

    def add_party(self) -> None:
        if (tools := self._tools) is not None:
            self._open_form(lambda c: AddPartyDialog(
                self._ops, self._casework, c, self._cases, tools.people, self))

    def edit_person(self) -> None:
        if (tools := self._tools) is not None:
            self._open_form(lambda c: EditPersonDialog(
                self._ops, self._casework, c, tools.people, self))

    def reassign(self) -> None:
        if (tools := self._tools) is not None:
            self._open_form(lambda c: AssignDialog(
                self._ops, self._casework, c, self._cases, tools.profile, tools.access, self))

    def restrict(self) -> None:
        if (tools := self._tools) is not None:
            self._open_form(lambda c: RestrictionDialog(
                self._ops, self._casework, c, tools.access, tools.profile, self))

    def add_action(self) -> None:
        if self.case is None:
            return
        data = self.plan.action(self.case.id)
        work = self._casework
        self.add_action_button.setEnabled(False)
        self._ops.run(lambda: work.add_action(data), lambda _id: self._action_added(),
                      form=self.action_errors.show, parent=self,
                      after_failure=lambda _exc: self.add_action_button.setEnabled(True))

    def _action_added(self) -> None:
        self.plan.added()
        self._reload()

    def complete_action(self) -> None:
        action_id = self.plan.chosen_action()
        if action_id is None:
            self.action_table.setFocus()
            return
        work = self._casework
        self._ops.run(lambda: work.complete_action(action_id), lambda _r: self._reload())

    def close_case(self) -> None:
        """The outcome, the landlord's satisfaction survey and the lessons, in one form."""
        self._open_form(lambda c: ClosureDialog(
            self._ops, self._casework, c, self._cases, self._policy, self))

    def _reload(self) -> None:
        if self.case is None:
            return
        cases, cid = self._cases, self.case.id

        def done(case: CaseDetail) -> None:
            self.show_case(case)
            self.changed.emit(case)

        self._ops.run(lambda: cases.get_case(cid), done)



def _overdue(case: CaseDetail) -> bool:
    return any(a.overdue for a in case.actions)
