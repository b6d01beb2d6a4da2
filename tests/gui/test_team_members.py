"""File > Team members: a supervisor adds officers and supervisors and changes
a colleague's role; an officer sees the team and may add an officer, and is
told in the controller's words why not a supervisor. This laptop's support code is
shown there and in Help > About, for support calls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from asb_desktop.app import App, create_profile
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.records.team_dialog import CHOOSE_COLLEAGUE, TeamDialog
from tests.conftest import FakeClock
from tests.core.support import audit_rows
from tests.gui.conftest import settle
from tests.gui.test_accessibility import unnamed
from tests.gui.test_case_risk import shoot


def _team(window: MainWindow, qtbot: QtBot) -> TeamDialog:
    window.team_action.trigger()
    settle(qtbot, window)
    dialog = window.team_dialog
    assert dialog.isVisible()
    return dialog


def _names(dialog: TeamDialog) -> list[tuple[str, str]]:
    t = dialog.table
    return [(t.item(r, 0).text(), t.item(r, 1).text()) for r in range(t.rowCount())]


def _choose(dialog: TeamDialog, name: str) -> None:
    row = next(r for r, (n, _role) in enumerate(_names(dialog)) if n == name)
    dialog.table.setCurrentCell(row, 0)


def test_an_officer_sees_the_team_adds_an_officer_but_not_a_supervisor(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    dialog = _team(window, qtbot)
    assert _names(dialog) == [("Sam Officer", "Officer")]
    code = app.profile.device_code()
    assert code and code in dialog.device.text()

    dialog.add_button.click()
    settle(qtbot, window)
    assert dialog.add_errors.summary.messages == ["Enter the colleague's name"]
    assert dialog.name.hasFocus()

    qtbot.keyClicks(dialog.name, "Jo Lead")
    dialog.role.setCurrentIndex(dialog.role.findData("supervisor"))
    dialog.add_button.click()
    settle(qtbot, window)
    assert dialog.add_errors.message("role") == "Only a supervisor can add a supervisor."
    assert [u.name for u in app.profile.users()] == ["Sam Officer"]

    dialog.role.setCurrentIndex(dialog.role.findData("officer"))
    dialog.add_button.click()
    settle(qtbot, window)
    assert dialog.outcome.text() == "Jo Lead added as officer."
    assert _names(dialog) == [("Jo Lead", "Officer"), ("Sam Officer", "Officer")]
    assert dialog.name.text() == "" and not dialog.add_errors.summary.isVisible()

    dialog.role_button.click()  # nobody chosen yet
    assert dialog.role_errors.message("role") == CHOOSE_COLLEAGUE
    _choose(dialog, "Jo Lead")
    assert dialog.new_role.currentData() == "supervisor"  # the other role is offered
    qtbot.keyClicks(dialog.reason, "Acting team leader")
    dialog.role_button.click()
    settle(qtbot, window)
    assert dialog.role_errors.message("role") == "Only a supervisor can change a colleague's role."
    assert {u.name: u.role for u in app.profile.users()}["Jo Lead"] == "officer"
    assert unnamed(dialog)[0] == []


def test_a_supervisor_adds_a_supervisor_and_changes_a_role_with_a_reason(
    tmp_path: Path, clock: FakeClock, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    sup = create_profile(tmp_path / "sup", "Pat Supervisor", "supervisor", clock=clock)
    try:
        sup.profile.add_user("Sam Officer", "officer")
        window = make_window(sup)
        dialog = _team(window, qtbot)
        qtbot.keyClicks(dialog.name, "Lee Deputy")
        dialog.role.setCurrentIndex(dialog.role.findData("supervisor"))
        dialog.add_button.click()
        settle(qtbot, window)
        assert ("Lee Deputy", "Supervisor") in _names(dialog)

        _choose(dialog, "Sam Officer")
        dialog.role_button.click()
        settle(qtbot, window)
        assert dialog.role_errors.summary.messages == ["Give the reason for changing the role"]
        qtbot.keyClicks(dialog.reason, "Promoted to team leader")
        dialog.role_button.click()
        settle(qtbot, window)
        assert dialog.outcome.text() == "Sam Officer is now supervisor."
        assert {u.name: u.role for u in sup.profile.users()}["Sam Officer"] == "supervisor"
        assert any("Sam Officer: role officer → supervisor: Promoted to team leader" in r.detail
                   for r in audit_rows(sup))
        assert dialog.reason.toPlainText() == ""

        _choose(dialog, "Pat Supervisor")
        qtbot.keyClicks(dialog.reason, "Stepping down")
        dialog.role_button.click()
        settle(qtbot, window)
        assert dialog.role_errors.message("role") == (
            "Nobody can change their own role; ask another supervisor.")
        shoot(dialog, "team-members")
    finally:
        sup.close()


def test_about_shows_this_devices_code_for_support_calls(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    window.about_action.trigger()
    settle(qtbot, window)
    box = window._last_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert f"Support code for this laptop: <b>{app.profile.device_code()}</b>" in box.text()
    box.close()
