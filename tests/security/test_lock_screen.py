"""The lock screen on a plain window: data hidden, draft kept, PIN needed."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from asb_desktop.gui.lock.lock import install_app_lock
from asb_desktop.security.lock import IdleLock, hash_pin, verify_pin
from tests.conftest import FakeClock


def _window(qtbot: QtBot) -> tuple[QMainWindow, QLineEdit, QLabel]:
    window = QMainWindow()
    central = QWidget()
    layout = QVBoxLayout(central)
    party = QLabel("Amira Okafor, 14 Larch Close")
    draft = QLineEdit()
    layout.addWidget(party)
    layout.addWidget(draft)
    window.setCentralWidget(central)
    window.setWindowTitle("Case ASB-2026-0001")
    qtbot.addWidget(window)
    window.show()
    return window, draft, party


def test_idle_lock_hides_data_keeps_draft_and_needs_pin(qtbot: QtBot, clock: FakeClock) -> None:
    window, draft, party = _window(qtbot)
    stored = hash_pin("4821")
    app_lock = install_app_lock(window, IdleLock(clock), lambda p: verify_pin(p, stored))
    draft.setText("Visited; neighbour says the music")
    assert party.isVisible()

    clock.advance(minutes=5)
    app_lock.check()
    assert app_lock.showing_lock
    assert not party.isVisible() and not draft.isVisible()
    assert "Case" not in window.windowTitle()

    app_lock.pin.setText("1111")
    assert not app_lock.try_unlock()
    assert not party.isVisible()
    assert "not right" in app_lock.message.text()

    app_lock.pin.setText("4821")
    assert app_lock.try_unlock()
    assert party.isVisible()
    assert draft.text() == "Visited; neighbour says the music"
    assert window.windowTitle() == "Case ASB-2026-0001"


def test_os_lock_hides_at_once(qtbot: QtBot, clock: FakeClock) -> None:
    window, _, party = _window(qtbot)
    app_lock = install_app_lock(window, IdleLock(clock), lambda p: False)
    app_lock.lock_now()
    assert not party.isVisible()


def test_an_action_turned_on_while_locked_waits_for_the_unlock(
    qtbot: QtBot, clock: FakeClock
) -> None:
    window, _, _ = _window(qtbot)
    sync = QAction("Sync now", window)
    sync.setEnabled(False)
    stored = hash_pin("4821")
    app_lock = install_app_lock(window, IdleLock(clock), lambda p: verify_pin(p, stored))
    app_lock.lock_now()
    app_lock.set_action_enabled(sync, True)
    assert not sync.isEnabled()
    app_lock.pin.setText("4821")
    assert app_lock.try_unlock()
    assert sync.isEnabled()
    app_lock.set_action_enabled(sync, False)  # unlocked: at once
    assert not sync.isEnabled()


def test_the_hint_wraps_and_shows_every_line(qtbot: QtBot, clock: FakeClock) -> None:
    window, _, _ = _window(qtbot)
    window.resize(900, 600)
    app_lock = install_app_lock(window, IdleLock(clock), lambda p: False)
    app_lock.lock_now()
    hint = app_lock.hint
    qtbot.waitUntil(lambda: hint.height() > 0)
    assert hint.wordWrap()
    assert hint.heightForWidth(hint.width()) <= hint.height()
