"""The profile's own facts: its user, its device, and the demo marker."""

from __future__ import annotations

import time

import sqlalchemy as sa

from asb_desktop.controllers.access import AccessDenied
from asb_desktop.controllers.errors import NotFound, Problems
from asb_desktop.controllers.lock_pin import LOCK_PIN_KEY as LOCK_PIN_KEY
from asb_desktop.controllers.lock_pin import LockPinController, Sleep
from asb_desktop.domain.enums import Role
from asb_desktop.domain.permissions import role_change_refusal
from asb_desktop.domain.references import new_device_code
from asb_desktop.domain.views import UserView
from asb_desktop.security.pin_tries import PinOutcome
from asb_desktop.store import meta
from asb_desktop.store.models import Device, User
from asb_desktop.store.unit import Unit


class ProfileController:
    def __init__(self, unit: Unit, sleep: Sleep = time.sleep) -> None:
        self._unit = unit
        self.lock_pin = LockPinController(unit, sleep)

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
        actor = self._unit.actor
        refusal = role_change_refusal(actor.user_id, actor.role, "", None, role)
        if refusal is not None:
            raise AccessDenied(refusal)
        with self._unit.write("user.added") as tx:
            user = User(name=name.strip(), role=role, created_at=tx.now)
            tx.session.add(user)
            tx.session.flush()
            tx.audit("user", user.id, f"Colleague {user.name} added")
            return UserView(user.id, user.name, user.role)

    def set_role(self, user_id: str, role: str, reason: str) -> UserView:
        """Make a colleague a supervisor or an officer. Only a supervisor may, and
        never for themselves: a supervisor opens every restricted case, so the
        role is the key to them (``domain.permissions.role_change_refusal``)."""
        problems = Problems()
        if role not in {r.value for r in Role}:
            problems.add("role", "Choose officer or supervisor")
        problems.require("reason", reason, "Give the reason for changing the role")
        problems.raise_if_any()
        actor = self._unit.actor
        with self._unit.write("user.role_changed") as tx:
            user = tx.session.get(User, user_id)
            if user is None:
                raise NotFound("The chosen colleague is not a known user.")
            refusal = role_change_refusal(actor.user_id, actor.role, user.id, user.role, role)
            if refusal is not None:
                raise AccessDenied(refusal)
            before = user.role
            user.role = role
            tx.audit("user", user.id, f"{user.name}: role {before} → {role}: {reason.strip()}")
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
    # Kept in ``controllers.lock_pin`` with its wrong-try limit; these stay as
    # the names front ends and tests already use.

    def lock_pin_hash(self) -> str | None:
        """The slow hash of the lock PIN, or None when a PIN must be chosen (none
        yet, or wrong tries used it up). Kept in the profile's own meta table,
        which never travels to the share."""
        return self.lock_pin.pin_hash()

    def set_lock_pin(self, pin: str, again: str) -> None:
        self.lock_pin.set_pin(pin, again)

    def check_lock_pin(self, pin: str) -> PinOutcome:
        """Slow (scrypt, and a growing wait after wrong tries): call off the UI thread."""
        return self.lock_pin.check(pin)
