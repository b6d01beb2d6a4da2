"""A step on the intervention ladder (commitment 6), with the reason it is
reasonable and proportionate.

The ladder rule (``domain.rules.ladder``) warns rather than refuses: going
straight to, say, an injunction is sometimes right, but a step more than one
rung above anything used on the case must be explained in "What was tried
before", which silences the warning. So the form asks the policy controller
as soon as a step is chosen and shows the warning inside the form, not as a
pop-up to click away. Saving an unexplained skip is refused beside the
"tried before" field until the officer explains it or ticks that they want
to go on without an explanation. The rule is asked again on the worker just
before the save, with the explanation as typed, so a stale answer (another
step chosen meanwhile, an intervention synced in) never lets a skip through.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QWidget

from asb_desktop.controllers.casework import CaseworkController
from asb_desktop.controllers.policy import PolicyController
from asb_desktop.domain.enums import InterventionKind
from asb_desktop.domain.inputs import InterventionInput
from asb_desktop.domain.views import CaseDetail
from asb_desktop.gui.cases.casework_forms import (
    NOT_A_PARTY,
    CaseworkDialog,
    OptionalDate,
    date_edit,
    party_items,
    text_box,
)
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.widgets import fill_combo, named, to_date

GO_ON = "&Go on without an explanation"
UNEXPLAINED = "Say what was tried before, or tick “Go on without an explanation”"
_KINDS = {k.value for k in InterventionKind}


@dataclass(frozen=True)
class LadderSkip:
    """The save was held back: the step skips rungs and nothing explains it."""

    warning: str


class InterventionDialog(CaseworkDialog):
    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 today: date, policy: PolicyController | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, casework, case, "Add an intervention",
                         "A step on the intervention ladder, and why it is reasonable and "
                         "proportionate.", parent)
        self.setObjectName("interventionDialog")
        self._policy = policy
        self.kind = fill_combo(
            QComboBox(), [(f"{k.rung + 1}. {k.label}", k.value) for k in InterventionKind],
            first="Choose…")
        self.errors.row(self.form, "kind", "S&tep", self.kind,
                        hint="Listed in the usual order of escalation")
        self.ladder = QLabel()
        self.ladder.setObjectName("ladderWarning")
        self.ladder.setWordWrap(True)
        self.ladder.setTextFormat(Qt.TextFormat.PlainText)
        self.ladder.setStyleSheet(  # the colours of the policy callouts on the report form
            "background: #fff4e5; border-left: 6px solid #b26a00; padding: 8px; color: #0b0c0c;")
        self.ladder.hide()
        self.form.addRow(self.ladder)
        self.person = fill_combo(QComboBox(), party_items(case), first=NOT_A_PARTY)
        self.errors.row(self.form, "person_id", "&Person", self.person,
                        hint="Who the step is aimed at")
        self.started_on = date_edit(today)
        self.errors.row(self.form, "started_on", "Started or se&rved on", self.started_on)
        self.expires_on = OptionalDate("Expires on", "Has an e&xpiry date", today)
        self.errors.row(self.form, "expires_on", "Expires on", self.expires_on,
                        focus=self.expires_on.check)
        self.review_on = OptionalDate("Review on", "Has a re&view date", today)
        self.errors.row(self.form, "review_on", "Review on", self.review_on,
                        focus=self.review_on.check)
        self.proportionate_reason = text_box(3)
        self.errors.row(self.form, "proportionate_reason", "Why it is pr&oportionate",
                        self.proportionate_reason,
                        hint="Why this step, now, is reasonable for this behaviour")
        self.tried_before = text_box(3)
        self.errors.row(self.form, "tried_before", "What was tr&ied before", self.tried_before,
                        hint="Earlier steps, or why they were not reasonable here")
        self.go_on = named(QCheckBox(GO_ON), "Go on without an explanation",
                           "Save this step even though it skips the usual order unexplained")
        self.form.addRow("", self.go_on)
        self.form.setRowVisible(self.go_on, False)
        self.notes = text_box(2)
        self.errors.row(self.form, "notes", "&Notes", self.notes)
        self.kind.currentIndexChanged.connect(self.check_ladder)
        self.finish("&Save intervention")

    # -- the ladder ---------------------------------------------------------------

    def check_ladder(self) -> None:
        """Ask the rule about the chosen step, before the officer fills in the rest."""
        kind = self.kind.currentData()
        self.show_warning(None)
        policy, case_id = self._policy, self.case.id
        if policy is None or kind is None:
            return
        self._ops.run(lambda: policy.intervention_warning(case_id, str(kind)),
                      lambda warning: self._answered(kind, warning))

    def _answered(self, kind: object, warning: str | None) -> None:
        if kind == self.kind.currentData():  # not an answer about a step since changed
            self.show_warning(warning)

    def show_warning(self, warning: str | None) -> None:
        if warning is None:
            self.go_on.setChecked(False)
        self.ladder.setText(f"Check the intervention ladder: {warning}" if warning else "")
        self.ladder.setAccessibleName(self.ladder.text())
        self.ladder.setVisible(warning is not None)
        self.form.setRowVisible(self.go_on, warning is not None)
        self.kind.setAccessibleDescription(warning or "")

    # -- saving -------------------------------------------------------------------

    def input(self) -> InterventionInput:
        return InterventionInput(
            case_id=self.case.id, kind=str(self.kind.currentData() or ""),
            person_id=self.person.currentData(), started_on=to_date(self.started_on.date()),
            expires_on=self.expires_on.value(), review_on=self.review_on.value(),
            proportionate_reason=self.proportionate_reason.toPlainText(),
            tried_before=self.tried_before.toPlainText(), notes=self.notes.toPlainText(),
        )

    def job(self) -> Callable[[], object]:
        data, work, policy = self.input(), self._casework, self._policy
        confirmed = self.go_on.isChecked() and not self.go_on.isHidden()

        def run() -> object:
            if policy is not None and data.kind in _KINDS:
                warning = policy.intervention_warning(data.case_id, data.kind, data.tried_before)
                if warning and not confirmed:
                    return LadderSkip(warning)
                if warning:
                    return work.add_intervention(replace(data, went_past_warning=warning))
            return work.add_intervention(data)

        return run

    def done_saving(self, result: object) -> None:
        if isinstance(result, LadderSkip):
            self.save_button.setEnabled(True)
            self.show_warning(result.warning)
            self.show_errors({"tried_before": UNEXPLAINED})
            return
        super().done_saving(result)
