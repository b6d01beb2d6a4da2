"""Bulk writes with sqlite-utils inside a controller's unit of work.

An import of tens of thousands of rows through the ORM spends most of its time
building objects and tracking their state. sqlite-utils writes plain dicts in
batched multi-row statements instead, and, given a connection already inside a
transaction, wraps its work in SAVEPOINTs rather than committing: so it runs on
the profile's own SQLCipher connection, inside the ``BEGIN IMMEDIATE`` the unit
opened, and the change, its audit row and its change rows commit or vanish
together.

Because these rows bypass the ORM, ``store.capture`` never sees them; this
writer makes the change rows itself, in the same shape (one row per entity per
write, every field the write set, one clock stamp), so other devices receive
the rows like any other change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
import sqlite_utils

from asb_desktop.domain.hlc import Stamp
from asb_desktop.store.capture import to_json
from asb_desktop.store.models import Base, Change, new_id
from asb_desktop.store.unit import Tx, Unit

_BATCH = 500


def database(tx: Tx) -> sqlite_utils.Database:
    """sqlite-utils on the transaction's own DB-API connection (same key, same
    ``BEGIN IMMEDIATE``); plug-ins are not loaded into the profile's connection."""
    raw = tx.session.connection().connection.driver_connection
    return sqlite_utils.Database(raw, execute_plugins=False)


def defaults(model: type[Base]) -> dict[str, Any]:
    """Each column's default as the ORM would fill it on a new row."""
    out: dict[str, Any] = {}
    table: sa.Table = model.__table__  # type: ignore[assignment]
    for col in table.columns:
        default = col.default
        if default is None or col.primary_key:
            out[col.name] = None
        elif default.is_callable:
            out[col.name] = default.arg(None)  # type: ignore[attr-defined]
        else:
            out[col.name] = default.arg  # type: ignore[attr-defined]
    return out


def _stored(value: Any) -> Any:
    """A value as SQLAlchemy stores it in SQLite, so the ORM reads it back alike."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return value


class BulkWriter:
    """Rows to insert, update and delete, written per table with sqlite-utils
    and with their change rows, when ``flush`` is called."""

    def __init__(self, tx: Tx, unit: Unit) -> None:
        self.tx = self._tx = tx
        self.unit = self._unit = unit
        self._inserts: dict[type[Base], list[dict[str, Any]]] = {}
        self._updates: dict[type[Base], list[dict[str, Any]]] = {}
        self._deletes: dict[type[Base], list[str]] = {}
        self._changes: list[dict[str, Any]] = []
        self._defaults: dict[type[Base], dict[str, Any]] = {}
        # Change ids of one bulk write share a random prefix and count up, so
        # they land side by side in the change log's unique index instead of
        # at random pages (a third of the change log's insert time at 50,000).
        self._prefix = new_id()[:24]
        self._count = 0

    def insert(self, model: type[Base], values: dict[str, Any]) -> None:
        """A new row (``values`` holds its ``id``); every field goes into its change row."""
        base = self._defaults.get(model)
        if base is None:
            base = self._defaults[model] = defaults(model)
        row = {**base, **values}
        self._inserts.setdefault(model, []).append(row)
        self._change(model, row["id"], "upsert",
                     {k: v for k, v in row.items() if k != "id"})

    def update(self, model: type[Base], full: dict[str, Any], changed: Iterable[str]) -> None:
        """An existing row rewritten whole (``full``); only ``changed`` fields travel."""
        self._updates.setdefault(model, []).append(full)
        self._change(model, full["id"], "upsert", {k: full[k] for k in changed})

    def delete(self, model: type[Base], row_id: str) -> None:
        self._deletes.setdefault(model, []).append(row_id)
        self._change(model, row_id, "delete", {})

    def _change(self, model: type[Base], row_id: str, op: str, fields: dict[str, Any]) -> None:
        # Told to the window after commit, as the capture hook does for ORM writes.
        self._tx.session.info.setdefault("touched", set()).add((model.__tablename__, row_id))
        actor = self._unit.actor
        self._count += 1
        self._changes.append({
            "change_id": f"{self._prefix}{self._count:012x}",
            "entity": model.__tablename__, "entity_id": row_id,
            "op": op, "fields": json.dumps({k: to_json(v) for k, v in fields.items()}),
            "hlc": self._unit.stamp(), "device_id": actor.device_id, "user_id": actor.user_id,
            "pushed": 0,
        })

    @property
    def pending(self) -> int:
        """How many rows would be written (change rows aside)."""
        return len(self._changes)

    def flush(self) -> None:
        db = database(self._tx)
        for model, rows in self._inserts.items():
            db.table(model.__tablename__).insert_all(_as_stored(rows), batch_size=_BATCH)
        for model, rows in self._updates.items():
            db.table(model.__tablename__).upsert_all(_as_stored(rows), pk="id", batch_size=_BATCH)
        for model, ids in self._deletes.items():
            for chunk in _chunks(ids, _BATCH):
                marks = ",".join("?" * len(chunk))
                db.execute(f"DELETE FROM {model.__tablename__} WHERE id IN ({marks})", chunk)
        db.table(Change.__tablename__).insert_all(self._changes, batch_size=_BATCH)
        self._inserts.clear()
        self._updates.clear()
        self._deletes.clear()
        self._changes.clear()

    def insert_select(self, model: type[Base], source: str, where: str,
                      columns: dict[str, str], params: dict[str, Any] | None = None) -> int:
        """New rows made in SQL from a staged table, with their change rows
        made the same way (``json_object``), so tens of thousands of rows cost
        no Python objects at all. ``columns`` maps column names (``id`` among
        them) to SQL over ``source``; a column left out takes its default, and
        ``created_at`` is the transaction's time. Returns the rows written."""
        db = database(self._tx)
        table = model.__tablename__
        values: dict[str, Any] = dict(params or {})
        stored: dict[str, str] = {}
        as_json: dict[str, str] = {}
        now = self._tx.now
        for col, default in defaults(model).items():
            if col in columns:
                stored[col] = as_json[col] = columns[col]
                continue
            value = now if col == "created_at" else default
            values[f"d_{col}"] = _stored(value)
            values[f"j_{col}"] = json.dumps(to_json(value))
            stored[col] = f":d_{col}"
            as_json[col] = f"json(:j_{col})"
        cols = ", ".join(stored)
        # In id order: each index then grows at one end instead of at random
        # pages (ids are UUIDs), which halves the time for large imports.
        order = f"ORDER BY {columns['id']}"
        cur = db.execute(f"INSERT INTO {table} ({cols}) SELECT {', '.join(stored.values())} "
                         f"FROM {source} WHERE {where} {order}", values)
        count = int(cur.rowcount)
        if not count:
            return 0
        self._tx.session.info.setdefault("touched", set()).add((table, ""))
        first = Stamp.decode(self._unit.stamp())
        actor = self._unit.actor
        fields = ", ".join(f"'{c}', {e}" for c, e in as_json.items() if c != "id")
        # Stamps count on from the clock's own: the counter carries into the
        # wall time past 999,999, as fixed-width stamps need.
        n = "(row_number() OVER () - 1)"
        values.update(prefix=self._prefix, base=self._count, wall=first.wall_ms,
                      counter=first.counter, device=first.device, device_id=actor.device_id,
                      user_id=actor.user_id)
        db.execute(
            "INSERT INTO changes (change_id, entity, entity_id, op, fields, hlc, device_id, "
            f"user_id, pushed) SELECT :prefix || printf('%012x', :base + {n} + 1), '{table}', "
            f"{columns['id']}, 'upsert', json_object({fields}), "
            f"printf('%013d.%06d.%s', :wall + (:counter + {n}) / 1000000, "
            f"(:counter + {n}) % 1000000, :device), :device_id, :user_id, 0 "
            f"FROM {source} WHERE {where} {order}", values)
        self._count += count
        last = first.counter + count - 1
        self._unit.hlc.observe(Stamp(first.wall_ms + last // 1_000_000, last % 1_000_000,
                                     first.device), first.wall_ms)
        return count


def _as_stored(rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield {k: _stored(v) for k, v in row.items()}


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
