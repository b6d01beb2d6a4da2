"""The case page's part for the clock and the ASB Case Review: whether the
targets are paused (what, since when, why, by whom), whether the case's
complaints meet a case review threshold, and each review request with its
dates and next step, beside the buttons that take that step.

It reads what it shows itself, on the database lane, whenever the case is
shown; the forms it opens are the case view's, so a save reloads the case.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from asb_desktop.controllers.casework import CaseworkController
from asb_desktop.controllers.policy import PolicyController
from asb_desktop.controllers.policy.follow_up import CaseReviewRow, FollowUpController, PauseState
from asb_desktop.domain.enums import CaseStatus
from asb_desktop.domain.rules.case_review import ThresholdHit
from asb_desktop.domain.views import CaseDetail
from asb_desktop.gui.cases.case_review_dialogs import (
    AcknowledgeCaseReviewDialog,
    CaseReviewRequestDialog,
    DecideCaseReviewDialog,
    RecommendationsDialog,
)
from asb_desktop.gui.cases.case_sections import Section
from asb_desktop.gui.cases.casework_forms import CaseworkDialog
from asb_desktop.gui.cases.targets_dialog import PauseTargetsDialog, ResumeTargetsDialog, stops_words
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.widgets import heading, html_text, named, when_text

OpenForm = Callable[[Callable[[CaseDetail], CaseworkDialog]], None]


def pause_words(state: PauseState) -> str:
    if not state.paused:
        return "The targets are running."
    by = f" by {state.by}" if state.by else ""
    return (f"<b>Targets paused</b> since {when_text(state.started_on)}{by}: "
            f"{html_text(state.reason)}.<br>Paused: {html_text(stops_words(state).lower())}.")


def request_words(r: CaseReviewRow, today: date) -> str:
    """One request: received from whom, each published date met or still due, and the outcome."""

    def step(label: str, by: date, done: date | None) -> str:
        if done is not None:
            return f"{label} {when_text(done)}"
        late = " <b>overdue</b>" if by < today else ""
        return f"{label} by {when_text(by)}{late}"

    lines = [f"<b>Requested {when_text(r.received_on)}</b> by {html_text(r.applicant)}"]
    if r.thresholds_met:
        lines.append("When received, the complaints met: " + html_text("; ".join(r.thresholds_met)))
    lines.append(" · ".join((
        step("Acknowledged" if r.acknowledged_on else "Acknowledge", r.acknowledge_by,
             r.acknowledged_on),
        step("Decided" if r.decided_on else "Decide", r.decision_by, r.decided_on),
        "Outcome told" if r.outcome else step("Tell the outcome", r.outcome_by, None),
    )))
    if r.threshold_met is not None:
        lines.append(("Threshold met: " if r.threshold_met else "Threshold not met: ")
                     + html_text(r.outcome))
    return "<br>".join(lines)


class FollowUpSection(Section):
    """Paused targets and the ASB Case Review, with the buttons for their next steps."""

    def __init__(self, ops: OpsRunner, casework: CaseworkController, policy: PolicyController,
                 follow_up: FollowUpController, today: Callable[[], date],
                 open_form: OpenForm) -> None:
        super().__init__("Targets")
        self.setObjectName("followUpSection")
        self._ops, self._casework, self._policy = ops, casework, policy
        self._follow_up, self._today, self._open_form = follow_up, today, open_form
        self.case: CaseDetail | None = None
        self.state: PauseState | None = None
        self.requests: list[CaseReviewRow] = []
        self._closed = False

        self.pause_text = _rich("pauseState", "Targets paused")
        self.layout_.addWidget(self.pause_text)
        self.pause_button = named(QPushButton("Pause targets…"), "Pause targets",
                                  "Stop the clock for a reason the policy allows")
        self.resume_button = named(QPushButton("Resume targets…"), "Resume targets",
                                   "Restart the clock on this case's targets")
        self.add_buttons(self.pause_button, self.resume_button)
        self.layout_.addWidget(heading("ASB Case Review", 3))
        self.threshold_text = _rich("caseReviewThreshold", "Case review threshold")
        self.layout_.addWidget(self.threshold_text)
        self.review_text = _rich("caseReviews", "Case review requests")
        self.layout_.addWidget(self.review_text)
        self.request_button = named(QPushButton("Record a case review request…"),
                                    "Record a case review request",
                                    "Who applied, when, and which incidents")
        self.acknowledge_button = named(QPushButton("Acknowledge the request…"),
                                        "Acknowledge the case review request")
        self.decide_button = named(QPushButton("Record the decision…"),
                                   "Record the case review decision",
                                   "Whether the threshold is met, and the outcome")
        self.recommend_button = named(QPushButton("Add recommendations as actions…"),
                                      "Add the review's recommendations as actions")
        self.add_buttons(self.request_button, self.acknowledge_button)
        self.add_buttons(self.decide_button, self.recommend_button)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.request_button.clicked.connect(self.request_review)
        self.acknowledge_button.clicked.connect(self.acknowledge_review)
        self.decide_button.clicked.connect(self.decide_review)
        self.recommend_button.clicked.connect(self.add_recommendations)
        self._enable()

    # -- showing ---------------------------------------------------------------------

    def show_case(self, case: CaseDetail) -> None:
        if self.case is None or self.case.id != case.id:
            self.state, self.requests = None, []
            self.pause_text.setText("Reading the targets…")
            self.threshold_text.setText("")
            self.review_text.setText("")
        self.case = case
        self._closed = case.status == CaseStatus.CLOSED.value
        self._enable()
        policy, follow_up, cid = self._policy, self._follow_up, case.id

        def read() -> tuple[PauseState, list[ThresholdHit], list[CaseReviewRow]]:
            return (follow_up.pause_state(cid), policy.case_review_status(cid),
                    follow_up.case_reviews(cid))

        self._ops.run(read, lambda got: self._arrived(cid, *got), latest=f"follow-up:{id(self)}")

    def _arrived(self, case_id: str, state: PauseState, hits: list[ThresholdHit],
                 requests: list[CaseReviewRow]) -> None:
        if self.case is None or self.case.id != case_id:
            return  # another case is on screen now
        self.state, self.requests = state, requests
        self.pause_text.setText(pause_words(state))
        self.pause_text.setAccessibleName(self.pause_text.text().replace("<br>", " ")
                                          .replace("<b>", "").replace("</b>", ""))
        self.threshold_text.setText(
            "This case's complaints meet the case review threshold: "
            + html_text("; ".join(sorted({h.description for h in hits}))) + "."
            if hits else "The case's complaints do not meet a case review threshold today.")
        today = self._today()
        self.review_text.setText("<br><br>".join(request_words(r, today) for r in requests)
                                 or "No case review has been requested.")
        self._enable()

    def set_closed(self, closed: bool) -> None:
        self._closed = closed
        self._enable()

    def _enable(self) -> None:
        """Only the steps that make sense now; nothing adds to a closed case."""
        open_ = not self._closed and self.case is not None
        state, latest = self.state, self.requests[0] if self.requests else None
        self.pause_button.setVisible(open_ and state is not None and not state.paused)
        self.resume_button.setVisible(open_ and state is not None and state.paused)
        self.request_button.setVisible(open_)
        stage = latest.stage if latest else ""
        self.acknowledge_button.setVisible(open_ and stage == "acknowledge")
        self.decide_button.setVisible(open_ and stage in ("acknowledge", "decide"))
        self.recommend_button.setVisible(
            open_ and latest is not None and bool(latest.threshold_met))

    # -- the forms -------------------------------------------------------------------

    def pause(self) -> None:
        if (state := self.state) is not None:
            self._open_form(lambda c: PauseTargetsDialog(
                self._ops, self._casework, c, self._today(), state, self._policy, self))

    def resume(self) -> None:
        if (state := self.state) is not None:
            self._open_form(lambda c: ResumeTargetsDialog(
                self._ops, self._casework, c, self._today(), state, self._policy, self))

    def request_review(self) -> None:
        self._open_form(lambda c: CaseReviewRequestDialog(
            self._ops, self._casework, c, self._today(), self._policy, self))

    def acknowledge_review(self) -> None:
        if self.requests:
            request = self.requests[0]
            self._open_form(lambda c: AcknowledgeCaseReviewDialog(
                self._ops, self._casework, c, self._today(), request, self._follow_up, self))

    def decide_review(self) -> None:
        if self.requests:
            request = self.requests[0]
            self._open_form(lambda c: DecideCaseReviewDialog(
                self._ops, self._casework, c, self._today(), request, self._policy, self))

    def add_recommendations(self) -> None:
        if self.requests:
            request = self.requests[0]
            self._open_form(lambda c: RecommendationsDialog(
                self._ops, self._casework, c, self._today(), request, self._follow_up, self))


def _rich(name: str, accessible: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAccessibleName(accessible)
    return label
