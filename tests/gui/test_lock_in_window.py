"""The app lock on the real main window: a PIN chosen on first start, locking
after the policy's idle minutes (fake clock) or at Ctrl+L, case data hidden,
the draft kept, and only the right PIN unlocking."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.controllers.errors import UserError
from asb_desktop.gui.common.errors import show_error
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.start.lock_setup import lock_window
from asb_desktop.gui.start.passphrase import PassphraseDialog
from tests.conftest import ARTEFACTS, FakeClock
from tests.gui.conftest import officer_types, settle, synced_window
from tests.keyrings import MemoryKeyring
from tests.sync.conftest import PASSPHRASE


def test_first_start_asks_for_a_pin_then_idle_locks_and_pin_unlocks(
    app: App, clock: FakeClock, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    window = make_window(app)
    assert not window.lock_action.isEnabled()
    lock_window(window, app, window.ops, ask_pin=officer_types("4821", "4821"))
    settle(qtbot, window)
    assert app.profile.lock_pin_hash() is not None
    assert "4821" not in (app.profile.lock_pin_hash() or "")
    lock = window.app_lock
    assert lock is not None and window.lock_action.isEnabled()

    form = window.reports_tab.form
    form.description.setPlainText("Shouting on the landing, half written")
    clock.advance(minutes=app.unit.policy.idle_lock_minutes - 1)
    lock.check()
    assert not lock.showing_lock
    clock.advance(minutes=1)
    lock.check()
    assert lock.showing_lock and not window.tabs.isVisible()
    assert window.windowTitle() == "ASB Desktop (locked)"
    # Nothing behind the lock can be printed or synced from the menus or shortcuts.
    assert not window.print_action.isEnabled() and not window.menuBar().isEnabled()
    ARTEFACTS.mkdir(exist_ok=True)
    assert window.grab().save(str(ARTEFACTS / "locked.png"))

    # The PIN is checked on the database lane; the answer comes back to the window.
    lock.pin.setText("1234")
    lock.try_unlock()
    settle(qtbot, window)
    assert lock.showing_lock and "not right" in lock.message.text()
    lock.pin.setText("4821")
    lock.try_unlock()
    settle(qtbot, window)
    assert not lock.showing_lock
    assert window.tabs.isVisible() and window.print_action.isEnabled()
    assert form.description.toPlainText() == "Shouting on the landing, half written"


def test_ctrl_l_locks_and_a_known_pin_is_not_asked_again(
    app: App, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    app.profile.set_lock_pin("9090", "9090")

    class NeverAsked(PassphraseDialog):
        def exec(self) -> int:
            raise AssertionError("the PIN was asked again")

    window = make_window(app)
    lock_window(window, app, window.ops, ask_pin=NeverAsked)
    settle(qtbot, window)
    assert window.app_lock is not None
    window.lock_action.trigger()
    assert window.app_lock.showing_lock


def test_mismatched_pins_are_refused_and_the_window_closes_without_one(
    app: App, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    window = make_window(app, tracked=False)
    lock_window(window, app, window.ops, ask_pin=officer_types("4821", "4822"))
    settle(qtbot, window)
    assert app.profile.lock_pin_hash() is None
    assert window.app_lock is None and not window.isVisible()


def test_other_windows_of_the_app_hide_behind_the_lock_and_come_back(
    app: App, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    """A message naming someone, left open, must not sit over the locked window."""
    window = make_window(app)
    lock_window(window, app, window.ops, ask_pin=officer_types("4821", "4821"))
    settle(qtbot, window)
    lock = window.app_lock
    assert lock is not None
    box = show_error(window, UserError("Case ASB-26-ABCD-0001 (Grace Adeyemi) is closed."))
    qtbot.waitUntil(box.isVisible)
    lock.lock_now()
    assert not box.isVisible()
    lock.pin.setText("4821")
    lock.try_unlock()  # checked on the database lane
    qtbot.waitUntil(lambda: not lock.showing_lock)
    assert box.isVisible() and "Grace Adeyemi" in box.text()


def test_sync_now_does_not_come_alive_behind_the_lock(
    app: App, tmp_path: Path, qtbot: QtBot, memory_keyring: MemoryKeyring
) -> None:
    """A share set up (from the command line, say) while the window is locked turns
    Sync now on only when the officer is back in: no shortcut works behind the lock."""
    window = synced_window(app, qtbot)
    lock_window(window, app, window.ops, ask_pin=officer_types("4821", "4821"))
    settle(qtbot, window)
    lock = window.app_lock
    assert lock is not None
    qtbot.waitUntil(lambda: window.status.share_label.text() == "Share: not set up")
    assert not window.sync_action.isEnabled()
    lock.lock_now()
    share = tmp_path / "share"
    share.mkdir()
    app.sync.init_share(share, PASSPHRASE)
    window.status.refresh()
    qtbot.waitUntil(lambda: window.status.share_label.text() == "Share: reachable")
    assert lock.showing_lock and not window.sync_action.isEnabled()
    lock.pin.setText("4821")
    lock.try_unlock()  # checked on the database lane
    qtbot.waitUntil(lambda: not lock.showing_lock)
    assert window.sync_action.isEnabled()
    window.ops.wait_all()
