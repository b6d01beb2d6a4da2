"""Locking the app when the operating system locks the session or goes to sleep.

A laptop left in a tenant's kitchen is usually locked with the OS shortcut or
by closing the lid, not with Ctrl+L. The idle timer would catch it minutes
later; listening for the OS's own signal closes that gap to nothing.

Linux desktops announce a lock on D-Bus: the screensaver services of KDE and
most others (``org.freedesktop.ScreenSaver``), GNOME, Cinnamon and MATE send
``ActiveChanged(true)``, logind sends ``Lock`` to the session's object and
``PrepareForSleep(true)`` before a suspend. Windows posts
``WM_WTSSESSION_CHANGE`` (after ``WTSRegisterSessionNotification``) and
``WM_POWERBROADCAST``. Only locking is acted on: unlocking the OS never
unlocks the app, the officer still gives the PIN.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import SLOT, QAbstractNativeEventFilter, QByteArray, QObject, Slot
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication, QWidget


@dataclass(frozen=True)
class Signal:
    """One D-Bus signal that means "lock now" when its argument says so."""

    path: str
    interface: str
    name: str
    slot: str


SCREENSAVERS = [
    Signal(f"/org/{vendor}/ScreenSaver", f"org.{vendor}.ScreenSaver", "ActiveChanged",
           "screensaver_active(bool)")
    for vendor in ("freedesktop", "gnome", "cinnamon", "mate")
]
LOGIND = "org.freedesktop.login1"
SLEEP = Signal("/org/freedesktop/login1", f"{LOGIND}.Manager", "PrepareForSleep",
               "preparing_for_sleep(bool)")


def logind_session_path(session_id: str) -> str:
    """The object path logind gives a session id (sd_bus_path_encode): every byte
    that is not a letter or digit, and a leading digit, becomes ``_xx`` in hex."""
    out = []
    for i, ch in enumerate(session_id):
        if ch.isascii() and ch.isalnum() and not (i == 0 and ch.isdigit()):
            out.append(ch)
        else:
            out.extend(f"_{b:02x}" for b in ch.encode())
    return f"/org/freedesktop/login1/session/{''.join(out) or '_'}"


class DBusSessionWatch(QObject):
    """Listens on the session bus (screensavers) and the system bus (logind)."""

    def __init__(self, lock_now: Callable[[], None], session: QDBusConnection | None,
                 system: QDBusConnection | None, session_id: str | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock_now = lock_now
        self.listening: list[str] = []
        if session is not None and session.isConnected():
            for sig in SCREENSAVERS:
                self._listen(session, sig)
        if system is not None and system.isConnected():
            self._listen(system, SLEEP)
            if session_id:
                self._listen(system, Signal(logind_session_path(session_id),
                                            f"{LOGIND}.Session", "Lock", "session_locked()"))

    def _listen(self, bus: QDBusConnection, sig: Signal) -> None:
        # An empty service matches whichever process owns the name, now or later.
        # The stubs want bytes; the binding itself takes the string SLOT() makes.
        slot = SLOT(sig.slot)
        if bus.connect("", sig.path, sig.interface, sig.name, self, slot):  # type: ignore[call-overload]
            self.listening.append(f"{sig.interface}.{sig.name}")

    @Slot(bool)
    def screensaver_active(self, active: bool) -> None:
        if active:
            self._lock_now()

    @Slot(bool)
    def preparing_for_sleep(self, going: bool) -> None:
        if going:
            self._lock_now()

    @Slot()
    def session_locked(self) -> None:
        self._lock_now()


# Windows message numbers (winuser.h, wtsapi32.h).
WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4


def windows_means_lock(message: int, wparam: int) -> bool:
    """Whether a window message says the session locked or the machine is suspending."""
    return ((message == WM_WTSSESSION_CHANGE and wparam == WTS_SESSION_LOCK)
            or (message == WM_POWERBROADCAST and wparam == PBT_APMSUSPEND))


class WindowsSessionWatch(QAbstractNativeEventFilter):
    """Asks Windows to post session changes to the window, then reads them.

    Written against the Win32 documentation; the decision it makes is
    ``windows_means_lock``, which is tested on every platform."""

    def __init__(self, window: QWidget, lock_now: Callable[[], None]) -> None:
        super().__init__()
        import ctypes

        self._lock_now = lock_now
        self._user_msg = ctypes.wintypes.MSG  # type: ignore[attr-defined]
        hwnd = int(window.winId())
        self.listening = bool(ctypes.windll.wtsapi32  # type: ignore[attr-defined]
                              .WTSRegisterSessionNotification(hwnd, 0))

    def nativeEventFilter(self, eventType: QByteArray | bytes | bytearray | memoryview,
                          message: int) -> object:
        kind = eventType.data() if isinstance(eventType, QByteArray) else bytes(eventType)
        if kind == b"windows_generic_MSG":
            msg = self._user_msg.from_address(int(message))
            if windows_means_lock(msg.message, msg.wParam):
                self._lock_now()
        return False, 0


def watch_session(window: QWidget, lock_now: Callable[[], None]) -> object | None:
    """Hook the window's lock to whatever the platform offers; the returned object
    must be kept alive. macOS has no hook here: idle time and suspend cover it."""
    if sys.platform == "win32":
        import ctypes.wintypes  # noqa: F401  (loads MSG for the watch)

        watch = WindowsSessionWatch(window, lock_now)
        app = QApplication.instance()
        if app is not None:
            app.installNativeEventFilter(watch)
        return watch
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return DBusSessionWatch(lock_now, QDBusConnection.sessionBus(),
                                QDBusConnection.systemBus(), os.environ.get("XDG_SESSION_ID"),
                                parent=window)
    return None
