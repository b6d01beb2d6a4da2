"""Pull: other devices' bundles past their watermarks, verified and applied in order.

Each bundle is applied in its own write transaction together with its
watermark and one audit row, so a bundle is in or out, never half. A device's
import stops at a gap in its numbering or at a bundle that fails to verify
(held in quarantine with its reason and retried on every sync). A bundle also
waits while it depends on bundles from a third device not yet applied here,
so rows it refers to always exist first.

A bundle that verifies is never held back for what is in it: a change this
profile cannot take is set aside with its reason (``sync_set_aside``) and the
rest of the bundle, and the bundles after it, apply. Holding it back instead
would stop everything that device ever writes from arriving here, for good.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.domain.hlc import Stamp
from asb_desktop.store.capture import CaptureContext
from asb_desktop.store.models import Base, SyncPeer, new_id
from asb_desktop.store.models.system import LOCAL_ACTIONS
from asb_desktop.store.purge import erase_orphans, erase_unseen, finish_following
from asb_desktop.store.unit import Unit
from asb_desktop.sync import bundle as wire
from asb_desktop.sync import sealing
from asb_desktop.sync.arrival import Signer
from asb_desktop.sync.errors import BundleRejected
from asb_desktop.sync.forget import forget_hidden
from asb_desktop.sync.merge import (
    Applied,
    apply_changes,
    arriving_purges,
    set_aside,
    set_aside_unappliable,
)
from asb_desktop.sync.transport import Transport
from asb_desktop.sync.trust import NotTrusted, Revoked, Trust

Progress = Callable[[str], None]
#: Changes applied per write transaction. Bundles are gathered up to this many,
#: so a morning pull of hundreds of small bundles pays a few commits (each an
#: fsync) instead of hundreds, while an officer's save never waits long behind one.
GROUP_CHANGES = 5000


@dataclass
class Pulled:
    bundles: int = 0
    changes: int = 0
    conflicts: int = 0
    #: Changes set aside (unappliable) or dropped (overtaken by a purge); see ``sync_set_aside``.
    set_aside: int = 0
    waiting: list[str] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)
    #: Said once, not a reason the sync is incomplete (a removed laptop's later bundles).
    notices: list[str] = field(default_factory=list)


def _peers(unit: Unit) -> dict[str, tuple[int, str]]:
    with unit.store.sessions() as s:
        return {p.device_id: (p.last_seq, p.last_hash) for p in s.scalars(sa.select(SyncPeer))}


def _quarantine(unit: Unit, device_id: str, seq: int, reason: str) -> None:
    t = Base.metadata.tables["sync_quarantine"]
    with unit.store.write_sessions() as s, s.begin():
        s.execute(sa.delete(t).where(t.c.device_id == device_id))
        s.execute(sa.insert(t).values(device_id=device_id, seq=seq, reason=reason, at=unit.now()))


def _merge(s: Session, unit: Unit, bundles: Sequence[wire.Bundle], now: datetime,
           careful: bool, signers: Mapping[str, Signer] | None) -> Applied:
    """The bundles' changes, with another device's purge followed through here.

    Rows hanging off a purged case that its author never saw are erased first
    (so the case's own tombstone can apply); the audit wording, drafts and
    index follow once the purge's deletes are in. Those local erasures are
    captured as this device's own changes so they reach everyone else.
    """
    s.info["capture"] = CaptureContext(unit.actor.device_id, unit.actor.user_id, unit.stamp)
    try:
        changes = [c for b in bundles for c in b.changes]
        purges = arriving_purges(changes)
        plan = erase_unseen(s, purges) if purges else None
        if careful:
            applied = Applied()
            for b in bundles:
                _add(applied, _careful(s, b, now, signers))
        else:
            seqs = {c.change_id: b.seq for b in bundles for c in b.changes}
            applied = apply_changes(s, changes, now, seqs, signers)
        if plan is not None:
            finish_following(s, plan)
        erase_orphans(s, applied.orphans)
        s.flush()
    finally:
        s.info.pop("capture", None)
    return applied


def _careful(s: Session, b: wire.Bundle, now: datetime,
             signers: Mapping[str, Signer] | None) -> Applied:
    """One change at a time, each in a savepoint: what fails is set aside, the rest applies.

    Only used after the bundle failed as a whole, so the usual case keeps its
    batched writes. Foreign keys are checked at each statement here rather
    than at commit (the write transaction defers them), so the change that
    breaks one is the change that fails; bundles list parents before children.
    """
    s.execute(sa.text("PRAGMA defer_foreign_keys=OFF"))
    total = Applied()
    for c in b.changes:
        try:
            with s.begin_nested():
                one = apply_changes(s, [c], now, b.seq, signers)
        except sa.exc.IntegrityError as exc:
            set_aside_unappliable(
                s, c, f"This profile could not apply it ({exc.orig}); it was set aside for a "
                      "supervisor, and the rest of the bundle was applied.", now, b.seq)
            total.set_aside += 1
            continue
        _add(total, one)
    return total


def _add(total: Applied, one: Applied) -> None:
    total.changes += one.changes
    total.conflicts += one.conflicts
    total.dropped += one.dropped
    total.set_aside += one.set_aside
    total.newest = max(total.newest, one.newest)
    total.orphans |= one.orphans


def _imported(bundles: Sequence[wire.Bundle]) -> str:
    """Which bundles, in a line: "bundle 7 from device 1a2b3c4d", or per device ranges."""
    if len(bundles) == 1:
        return f"bundle {bundles[0].seq} from device {bundles[0].device_id[:8]}"
    seen: dict[str, list[int]] = {}
    for b in bundles:
        seen.setdefault(b.device_id, []).append(b.seq)
    parts = [f"{d[:8]} {min(n)}" + (f"–{max(n)}" if len(n) > 1 else "") for d, n in seen.items()]
    return f"{len(bundles)} bundles from {len(seen)} device(s) ({', '.join(parts)})"


def apply_bundle(unit: Unit, b: wire.Bundle, digest: str, careful: bool = False,
                 trust: Trust | None = None) -> Applied:
    """One bundle, its watermark and its audit row, in one transaction."""
    return apply_bundles(unit, [(b, digest)], careful, trust)


def _unsealed(s: Session, unit: Unit, b: wire.Bundle, trust: Trust | None) -> wire.Bundle:
    """The bundle with the restricted cases' sections this laptop may open opened (and
    any it kept unread whose key came in this bundle); the rest kept as they came."""
    if not b.sections and not b.grants:
        return b
    if trust is None:
        return b  # no keys to open anything with: the sections stay on the share
    opened = sealing.receive(
        s, trust.keys.box, unit.actor.device_id, b.device_id, b.seq,
        [sealing.Section.from_json(x) for x in b.sections],
        [sealing.Grant.from_json(g) for g in b.grants], unit.now())
    return dataclasses.replace(b, changes=[*opened, *b.changes])


def apply_bundles(unit: Unit, items: Sequence[tuple[wire.Bundle, str]],
                  careful: bool = False, trust: Trust | None = None) -> Applied:
    """Bundles (in the order they may apply), their watermarks and one audit row, in
    one transaction: all of them in, or none."""
    tables = Base.metadata.tables
    peers, quar, audit = tables["sync_peers"], tables["sync_quarantine"], tables["audit"]
    now = unit.now()
    bundles = [b for b, _ in items]
    total = sum(len(b.changes) for b in bundles)
    with unit.store.write_sessions() as s, s.begin():
        bundles = [_unsealed(s, unit, b, trust) for b in bundles]
        total = sum(len(b.changes) for b in bundles)
        applied = _merge(s, unit, bundles, now, careful,
                         trust.signers() if trust is not None else None)
        last: dict[str, tuple[int, str]] = {b.device_id: (b.seq, d) for b, d in items}
        for device, (seq, digest) in last.items():
            s.execute(sa.delete(peers).where(peers.c.device_id == device))
            s.execute(sa.insert(peers).values(device_id=device, last_seq=seq,
                                              last_hash=digest, updated_at=now))
            s.execute(sa.delete(quar).where(quar.c.device_id == device))
        s.execute(sa.insert(audit).values(
            id=new_id(), at=now, user_id=unit.actor.user_id, device_id=unit.actor.device_id,
            action=LOCAL_ACTIONS[0], entity="bundle", entity_id=bundles[0].device_id,
            detail=f"Imported {_imported(bundles)}: {applied.changes} new of {total} changes"
                   + (f", {applied.dropped} dropped as purged" if applied.dropped else "")
                   + (f", {applied.set_aside} set aside" if applied.set_aside else ""),
        ))
    if applied.newest:
        physical = int(unit.clock.now().replace(tzinfo=UTC).timestamp() * 1000)
        unit.hlc.observe(Stamp.decode(applied.newest), physical)
    return applied


def _own_changes_only(unit: Unit, b: wire.Bundle) -> wire.Bundle:
    """A device sends only changes made on it: one claiming another device is
    refused (set aside with its reason for a supervisor) and the rest applies."""
    mine = [c for c in b.changes if c.device_id == b.device_id]
    if len(mine) == len(b.changes):
        return b
    with unit.store.write_sessions() as s, s.begin():
        for c in b.changes:
            if c.device_id != b.device_id:
                set_aside(s, c, "refused", "It claims to come from another laptop than the one "
                          "that signed it; a laptop sends only its own changes.", unit.now(), b.seq)
    return dataclasses.replace(b, changes=mine)


def pull(unit: Unit, transport: Transport, key: bytes, share_id: str,
         progress: Progress | None = None, trust: Trust | None = None) -> Pulled:
    """Apply other devices' bundles. ``trust`` is this sync's roster and keys: each
    bundle must be signed by its device's enrolled key, and each change is judged
    as that device's user's; None only where no roster can exist (tests of the format)."""
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
    batch: list[tuple[wire.Bundle, str]] = []

    def flush() -> None:
        """Apply what was gathered; if it fails as a whole, bundle by bundle."""
        if not batch:
            return
        try:
            done = [(batch, apply_bundles(unit, batch, trust=trust))]
        except sa.exc.IntegrityError:
            done = []
            good: dict[str, tuple[int, str]] = {}
            for b, digest in batch:
                if b.device_id in blocked:
                    continue
                try:
                    try:
                        one = apply_bundle(unit, b, digest, trust=trust)
                    except sa.exc.IntegrityError:
                        one = apply_bundle(unit, b, digest, careful=True, trust=trust)
                except sa.exc.IntegrityError as exc:
                    # Only when setting changes aside one by one failed too: a bug, said plainly.
                    reason = (f"Bundle {b.seq} from device {b.device_id[:8]} could not be applied "
                              f"here ({exc.orig}); nothing from it was saved.")
                    _quarantine(unit, b.device_id, b.seq, reason)
                    blocked[b.device_id] = reason
                    result.quarantined.append(reason)
                    peers[b.device_id] = good.get(b.device_id, applied_from.get(b.device_id, (0, "")))
                    continue
                good[b.device_id] = (b.seq, digest)
                done.append(([(b, digest)], one))
        for part, applied in done:
            result.bundles += len(part)
            result.changes += applied.changes
            result.conflicts += applied.conflicts
            result.set_aside += applied.set_aside + applied.dropped
            if progress:
                for b, _ in part:
                    progress(f"Imported bundle {b.seq} from device {b.device_id[:8]}")
        batch.clear()

    applied_from = dict(peers)
    gathered = 0
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
            try:
                signed_by, unsigned_ok = trust.reading(device, n) if trust else (None, True)
            except Revoked as exc:
                result.notices.append(str(exc))
                pending[device] = []
                continue
            except NotTrusted as exc:
                blocked[device] = str(exc)
                continue
            data = transport.get(device, n)
            try:
                b = _own_changes_only(unit, wire.decode(data, key, share_id, device, n, prev,
                                                        signed_by, unsigned_ok))
                unmet = [d for d, need in b.deps.items()
                         if d != me and d != device and peers.get(d, (0, ""))[0] < need]
                if unmet:
                    reachable = any(d in pending and d not in blocked for d in unmet)
                    if not reachable:
                        blocked[device] = (f"Bundle {n} from device {device[:8]} needs changes "
                                           "from another device that have not arrived yet.")
                    continue
            except BundleRejected as exc:
                _quarantine(unit, device, n, str(exc))
                blocked[device] = str(exc)
                result.quarantined.append(str(exc))
                continue
            # Counted as applied from here on, so bundles that depend on it may join the
            # same batch; if the batch fails it is retried bundle by bundle (``flush``).
            peers[device] = (n, wire.digest(data))
            seqs.pop(0)
            batch.append((b, peers[device][1]))
            gathered += len(b.changes)
            if gathered >= GROUP_CHANGES:
                flush()
                gathered = 0
            moved = True
    flush()
    if trust is not None and trust.roster.started:
        forgotten = forget_hidden(unit)
        if forgotten:
            result.notices.append(
                f"{len(forgotten)} case(s) restricted since they reached this laptop were "
                "removed from it: only what the caseload shows of them is kept, as its user "
                "may not open them.")
    for device, seqs in pending.items():
        if seqs and device not in blocked:
            blocked[device] = (f"Bundle {seqs[0]} from device {device[:8]} waits for changes "
                               "from another device that have not arrived yet.")
    result.waiting = [m for d, m in blocked.items() if m not in result.quarantined]
    return result
