"""Change capture: turn what a controller's session flushed into change-log rows.

Hooked to the write sessions' ``after_flush``, so a controller cannot write a
synced row without its change row: audit and sync are complete by
construction, not by each controller remembering to call something.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import inspect
from sqlalchemy.orm import Session, UOWTransaction

from asb_desktop.store.models import Base, Change, new_id

Json = Any


def to_json(value: Any) -> Json:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return value


def synced(obj: object) -> bool:
    return isinstance(obj, Base) and bool(getattr(type(obj), "__synced__", True))


def _row_fields(obj: Base, only_changed: bool) -> dict[str, Json]:
    state = inspect(obj)
    fields: dict[str, Json] = {}
    for attr in state.mapper.column_attrs:
        if attr.columns[0].primary_key:
            continue
        if only_changed:
            hist = state.attrs[attr.key].history
            if not hist.added:
                continue
            value = hist.added[0]
        else:
            value = getattr(obj, attr.key)
        fields[attr.key] = to_json(value)
    return fields


class CaptureContext:
    """What a change row needs beyond the data: who, where, and a clock stamp."""

    def __init__(self, device_id: str, user_id: str | None, stamp: Callable[[], str]) -> None:
        self.device_id = device_id
        self.user_id = user_id
        self.stamp = stamp


class WriteOutsideController(RuntimeError):
    """A synced table was written without a controller's transaction: a bug."""


def capture_after_flush(session: Session, _ctx: UOWTransaction) -> None:
    ctx: CaptureContext | None = session.info.get("capture")
    pending: list[tuple[str, Base, dict[str, Json]]] = []
    for obj in session.new:
        if synced(obj):
            pending.append(("upsert", obj, _row_fields(obj, only_changed=False)))
    for obj in session.dirty:
        if synced(obj) and session.is_modified(obj, include_collections=False):
            fields = _row_fields(obj, only_changed=True)
            if fields:
                pending.append(("upsert", obj, fields))
    for obj in session.deleted:
        if synced(obj):
            pending.append(("delete", obj, {}))
    if not pending:
        return
    if ctx is None:
        raise WriteOutsideController(
            f"{type(pending[0][1]).__name__} written outside a controller transaction"
        )
    touched: set[tuple[str, str]] = session.info.setdefault("touched", set())
    touched.update((obj.__tablename__, obj.id) for _op, obj, _f in pending)  # type: ignore[attr-defined]
    rows = [
        {
            "change_id": new_id(),
            "entity": obj.__tablename__,
            "entity_id": obj.id,  # type: ignore[attr-defined]
            "op": op,
            "fields": fields,
            "hlc": ctx.stamp(),
            "device_id": ctx.device_id,
            "user_id": ctx.user_id,
            "pushed": False,
        }
        for op, obj, fields in pending
    ]
    session.execute(sa.insert(Change), rows)
