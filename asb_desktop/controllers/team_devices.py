"""The team's laptops as a supervisor manages them: who is enrolled, who is
waiting, enrolling a new laptop and removing a lost one.

Reads and writes the share's roster (``sync.roster``), so the window calls
these from its share-I/O worker. Each enrolment or removal is a supervisor's
decision about who may change the team's records, so it is audited here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa

from asb_desktop.controllers.access import AccessDenied
from asb_desktop.controllers.errors import NotFound, Problems, UserError
from asb_desktop.domain.enums import Role
from asb_desktop.store.models import SyncPeer
from asb_desktop.store.unit import Unit
from asb_desktop.sync import device_keys, roster
from asb_desktop.sync.device_keys import PublicKeys, unb64
from asb_desktop.sync.service import connect, enrolment
from asb_desktop.sync.transport import FolderTransport, ShareFS

ENROLLED, WAITING, REMOVED = "Enrolled", "Waiting to be enrolled", "Removed"


@dataclass(frozen=True)
class TeamDevice:
    device_id: str
    user_name: str
    role: str
    #: What the laptop's owner reads out, so the supervisor enrols the right one.
    fingerprint: str
    status: str
    this_device: bool


@dataclass(frozen=True)
class _Request:
    device_id: str
    user_id: str
    name: str
    role: str
    keys: PublicKeys


def _request(transport: FolderTransport, device_id: str) -> _Request | None:
    raw = transport.read_device_keys(device_id)
    if raw is None:
        return None
    try:
        d = json.loads(raw)
        return _Request(device_id, str(d["user"]), str(d["name"]), str(d["role"]),
                        PublicKeys(unb64(str(d["sign"])), unb64(str(d["box"]))))
    except (ValueError, KeyError, TypeError):
        return None  # a damaged request is not offered; the laptop can be set up again


class TeamDevicesController:
    def __init__(self, unit: Unit, fs: ShareFS | None = None) -> None:
        self._unit = unit
        self._fs = fs

    def _open(self) -> tuple[FolderTransport, roster.Roster]:
        root, share_id = enrolment(self._unit)
        transport = connect(root, share_id, self._fs)
        return transport, roster.read(transport, roster.pinned(self._unit))

    def fingerprint(self) -> str:
        """This laptop's code, for its officer to read out to the supervisor enrolling it."""
        return device_keys.ensure(self._unit).public.fingerprint

    def devices(self) -> list[TeamDevice]:
        """Every laptop on the share: enrolled ones first, then those waiting, then removed."""
        transport, found = self._open()
        me = self._unit.actor.device_id
        out: list[TeamDevice] = []
        for d, m in found.members.items():
            out.append(TeamDevice(d, m.name, m.role, m.keys.fingerprint,
                                  ENROLLED if m.active else REMOVED, d == me))
        for d in transport.devices():
            if d in found.members:
                continue
            asked = _request(transport, d)
            if asked is not None:
                out.append(TeamDevice(d, asked.name, asked.role, asked.keys.fingerprint, WAITING,
                                      d == me))
        order = {ENROLLED: 0, WAITING: 1, REMOVED: 2}
        return sorted(out, key=lambda t: (order[t.status], t.user_name.lower(), t.device_id))

    def _may_sign(self, found: roster.Roster) -> None:
        me = self._unit.actor.device_id
        if not found.may_sign(me):
            raise AccessDenied("Only a supervisor's enrolled laptop can enrol or remove laptops; "
                               "nothing was changed.")

    def _watermark(self, device_id: str) -> int:
        with self._unit.read() as s:
            return int(s.scalar(sa.select(SyncPeer.last_seq).where(
                SyncPeer.device_id == device_id)) or 0)

    def enrol(self, device_id: str, role: str | None = None) -> TeamDevice:
        """Put a waiting laptop on the roster, for its user in ``role`` (the role it asked
        for if None). What it sent before the share had a roster, and this laptop has
        already taken in, stays accepted; everything after must be signed."""
        if role is not None and role not in {r.value for r in Role}:
            raise UserError("Choose the role: officer or supervisor.")
        transport, found = self._open()
        self._may_sign(found)
        asked = _request(transport, device_id)
        if asked is None:
            raise NotFound("That laptop has not asked to join the team (or its request is "
                           "damaged); ask its officer to sync once, then try again.")
        current = found.members.get(device_id)
        if current is not None and current.active and current.keys == asked.keys \
                and current.role == (role or asked.role):
            raise UserError(f"{asked.name}'s laptop is already enrolled.")
        given = role or asked.role
        entry = roster.entry_for(device_id, asked.user_id, asked.name, given, asked.keys,
                                 legacy_upto=self._watermark(device_id))
        made = roster.append(transport, found, self._unit.actor.device_id,
                             device_keys.ensure(self._unit), entry, roster.pinned(self._unit))
        roster.remember(self._unit, made)
        with self._unit.write("sync.device_enrolled") as tx:
            tx.audit("device", device_id, f"Enrolled {asked.name}'s laptop ({device_id[:8]}, code "
                     f"{asked.keys.fingerprint}) on the team as {given}")
        return TeamDevice(device_id, asked.name, given, asked.keys.fingerprint, ENROLLED,
                          device_id == self._unit.actor.device_id)

    def revoke(self, device_id: str, reason: str) -> None:
        """Stop applying a laptop's new bundles (lost, stolen, or its officer has left).
        What it sent up to now, as this laptop has it, stays; nothing after does."""
        problems = Problems()
        problems.require("reason", reason, "Give the reason for removing this laptop")
        problems.raise_if_any()
        transport, found = self._open()
        self._may_sign(found)
        member = found.members.get(device_id)
        if member is None or not member.active:
            raise NotFound("That laptop is not enrolled on the team.")
        if device_id == self._unit.actor.device_id:
            raise UserError("A laptop cannot remove itself; ask another supervisor.")
        last = self._watermark(device_id)
        made = roster.append(transport, found, self._unit.actor.device_id,
                             device_keys.ensure(self._unit), roster.revocation(member, last),
                             roster.pinned(self._unit))
        roster.remember(self._unit, made)
        with self._unit.write("sync.device_revoked") as tx:
            tx.audit("device", device_id, f"Removed {member.name}'s laptop ({device_id[:8]}) from "
                     f"the team after its bundle {last}: {reason.strip()}")
