"""The window locks when the operating system says the session locked or the
laptop is going to sleep, told over a real D-Bus daemon; the OS unlocking or
waking never unlocks the app."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.gui.lock.lock import AppLock
from asb_desktop.gui.lock.session_watch import (
    PBT_APMSUSPEND,
    WM_POWERBROADCAST,
    WM_WTSSESSION_CHANGE,
    WTS_SESSION_LOCK,
    DBusSessionWatch,
    logind_session_path,
    windows_means_lock,
)
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.start.lock_setup import lock_window
from tests.gui.conftest import officer_types, settle

WAIT_MS = 3000
QUIET_MS = 300


@pytest.fixture
def bus() -> Iterator[str]:
    """A private bus daemon, standing in for both the session and the system bus."""
    daemon = shutil.which("dbus-daemon")
    assert daemon, "dbus-daemon is needed (the dbus package; .ci/run installs it)"
    proc = subprocess.Popen([daemon, "--session", "--nofork", "--print-address=1"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip()
    finally:
        proc.kill()
        proc.wait()


def _connection(address: str, name: str) -> QDBusConnection:
    conn = QDBusConnection.connectToBus(address, f"{name} on {address}")
    assert conn.isConnected()
    return conn


def _emit(address: str, path: str, interface: str, name: str, *args: object) -> None:
    """Sent from its own connection, as the screensaver or logind would."""
    msg = QDBusMessage.createSignal(path, interface, name)
    msg.setArguments(list(args))
    assert _connection(address, "emitter").send(msg)


@pytest.fixture
def locked_window(app: App, make_window: Callable[..., MainWindow],
                  qtbot: QtBot) -> AppLock:
    window = make_window(app)
    lock_window(window, app, window.ops, ask_pin=officer_types("4821", "4821"))
    settle(qtbot, window)
    assert window.app_lock is not None
    window.reports_tab.form.description.setPlainText("Half-written note about the stairwell")
    return window.app_lock


def _watch(lock: AppLock, address: str, session_id: str = "c7") -> DBusSessionWatch:
    conn = _connection(address, "app")
    return DBusSessionWatch(lock.lock_now, conn, conn, session_id, parent=lock.window)


@pytest.mark.parametrize("vendor", ["freedesktop", "gnome", "cinnamon", "mate"])
def test_screensaver_lock_locks_the_window_and_keeps_the_draft(
    locked_window: AppLock, bus: str, qtbot: QtBot, vendor: str
) -> None:
    lock = locked_window
    _watch(lock, bus)
    _emit(bus, f"/org/{vendor}/ScreenSaver", f"org.{vendor}.ScreenSaver", "ActiveChanged", True)
    qtbot.waitUntil(lambda: lock.showing_lock, timeout=WAIT_MS)
    assert not lock.window.print_action.isEnabled()
    lock.pin.setText("4821")
    lock.try_unlock()  # checked on the database lane
    qtbot.waitUntil(lambda: not lock.showing_lock, timeout=WAIT_MS)
    form = lock.window.reports_tab.form
    assert form.description.toPlainText() == "Half-written note about the stairwell"


def test_the_os_unlocking_or_waking_does_not_unlock_the_app(
    locked_window: AppLock, bus: str, qtbot: QtBot
) -> None:
    lock = locked_window
    _watch(lock, bus)
    _emit(bus, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", True)
    qtbot.waitUntil(lambda: lock.showing_lock, timeout=WAIT_MS)
    _emit(bus, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", False)
    _emit(bus, "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
          "PrepareForSleep", False)
    qtbot.wait(QUIET_MS)
    assert lock.showing_lock, "only the PIN unlocks"


def test_suspend_locks_but_resume_alone_does_not(
    locked_window: AppLock, bus: str, qtbot: QtBot
) -> None:
    lock = locked_window
    _watch(lock, bus)
    _emit(bus, "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
          "PrepareForSleep", False)
    qtbot.wait(QUIET_MS)
    assert not lock.showing_lock
    _emit(bus, "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
          "PrepareForSleep", True)
    qtbot.waitUntil(lambda: lock.showing_lock, timeout=WAIT_MS)


def test_logind_lock_of_this_session_locks_and_of_another_does_not(
    locked_window: AppLock, bus: str, qtbot: QtBot
) -> None:
    lock = locked_window
    _watch(lock, bus, session_id="2")
    _emit(bus, logind_session_path("3"), "org.freedesktop.login1.Session", "Lock")
    qtbot.wait(QUIET_MS)
    assert not lock.showing_lock, "another user's session locking is not ours"
    _emit(bus, logind_session_path("2"), "org.freedesktop.login1.Session", "Lock")
    qtbot.waitUntil(lambda: lock.showing_lock, timeout=WAIT_MS)


def test_the_window_listens_on_the_real_session_bus(
    locked_window: AppLock, qtbot: QtBot
) -> None:
    """`make test` runs inside dbus-run-session; the app's own wiring must use it."""
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    assert address, "run through `make test`, which provides a D-Bus session"
    lock = locked_window
    watch = lock.os_watch
    assert isinstance(watch, DBusSessionWatch)
    assert "org.gnome.ScreenSaver.ActiveChanged" in watch.listening
    _emit(address, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver",
          "ActiveChanged", True)
    qtbot.waitUntil(lambda: lock.showing_lock, timeout=WAIT_MS)


def test_logind_session_paths_are_encoded_as_logind_does() -> None:
    assert logind_session_path("2") == "/org/freedesktop/login1/session/_32"
    assert logind_session_path("c12") == "/org/freedesktop/login1/session/c12"
    assert logind_session_path("a-b") == "/org/freedesktop/login1/session/a_2db"


def test_windows_lock_and_suspend_messages_lock_and_others_do_not() -> None:
    assert windows_means_lock(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK)
    assert windows_means_lock(WM_POWERBROADCAST, PBT_APMSUSPEND)
    assert not windows_means_lock(WM_WTSSESSION_CHANGE, 0x8)  # WTS_SESSION_UNLOCK
    assert not windows_means_lock(WM_POWERBROADCAST, 0x12)  # PBT_APMRESUMEAUTOMATIC
