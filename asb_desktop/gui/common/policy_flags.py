"""The landlord's policy where the officer is working: warnings while a report
is logged (ASB Case Review threshold, earlier non-ASB advice with the
refer-back response, the safe-to-talk prompt before any domestic-abuse
question) and what is due on a case.

The checks run on the database lane a moment after the officer stops typing,
so the form never waits for them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from asb_desktop.controllers.policy import PolicyController
from asb_desktop.domain.inputs import ReportInput
from asb_desktop.domain.rules.policy_exchange import SAFE_TO_TALK_PROMPT, AdviceOffer, ReportFlags
from asb_desktop.domain.rules.targets import Due
from asb_desktop.gui.common.ops import Lane, OpsRunner, Priority
from asb_desktop.gui.common.widgets import named, when_text

log = logging.getLogger(__name__)

FLAGS_DEBOUNCE_MS = 400


def callout(name: str) -> QLabel:
    """Rich, selectable words that wrap (a warning, advice on record), hidden until filled."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                  | Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


class ReportFlagsPanel(QWidget):
    """Policy warnings for the report being logged; empty when there is nothing to say."""

    def __init__(
        self, ops: OpsRunner, policy: PolicyController, current: Callable[[], ReportInput],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportFlags")
        self._ops = ops
        self._policy = policy
        self._current = current
        self._generation = 0
        self.flags: ReportFlags | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.safe_to_talk = callout("safeToTalk")
        self.safe_to_talk.setAccessibleName("Domestic abuse: safe to talk")
        self.threshold = callout("caseReviewWarning")
        self.threshold.setAccessibleName("ASB Case Review threshold")
        self.advice = callout("earlierAdvice")
        self.advice.setAccessibleName("Earlier non-ASB advice")
        self.refer_back_button = named(QPushButton("Show the &refer-back response"),
                                       "Show the refer-back response")
        self.refer_back_button.hide()
        for w in (self.safe_to_talk, self.threshold, self.advice, self.refer_back_button):
            layout.addWidget(w)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FLAGS_DEBOUNCE_MS)
        self._timer.timeout.connect(self.check)
        self.refer_back_button.clicked.connect(self.show_refer_back)

    def touch(self, *_args: object) -> None:
        """The form changed: check again once the officer pauses."""
        self._timer.start()

    def check(self) -> None:
        data = self._current()
        if not data.categories:
            self.show_flags(None)
            return
        self._generation += 1
        generation = self._generation
        policy = self._policy

        def arrived(flags: ReportFlags) -> None:
            if generation == self._generation:
                self.show_flags(flags)

        def failed(exc: BaseException) -> None:  # a warning must never block logging
            log.warning("policy flags unavailable: %s", exc)

        self._ops.run(lambda: policy.preview_report_flags(data), arrived, failed,
                      lane=Lane.READ, priority=Priority.BACKGROUND,
                      latest=f"flags:{id(self)}")

    def show_flags(self, flags: ReportFlags | None) -> None:
        self.flags = flags
        da = bool(flags and flags.domestic_abuse_suspected)
        self.safe_to_talk.setText(
            f"<b>Domestic abuse may be involved.</b> {escape(SAFE_TO_TALK_PROMPT)}" if da else ""
        )
        self.safe_to_talk.setVisible(da)
        lines = []
        if flags:
            lines += [f"<b>This report would meet the ASB Case Review threshold:</b> "
                      f"{escape(h.description)} ({h.complaints} complaints)"
                      for h in flags.case_review_would_meet]
            lines += [f"<b>ASB Case Review threshold already met:</b> {escape(h.description)}"
                      for h in flags.case_review_already_met]
        self.threshold.setText("<br>".join(lines))
        self.threshold.setVisible(bool(lines))
        advice: list[str] = []
        if flags and flags.earlier_advice:
            first = flags.earlier_advice[0]
            advice.append(
                f"<b>Advice was given about this before</b> ({when_text(first.given_on)}: "
                f"{escape(first.title)}). If this report is also not ASB, refer the reporter "
                "back to that advice."
            )
        if flags and (flags.earlier_non_asb_by_reporter or flags.earlier_non_asb_at_address):
            advice.append(
                f"Earlier non-ASB reports: {flags.earlier_non_asb_by_reporter} from this "
                f"reporter, {flags.earlier_non_asb_at_address} about this address."
            )
        self.advice.setText("<br>".join(advice))
        self.advice.setVisible(bool(advice))
        self.refer_back_button.setVisible(bool(flags and flags.earlier_advice))
        self.setVisible(da or bool(lines) or bool(advice))

    def offer(self) -> AdviceOffer | None:
        return self.flags.earlier_advice[0] if self.flags and self.flags.earlier_advice else None

    def show_refer_back(self) -> None:
        offer = self.offer()
        if offer is None:
            return
        box = QMessageBox(QMessageBox.Icon.Information, "Refer back to earlier advice",
                          offer.refer_back, QMessageBox.StandardButton.Close, self)
        box.setDetailedText(offer.letter)
        box.exec()


def due_lines(items: list[Due]) -> str:
    """What a case owes, in words: overdue first, then by date; paused clocks said as such."""
    if not items:
        return "Nothing is due on this case."
    ordered = sorted(items, key=lambda d: (not d.overdue, d.due_on is None, d.due_on))
    out = []
    for d in ordered:
        if d.paused:
            out.append(f"• {escape(d.label)}: clock paused")
        elif d.overdue:
            out.append(f"• <b>Overdue</b> since {when_text(d.due_on)}: {escape(d.label)}")
        else:
            out.append(f"• Due {when_text(d.due_on)}: {escape(d.label)}")
    return "<br>".join(out)
