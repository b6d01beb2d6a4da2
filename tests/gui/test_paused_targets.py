"""Pausing a case's targets for a reason the policy allows, and resuming them,
from the case view: the case shows what is paused, since when and why."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.gui.cases.case_view import CaseView
from asb_desktop.gui.cases.casework_forms import CaseworkDialog
from asb_desktop.gui.cases.targets_dialog import PauseTargetsDialog, ResumeTargetsDialog
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.store.models import TargetPause
from tests.conftest import ARTEFACTS
from tests.core.support import audit_rows
from tests.gui.conftest import settle
from tests.gui.test_accessibility import unnamed
from tests.gui.test_case_risk import refused_then_saved
from tests.gui.test_casework_forms import _choose, _save, view

__all__ = ["view"]  # the case fixture, shared with the other casework form tests

WAITING = "Lead agency asked us to hold action"


def open_from(view: CaseView, button: str, window: MainWindow, qtbot: QtBot) -> CaseworkDialog:
    """The form behind one of the Targets section's buttons, open and active."""
    section = view.follow_up
    assert section is not None
    assert getattr(section, button).isVisible(), button
    getattr(section, button).click()
    settle(qtbot, window)
    dialog = view.form_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _pauses(app: App) -> list[TargetPause]:
    with app.store.sessions() as s:
        return list(s.scalars(sa.select(TargetPause)))


def test_the_officer_pauses_the_targets_with_a_reason_and_the_case_says_so(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    section = view.follow_up
    assert section is not None
    qtbot.waitUntil(lambda: section.state is not None)
    assert section.pause_text.text() == "The targets are running."
    assert section.pause_button.isVisible() and not section.resume_button.isVisible()

    dialog = open_from(view, "pause_button", window, qtbot)
    assert isinstance(dialog, PauseTargetsDialog)
    assert dialog.reason.count() == 1 + len(app.unit.policy.targets.pause_reasons)
    dialog.started_on.setDate(QDate(2026, 2, 27))  # the police asked on Friday

    refused_then_saved(dialog, window, qtbot,
                       {"reason": "Choose one of the reasons the policy allows for pausing"},
                       lambda: _choose(dialog.reason, WAITING), "pause-targets-dialog")
    settle(qtbot, window)

    text = section.pause_text.text()
    assert "Targets paused</b> since 27 Feb 2026 by Sam Officer" in text
    assert WAITING in text
    assert "first contact" in text and "victim updates" in text
    assert "clock paused" in view.due.text()
    assert not section.pause_button.isVisible() and section.resume_button.isVisible()
    [pause] = _pauses(app)
    assert (pause.reason, pause.started_on, pause.ended_on) == (WAITING, date(2026, 2, 27), None)
    assert any(r.detail.endswith(f"targets paused: {WAITING}") for r in audit_rows(app))
    assert section.grab().save(str(ARTEFACTS / "pause-targets-on-case.png"))
    missing, _seen = unnamed(dialog)
    assert missing == []


def test_resuming_the_targets_clears_the_pause_from_the_case(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    assert view.case is not None
    app.policy.pause_targets(view.case.id, WAITING, date(2026, 2, 23))
    view._reload()
    settle(qtbot, window)
    section = view.follow_up
    assert section is not None
    assert "since 23 Feb 2026" in section.pause_text.text()

    dialog = open_from(view, "resume_button", window, qtbot)
    assert isinstance(dialog, ResumeTargetsDialog)
    assert any(w.text().endswith(f"Paused since 23 Feb 2026: {WAITING}.")
               for w in dialog.findChildren(QLabel))
    dialog.ended_on.setDate(QDate(2026, 2, 1))  # before the pause: the form will not have it
    assert dialog.ended_on.date() == QDate(2026, 2, 23)
    dialog.ended_on.setDate(QDate(2026, 3, 2))
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()
    settle(qtbot, window)

    assert section.pause_text.text() == "The targets are running."
    assert "clock paused" not in view.due.text()
    assert section.pause_button.isVisible() and not section.resume_button.isVisible()
    [pause] = _pauses(app)
    assert pause.ended_on == date(2026, 3, 2)
    assert any(r.detail.endswith("targets resumed") for r in audit_rows(app))
