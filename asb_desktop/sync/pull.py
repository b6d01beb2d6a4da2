"""Pull: other devices' bundles past their watermarks, verified and applied in order.

Each bundle is applied in its own write transaction together with its
watermark and one audit row, so a bundle is in or out, never half. A device's
import stops at a gap in its numbering or at a bundle that fails to verify
(held in quarantine with its reason and retried on every sync). A bundle also
waits while it depends on bundles from a third device not yet applied here,
so rows it refers to always exist first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC

import sqlalchemy as sa

from asb_desktop.domain.hlc import Stamp
from asb_desktop.store.models import Base, SyncPeer, new_id
from asb_desktop.store.unit import Unit
from asb_desktop.sync import bundle as wire
from asb_desktop.sync.errors import BundleRejected
from asb_desktop.sync.merge import apply_changes
from asb_desktop.sync.transport import Transport

Progress = Callable[[str], None]


@dataclass
class Pulled:
    bundles: int = 0
    changes: int = 0
    conflicts: int = 0
    waiting: list[str] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)


def _peers(unit: Unit) -> dict[str, tuple[int, str]]:
    with unit.store.sessions() as s:
        return {p.device_id: (p.last_seq, p.last_hash) for p in s.scalars(sa.select(SyncPeer))}


def _quarantine(unit: Unit, device_id: str, seq: int, reason: str) -> None:
    t = Base.metadata.tables["sync_quarantine"]
    with unit.store.write_sessions() as s, s.begin():
        s.execute(sa.delete(t).where(t.c.device_id == device_id))
        s.execute(sa.insert(t).values(device_id=device_id, seq=seq, reason=reason, at=unit.now()))


def apply_bundle(unit: Unit, b: wire.Bundle, digest: str) -> tuple[int, int]:
    """One bundle, its watermark and its audit row, in one transaction."""
    tables = Base.metadata.tables
    peers, quar, audit = tables["sync_peers"], tables["sync_quarantine"], tables["audit"]
    now = unit.now()
    with unit.store.write_sessions() as s, s.begin():
        applied = apply_changes(s, b.changes, now)
        s.execute(sa.delete(peers).where(peers.c.device_id == b.device_id))
        s.execute(sa.insert(peers).values(device_id=b.device_id, last_seq=b.seq,
                                          last_hash=digest, updated_at=now))
        s.execute(sa.delete(quar).where(quar.c.device_id == b.device_id))
        s.execute(sa.insert(audit).values(
            id=new_id(), at=now, user_id=unit.actor.user_id, device_id=unit.actor.device_id,
            action="sync.imported", entity="bundle", entity_id=b.device_id,
            detail=f"Imported bundle {b.seq} from device {b.device_id[:8]}: "
                   f"{applied.changes} new of {len(b.changes)} changes",
        ))
    if applied.newest:
        physical = int(unit.clock.now().replace(tzinfo=UTC).timestamp() * 1000)
        unit.hlc.observe(Stamp.decode(applied.newest), physical)
    return applied.changes, applied.conflicts


def pull(unit: Unit, transport: Transport, key: bytes, share_id: str,
         progress: Progress | None = None) -> Pulled:
    result = Pulled()
    me = unit.actor.device_id
    peers = _peers(unit)
    pending: dict[str, list[int]] = {}
    for device in transport.devices():
        if device == me:
            continue
        last = peers.get(device, (0, ""))[0]
        ahead = [n for n in transport.list(device) if n > last]
        if ahead:
            pending[device] = ahead
    moved = True
    blocked: dict[str, str] = {}
    while moved:
        moved = False
        for device, seqs in pending.items():
            if device in blocked or not seqs:
                continue
            last, prev = peers.get(device, (0, ""))
            n = seqs[0]
            if n != last + 1:
                blocked[device] = (f"Waiting for bundle {last + 1} from device {device[:8]} "
                                   f"(it has sent {n}); its later changes wait until it arrives.")
                continue
            data = transport.get(device, n)
            try:
                b = wire.decode(data, key, share_id, device, n, prev)
                unmet = [d for d, need in b.deps.items()
                         if d != me and d != device and peers.get(d, (0, ""))[0] < need]
                if unmet:
                    reachable = any(d in pending and d not in blocked for d in unmet)
                    if not reachable:
                        blocked[device] = (f"Bundle {n} from device {device[:8]} needs changes "
                                           "from another device that have not arrived yet.")
                    continue
                changes, conflicts = apply_bundle(unit, b, wire.digest(data))
            except sa.exc.IntegrityError as exc:
                reason = (f"Bundle {n} from device {device[:8]} could not be applied here "
                          f"({exc.orig}); nothing from it was saved.")
                _quarantine(unit, device, n, reason)
                blocked[device] = reason
                result.quarantined.append(reason)
                continue
            except BundleRejected as exc:
                _quarantine(unit, device, n, str(exc))
                blocked[device] = str(exc)
                result.quarantined.append(str(exc))
                continue
            peers[device] = (n, wire.digest(data))
            seqs.pop(0)
            result.bundles += 1
            result.changes += changes
            result.conflicts += conflicts
            moved = True
            if progress:
                progress(f"Imported bundle {n} from device {device[:8]}")
    for device, seqs in pending.items():
        if seqs and device not in blocked:
            blocked[device] = (f"Bundle {seqs[0]} from device {device[:8]} waits for changes "
                               "from another device that have not arrived yet.")
    result.waiting = [m for d, m in blocked.items() if m not in result.quarantined]
    return result
