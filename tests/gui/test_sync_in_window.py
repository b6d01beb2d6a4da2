"""Sync from the window: the status bar knows the share, Sync now sends the
changes, and the team share is set up or joined from a dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from asb_desktop.app import App, create_profile
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.sync.sync_ui import NOT_SET_UP_TIP, ConflictsDialog, ShareDialog, share_words
from tests.conftest import FakeClock, noise_report
from tests.gui.conftest import settle, synced_window
from tests.keyrings import MemoryKeyring
from tests.sync.conftest import PASSPHRASE


@pytest.fixture(autouse=True)
def _fresh_team_keys(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    return memory_keyring


def _window(app: App, qtbot: QtBot) -> MainWindow:
    return synced_window(app, qtbot)


def test_sync_now_sends_changes_and_the_status_bar_says_so(
    app: App, tmp_path: Path, qtbot: QtBot
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    app.sync.init_share(share, PASSPHRASE)
    app.reports.log_report(noise_report())
    window = _window(app, qtbot)
    qtbot.waitUntil(lambda: window.status.share_label.text() == "Share: reachable", timeout=10000)
    assert window.sync_action.isEnabled()
    window.sync_action.trigger()
    settle(qtbot, window, timeout=30000)
    qtbot.waitUntil(lambda: window.status.pending_label.text() == "Waiting to sync: 0 changes",
                    timeout=10000)
    assert window.status.sync_label.text() != "Last sync: never"
    bundles = list((share / "devices" / app.unit.actor.device_id).rglob("*"))
    assert any(p.is_file() for p in bundles)
    window.ops.wait_all()


def test_a_vanished_share_is_said_plainly_and_nothing_is_lost(
    app: App, tmp_path: Path, qtbot: QtBot
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    app.sync.init_share(share, PASSPHRASE)
    window = _window(app, qtbot)
    share.rename(tmp_path / "gone")
    app.reports.log_report(noise_report())
    window.sync_action.trigger()
    settle(qtbot, window, timeout=30000)
    assert "Sync did not finish" in window.status.currentMessage()
    assert app.reports.list_reports().total == 1
    window.status.refresh()
    qtbot.waitUntil(lambda: window.status.share_label.text() == "Share: not reachable",
                    timeout=10000)
    window.ops.wait_all()


@pytest.mark.parametrize("how", ["set up", "join"])
def test_sync_now_is_off_until_a_share_is_set_up_then_on_without_a_restart(
    app: App, tmp_path: Path, clock: FakeClock, qtbot: QtBot, how: str
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    if how == "join":
        colleague = create_profile(tmp_path / "colleague", "Ben Officer", "officer", clock=clock)
        colleague.sync.init_share(share, PASSPHRASE)
        colleague.close()
    window = _window(app, qtbot)
    qtbot.waitUntil(lambda: window.status.share_label.text() == "Share: not set up",
                    timeout=10000)
    assert not window.sync_action.isEnabled()
    assert window.sync_action.toolTip() == NOT_SET_UP_TIP
    assert NOT_SET_UP_TIP == "The share is not set up — Sync ▸ Set up or join the team share…"
    assert window.share_action.text().replace("&", "") == "Set up or join the team share…"
    assert window.status.share_label.toolTip() == NOT_SET_UP_TIP

    window.share_action.trigger()
    dialog = window.share_dialog
    (dialog.new_share if how == "set up" else dialog.join).setChecked(True)
    dialog.folder.setText(str(share))
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.ok.click()
    qtbot.waitUntil(window.sync_action.isEnabled, timeout=10000)
    assert window.status.share_label.text() == "Share: reachable"
    assert window.sync_action.toolTip() == "Sync now (Ctrl+Shift+S)"
    assert window.sync_action.statusTip() == ""
    window.sync_action.trigger()
    settle(qtbot, window, timeout=30000)
    # Joined, this laptop waits to be enrolled: that comes first, then what was sent.
    assert "Sent " in window.status.currentMessage()
    window.ops.wait_all()


def test_joining_the_team_share_from_the_dialog(
    app: App, tmp_path: Path, clock: FakeClock, qtbot: QtBot
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    colleague = create_profile(tmp_path / "colleague", "Ben Officer", "officer", clock=clock)
    colleague.sync.init_share(share, PASSPHRASE)
    colleague.close()
    ops = OpsRunner()
    dialog = ShareDialog(ops, app.sync)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ok.click()
    assert dialog.errors.summary.messages == ["Choose the share folder",
                                              "Enter the enrolment passphrase"]
    dialog.folder.setText(str(share))
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.ok.click()
    assert app.sync.status().enrolled
    assert share_words(app.sync) == "Share: reachable"
    ops.wait_all()


def test_conflicts_dialog_says_when_nothing_waits(app: App, qtbot: QtBot) -> None:
    ops = OpsRunner()
    dialog = ConflictsDialog(ops, app.sync)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(ops.idle, timeout=5000)
    assert dialog.empty.isVisible() and not dialog.keep_first.isEnabled()
