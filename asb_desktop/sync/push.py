"""Push: this device's unpushed change rows become the next bundle on the share.

Rows are marked pushed only after the bundle has been renamed into place. If
the process dies between the two, the next push finds the bundle on the
share ahead of what the profile remembers and adopts it (marks its change ids
pushed) instead of sending them again under a new number.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.store import meta
from asb_desktop.store.models import Change, SyncPeer
from asb_desktop.store.unit import Unit
from asb_desktop.sync import bundle as wire
from asb_desktop.sync.errors import BundleRejected, SyncError
from asb_desktop.sync.merge import chunks, local_bases
from asb_desktop.sync.transport import Transport

SEQ_KEY = "sync.bundle_seq"
HASH_KEY = "sync.bundle_hash"
#: Changes per bundle: big enough to keep file counts low, small enough to retry cheaply.
BUNDLE_CHANGES = 5000


@dataclass
class Pushed:
    bundles: int = 0
    changes: int = 0
    bytes: int = 0
    adopted: int = 0


def _position(s: Session) -> tuple[int, str]:
    return int(meta.get(s, SEQ_KEY, "0") or 0), meta.get(s, HASH_KEY, "") or ""


def _mark(unit: Unit, change_ids: list[str], seq: int, digest: str) -> None:
    with unit.store.write_sessions() as s, s.begin():
        for part in chunks(change_ids):
            s.execute(sa.update(Change).where(Change.change_id.in_(part)).values(pushed=True))
        meta.put(s, SEQ_KEY, str(seq))
        meta.put(s, HASH_KEY, digest)


def adopt(unit: Unit, transport: Transport, key: bytes, share_id: str) -> int:
    """Take over bundles of ours already on the share that the profile does not know it sent."""
    me = unit.actor.device_id
    with unit.store.sessions() as s:
        seq, prev = _position(s)
    adopted = 0
    for n in [n for n in transport.list(me) if n > seq]:
        if n != seq + 1:
            raise SyncError(
                f"This device's folder on the share skips from bundle {seq} to {n}; "
                "sync is paused for this device. Ask your administrator."
            )
        data = transport.get(me, n)
        try:
            b = wire.decode(data, key, share_id, me, n, prev)
        except BundleRejected as exc:
            raise SyncError(f"This device's own bundle on the share is damaged: {exc}") from exc
        seq, prev = n, wire.digest(data)
        _mark(unit, [c.change_id for c in b.changes], seq, prev)
        adopted += 1
    return adopted


def push(unit: Unit, transport: Transport, key: bytes, share_id: str,
         limit: int = BUNDLE_CHANGES) -> Pushed:
    result = Pushed()
    me = unit.actor.device_id
    transport.cleanup(me)
    result.adopted = adopt(unit, transport, key, share_id)
    while True:
        with unit.store.sessions() as s, s.begin():
            seq, prev = _position(s)
            rows = list(s.scalars(
                sa.select(Change).where(Change.pushed == sa.false(), Change.device_id == me)
                .order_by(Change.seq).limit(limit)
            ))
            if not rows:
                return result
            bases = local_bases(s, rows)
            deps = {p.device_id: p.last_seq for p in s.scalars(sa.select(SyncPeer))}
        changes = [
            wire.WireChange(r.change_id, r.entity, r.entity_id, r.op, r.fields, r.hlc,
                            r.device_id, r.user_id, bases.get(r.change_id, {}))
            for r in rows
        ]
        data = wire.encode(wire.Bundle(share_id, me, seq + 1, prev, deps, changes), key)
        transport.put(me, seq + 1, data)
        _mark(unit, [r.change_id for r in rows], seq + 1, wire.digest(data))
        result.bundles += 1
        result.changes += len(rows)
        result.bytes += len(data)
