"""How many wrong PINs the lock has seen, and what that costs the next guess.

A four-digit PIN has only 10,000 values and each check takes ~50 ms, so
without a limit anyone at an unattended, locked laptop could try them all in a
few minutes. The rules here make that impossible:

* the first ``FREE_TRIES`` wrong PINs cost nothing (people mistype);
* after that each further try waits 1 s, then 2 s, 4 s... after the last wrong one;
* after ``MAX_TRIES`` wrong PINs in a row the PIN stops unlocking at all. The
  way back is to close ASB Desktop and open it again, which opens the profile
  the usual way (the passphrase, or the key in the password store of the
  signed-in computer account), and then to choose a new PIN.

The count is kept in the profile (see ``controllers.lock_pin``), not in the
window, so closing and reopening the lock screen or the app does not reset it.
No Qt and no store here: the rules are plain values, tested on their own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

#: Wrong PINs allowed before any waiting starts.
FREE_TRIES = 3
#: Wrong PINs in a row after which the PIN no longer unlocks.
MAX_TRIES = 5

SIGN_IN_AGAIN = (
    f"The PIN was entered wrongly {MAX_TRIES} times, so it no longer unlocks ASB Desktop. "
    "Close ASB Desktop and open it again: it will open your profile the usual way "
    "(your passphrase, or your computer sign-in) and then ask you to choose a new PIN. "
    "Forms you had started are kept as drafts and offered back when it opens."
)


@dataclass(frozen=True)
class PinTries:
    """Wrong PINs in a row, and when the last one was given."""

    wrong: int = 0
    last_wrong: datetime | None = None

    @property
    def locked_out(self) -> bool:
        return self.wrong >= MAX_TRIES

    @property
    def left(self) -> int:
        """Tries left before the PIN stops working."""
        return max(0, MAX_TRIES - self.wrong)

    @property
    def delay(self) -> timedelta:
        """How long after the last wrong PIN the next try must wait: nothing for
        the first few mistakes, then doubling, so guessing gets slower and slower."""
        if self.wrong < FREE_TRIES:
            return timedelta(0)
        return timedelta(seconds=2 ** (self.wrong - FREE_TRIES))

    def wait(self, now: datetime) -> timedelta:
        """Time still to wait before the next PIN may be checked. Never more than
        the full delay, so a clock put back does not shut the officer out for hours."""
        if self.last_wrong is None or self.delay <= timedelta(0):
            return timedelta(0)
        remaining = self.last_wrong + self.delay - now
        return min(max(remaining, timedelta(0)), self.delay)

    def after_wrong(self, now: datetime) -> PinTries:
        return PinTries(self.wrong + 1, now)

    def encode(self) -> str:
        return json.dumps({
            "wrong": self.wrong,
            "last_wrong": self.last_wrong.isoformat() if self.last_wrong else None,
        })

    @classmethod
    def decode(cls, text: str | None) -> PinTries:
        """A damaged record counts as locked out: failing closed is the safe side,
        and the way back (open the profile again, choose a new PIN) clears it."""
        if not text:
            return cls()
        try:
            data = json.loads(text)
            wrong = int(data["wrong"])
            last = data.get("last_wrong")
            return cls(wrong, datetime.fromisoformat(last) if last else None)
        except (ValueError, TypeError, KeyError):
            return cls(MAX_TRIES, None)


@dataclass(frozen=True)
class PinOutcome:
    """What one PIN try came to, in words the lock screen can show as they are."""

    unlocked: bool
    tries_left: int
    locked_out: bool
    #: Seconds the check waited because of earlier wrong PINs.
    waited: float = 0.0

    @property
    def message(self) -> str:
        if self.unlocked:
            return ""
        if self.locked_out:
            return SIGN_IN_AGAIN
        tries = "try" if self.tries_left == 1 else "tries"
        text = f"That PIN is not right. {self.tries_left} {tries} left before the PIN stops working."
        if MAX_TRIES - self.tries_left >= FREE_TRIES:
            text += " Each further try waits a little longer."
        return text


def outcome_for(unlocked: bool, tries: PinTries, waited: float = 0.0) -> PinOutcome:
    return PinOutcome(unlocked, tries.left, tries.locked_out and not unlocked, waited)
