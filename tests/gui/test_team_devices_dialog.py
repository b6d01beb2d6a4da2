"""Sync ▸ Team devices, over two real profiles on a real share folder: a
supervisor's laptop sets the share up, an officer's joins and waits; the
officer reads out the code, the supervisor enrols the laptop with that code,
and later removes it. An officer pressing Enrol is told why not."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from asb_desktop.app import App, create_profile
from asb_desktop.gui.common.style import apply_style
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.sync.sync_ui import OTHERS_WAITING
from asb_desktop.gui.sync.team_devices_dialog import (
    CODE_SENTENCE,
    SELF_WAITING,
    THIS_LAPTOP,
    EnrolDialog,
    RemoveDialog,
    TeamDevicesDialog,
)
from tests.conftest import ARTEFACTS, FakeClock, noise_report
from tests.gui.conftest import settle, synced_window
from tests.keyrings import MemoryKeyring
from tests.sync.conftest import PASSPHRASE

WAITING = "Waiting to be enrolled"


@pytest.fixture(autouse=True)
def _fresh_team_keys(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    return memory_keyring


@pytest.fixture
def supervisor(tmp_path: Path, clock: FakeClock) -> Iterator[App]:
    a = create_profile(tmp_path / "supervisor", "Pat Supervisor", "supervisor", clock=clock)
    yield a
    a.close()


@pytest.fixture
def share(tmp_path: Path, supervisor: App, app: App) -> Path:
    """The supervisor's laptop set the share up; the officer's (``app``) joined it."""
    folder = tmp_path / "share"
    folder.mkdir()
    supervisor.sync.init_share(folder, PASSPHRASE)
    app.sync.join_share(folder, PASSPHRASE)
    return folder


def _open(window: MainWindow, qtbot: QtBot) -> TeamDevicesDialog:
    sync_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "S&ync")
    assert window.team_devices_action in sync_menu.actions()
    keys = [a.text().split("&")[1][0].lower() for a in sync_menu.actions() if "&" in a.text()]
    assert len(keys) == len(set(keys)), keys  # Alt+D reaches Team devices and nothing else
    window.team_devices_action.trigger()
    settle(qtbot, window)
    dialog = window.team_devices_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Team devices"
    return dialog


def _row(dialog: TeamDevicesDialog, name: str) -> list[str]:
    return next(r for r in dialog.rows() if r[0].startswith(name))


def _choose(dialog: TeamDevicesDialog, name: str) -> None:
    dialog.table.selectRow(next(i for i, r in enumerate(dialog.rows()) if r[0].startswith(name)))
    chosen = dialog.chosen()
    assert chosen is not None and chosen.user_name == name


def _error_box(qtbot: QtBot, parent: QDialog) -> QMessageBox:
    def shown() -> QMessageBox | None:
        return next((b for b in parent.findChildren(QMessageBox) if b.isVisible()), None)

    qtbot.waitUntil(lambda: shown() is not None, timeout=10000)
    box = shown()
    assert box is not None
    return box


def _heard_as_seen(dialog: QDialog) -> None:
    """Every button is announced by the words on it and reached by keyboard, and no two
    controls share an Alt key."""
    buttons = [b for b in dialog.findChildren(QPushButton) + dialog.findChildren(QRadioButton)
               if b.window() is dialog]  # not the forms this dialog opened
    for b in buttons:
        assert b.accessibleName() == b.text().replace("&", ""), b.text()
        assert b.focusPolicy() & Qt.FocusPolicy.TabFocus, b.text()
    words = [b.text() for b in buttons] + [lb.text() for lb in dialog.findChildren(QLabel)
                                           if lb.buddy() is not None and lb.window() is dialog]
    keys = [w.split("&")[1][0].lower() for w in words if "&" in w]
    assert len(keys) == len(set(keys)), words


def _closed(form: QDialog) -> bool:
    """A form closed when done (it deletes itself on closing)."""
    return not shiboken6.isValid(form) or not form.isVisible()


def _shoot(widget: QWidget, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    assert widget.grab().save(str(ARTEFACTS / f"{name}.png"))


def test_the_supervisor_enrols_the_laptop_whose_code_the_officer_reads_out_then_removes_it(
    app: App, supervisor: App, share: Path, qtbot: QtBot, qapp: QApplication
) -> None:
    apply_style(qapp)  # as the window is started, so the pictures look as officers see them
    # The officer's laptop syncs before it is enrolled: the status bar says what to do.
    officer = synced_window(app, qtbot)
    app.reports.log_report(noise_report())
    officer.sync_action.trigger()
    settle(qtbot, officer, timeout=30000)
    code = app.team_devices.fingerprint()
    message = officer.status.currentMessage()
    assert message.startswith("This laptop waits for a supervisor to enrol it: read them its "
                              f"code {code} (Sync ▸ Team devices…).")
    officer.resize(1366, 768)
    assert officer.grab().save(str(ARTEFACTS / "team-devices-officer-status.png"))

    # The officer's dialog shows the code, big, with what to do with it.
    own = _open(officer, qtbot)
    assert own.code.text() == code
    assert own.code_sentence.text() == CODE_SENTENCE
    assert _row(own, "Sam Officer") == [f"Sam Officer {THIS_LAPTOP}", "Officer", code, WAITING]
    assert own.notice.text().startswith(SELF_WAITING)
    _shoot(own, "team-devices-officer")

    # An officer pressing Enrol is told why not, in the controller's words; nothing changes.
    _choose(own, "Sam Officer")
    own.enrol_button.click()
    form = own.form
    assert isinstance(form, EnrolDialog)
    form.enrol_button.click()
    box = _error_box(qtbot, form)
    assert "Only a supervisor's enrolled laptop can enrol or remove laptops" in box.text()
    _shoot(box, "team-devices-officer-refused")
    box.accept()
    form.reject()
    settle(qtbot, officer)

    # The supervisor sees the officer's laptop waiting, with the code the officer read out.
    window = synced_window(supervisor, qtbot)
    window.sync_action.trigger()
    settle(qtbot, window, timeout=30000)
    assert window.status.currentMessage().endswith(OTHERS_WAITING.format(n=1))
    assert supervisor.reports.list_reports().total == 0  # not applied before enrolment
    dialog = _open(window, qtbot)
    assert _row(dialog, "Sam Officer") == ["Sam Officer", "Officer", code, WAITING]
    assert _row(dialog, "Pat Supervisor")[0] == f"Pat Supervisor {THIS_LAPTOP}"
    assert _row(dialog, "Pat Supervisor")[3] == "Enrolled"
    assert dialog.code.text() == supervisor.team_devices.fingerprint() != code
    dialog.resize(min(dialog.width(), 1366), min(dialog.height(), 768))
    _choose(dialog, "Sam Officer")
    _shoot(dialog, "team-devices-supervisor")

    # Sorted by status, the chosen row is still the officer's laptop.
    dialog.table.sortItems(3)
    assert [r[3] for r in dialog.rows()] == sorted(r[3] for r in dialog.rows())
    _choose(dialog, "Sam Officer")

    dialog.enrol_button.click()
    enrol = dialog.form
    assert isinstance(enrol, EnrolDialog)
    assert enrol.code.text() == code
    assert enrol.officer.isChecked() and not enrol.supervisor.isChecked()  # the role asked for
    _shoot(enrol, "team-devices-enrol")
    _heard_as_seen(enrol)
    _heard_as_seen(dialog)
    enrol.enrol_button.click()
    settle(qtbot, window, timeout=20000)
    assert _closed(enrol)
    assert _row(dialog, "Sam Officer")[3] == "Enrolled"
    assert dialog.notice.text().startswith("Enrolled Sam Officer's laptop as officer.")

    # Enrolled: the officer's next sync no longer says it waits, and their report reaches
    # the supervisor's laptop.
    officer.sync_action.trigger()
    settle(qtbot, officer, timeout=30000)
    assert "waits for a supervisor" not in officer.status.currentMessage()
    assert supervisor.reports.list_reports().total == 0
    window.sync_action.trigger()
    settle(qtbot, window, timeout=30000)
    assert supervisor.reports.list_reports().total == 1

    # Removing needs a reason (the GOV.UK way), and warns what removing does.
    _choose(dialog, "Sam Officer")
    dialog.remove_button.click()
    remove = dialog.form
    assert isinstance(remove, RemoveDialog)
    assert "not applied on any laptop of the team" in remove.warning.text()
    remove.remove_button.click()
    settle(qtbot, window)
    assert remove.errors.summary.messages == ["Give the reason for removing this laptop"]
    assert remove.errors.message("reason") == "Give the reason for removing this laptop"
    assert remove.isVisible() and remove.remove_button.isEnabled()
    _shoot(remove, "team-devices-remove-no-reason")
    _heard_as_seen(remove)
    remove.reason.setText("Lost on the bus; reported to IT")
    remove.remove_button.click()
    settle(qtbot, window, timeout=20000)
    assert _closed(remove)
    assert _row(dialog, "Sam Officer")[3] == "Removed"
    assert dialog.notice.text().startswith("Removed Sam Officer's laptop from the team.")
    _shoot(dialog, "team-devices-removed")
    for w in (officer, window):
        w.ops.wait_all()


def test_a_share_that_does_not_answer_is_said_in_the_dialog_and_the_code_still_shows(
    app: App, supervisor: App, share: Path, tmp_path: Path,
    make_window: Callable[[App], MainWindow], qtbot: QtBot
) -> None:
    share.rename(tmp_path / "gone")
    window = make_window(supervisor)
    dialog = _open(window, qtbot)
    assert dialog.code.text() == supervisor.team_devices.fingerprint()
    assert dialog.notice.text().startswith("The list of laptops could not be read: ")
    assert dialog.notice.text().endswith("Press Refresh to try again.")
    assert dialog.rows() == []
    assert not [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
    assert not dialog.progress.isVisible() and dialog.refresh_button.isEnabled()
    _shoot(dialog, "team-devices-not-reachable")

    (tmp_path / "gone").rename(share)
    dialog.refresh_button.click()
    settle(qtbot, window)
    assert [r[3] for r in dialog.rows()] == ["Enrolled", WAITING]
    window.ops.wait_all()
