"""The ASB Case Review (the Community Trigger) on a case, step by step.

A request is recorded with who applied, when, and the incidents they
complained of; the landlord's published timescales (working days, from the
settings) give the dates to acknowledge it, decide whether the threshold is
met and tell the applicant the outcome, and the case shows them in "What is
due" until each is done. The decision records what the applicant was told;
a review's recommendations become actions on the plan with their due dates.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem, QWidget

from asb_desktop.controllers.casework import CaseworkController
from asb_desktop.controllers.errors import ValidationError
from asb_desktop.controllers.policy import PolicyController
from asb_desktop.controllers.policy.follow_up import CaseReviewRow, FollowUpController
from asb_desktop.domain.enums import Category
from asb_desktop.domain.rules.policy_exchange import CaseReviewInput
from asb_desktop.domain.views import CaseDetail, ReportRow
from asb_desktop.gui.cases.casework_forms import date_edit, party_items, text_box
from asb_desktop.gui.cases.fitted_dialog import FittedDialog
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.widgets import fill_combo, hint, label_of, named, qdate, to_date, when_text


def incident_words(r: ReportRow) -> str:
    """One incident as the request lists it: when it was reported, what, where."""
    what = ", ".join(label_of(c, Category) for c in r.categories) or "Report"
    return f"{when_text(r.received_at.date())}: {what}" + (f" at {r.location}" if r.location else "")


class CaseReviewRequestDialog(FittedDialog):
    """Who applied, when the request came in and which of the case's incidents it is about."""

    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 today: date, policy: PolicyController, parent: QWidget | None = None) -> None:
        super().__init__(ops, casework, case, "Record an ASB Case Review request",
                         "The dates to acknowledge and decide it follow from the day it was "
                         "received, in working days.", parent)
        self.setObjectName("caseReviewRequestDialog")
        self._policy = policy
        self.applicant = fill_combo(QComboBox(), party_items(case), first="Choose…")
        self.errors.row(self.form, "applicant_id", "&Applicant", self.applicant,
                        hint="Someone applying for another person, with consent: choose the "
                             "person and say who applied in the notes")
        self.received_on = date_edit(today, latest=today)
        self.errors.row(self.form, "received_on", "&Received on", self.received_on)
        self.incidents = named(QListWidget(), "Incidents complained of")
        for r in sorted(case.reports, key=lambda r: r.received_at):
            item = QListWidgetItem(incident_words(r))
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.incidents.addItem(item)
        self.incidents.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.errors.row(self.form, "incidents", "&Incidents", self.incidents,
                        hint="Untick any the applicant did not complain of")
        self.notes = text_box(3)
        self.errors.row(self.form, "notes", "&Notes", self.notes,
                        hint="How the request came in, and anything the applicant asked for")
        self.finish("&Save request")

    def chosen_incidents(self) -> list[str]:
        items = (self.incidents.item(i) for i in range(self.incidents.count()))
        return [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]

    def job(self) -> Callable[[], object]:
        policy, case_id = self._policy, self.case.id
        applicant = self.applicant.currentData()
        incidents = self.chosen_incidents()
        listed = "Incidents complained of:\n" + "\n".join(f"• {i}" for i in incidents)
        notes = "\n\n".join(x for x in (self.notes.toPlainText().strip(), listed) if x)
        data = CaseReviewInput(applicant_id=applicant, case_id=case_id,
                               received_on=to_date(self.received_on.date()), notes=notes)

        def run() -> str:
            problems = {}
            if not applicant:
                problems["applicant_id"] = "Choose who applied for the case review"
            if not incidents:
                problems["incidents"] = "Tick at least one incident the applicant complained of"
            if problems:
                raise ValidationError(problems)
            return policy.request_case_review(data).id

        return run


class AcknowledgeCaseReviewDialog(FittedDialog):
    """The applicant told the request is in hand, and when to expect the decision."""

    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 today: date, request: CaseReviewRow, follow_up: FollowUpController,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, casework, case, "Acknowledge the case review request",
                         f"Received {when_text(request.received_on)} from {request.applicant}; "
                         f"acknowledge by {when_text(request.acknowledge_by)}.", parent)
        self.setObjectName("acknowledgeCaseReviewDialog")
        self._follow_up, self._request = follow_up, request
        self.form.addRow(hint(f"Tell the applicant the decision on whether the threshold is met "
                              f"will be made by {when_text(request.decision_by)}."))
        self.acknowledged_on = date_edit(today, latest=today)
        self.errors.row(self.form, "acknowledged_on", "Acknowledged &on", self.acknowledged_on)
        self.finish("&Acknowledge")

    def job(self) -> Callable[[], object]:
        follow_up, request_id = self._follow_up, self._request.id
        on = to_date(self.acknowledged_on.date())

        def run() -> str:
            follow_up.acknowledge_case_review(request_id, on)
            return request_id

        return run


MET, NOT_MET = "met", "not_met"


class DecideCaseReviewDialog(FittedDialog):
    """Whether the threshold is met, and what the applicant was told (recorded in the audit log)."""

    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 today: date, request: CaseReviewRow, policy: PolicyController,
                 parent: QWidget | None = None) -> None:
        met = "; ".join(request.thresholds_met) or "no threshold"
        super().__init__(ops, casework, case, "Record the case review decision",
                         f"Decide by {when_text(request.decision_by)}; tell the applicant the "
                         f"outcome by {when_text(request.outcome_by)}. When it was received "
                         f"the complaints met: {met}.", parent)
        self.setObjectName("decideCaseReviewDialog")
        self._policy, self._request = policy, request
        self.decision = fill_combo(QComboBox(), [
            ("Threshold met: the case will be reviewed", MET),
            ("Threshold not met", NOT_MET)], first="Choose…")
        self.errors.row(self.form, "threshold_met", "&Decision", self.decision)
        self.decided_on = date_edit(today, latest=today)
        self.decided_on.setMinimumDate(qdate(request.received_on))
        self.errors.row(self.form, "decided_on", "Decided &on", self.decided_on)
        self.outcome = text_box(4)
        self.errors.row(self.form, "outcome", "Ou&tcome told to the applicant", self.outcome,
                        hint="The decision and its reasons; if the case is reviewed, when and "
                             "by whom")
        self.finish("&Record decision")

    def job(self) -> Callable[[], object]:
        policy, request_id = self._policy, self._request.id
        choice, outcome = self.decision.currentData(), self.outcome.toPlainText()
        decided = to_date(self.decided_on.date())

        def run() -> str:
            if choice is None:
                problems = {"threshold_met": "Choose whether the threshold is met"}
                if not outcome.strip():
                    problems["outcome"] = "Record the outcome told to the applicant"
                raise ValidationError(problems)
            policy.decide_case_review(request_id, choice == MET, outcome, decided)
            return request_id

        return run


class RecommendationsDialog(FittedDialog):
    """The review's recommendations, one to a line, each an action on the plan."""

    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 today: date, request: CaseReviewRow, follow_up: FollowUpController,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, casework, case, "Add the review's recommendations",
                         "Each line becomes an action on the plan, owned by the lead officer.",
                         parent)
        self.setObjectName("recommendationsDialog")
        self._follow_up, self._request = follow_up, request
        self.recommendations = text_box(5)
        self.errors.row(self.form, "recommendations", "&Recommendations", self.recommendations,
                        hint="One to a line, as the review panel agreed them")
        self.due = date_edit(max(today, request.outcome_by))
        self.due.setMinimumDate(qdate(today))
        self.errors.row(self.form, "due", "&Due on", self.due,
                        hint="Change a single action's date afterwards on the plan")
        self.finish("&Add as actions")

    def job(self) -> Callable[[], object]:
        follow_up, request_id = self._follow_up, self._request.id
        due = to_date(self.due.date())
        lines = [(line, due) for line in self.recommendations.toPlainText().splitlines()]
        return lambda: follow_up.add_recommendations(request_id, lines)
