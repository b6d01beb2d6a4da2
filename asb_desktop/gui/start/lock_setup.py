"""Putting the app lock on the main window: the officer chooses a PIN the first
time, then the window locks after the policy's idle minutes, when the OS
session locks or the laptop suspends, or at Ctrl+L. Each PIN is checked by the
profile controller on the database lane, off the UI thread: the check is slow
(scrypt, and a growing wait after wrong tries) and it counts wrong tries in the
profile. After too many the PIN stops working; when the app is next opened,
the profile opens the usual way and the officer is asked for a new PIN here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtWidgets import QDialog

from asb_desktop.app import App
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.lock.lock import Checked, install_app_lock
from asb_desktop.gui.lock.session_watch import watch_session
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.start.passphrase import PassphraseDialog
from asb_desktop.security.lock import MIN_PIN, IdleLock
from asb_desktop.security.pin_tries import PinTries

PIN_REASON = (
    "ASB Desktop locks itself when you leave it for a few minutes, so nobody else can "
    "read case details. Choose a PIN to unlock it. It is stored only as a slow hash."
)
NEW_PIN_REASON = (
    "Your old PIN was entered wrongly too many times, so it no longer unlocks ASB Desktop. "
    "Your profile has been opened again the usual way; choose a new PIN to carry on."
)


def lock_window(window: MainWindow, app: App, ops: OpsRunner,
                ask_pin: type[PassphraseDialog] = PassphraseDialog) -> None:
    """Install the lock once the PIN is known; ask for one first if there is none."""
    profile = app.profile

    def run(check: Callable[[], Checked], done: Callable[[Checked], None],
            failed: Callable[[BaseException], None]) -> None:
        ops.run(check, done, failed)

    def install() -> None:
        idle = timedelta(minutes=app.unit.policy.idle_lock_minutes)
        lock = IdleLock(clock=app.unit.clock, idle=idle)
        app_lock = install_app_lock(window, lock, profile.check_lock_pin, run)
        app_lock.os_watch = watch_session(window, app_lock.lock_now)
        window.app_lock = app_lock
        window.lock_action.setEnabled(True)

    def choose(reason: str = PIN_REASON) -> None:
        dialog = ask_pin(reason, new=True, parent=window, noun="PIN", minimum=MIN_PIN)
        answered = dialog.exec()
        if answered != QDialog.DialogCode.Accepted:
            window.close()  # no PIN, no casework: the lock is not optional
            return
        window.activateWindow()  # the keyboard goes back to the window, ready to type
        pin, again = dialog.phrase.text(), dialog.again.text()

        def save() -> tuple[str | None, PinTries]:
            profile.set_lock_pin(pin, again)
            return profile.lock_pin_hash(), profile.lock_pin.tries()

        ops.run(save, found)

    def found(known: tuple[str | None, PinTries]) -> None:
        stored, tries = known
        if stored is not None:
            install()
        elif tries.locked_out:
            choose(NEW_PIN_REASON)
        else:
            choose()

    def read() -> tuple[str | None, PinTries]:
        return profile.lock_pin_hash(), profile.lock_pin.tries()

    ops.run(read, found)
