"""Putting the app lock on the main window: the officer chooses a PIN the first
time, then the window locks after the policy's idle minutes, when the OS
session locks or the laptop suspends, or at Ctrl+L. The PIN's hash is read
once, off the UI thread, and checked in memory."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QDialog

from asb_desktop.app import App
from asb_desktop.gui.lock import install_app_lock
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.ops import OpsRunner
from asb_desktop.gui.passphrase import PassphraseDialog
from asb_desktop.gui.session_watch import watch_session
from asb_desktop.security.lock import MIN_PIN, IdleLock, verify_pin

PIN_REASON = (
    "ASB Desktop locks itself when you leave it for a few minutes, so nobody else can "
    "read case details. Choose a PIN to unlock it. It is stored only as a slow hash."
)


def lock_window(window: MainWindow, app: App, ops: OpsRunner,
                ask_pin: type[PassphraseDialog] = PassphraseDialog) -> None:
    """Install the lock once the PIN is known; ask for one first if there is none."""
    profile = app.profile

    def install(stored: str) -> None:
        idle = timedelta(minutes=app.unit.policy.idle_lock_minutes)
        lock = IdleLock(clock=app.unit.clock, idle=idle)
        app_lock = install_app_lock(window, lock, lambda pin: verify_pin(pin, stored))
        app_lock.os_watch = watch_session(window, app_lock.lock_now)
        window.app_lock = app_lock
        window.lock_action.setEnabled(True)

    def choose() -> None:
        dialog = ask_pin(PIN_REASON, new=True, parent=window, noun="PIN", minimum=MIN_PIN)
        answered = dialog.exec()
        if answered != QDialog.DialogCode.Accepted:
            window.close()  # no PIN, no casework: the lock is not optional
            return
        window.activateWindow()  # the keyboard goes back to the window, ready to type
        pin, again = dialog.phrase.text(), dialog.again.text()

        def save() -> str | None:
            profile.set_lock_pin(pin, again)
            return profile.lock_pin_hash()

        ops.run(save, found)

    def found(stored: str | None) -> None:
        if stored is None:
            choose()
        else:
            install(stored)

    ops.run(profile.lock_pin_hash, found)
