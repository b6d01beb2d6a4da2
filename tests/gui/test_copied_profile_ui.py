"""A copied profile in the window: a failed sync explains it and offers the fix,
and pressing "Make this laptop a new device" re-enrols it and sync works again."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from asb_desktop.app import App, create_profile, open_profile
from asb_desktop.controllers.team_devices import TeamDevicesController
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.sync.sync_ui import COPIED_WORDS, CopiedProfileDialog
from tests.conftest import ARTEFACTS, FakeClock, noise_report
from tests.gui.conftest import settle, synced_window
from tests.keyrings import MemoryKeyring
from tests.sync.conftest import PASSPHRASE, count


@pytest.fixture(autouse=True)
def _fresh_team_keys(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    return memory_keyring


@pytest.fixture
def copies(tmp_path: Path, clock: FakeClock) -> Iterator[tuple[App, App]]:
    """A laptop's profile that synced once, and a copy of its folder that has synced
    since; the original is the one that will find out."""
    folder = tmp_path / "laptop"
    original = create_profile(folder, "Sam Officer", "officer", clock=clock)
    original.sync.init_share(tmp_path / "share", PASSPHRASE)
    original.reports.log_report(noise_report(description="Before the copy"))
    original.sync.sync_now()
    original.close()
    shutil.copytree(folder, tmp_path / "copied-laptop")
    original = open_profile(folder, clock=clock)
    copy = open_profile(tmp_path / "copied-laptop", clock=FakeClock(clock.now()))
    copy.reports.log_report(noise_report(description="On the copy"))
    copy.sync.sync_now()
    original.reports.log_report(noise_report(description="On the original"))
    yield original, copy
    copy.close()
    original.close()


def _dialog(window: MainWindow) -> CopiedProfileDialog | None:
    found = window.findChild(CopiedProfileDialog)
    return found if found is not None and found.isVisible() else None


def test_the_window_explains_a_copied_profile_and_re_enrols_it(
    copies: tuple[App, App], qtbot: QtBot
) -> None:
    original, copy = copies
    window = synced_window(original, qtbot)
    window.sync_action.trigger()
    qtbot.waitUntil(lambda: _dialog(window) is not None, timeout=30000)
    dialog = _dialog(window)
    assert dialog is not None
    assert "copy of another laptop's profile" in dialog.text.text()
    assert "Nothing has been lost" in dialog.text.text()
    assert dialog.make_new.isEnabled() and dialog.make_new.isVisible()
    dialog.grab().save(str(ARTEFACTS / "copied-profile-dialog.png"))
    assert "Sync did not finish" in window.status.currentMessage()
    qtbot.waitUntil(lambda: window.status.share_label.text() == COPIED_WORDS, timeout=10000)
    assert window.sync_action.isEnabled(), "Sync now stays on: it brings the fix back"

    old = original.unit.actor.device_id
    dialog.make_new.click()
    qtbot.waitUntil(lambda: "now a device of its own" in dialog.text.text(), timeout=30000)
    dialog.grab().save(str(ARTEFACTS / "copied-profile-done.png"))
    assert not dialog.make_new.isVisible()
    assert dialog.close_button.text() == "Close"
    assert original.unit.actor.device_id != old
    assert original.unit.actor.device_id != copy.unit.actor.device_id
    # The window syncs at once under the new identity.
    # ...and, until a supervisor enrols it, says so before what it sent.
    qtbot.waitUntil(lambda: "Sent " in window.status.currentMessage(), timeout=30000)
    settle(qtbot, window, timeout=30000)
    qtbot.waitUntil(lambda: window.status.share_label.text() == "Share: reachable", timeout=10000)
    dialog.close_button.click()
    window.ops.wait_all()

    # The copy kept the identity that set the share up, so it enrols the new laptop.
    TeamDevicesController(copy.unit).enrol(original.unit.actor.device_id)
    copy.sync.sync_now()
    original.sync.sync_now()
    assert count(copy, "reports") == count(original, "reports") == 3


def test_a_timed_sync_offers_the_fix_once_and_sync_now_offers_it_again(
    copies: tuple[App, App], qtbot: QtBot
) -> None:
    original, _ = copies
    window = synced_window(original, qtbot)
    window.start_auto_sync(original.sync.sync_if_reachable, every_ms=3_600_000)
    window.auto_sync()
    qtbot.waitUntil(lambda: _dialog(window) is not None, timeout=30000)
    dialog = _dialog(window)
    assert dialog is not None
    dialog.close_button.click()  # "Not now"
    qtbot.waitUntil(lambda: _dialog(window) is None, timeout=5000)
    window.auto_sync()
    settle(qtbot, window, timeout=30000)
    assert _dialog(window) is None, "the timer does not bring the dialog back every few minutes"
    window.sync_action.trigger()
    qtbot.waitUntil(lambda: _dialog(window) is not None, timeout=30000)
    window.ops.wait_all()
