"""The profile's own facts: its user, its device, and the demo marker."""

from __future__ import annotations

import sqlalchemy as sa

from asb_desktop.controllers.errors import Problems
from asb_desktop.domain.enums import Role
from asb_desktop.domain.references import new_device_code
from asb_desktop.domain.views import UserView
from asb_desktop.security.lock import MIN_PIN, hash_pin, verify_pin
from asb_desktop.store import meta
from asb_desktop.store.models import Device, User
from asb_desktop.store.unit import Unit

LOCK_PIN_KEY = "lock.pin_hash"


class ProfileController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    def bootstrap(self, user_name: str, role: str, device_name: str, demo: bool) -> None:
        """First write of a new profile: its user, its device and its meta rows."""
        problems = Problems()
        problems.require("user_name", user_name, "Enter your name")
        if role not in {r.value for r in Role}:
            problems.add("role", "Choose officer or supervisor")
        problems.raise_if_any()
        actor = self._unit.actor
        with self._unit.write("profile.created") as tx:
            s = tx.session
            s.add(User(id=actor.user_id, name=user_name.strip(), role=role, created_at=tx.now))
            code = new_device_code()
            s.add(Device(id=actor.device_id, code=code, name=device_name, user_id=actor.user_id,
                         created_at=tx.now))
            meta.put(s, "device_id", actor.device_id)
            meta.put(s, "device_code", code)
            meta.put(s, "user_id", actor.user_id)
            meta.put(s, "demo", "1" if demo else "0")
            meta.put(s, "created_at", tx.now.isoformat())
            tx.audit("profile", actor.device_id, f"Profile created for {user_name.strip()} ({role})")

    def add_user(self, name: str, role: str) -> UserView:
        """Colleagues known to this profile (owners of actions, lead officers)."""
        problems = Problems()
        problems.require("name", name, "Enter the colleague's name")
        if role not in {r.value for r in Role}:
            problems.add("role", "Choose officer or supervisor")
        problems.raise_if_any()
        with self._unit.write("user.added") as tx:
            user = User(name=name.strip(), role=role, created_at=tx.now)
            tx.session.add(user)
            tx.session.flush()
            tx.audit("user", user.id, f"Colleague {user.name} added")
            return UserView(user.id, user.name, user.role)

    def users(self) -> list[UserView]:
        with self._unit.read() as s:
            return [
                UserView(u.id, u.name, u.role)
                for u in s.scalars(sa.select(User).where(User.active).order_by(User.name))
            ]

    def is_demo(self) -> bool:
        with self._unit.read() as s:
            return meta.get(s, "demo") == "1"

    def device_code(self) -> str:
        with self._unit.read() as s:
            return meta.get(s, "device_code") or ""

    # -- the app lock's PIN ------------------------------------------------------

    def lock_pin_hash(self) -> str | None:
        """The slow hash of the lock PIN; the PIN itself is never stored. Kept in
        the profile's own meta table, which never travels to the share."""
        with self._unit.read() as s:
            return meta.get(s, LOCK_PIN_KEY)

    def set_lock_pin(self, pin: str, again: str) -> None:
        problems = Problems()
        if len(pin) < MIN_PIN:
            problems.add("pin", f"The PIN must be at least {MIN_PIN} characters long")
        elif pin != again:
            problems.add("again", "The two PINs are not the same")
        problems.raise_if_any()
        stored = hash_pin(pin)
        with self._unit.write("profile.lock_pin_set") as tx:
            meta.put(tx.session, LOCK_PIN_KEY, stored)
            tx.audit("user", self._unit.actor.user_id, "Lock PIN set")

    def check_lock_pin(self, pin: str) -> bool:
        stored = self.lock_pin_hash()
        return stored is not None and verify_pin(pin, stored)
