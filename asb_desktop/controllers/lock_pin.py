"""The lock PIN's record and its checks, with the wrong-try limit enforced here,
in the core, so no front end (or a script driving the controllers) can skip it.

The PIN hash and the count of wrong tries sit in the profile's own ``meta``
table, which never travels to the share, so the limit survives closing the
window or the app. Every wrong try, and the lock-out, leaves an audit row.
Checks are slow on purpose (scrypt, then the growing wait): front ends call
``check`` off their UI thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from asb_desktop.controllers.errors import Problems
from asb_desktop.security.lock import MIN_PIN, hash_pin, verify_pin
from asb_desktop.security.pin_tries import MAX_TRIES, PinOutcome, PinTries, outcome_for
from asb_desktop.store import meta
from asb_desktop.store.unit import Unit

LOCK_PIN_KEY = "lock.pin_hash"
PIN_TRIES_KEY = "lock.pin_tries"

#: Waits for the growing delay; tests pass one that moves their fake clock.
Sleep = Callable[[float], None]


class LockPinController:
    def __init__(self, unit: Unit, sleep: Sleep = time.sleep) -> None:
        self._unit = unit
        self.sleep = sleep

    def pin_hash(self) -> str | None:
        """The slow hash of the PIN, or None when there is none, or when wrong tries
        have used it up: then it must be chosen again, exactly as on first start."""
        with self._unit.read() as s:
            stored = meta.get(s, LOCK_PIN_KEY)
            tries = PinTries.decode(meta.get(s, PIN_TRIES_KEY))
        return None if tries.locked_out else stored

    def tries(self) -> PinTries:
        with self._unit.read() as s:
            return PinTries.decode(meta.get(s, PIN_TRIES_KEY))

    def set_pin(self, pin: str, again: str) -> None:
        """A new PIN starts with a clean count: this is also the last step of the
        way back after a lock-out, taken once the profile was opened afresh."""
        problems = Problems()
        if len(pin) < MIN_PIN:
            problems.add("pin", f"The PIN must be at least {MIN_PIN} characters long")
        elif pin != again:
            problems.add("again", "The two PINs are not the same")
        problems.raise_if_any()
        stored = hash_pin(pin)
        with self._unit.write("profile.lock_pin_set") as tx:
            meta.put(tx.session, LOCK_PIN_KEY, stored)
            meta.put(tx.session, PIN_TRIES_KEY, PinTries().encode())
            tx.audit("user", self._unit.actor.user_id, "Lock PIN set")

    def check(self, pin: str) -> PinOutcome:
        """Check one PIN try: wait out any delay owed, then compare, then count.

        Once locked out the PIN is not even compared, so the right PIN cannot be
        found by carrying on. The wait happens before the comparison (not instead
        of it) so the officer's press is not wasted, but a guesser gains nothing.
        """
        with self._unit.read() as s:
            stored = meta.get(s, LOCK_PIN_KEY)
            tries = PinTries.decode(meta.get(s, PIN_TRIES_KEY))
        user_id = self._unit.actor.user_id
        if stored is None or tries.locked_out:
            with self._unit.write("profile.lock_pin_refused") as tx:
                tx.audit("user", user_id, "A PIN was tried after the PIN stopped working; "
                         "it was not checked")
            return outcome_for(False, PinTries(MAX_TRIES, tries.last_wrong))
        wait = tries.wait(self._unit.now()).total_seconds()
        if wait > 0:
            self.sleep(wait)
        if verify_pin(pin, stored):
            if tries.wrong:
                with self._unit.write("profile.lock_pin_accepted") as tx:
                    meta.put(tx.session, PIN_TRIES_KEY, PinTries().encode())
                    tx.audit("user", user_id,
                             f"Unlocked with the PIN after {tries.wrong} wrong tries")
            return outcome_for(True, PinTries(), wait)
        with self._unit.write("profile.lock_pin_wrong") as tx:
            # Counted from the row as it is now, inside the write, not from the
            # read above: two checks can never both count as the same try.
            now = PinTries.decode(meta.get(tx.session, PIN_TRIES_KEY)).after_wrong(tx.now)
            meta.put(tx.session, PIN_TRIES_KEY, now.encode())
            if now.locked_out:
                tx.audit("user", user_id, f"Wrong lock PIN ({now.wrong} in a row): the PIN "
                         "no longer unlocks until the profile is opened again and a new PIN set")
            else:
                tx.audit("user", user_id,
                         f"Wrong lock PIN ({now.wrong} of {MAX_TRIES} allowed in a row)")
        return outcome_for(False, now, wait)
