"""On the real window, the lock screen tells the officer how many PIN tries are
left, and once they are used up says what to do instead of offering the PIN
box again. Each check runs on the database lane, not the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.start.lock_setup import NEW_PIN_REASON, lock_window
from asb_desktop.gui.start.passphrase import PassphraseDialog
from asb_desktop.security.pin_tries import MAX_TRIES, PinOutcome
from tests.conftest import ARTEFACTS, FakeClock
from tests.gui.conftest import officer_types, settle


def test_the_lock_screen_counts_tries_and_then_says_how_to_get_back(
    app: App, clock: FakeClock, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    app.profile.lock_pin.sleep = lambda seconds: clock.advance(seconds=seconds)
    checked_on: list[bool] = []
    check = app.profile.check_lock_pin

    def watched(pin: str) -> PinOutcome:
        checked_on.append(threading.current_thread() is threading.main_thread())
        return check(pin)

    app.profile.check_lock_pin = watched  # type: ignore[method-assign]
    window = make_window(app)
    lock_window(window, app, window.ops, ask_pin=officer_types("4821", "4821"))
    settle(qtbot, window)
    lock = window.app_lock
    assert lock is not None
    lock.lock_now()

    lock.pin.setText("1111")
    lock.try_unlock()
    settle(qtbot, window)
    assert lock.showing_lock
    assert "4 tries left before the PIN stops working" in lock.message.text()
    window.grab().save(str(ARTEFACTS / "lock-tries-left.png"))

    for _ in range(MAX_TRIES - 1):
        lock.pin.setText("1111")
        lock.try_unlock()
        settle(qtbot, window)
    words = lock.message.text()
    assert "no longer unlocks" in words and "Close ASB Desktop and open it again" in words
    assert "choose a new PIN" in words
    assert not lock.pin.isVisible() and lock.close_button.isVisible()
    window.grab().save(str(ARTEFACTS / "lock-locked-out.png"))
    assert checked_on == [False] * MAX_TRIES  # never on the UI thread

    lock.pin.setText("4821")  # the right PIN, too late: nothing is even checked
    assert not lock.try_unlock()
    settle(qtbot, window)
    assert lock.showing_lock and not window.tabs.isVisible()
    assert len(checked_on) == MAX_TRIES


def test_the_next_start_asks_for_a_new_pin_and_says_why(
    app: App, clock: FakeClock, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    app.profile.lock_pin.sleep = lambda seconds: clock.advance(seconds=seconds)
    app.profile.set_lock_pin("4821", "4821")
    for _ in range(MAX_TRIES):
        app.profile.check_lock_pin("1111")
    asked: list[str] = []
    typed = officer_types("7391", "7391")

    class Recorded(typed):  # type: ignore[misc,valid-type]
        def __init__(self, reason: str, *args: object, **kwargs: object) -> None:
            asked.append(reason)
            super().__init__(reason, *args, **kwargs)

    window = make_window(app)
    lock_window(window, app, window.ops, ask_pin=Recorded)
    settle(qtbot, window)
    assert asked == [NEW_PIN_REASON]
    assert window.app_lock is not None
    assert app.profile.check_lock_pin("7391").unlocked
    assert issubclass(Recorded, PassphraseDialog)
