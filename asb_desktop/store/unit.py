"""The unit of work every controller method, and sync, runs in.

It lives with the store, below both the controllers and sync, so that sync can
apply other devices' changes with the same transactions and clocks without
importing the layer above it. A write is one ``BEGIN IMMEDIATE`` transaction holding the change itself, its
change-log rows (captured on flush) and exactly one audit row. If any part
fails, none of it is saved.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.domain.changes import Changed
from asb_desktop.domain.clock import SystemClock as SystemClock  # re-exported for app
from asb_desktop.domain.hlc import HybridClock, Stamp
from asb_desktop.domain.permissions import NotPermitted, role_change_refusal
from asb_desktop.domain.policy import Policy
from asb_desktop.store.capture import CaptureContext
from asb_desktop.store.engine import Store
from asb_desktop.store.models import AuditEntry, Change, User


class Clock(Protocol):
    """Wall time. Tests pass a fixed clock; the app passes ``SystemClock``."""

    def now(self) -> datetime: ...


@dataclass(frozen=True)
class Actor:
    """The signed-in user on this device."""

    user_id: str
    device_id: str
    name: str
    role: str

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


class Tx:
    """An open write transaction; ``audit`` must be called exactly once."""

    def __init__(self, session: Session, unit: Unit, action: str) -> None:
        self.session = session
        self._unit = unit
        self._action = action
        self.audited = False
        self.now = unit.now()

    def audit(self, entity: str, entity_id: str | None, detail: str = "") -> None:
        if self.audited:
            raise RuntimeError("one audit row per controller write")
        self.session.add(
            AuditEntry(
                at=self.now,
                user_id=self._unit.actor.user_id,
                device_id=self._unit.actor.device_id,
                action=self._action,
                entity=entity,
                entity_id=entity_id,
                detail=detail,
            )
        )
        self.audited = True


class Unit:
    """Store, actor, clocks and policy: what every controller is built with."""

    def __init__(self, store: Store, actor: Actor, clock: Clock, policy: Policy) -> None:
        self.store = store
        self.actor = actor
        self.clock = clock
        self.policy = policy
        self.hlc = HybridClock(actor.device_id, self._last_stamp())
        self._changed: set[tuple[str, str]] = set()
        self._changed_everything = False
        self._changed_lock = threading.Lock()

    def _last_stamp(self) -> Stamp | None:
        with self.store.sessions() as s:
            last = s.scalar(sa.select(sa.func.max(Change.hlc)))
        return Stamp.decode(last) if last else None

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.now().date()

    def stamp(self) -> str:
        return self.hlc.now(int(self.clock.now().replace(tzinfo=UTC).timestamp() * 1000)).encode()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.store.sessions() as session, session.begin():
            yield session

    @contextmanager
    def write(self, action: str) -> Iterator[Tx]:
        with self.store.write_sessions() as session:
            session.info["capture"] = CaptureContext(
                self.actor.device_id, self.actor.user_id, self.stamp
            )
            guard = _role_guard(self.actor)
            sa.event.listen(session, "before_flush", guard)
            try:
                with session.begin():
                    tx = Tx(session, self, action)
                    yield tx
                    if not tx.audited:
                        raise RuntimeError(f"controller write {action!r} wrote no audit row")
                    session.flush()
            finally:
                sa.event.remove(session, "before_flush", guard)
            self.note_changed(session.info.get("touched", ()))

    # -- what changed, for whoever shows it -------------------------------------------

    def note_changed(self, rows: Iterable[tuple[str, str]] = (), everything: bool = False) -> None:
        """Remember committed writes until the window asks (``take_changed``).
        ``everything`` is for rows that arrived wholesale, such as a sync pull."""
        with self._changed_lock:
            self._changed.update(rows)
            self._changed_everything = self._changed_everything or everything

    def take_changed(self) -> Changed:
        """What was committed since the last call; safe from any thread."""
        with self._changed_lock:
            rows, everything = self._changed, self._changed_everything
            self._changed, self._changed_everything = set(), False
        return Changed.of(rows, everything)


def _role_guard(actor: Actor) -> Callable[[Session, Any, Any], None]:
    """Refuse, at flush, any user row that makes a supervisor or changes a role
    against ``domain.permissions.role_change_refusal``.

    The controllers check first, with their own words; this catches every other
    write made through a unit (a new code path, a plug-in, a hand-written
    transaction), since a supervisor opens every restricted case and an officer
    who could write their own role could read them all on reopening."""

    def guard(session: Session, _ctx: Any, _instances: Any) -> None:
        for obj in session.new:
            if isinstance(obj, User):
                _refuse(role_change_refusal(actor.user_id, actor.role, obj.id or "", None, obj.role))
        for obj in session.dirty:
            if isinstance(obj, User):
                history = sa.inspect(obj).attrs.role.history
                if history.has_changes():
                    before = str(history.deleted[0]) if history.deleted else ""
                    _refuse(role_change_refusal(actor.user_id, actor.role, obj.id, before, obj.role))

    return guard


def _refuse(refusal: str | None) -> None:
    if refusal is not None:
        raise NotPermitted(refusal)
