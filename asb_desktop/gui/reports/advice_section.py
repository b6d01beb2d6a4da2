"""Advice on a report assessed as not ASB, and the refer-back of a repeat
(commitment 13), shown under the report's assessment.

The officer picks the advice from the landlord's library, reads it through
and changes the words if the resident's situation needs it, then saves it:
unchanged, it is recorded as the library's own text; changed, as the words
given. When the same reporter, or someone in their household, was advised
before about the same kind of issue, the section offers "Refer back to the
advice given on DATE" with the response to read out, or the officer declines
with a reason (kept in the audit log). Advice to anyone else is never
offered: the controller matches on the reporter and their home only.

The advice and refer-back letters open in the same print preview as case
summaries, through ``open_letter``, which the report panel provides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.errors import ValidationError
from asb_desktop.controllers.policy import PolicyController
from asb_desktop.controllers.policy.advice import ReportAdvice
from asb_desktop.controllers.reports import ReportsController
from asb_desktop.domain.inputs import AdviceInput
from asb_desktop.domain.policy import AdviceText
from asb_desktop.domain.rules.policy_exchange import AdviceOffer
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.policy_flags import callout
from asb_desktop.gui.common.widgets import as_heading, fill_combo, hint, html_text, named, when_text


def _text_box(lines: int) -> QPlainTextEdit:
    """Several lines of advice to read through and change; Tab moves on, as in every form."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 16)
    box.setMaximumHeight(box.fontMetrics().lineSpacing() * (lines + 4) + 16)
    return box


def flowed(text: str) -> str:
    """Library text as one line a paragraph: the advice file wraps at 80 columns, the panel
    wraps at its own width."""
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()))
    return "\n\n".join(p for p in paragraphs if p)


def offer_words(offer: AdviceOffer) -> str:
    """Whom the earlier advice was given to, in words that name nobody."""
    who = "this reporter" if offer.same_reporter else "someone in the reporter's household"
    return f"Advice was given to {who} on {when_text(offer.given_on)}: {offer.title}."


class AdviceSection(QWidget):
    """Advice and refer-back for the report on show; hidden unless it is assessed not ASB."""

    def __init__(
        self, ops: OpsRunner, policy: PolicyController, reports: ReportsController,
        open_letter: Callable[[str], None], parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("adviceSection")
        self._ops = ops
        self._policy = policy
        self._reports = reports
        self._open_letter = open_letter
        self.report_id: str | None = None
        self.state: ReportAdvice | None = None
        self.errors = FormErrors(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = as_heading(QLabel("Advice: not ASB"))
        layout.addWidget(self.heading)
        layout.addWidget(self.errors.summary)
        self.record = callout("adviceRecord")
        self.record.setAccessibleName("Advice on record")
        layout.addWidget(self.record)

        # -- the refer-back offer ----------------------------------------------------
        self.refer_box = QWidget()
        refer = QVBoxLayout(self.refer_box)
        refer.setContentsMargins(0, 0, 0, 0)
        self.offer_text = callout("referBackOffer")
        self.offer_text.show()  # shown and hidden with its box
        self.offer_text.setAccessibleName("Earlier advice to this reporter")
        self.refer_button = named(QPushButton("Refer &back"), "Refer back")
        refer_form = QFormLayout()
        refer_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.decline_reason = QLineEdit()
        self._row(refer_form, "decline_reason", "Reason for not referring back", self.decline_reason,
                  "For example: this time the noise is late at night and aimed at them")
        self.decline_button = named(QPushButton("Decline the refer-back"),
                                    "Decline the refer-back")
        buttons = QHBoxLayout()
        buttons.addWidget(self.refer_button)
        buttons.addStretch(1)
        refer.addWidget(self.offer_text)
        refer.addLayout(buttons)
        refer.addLayout(refer_form)
        decline_row = QHBoxLayout()
        decline_row.addWidget(self.decline_button)
        decline_row.addStretch(1)
        refer.addLayout(decline_row)
        layout.addWidget(self.refer_box)

        # -- new advice -----------------------------------------------------------------
        self.give_box = QWidget()
        give = QFormLayout(self.give_box)
        give.setContentsMargins(0, 0, 0, 0)
        give.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.library = QComboBox()
        self._row(give, "advice_key", "Advice from the &library", self.library,
                  "The landlord's self-resolution advice; entries for this kind of report come first")
        self.text = _text_box(6)
        self._row(give, "advice_text", "Advice &given", self.text,
                  "Change the words if the resident's situation needs it")
        self.save_button = named(QPushButton("Save adv&ice"), "Save advice")
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        give.addRow(save_row)
        layout.addWidget(self.give_box)

        letters = QHBoxLayout()
        self.advice_letter_button = named(QPushButton("Advice letter…"), "Advice letter")
        self.refer_letter_button = named(QPushButton("Refer-back letter…"), "Refer-back letter")
        letters.addWidget(self.advice_letter_button)
        letters.addWidget(self.refer_letter_button)
        letters.addStretch(1)
        layout.addLayout(letters)
        self.status = QLabel()
        self.status.setObjectName("adviceStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addWidget(hint("Letters open in the print preview; each print or save is "
                              "recorded in the audit log."))

        self.library.currentIndexChanged.connect(self._library_chosen)
        self.save_button.clicked.connect(self.save_advice)
        self.refer_button.clicked.connect(self.refer_back)
        self.decline_button.clicked.connect(self.decline)
        self.advice_letter_button.clicked.connect(lambda: self._open_letter("non_asb_advice"))
        self.refer_letter_button.clicked.connect(lambda: self._open_letter("refer_back"))
        self.hide()

    def _row(self, form: QFormLayout, key: str, label: str, field: QWidget, words: str) -> None:
        """A row with its error message, named apart from the report panel's own Designer
        rows (``field_…``), whose errors the panel's summary shows, not this section's."""
        self.errors.row(form, key, label, field, hint=words).setObjectName(f"advice_row_{key}")

    # -- reading -----------------------------------------------------------------------

    def load(self, report_id: str, not_asb: bool) -> None:
        """Show the section for this report (hidden, and nothing read, unless it is not ASB)."""
        if report_id != self.report_id:
            self.errors.clear()
            self.status.clear()
            self.decline_reason.clear()
        self.report_id = report_id
        if not not_asb:
            self.state = None
            self.hide()
            return
        policy = self._policy
        self._ops.run(lambda: policy.report_advice(report_id), self._arrived,
                      latest=f"advice:{id(self)}")

    def _arrived(self, state: ReportAdvice) -> None:
        if state.report_id != self.report_id:
            return
        fresh = self.state is None or self.state.report_id != state.report_id
        self.state = state
        self.setVisible(state.not_asb)
        lines = [
            f"<b>Advice given {when_text(a.given_on)}</b>"
            f"{' by ' + html_text(a.given_by) if a.given_by else ''}: {html_text(a.title)}"
            f"<br>{html_text(flowed(a.text))}"
            for a in state.given
        ]
        lines += [f"<b>Referred back {when_text(r.given_on)}</b> to the advice given "
                  f"{when_text(r.advice_given_on)}: {html_text(flowed(r.response))}"
                  for r in state.referred]
        lines += [f"<b>Refer-back declined.</b> {html_text(d)}" for d in state.declined]
        if state.anonymous:
            lines.append("This report is anonymous: advice can be recorded, but there is no one "
                         "to write to.")
        self.record.setText("<br><br>".join(lines))
        self.record.setVisible(bool(lines))

        offer = self.offer()
        self.refer_box.setVisible(offer is not None)
        if offer is not None:
            self.offer_text.setText(
                f"<b>{html_text(offer_words(offer))}</b><br>If this report is the same "
                f"issue again, refer the reporter back to it. What to say:<br>"
                f"{html_text(flowed(offer.refer_back))}")
            words = f"Refer back to the advice given on {when_text(offer.given_on)}"
            self.refer_button.setText(words.replace("Refer back", "Refer &back", 1))
            self.refer_button.setAccessibleName(words)

        if fresh:
            self._fill_library(state.library)
        self.give_box.setVisible(not state.given and not state.referred)
        self.advice_letter_button.setVisible(bool(state.given) and not state.anonymous)
        self.refer_letter_button.setVisible(bool(state.referred) and not state.anonymous)

    def offer(self) -> AdviceOffer | None:
        """The earlier advice to offer, until it is referred back to or declined."""
        state = self.state
        if state is None or not state.offers or state.referred or state.declined:
            return None
        return state.offers[0]

    def _fill_library(self, library: tuple[AdviceText, ...]) -> None:
        self.library.blockSignals(True)
        fill_combo(self.library, [(a.title, a.key) for a in library], first="Choose…")
        self.library.blockSignals(False)
        self.text.clear()

    def _entry(self) -> AdviceText | None:
        key = self.library.currentData()
        return next((a for a in self.state.library if a.key == key), None) if self.state else None

    def _library_chosen(self, *_args: object) -> None:
        entry = self._entry()
        if entry is not None:
            self.text.setPlainText(flowed(entry.text))

    # -- writes --------------------------------------------------------------------------

    def _route(self) -> dict[str, Any]:
        return {"form": self.errors.show, "parent": self,
                "after_failure": lambda _exc: self._busy(False)}

    def _busy(self, busy: bool) -> None:
        for b in (self.save_button, self.refer_button, self.decline_button):
            b.setEnabled(not busy)

    def save_advice(self) -> None:
        if self.report_id is None:
            return
        entry, words, rid = self._entry(), self.text.toPlainText().strip(), self.report_id
        policy, reports = self._policy, self._reports

        def run() -> None:
            if entry is None:
                raise ValidationError({"advice_key": "Choose the advice from the library"})
            if words == flowed(entry.text):
                policy.give_advice(rid, entry.key)  # the library's own words, as the library has them
            else:
                reports.record_advice(AdviceInput(rid, entry.key, words))

        self._busy(True)
        self._ops.run(run, lambda _r: self._saved("Advice saved. You can make the advice letter "
                                                  "now."), **self._route())

    def refer_back(self) -> None:
        offer = self.offer()
        if self.report_id is None or offer is None:
            return
        policy, rid, aid = self._policy, self.report_id, offer.advice_id
        self._busy(True)
        self._ops.run(lambda: policy.refer_back(rid, aid),
                      lambda _view: self._saved("Referred back. Read the response to the "
                                                "reporter, or send the refer-back letter."),
                      **self._route())

    def decline(self) -> None:
        offer = self.offer()
        if self.report_id is None or offer is None:
            return
        policy, rid, aid = self._policy, self.report_id, offer.advice_id
        reason = self.decline_reason.text()
        self._busy(True)
        self._ops.run(lambda: policy.decline_refer_back(rid, aid, reason),
                      lambda _r: self._saved("Refer-back declined; the reason is in the audit log."),
                      **self._route())

    def _saved(self, words: str) -> None:
        self._busy(False)
        self.errors.clear()
        self.decline_reason.clear()
        self.status.setText(words)
        if self.report_id is not None:
            self.load(self.report_id, True)
