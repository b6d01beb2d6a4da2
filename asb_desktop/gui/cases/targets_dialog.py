"""Stopping and restarting a case's target clock (commitment 4).

Some waits are not the officer's to shorten: the complainant is in hospital,
the police asked the landlord to hold action. The policy names the reasons a
clock may stop for and which targets stop; the officer chooses the reason and
the day it began, and the case then shows what is paused, since when and why
until the clock is restarted. Both writes are audited with the officer's name.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QComboBox, QWidget

from asb_desktop.controllers.casework import CaseworkController
from asb_desktop.controllers.policy import PolicyController
from asb_desktop.controllers.policy.follow_up import PauseState
from asb_desktop.domain.views import CaseDetail
from asb_desktop.gui.cases.casework_forms import date_edit
from asb_desktop.gui.cases.fitted_dialog import FittedDialog
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.widgets import fill_combo, hint, to_date, when_text


def stops_words(state: PauseState) -> str:
    """"First contact, victim updates and risk assessment reviews"."""
    words = list(state.stops)
    if len(words) > 1:
        return f"{', '.join(words[:-1])} and {words[-1]}".capitalize()
    return "".join(words).capitalize()


class PauseTargetsDialog(FittedDialog):
    """Pause the targets with one of the policy's reasons, from a day on or before today."""

    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 today: date, state: PauseState, policy: PolicyController,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, casework, case, "Pause the targets",
                         "Only for a reason the policy allows; the case shows the pause "
                         "until you resume the targets.", parent)
        self.setObjectName("pauseTargetsDialog")
        self._policy = policy
        self.form.addRow(hint(f"Pausing stops: {stops_words(state).lower()}. "
                              "Other targets and the actions on the plan keep their dates."))
        self.reason = fill_combo(QComboBox(), [(r, r) for r in state.reasons], first="Choose…")
        self.errors.row(self.form, "reason", "&Reason", self.reason,
                        hint="The reasons the landlord's policy allows for stopping the clock")
        self.started_on = date_edit(today, latest=today)
        self.errors.row(self.form, "started_on", "Paused &from", self.started_on,
                        hint="The day the wait began, if it was before today")
        self.finish("&Pause targets")

    def job(self) -> Callable[[], object]:
        policy, case_id = self._policy, self.case.id
        reason = str(self.reason.currentData() or "")
        started = to_date(self.started_on.date())

        def run() -> str:
            policy.pause_targets(case_id, reason, started)
            return case_id

        return run


class ResumeTargetsDialog(FittedDialog):
    """Restart the clock: the targets run again from the day the wait ended."""

    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 today: date, state: PauseState, policy: PolicyController,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, casework, case, "Resume the targets",
                         f"Paused since {when_text(state.started_on)}: {state.reason}.", parent)
        self.setObjectName("resumeTargetsDialog")
        self._policy = policy
        self.ended_on = date_edit(today, latest=today)
        if state.started_on is not None:
            self.ended_on.setMinimumDate(self.ended_on.date().addDays(
                -(today - state.started_on).days))
        self.errors.row(self.form, "ended_on", "Resumed &on", self.ended_on,
                        hint="The targets' dates move on by the working days they were paused")
        self.finish("&Resume targets")

    def job(self) -> Callable[[], object]:
        policy, case_id = self._policy, self.case.id
        ended = to_date(self.ended_on.date())

        def run() -> str:
            policy.resume_targets(case_id, ended)
            return case_id

        return run
