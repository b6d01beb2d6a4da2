"""The idle lock, the PIN hash and the lock screen over a window."""

from __future__ import annotations

from datetime import timedelta

import pytest

from asb_desktop.security.lock import IdleLock, LockSettingError, hash_pin, verify_pin
from tests.conftest import FakeClock


def test_locks_after_five_idle_minutes_and_activity_resets(clock: FakeClock) -> None:
    lock = IdleLock(clock)
    clock.advance(minutes=4, seconds=59)
    assert not lock.due()
    lock.activity()
    clock.advance(minutes=4, seconds=59)
    assert not lock.due() and not lock.locked
    clock.advance(seconds=1)
    assert lock.due() and lock.locked
    lock.activity()  # a key pressed on the lock screen does not unlock
    assert lock.locked


def test_idle_setting_never_more_than_fifteen_minutes(clock: FakeClock) -> None:
    with pytest.raises(LockSettingError, match="15 minutes"):
        IdleLock(clock, idle=timedelta(minutes=16))
    lock = IdleLock(clock, idle=timedelta(minutes=15))
    with pytest.raises(LockSettingError):
        lock.set_idle(timedelta(minutes=30))
    assert lock.idle == timedelta(minutes=15)


def test_pin_is_stored_as_slow_hash_and_unlocks(clock: FakeClock) -> None:
    stored = hash_pin("4821")
    assert "4821" not in stored and stored.startswith("scrypt$")
    assert verify_pin("4821", stored)
    assert not verify_pin("4822", stored)
    assert not verify_pin("4821", "garbage")
    lock = IdleLock(clock)
    lock.lock_now()
    assert not lock.unlock("0000", lambda p: verify_pin(p, stored))
    assert lock.locked
    assert lock.unlock("4821", lambda p: verify_pin(p, stored))
    assert not lock.locked
