"""Push: this device's unpushed change rows become the next bundle on the share.

Rows are marked pushed only after the bundle has been renamed into place. If
the process dies between the two, the next push finds the bundle on the
share ahead of what the profile remembers and adopts it (marks its change ids
pushed) instead of sending them again under a new number.

Adopting is only safe for bundles this profile really wrote. A profile folder
copied to a second laptop (or restored from a backup) gives two profiles one
device identity, and each would take the other's bundles for its own: their
data would silently drift apart. So a bundle is adopted only when every change
in it is in this profile's own change log, and this device's newest bundle on
the share must still be the one it remembers writing. Anything else that the
team key vouches for is the other copy's work: sync stops with
``CopiedProfile`` and the finding is kept in the profile (``FORK_KEY``), so
every later sync stops the same way, before touching the share, until this
copy is re-enrolled as a new device (``controllers.device``).

A file under this device's next number that the team key does not vouch for
(damaged, foreign, another share's) was not written by anyone in the team's
chain: it is moved aside, reported, and the number reused.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.store import meta
from asb_desktop.store.models import Change, SyncPeer
from asb_desktop.store.unit import Unit
from asb_desktop.sync import bundle as wire
from asb_desktop.sync.device_keys import DeviceKeys
from asb_desktop.sync.errors import BundleRejected, CopiedProfile, SyncError
from asb_desktop.sync.merge import chunks, local_bases
from asb_desktop.sync.roster import Roster
from asb_desktop.sync.sealing import STUB_OF, Grant, record_grants, seal
from asb_desktop.sync.transport import Transport

SEQ_KEY = "sync.bundle_seq"
HASH_KEY = "sync.bundle_hash"
#: Local change-log ``seq`` of the first change in the newest bundle this device wrote:
#: where to start sending again if another copy's bundle replaced that one.
FIRST_KEY = "sync.bundle_first"
#: JSON of the ``Fork`` found, or "" once this copy has been re-enrolled.
FORK_KEY = "sync.copied_profile"
#: The identity this profile had before it was re-enrolled; see ``take_over_former``.
FORMER_KEY = "sync.former_device_id"
#: Changes per bundle: big enough to keep file counts low, small enough to retry cheaply.
BUNDLE_CHANGES = 5000
_HEADER_AT = len(wire.MAGIC) + 1 + 4


@dataclass
class Pushed:
    bundles: int = 0
    changes: int = 0
    bytes: int = 0
    adopted: int = 0
    #: What was found in this device's folder and moved out of the way, said for the officer.
    set_aside: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Fork:
    """Where this profile and another copy of it parted on the share.

    ``shared_seq``/``shared_hash`` name the last bundle of the shared identity
    that this copy's data agrees with: after re-enrolment this copy reads the
    other copy's bundles from there on, like any other device's.
    ``resend_from`` is set when the other copy's bundle replaced one of ours
    (a share without hard links, both writing the same number at once): our
    changes from that local change-log position on never reached the team and
    must be sent again; None when all our sent changes are in the shared part.
    """

    device_id: str
    bundle: int
    shared_seq: int
    shared_hash: str
    resend_from: int | None
    found_at: str

    def to_json(self) -> str:
        return json.dumps({"device": self.device_id, "bundle": self.bundle,
                           "shared_seq": self.shared_seq, "shared_hash": self.shared_hash,
                           "resend_from": self.resend_from, "found_at": self.found_at})

    @classmethod
    def from_json(cls, text: str) -> Fork:
        d: dict[str, Any] = json.loads(text)
        resend = d.get("resend_from")
        return cls(str(d["device"]), int(d["bundle"]), int(d["shared_seq"]),
                   str(d["shared_hash"]), None if resend is None else int(resend),
                   str(d.get("found_at", "")))

    @property
    def message(self) -> str:
        return (
            "This laptop's profile is a copy of another laptop's profile (its folder was "
            "copied, or restored from a backup), so both use the same identity on the team "
            f"share: bundle {self.bundle} in this device's folder there was written by the "
            "other copy. Sync has stopped on this laptop so that neither copy overwrites the "
            "other's work. Nothing has been lost: everything saved here is still in this "
            "profile, and the other copy's work is safe on the share. To sync again, make "
            "this laptop a new device (the window offers it, or run 'asb-desktop sync "
            "reenrol'); its unsent work then goes to the team under the new identity."
        )


def recorded_fork(s: Session) -> Fork | None:
    text = meta.get(s, FORK_KEY)
    return Fork.from_json(text) if text else None


def _position(s: Session) -> tuple[int, str]:
    return int(meta.get(s, SEQ_KEY, "0") or 0), meta.get(s, HASH_KEY, "") or ""


def _mark(unit: Unit, change_ids: list[str], seq: int, digest: str,
          grants: list[Grant] | None = None) -> None:
    with unit.store.write_sessions() as s, s.begin():
        record_grants(s, grants or [])
        first: int | None = None
        for part in chunks(change_ids):
            low = s.scalar(sa.select(sa.func.min(Change.seq)).where(Change.change_id.in_(part)))
            if low is not None:
                first = low if first is None else min(first, low)
            s.execute(sa.update(Change).where(Change.change_id.in_(part)).values(pushed=True))
        meta.put(s, SEQ_KEY, str(seq))
        meta.put(s, HASH_KEY, digest)
        meta.put(s, FIRST_KEY, "" if first is None else str(first))


def _stop_if_forked(unit: Unit) -> None:
    with unit.store.sessions() as s:
        fork = recorded_fork(s)
    if fork is not None:
        raise CopiedProfile(fork.message)


def _claimed_prev(data: bytes) -> str | None:
    try:
        (hlen,) = struct.unpack(">I", data[_HEADER_AT - 4 : _HEADER_AT])
        prev = json.loads(data[_HEADER_AT : _HEADER_AT + hlen])["prev"]
    except (ValueError, KeyError, TypeError, struct.error):
        return None
    return prev if isinstance(prev, str) else None


def _vouched(data: bytes, key: bytes, share_id: str, me: str, n: int) -> wire.Bundle | None:
    """The bundle, if the team key vouches that a member of this share wrote it as
    this device's bundle ``n`` (whatever chain it continues); None otherwise."""
    prev = _claimed_prev(data)
    if prev is None:
        return None
    try:
        return wire.decode(data, key, share_id, me, n, prev)
    except BundleRejected:
        return None


def _all_ours(unit: Unit, me: str, b: wire.Bundle) -> bool:
    ids = [str(c.bases.get(STUB_OF, c.change_id)) for c in b.changes]
    found = 0
    with unit.store.sessions() as s:
        for part in chunks(ids):
            found += s.scalar(sa.select(sa.func.count()).select_from(Change).where(
                Change.change_id.in_(part), Change.device_id == me)) or 0
    return found == len(ids)


def _forked(unit: Unit, me: str, bundle: int, shared_seq: int, shared_hash: str,
            replaced: bool) -> CopiedProfile:
    """Keep the finding, then say it. Kept without an audit row: like the bundle
    position, it is this profile's own sync bookkeeping and never travels."""
    with unit.store.write_sessions() as s, s.begin():
        resend: int | None = None
        if replaced:
            resend = int(meta.get(s, FIRST_KEY, "") or 0)  # unknown: send everything again
        fork = Fork(me, bundle, shared_seq, shared_hash, resend,
                    datetime.now(UTC).isoformat(timespec="seconds"))
        meta.put(s, FORK_KEY, fork.to_json())
    return CopiedProfile(fork.message)


def adopt(unit: Unit, transport: Transport, key: bytes, share_id: str) -> tuple[int, list[str]]:
    """Take over bundles of ours already on the share that the profile does not know it sent.

    Returns how many were adopted and what was moved out of the way. Raises
    ``CopiedProfile`` when the folder holds another copy's work (see the module).
    """
    me = unit.actor.device_id
    _stop_if_forked(unit)
    with unit.store.sessions() as s:
        seq, prev = _position(s)
    have = transport.list(me)
    if prev and seq in have:
        data = transport.get(me, seq)
        if wire.digest(data) != prev:
            theirs = _vouched(data, key, share_id, me, seq)
            if theirs is not None:  # both copies wrote this number; the other's is there
                raise _forked(unit, me, seq, seq - 1, theirs.prev, replaced=True)
    adopted = 0
    moved: list[str] = []
    for n in [n for n in have if n > seq]:
        data = transport.get(me, n)
        found = _vouched(data, key, share_id, me, n)
        if found is not None and not _all_ours(unit, me, found):
            raise _forked(unit, me, n, seq, prev, replaced=False)
        if n != seq + 1:
            raise SyncError(
                f"This device's folder on the share skips from bundle {seq} to {n}; "
                "sync is paused for this device. Ask your administrator."
            )
        if found is None:
            if data[:4] == wire.MAGIC and len(data) > 4 and data[4] > wire.VERSION:
                raise SyncError(
                    f"Bundle {n} in this device's folder on the share was written by a newer "
                    "version of asb-desktop; update asb-desktop on this laptop. Nothing was changed."
                )
            name = transport.set_aside(me, n)
            moved.append(
                f"A file under this device's next bundle number ({n}) on the share was not "
                f"written by this device (damaged or put there by mistake); it was kept as "
                f"{name} and this device's own bundle was sent in its place."
            )
            break
        if found.prev != prev:
            raise SyncError(
                f"This device's own bundle {n} on the share does not follow its bundle {seq}; "
                "sync is paused for this device. Ask your administrator."
            )
        seq, prev = n, wire.digest(data)
        _mark(unit, [c.change_id for c in found.changes], seq, prev)
        adopted += 1
    return adopted, moved


def take_over_former(unit: Unit) -> None:
    """Send as this device any unsent change still under the identity it had before
    re-enrolment: a write that began just as the identity changed is captured
    under the old one, and the old folder now belongs to the other copy."""
    me = unit.actor.device_id
    with unit.store.sessions() as s:
        former = meta.get(s, FORMER_KEY)
    if not former or former == me:
        return
    with unit.store.write_sessions() as s, s.begin():
        s.execute(sa.update(Change).where(Change.pushed == sa.false(), Change.device_id == former)
                  .values(device_id=me))


def push(unit: Unit, transport: Transport, key: bytes, share_id: str,
         limit: int = BUNDLE_CHANGES, signer: DeviceKeys | None = None,
         roster: Roster | None = None) -> Pushed:
    """Send every unsent change of this device, signed by ``signer`` (this device's
    keys; None writes the old unsigned format, for a share made before signing).
    With the team's ``roster``, restricted cases' changes travel sealed for the
    laptops allowed to open them (``sealing``)."""
    result = Pushed()
    me = unit.actor.device_id
    _stop_if_forked(unit)  # before anything touches the folder the other copy writes to
    transport.cleanup(me)
    result.adopted, result.set_aside = adopt(unit, transport, key, share_id)
    take_over_former(unit)
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
        with unit.store.write_sessions() as ws, ws.begin():
            sealed = seal(ws, changes, roster, me, unit.now())
        bundle = wire.Bundle(share_id, me, seq + 1, prev, deps, sealed.clear,
                             [x.to_json() for x in sealed.sections],
                             [g.to_json() for g in sealed.grants])
        data = wire.encode(bundle, key, signer)
        transport.put(me, seq + 1, data)
        _mark(unit, [r.change_id for r in rows], seq + 1, wire.digest(data), sealed.grants)
        result.bundles += 1
        result.changes += len(rows)
        result.bytes += len(data)
