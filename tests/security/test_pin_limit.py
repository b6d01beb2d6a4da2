"""Guessing the lock PIN gets slower and then stops: after three wrong PINs each
try waits 1 s, then 2 s; after five wrong in a row even the right PIN no longer
unlocks, until the profile is opened afresh and a new PIN chosen. The count
survives restarts and every wrong try is in the audit log.

The waits are real in the app; here a fake sleeper moves the fake clock, so
the tests see every wait without spending it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
import sqlalchemy as sa

from asb_desktop.app import App
from asb_desktop.security.pin_tries import MAX_TRIES, SIGN_IN_AGAIN, PinTries
from asb_desktop.store.models import AuditEntry
from tests.conftest import FakeClock

PIN = "4821"


class Sleeper:
    """Stands in for ``time.sleep``: records each wait and moves the clock on."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.clock.advance(seconds=seconds)


@pytest.fixture
def sleeper(app: App, clock: FakeClock) -> Sleeper:
    s = Sleeper(clock)
    app.profile.lock_pin.sleep = s
    app.profile.set_lock_pin(PIN, PIN)
    return s


def pin_audit(app: App) -> list[AuditEntry]:
    with app.unit.read() as s:
        return list(s.scalars(sa.select(AuditEntry)
                              .where(AuditEntry.action.like("profile.lock_pin_%"))
                              .where(AuditEntry.action != "profile.lock_pin_set")
))


def test_waits_grow_after_three_wrong_pins_and_the_screen_counts_down(
    app: App, sleeper: Sleeper
) -> None:
    messages = [app.profile.check_lock_pin("0000").message for _ in range(4)]
    assert sleeper.waits == [1.0]  # the 4th try waited 1 s; the first three nothing
    assert "4 tries left" in messages[0]
    assert "1 try left" in messages[3]
    right = app.profile.check_lock_pin(PIN)
    assert right.unlocked
    assert sleeper.waits == [1.0, 2.0]  # the 5th waited 2 s, then the right PIN worked
    # A right PIN starts the count again: the next mistake costs nothing.
    assert not app.profile.check_lock_pin("0000").unlocked
    assert sleeper.waits == [1.0, 2.0]


def test_no_wait_is_owed_once_the_officer_has_waited_it_out(
    app: App, sleeper: Sleeper, clock: FakeClock
) -> None:
    for _ in range(3):
        app.profile.check_lock_pin("0000")
    clock.advance(seconds=5)
    assert app.profile.check_lock_pin(PIN).unlocked
    assert sleeper.waits == []


def test_after_five_wrong_pins_the_right_one_no_longer_unlocks(app: App, sleeper: Sleeper) -> None:
    outcomes = [app.profile.check_lock_pin("0000") for _ in range(MAX_TRIES)]
    assert outcomes[-1].locked_out and outcomes[-1].message == SIGN_IN_AGAIN
    sixth = app.profile.check_lock_pin(PIN)
    assert not sixth.unlocked and sixth.locked_out
    assert "Close ASB Desktop and open it again" in sixth.message
    # The used-up PIN is not offered to the window: a new one must be chosen.
    assert app.profile.lock_pin_hash() is None


def test_the_count_survives_closing_and_opening_the_app(
    app: App, sleeper: Sleeper, reopen: Callable[[App], App], clock: FakeClock
) -> None:
    for _ in range(4):
        app.profile.check_lock_pin("0000")
    again = reopen(app)
    try:
        assert again.profile.lock_pin.tries().wrong == 4
        again.profile.lock_pin.sleep = sleeper
        assert not again.profile.check_lock_pin("0000").unlocked
        assert sleeper.waits[-1] == 2.0
        assert not again.profile.check_lock_pin(PIN).unlocked  # locked out
    finally:
        again.close()


def test_the_way_back_is_opening_the_profile_again_and_a_new_pin(
    app: App, sleeper: Sleeper, reopen: Callable[[App], App]
) -> None:
    for _ in range(MAX_TRIES):
        app.profile.check_lock_pin("0000")
    again = reopen(app)  # opened the usual way: the key from this account's keyring
    try:
        assert again.profile.lock_pin_hash() is None and again.profile.lock_pin.tries().locked_out
        again.profile.set_lock_pin("7391", "7391")
        again.profile.lock_pin.sleep = sleeper
        assert not again.profile.check_lock_pin(PIN).unlocked  # the old PIN is gone
        assert again.profile.check_lock_pin("7391").unlocked
        assert again.profile.lock_pin.tries() == PinTries()
    finally:
        again.close()


def test_every_wrong_try_and_the_lock_out_are_audited(app: App, sleeper: Sleeper) -> None:
    for _ in range(MAX_TRIES):
        app.profile.check_lock_pin("0000")
    app.profile.check_lock_pin(PIN)
    rows = pin_audit(app)
    assert Counter(r.action for r in rows) == {"profile.lock_pin_wrong": MAX_TRIES,
                                               "profile.lock_pin_refused": 1}
    details = {r.detail for r in rows}
    assert any("1 of 5" in d for d in details)
    assert any("5 in a row" in d and "no longer unlocks" in d for d in details)
    assert all(r.user_id == app.unit.actor.user_id for r in rows)


def test_a_damaged_count_fails_closed() -> None:
    assert PinTries.decode("not json").locked_out
    assert not PinTries.decode(None).locked_out
