"""What this device trusts for one sync: its own keys, and the share's roster.

Worked out once at the start of each sync (``establish``) and handed to push,
pull and snapshots, so that every bundle this sync reads is judged against the
same roster, and what this laptop needs to tell its officer about its own
standing on the team ("waiting for a supervisor to enrol it") is said once.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from asb_desktop.store import meta
from asb_desktop.store.unit import Unit
from asb_desktop.sync import device_keys, roster
from asb_desktop.sync.arrival import Signer
from asb_desktop.sync.device_keys import DeviceKeys, PublicKeys, b64
from asb_desktop.sync.errors import SyncError
from asb_desktop.sync.transport import Transport

#: This device's own bundle position (as ``push.SEQ_KEY``; repeated to keep the layers apart).
_OWN_SEQ = "sync.bundle_seq"


class NotTrusted(SyncError):
    """A device whose bundles this sync does not apply (yet), said for the officer."""


class Revoked(NotTrusted):
    """A device a supervisor removed: its later bundles are never applied, so it is
    said once as a notice, not held as "waiting" on every sync."""


@dataclass
class Trust:
    keys: DeviceKeys
    roster: roster.Roster
    #: This laptop's device id.
    keys_owner: str = ""
    notices: list[str] = field(default_factory=list)

    def signers(self) -> dict[str, Signer] | None:
        """Whose changes each enrolled device sends; None on a share with no roster yet."""
        if not self.roster.started:
            return None
        return {d: Signer(m.user_id, m.role) for d, m in self.roster.members.items()}

    def vouch(self) -> Callable[[str], PublicKeys | None] | None:
        """Who may vouch for a team snapshot (a supervisor's laptop, or the one that set the
        share up); None on a share with no roster, where nobody's signature can be checked."""
        if not self.roster.started:
            return None
        members = self.roster.members
        return lambda device: members[device].keys if self.roster.may_sign(device) else None

    @property
    def writes_snapshots(self) -> bool:
        """Only a laptop whose snapshots others will load writes them."""
        return not self.roster.started or self.roster.may_sign(self.keys_owner)

    def reading(self, device_id: str, seq: int, name: str = "") -> tuple[PublicKeys | None, bool]:
        """How to read ``device_id``'s bundle ``seq``: the key it must be signed with, and
        whether an unsigned one is still acceptable; raises ``NotTrusted`` if it is not read."""
        if not self.roster.started:
            return None, True
        member = self.roster.members.get(device_id)
        who = name or f"device {device_id[:8]}"
        if member is None:
            raise NotTrusted(
                f"Changes from {who} wait until a supervisor enrols that laptop "
                "(Sync ▸ Team devices…).")
        if not member.accepts(seq):
            raise Revoked(
                f"{member.name}'s laptop ({device_id[:8]}) was removed from the team by a "
                f"supervisor; its bundles after number {member.revoked_after} are not applied.")
        return member.keys, seq <= member.legacy_upto


def _request(unit: Unit, keys: DeviceKeys) -> bytes:
    a = unit.actor
    return json.dumps({"device": a.device_id, "user": a.user_id, "name": a.name, "role": a.role,
                       "sign": b64(keys.public.sign), "box": b64(keys.public.box)}, indent=1).encode()


def start_roster(unit: Unit, transport: Transport, keys: DeviceKeys) -> roster.Roster:
    """Make this device the first on the share's roster (it set the share up, or it is
    the first supervisor's laptop to sync on a share made before devices signed)."""
    a = unit.actor
    with unit.store.sessions() as s:
        own = int(meta.get(s, _OWN_SEQ, "0") or 0)
    entry = roster.entry_for(a.device_id, a.user_id, a.name, a.role, keys.public, "start", own)
    made = roster.append(transport, roster.Roster(), a.device_id, keys, entry, None)
    roster.remember(unit, made)
    return made


def establish(unit: Unit, transport: Transport) -> Trust:
    a = unit.actor
    keys = device_keys.ensure(unit)
    pin = roster.pinned(unit)
    found = roster.read(transport, pin)
    if transport.read_device_keys(a.device_id) is None:
        transport.put_device_keys(a.device_id, _request(unit, keys))
    if not found.started and a.is_supervisor:
        found = start_roster(unit, transport, keys)
    roster.remember(unit, found)
    trust = Trust(keys, found, a.device_id)
    me = found.members.get(a.device_id)
    if found.problem:
        trust.notices.append(found.problem)
    if found.started and me is None:
        trust.notices.append(
            "This laptop is not yet enrolled on the team: what it sends reaches the others "
            "once a supervisor enrols it (Sync ▸ Team devices…). Read them this laptop's "
            f"code: {keys.public.fingerprint}.")
    elif me is not None and me.keys != keys.public:
        trust.notices.append(
            "This laptop's keys are not the ones enrolled for it, so the team will not apply "
            "what it sends. Ask a supervisor to enrol it again (Sync ▸ Team devices…).")
    elif me is not None and not me.active:
        trust.notices.append("This laptop was removed from the team by a supervisor; what it "
                             "sends is no longer applied by the others.")
    return trust
