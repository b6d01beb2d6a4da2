"""The app lock: an idle timer and a PIN, with no Qt in sight.

Public-sector guidance is to lock after 5 minutes idle, never more than 15.
The window feeds activity and OS events in; it asks ``due()`` on a timer and
hides case data while ``locked`` is true. The PIN is kept only as an scrypt
hash, so a copied settings file does not give it away.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

DEFAULT_IDLE = timedelta(minutes=5)
MAX_IDLE = timedelta(minutes=15)
MIN_PIN = 4
_PIN_N = 2**14


class Clock(Protocol):
    def now(self) -> datetime: ...


class LockSettingError(ValueError):
    """An idle limit the guidance does not allow."""


def _checked(idle: timedelta) -> timedelta:
    if idle <= timedelta(0):
        raise LockSettingError("The screen lock must start after some idle time.")
    if idle > MAX_IDLE:
        raise LockSettingError(
            "The screen lock cannot wait more than 15 minutes: public-sector guidance."
        )
    return idle


@dataclass
class IdleLock:
    """Locked or not, and when the officer last did something."""

    clock: Clock
    idle: timedelta = DEFAULT_IDLE
    locked: bool = False
    last_activity: datetime = field(init=False)

    def __post_init__(self) -> None:
        self.idle = _checked(self.idle)
        self.last_activity = self.clock.now()

    def set_idle(self, idle: timedelta) -> None:
        self.idle = _checked(idle)

    def activity(self) -> None:
        """Keyboard or mouse use; ignored while locked, so a stray key never unlocks."""
        if not self.locked:
            self.last_activity = self.clock.now()

    def due(self) -> bool:
        """Lock now if idle too long; True when the lock has just closed."""
        if not self.locked and self.clock.now() - self.last_activity >= self.idle:
            self.locked = True
            return True
        return False

    def lock_now(self) -> None:
        """The OS session locked, the laptop suspended, or the officer asked."""
        self.locked = True

    def unlock(self, pin: str, verify: Callable[[str], bool]) -> bool:
        if verify(pin):
            self.opened()
            return True
        return False

    def opened(self) -> None:
        """The PIN was checked elsewhere (off the UI thread, with the wrong-try
        limit) and was right: unlock, and start the idle time afresh."""
        self.locked = False
        self.last_activity = self.clock.now()


def hash_pin(pin: str) -> str:
    """``scrypt$n$salt$hash`` for storing; the PIN itself is never kept."""
    if len(pin) < MIN_PIN:
        raise LockSettingError(f"The PIN must be at least {MIN_PIN} characters.")
    salt = secrets.token_bytes(16)
    digest = Scrypt(salt=salt, length=32, n=_PIN_N, r=8, p=1).derive(pin.encode("utf-8"))
    return f"scrypt${_PIN_N}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = Scrypt(salt=bytes.fromhex(salt), length=32, n=int(n), r=8, p=1).derive(
            pin.encode("utf-8")
        )
    except ValueError:
        return False
    return hmac.compare_digest(got, bytes.fromhex(digest))
