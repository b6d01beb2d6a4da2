"""One report, read back to the officer, with the assessment every report
needs (commitment 5: ASB, not ASB, or more information needed, with the
reason) and the way on to a case: open a new case from it, or add it to a
case that is already open about the same problem. The layout is the
Designer form ``ui/report_panel.ui``.

Under the assessment, a report assessed as not ASB gets its advice and any
refer-back (``advice_section``); any report can have a letter written from
it (``gui.common.letter_dialog``, loaded only when first asked for, since it
brings in the PDF stack).

Risk at intake (commitment 9): once the report is in a case, the landlord's
risk questionnaire can be asked there and then, about the reporter, without
leaving the report; the window opens it (``risk_asked``), since the
questionnaire dialog lives with the case's other risk forms.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from asb_desktop.controllers.cases import CasesController
from asb_desktop.controllers.policy import PolicyController
from asb_desktop.controllers.reports import ReportsController
from asb_desktop.domain.enums import AsbLimb, Assessment, Category, Channel, HateStrand, RiskLevel
from asb_desktop.domain.inputs import AssessmentInput, CaseInput
from asb_desktop.domain.views import CaseDetail, ReportView
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.letters import DocumentsMaker
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.widgets import (
    as_heading,
    enum_items,
    fill_combo,
    html_text,
    label_of,
    named,
    person_line,
    risk_badge,
    risk_text,
    when_text,
)
from asb_desktop.gui.forms.ui_report_panel import Ui_ReportPanel
from asb_desktop.gui.reports.advice_section import AdviceSection


class ReportPanel(QWidget, Ui_ReportPanel):
    assessed = Signal(object)  # ReportView
    case_opened = Signal(object)  # CaseDetail
    attached = Signal(object)  # ReportView
    #: The risk questionnaire asked for: the case's id and the reporter's (or None).
    risk_asked = Signal(str, object)

    def __init__(
        self, ops: OpsRunner, reports: ReportsController, cases: CasesController,
        parent: QWidget | None = None, policy: PolicyController | None = None,
        documents: DocumentsMaker | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportPanel")  # before setupUi, which keeps a name already given
        self._ops = ops
        self._reports = reports
        self._cases = cases
        self.report: ReportView | None = None
        self._documents = documents
        #: The letter chooser last opened from this report (its preview is ``letters.preview``).
        self.letters: QWidget | None = None
        self.setupUi(self)  # type: ignore[no-untyped-call]  # the layout: ui/report_panel.ui
        as_heading(self.title, 1)
        as_heading(self.assessment_heading)
        as_heading(self.case_heading)
        self.badge: QLabel | None = None
        self.errors = FormErrors(self)
        self.outer.insertWidget(self.outer.indexOf(self.assessment_heading) + 1,
                                self.errors.summary)
        fill_combo(self.assessment, enum_items(Assessment), first="Choose…")
        fill_combo(self.limb, enum_items(AsbLimb), first="Choose…")
        fill_combo(self.risk, enum_items(RiskLevel), first="Keep the proposed risk")
        for key, focus in (("assessment", self.assessment), ("asb_limb", self.limb),
                           ("reason", self.reason), ("risk_level", self.risk),
                           ("risk_reason", self.risk_reason)):
            self.errors.adopt(self, key, focus)

        self.assessment.currentIndexChanged.connect(self._assessment_changed)
        self.assess_button.clicked.connect(self.submit_assessment)
        self.open_case_button.clicked.connect(self.open_case)
        self.attach_button.clicked.connect(self.attach)
        at = self.outer.indexOf(self.case_heading)
        self.advice: AdviceSection | None = None
        if policy is not None:
            self.advice = AdviceSection(ops, policy, reports, self.open_letter)
            self.outer.insertWidget(at, self.advice)
            at += 1
        self.letter_button = named(QPushButton("&Print or save a letter…"),
                                   "Print or save a letter",
                                   "An acknowledgement, advice or refer-back letter to the reporter")
        self.letter_button.setVisible(documents is not None)
        self.letter_button.clicked.connect(lambda: self.open_letter(""))
        letter_row = QHBoxLayout()
        letter_row.addWidget(self.letter_button)
        letter_row.addStretch(1)
        self.outer.insertLayout(at, letter_row)
        self._case_id: str | None = None
        self.risk_button = named(
            QPushButton("Risk &questionnaire…"), "Risk questionnaire",
            "Record a risk assessment for the report's case, asking the landlord's questions")
        self.risk_button.clicked.connect(self.ask_risk)
        self.risk_note = QLabel()
        self.risk_note.setObjectName("riskNote")
        self.risk_note.setWordWrap(True)
        risk_row = QHBoxLayout()
        risk_row.addWidget(self.risk_button)
        risk_row.addWidget(self.risk_note, 1)
        self.outer.insertLayout(self.outer.count() - 1, risk_row)  # above the end spacer
        self.case_reference.returnPressed.connect(self.attach)
        self._assessment_changed()

    def _assessment_changed(self, *_args: object) -> None:
        self.limb.setEnabled(self.assessment.currentData() == Assessment.ASB.value)

    def show_report(self, view: ReportView) -> None:
        self.report = view
        self.errors.clear()
        self.title.setText(f"Report received {when_text(view.received_at)}")
        if self.badge is not None:
            self.badge.deleteLater()
        self.badge = risk_badge(view.risk_level)
        self.badge_row.insertWidget(0, self.badge)
        if self.badge_row.count() == 1:
            self.badge_row.addStretch(1)
        reporter = ("Anonymous" if view.anonymous
                    else person_line(view.reporter) if view.reporter else "Not recorded")
        cats = ", ".join(label_of(c, Category) for c in view.categories)
        strands = ", ".join(label_of(h, HateStrand) for h in view.hate_strands)
        lines = [
            ("Reporter", reporter),
            ("How received", label_of(view.channel, Channel)),
            ("Incident", " ".join(x for x in (when_text(view.incident_date),
                                              view.incident_time) if x) or "Not known"),
            ("Location", view.location or "Not given"),
            ("Categories", cats),
        ]
        if strands:
            lines.append(("Hate incident", strands))
        lines += [
            ("Proposed risk", risk_text(view.proposed_risk)),
            ("Acknowledge by", when_text(view.acknowledge_by)),
            ("What happened", view.description),
            ("Logged by", view.logged_by),
        ]
        if view.visit_id:
            lines.append(("Taken during", "a tenancy visit"))
        self.facts.setText(
            "<table cellspacing='0' cellpadding='3'>"
            + "".join(f"<tr><td><b>{k}</b></td><td>{html_text(v)}</td></tr>" for k, v in lines)
            + "</table>"
        )
        self.facts.setAccessibleName("Report details")
        self.facts.setAccessibleDescription("; ".join(f"{k}: {v}" for k, v in lines))
        i = self.assessment.findData(view.assessment)
        self.assessment.setCurrentIndex(max(0, i))
        i = self.limb.findData(view.asb_limb)
        self.limb.setCurrentIndex(max(0, i))
        self.reason.setPlainText(view.assessment_reason)
        self.risk.setCurrentIndex(0)
        self.risk_reason.clear()
        self.assess_status.setText(
            f"Assessed: {label_of(view.assessment, Assessment)}" if view.assessment
            else "Not yet assessed"
        )
        in_case = view.case_reference is not None
        self.case_label.setText(
            f"In case {view.case_reference}." if in_case else "This report is not in a case."
        )
        self.open_case_button.setEnabled(not in_case)
        self._in_case(view.case_id)
        if self.advice is not None:
            self.advice.load(view.id, view.assessment == Assessment.NOT_ASB.value)

    def _in_case(self, case_id: str | None) -> None:
        self._case_id = case_id
        self.risk_button.setEnabled(case_id is not None)
        self.risk_note.setText(
            "Ask the reporter the risk questions now." if case_id else
            "Open a case or add the report to one, then ask the risk questions here.")

    def ask_risk(self) -> None:
        if self._case_id is None or self.report is None:
            return
        reporter = self.report.reporter
        self.risk_asked.emit(self._case_id, reporter.id if reporter else None)

    def say_risk(self, words: str) -> None:
        """What the saved assessment came to, where the officer is looking."""
        self.risk_note.setText(words)

    def open_letter(self, kind: str) -> None:
        """The letter chooser for this report, with ``kind`` chosen when given."""
        if self.report is None or self._documents is None:
            return
        from asb_desktop.gui.common.letter_dialog import open_letter  # the PDF stack, on first use

        self.letters = open_letter(self, self._ops, self._documents, report=self.report, kind=kind)

    # -- writes --------------------------------------------------------------------

    def submit_assessment(self) -> None:
        if self.report is None:
            return
        data = AssessmentInput(
            report_id=self.report.id,
            assessment=str(self.assessment.currentData() or ""),
            asb_limb=self.limb.currentData() if self.limb.isEnabled() else None,
            reason=self.reason.toPlainText(),
            risk_level=self.risk.currentData(),
            risk_reason=self.risk_reason.text(),
        )
        reports = self._reports
        self.assess_button.setEnabled(False)
        self.assess_status.setText("Saving…")
        self._ops.run(lambda: reports.assess(data), self._assessed, **self._route())

    def _assessed(self, view: ReportView) -> None:
        self.assess_button.setEnabled(True)
        self.show_report(view)
        self.assess_status.setText(f"Assessment saved: {label_of(view.assessment, Assessment)}")
        self.assessed.emit(view)

    def _route(self) -> dict[str, Any]:
        """Where a failed assessment, case or attachment shows, and what is tidied first."""
        return {"form": self.errors.show, "parent": self, "after_failure": self._enable}

    def _enable(self, _exc: BaseException) -> None:
        self.assess_button.setEnabled(True)
        self.attach_button.setEnabled(True)
        self.open_case_button.setEnabled(self.report is not None and not self.report.case_id)
        self.assess_status.setText("")

    def open_case(self) -> None:
        if self.report is None:
            return
        cases, rid = self._cases, self.report.id
        self.open_case_button.setEnabled(False)
        self._ops.run(lambda: cases.open_case(CaseInput(report_ids=[rid])), self._opened,
                      **self._route())

    def _opened(self, case: CaseDetail) -> None:
        self.case_label.setText(f"In case {case.reference}.")
        self._in_case(case.id)
        self.case_opened.emit(case)

    def attach(self) -> None:
        if self.report is None or not self.case_reference.text().strip():
            self.case_reference.setFocus()
            return
        reports, cases = self._reports, self._cases
        rid, ref = self.report.id, self.case_reference.text()
        self.attach_button.setEnabled(False)
        self._ops.run(
            lambda: reports.attach_to_case(rid, cases.find_by_reference(ref).id),
            self._attached, **self._route(),
        )

    def _attached(self, view: ReportView) -> None:
        self.attach_button.setEnabled(True)
        self.case_reference.clear()
        self.show_report(view)
        self.attached.emit(view)

