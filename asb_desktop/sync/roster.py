"""The roster: which laptops belong to the team, whose they are, and in what role.

Everyone in the team knows the enrolment passphrase, so the team key cannot
tell a supervisor's laptop from an officer's. The roster can: it is a chain of
numbered entries on the share (``roster/0000000001.json`` …), each naming one
device, its user, that user's role and the device's public keys, and each
signed by a device already trusted to sign them:

* entry 1 ("start") is written by the laptop that set the share up, signed by
  its own key; every device remembers that key the first time it sees the
  roster (``ROOT_KEY``), so a roster replaced or removed later is noticed;
* every later entry ("enrol", "revoke") is signed by the starting laptop or by
  a supervisor's laptop enrolled before it, and names the previous entry's
  hash, so entries cannot be dropped, reordered or rewritten unnoticed.

Entries are never rewritten (each file is written once, under the next free
number); two supervisors enrolling at the same moment both succeed, one after
the other. An entry that does not verify ends the roster there, and is said
plainly; it never makes a device trusted.

A device not on the roster may still read the share; what it sends waits until
a supervisor enrols it. A revoked device's bundles are applied up to the last
one the revoking supervisor had (``revoked_after``), and none after.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature

from asb_desktop.domain.enums import Role
from asb_desktop.store import meta
from asb_desktop.store.unit import Unit
from asb_desktop.sync.device_keys import DeviceKeys, PublicKeys, b64, unb64
from asb_desktop.sync.errors import ShareFault, SyncError
from asb_desktop.sync.transport import Transport

#: Meta row: the starting device and its signing key, as this profile first saw them.
ROOT_KEY = "sync.roster_root"
#: Meta row: the roster as last read and verified, so the window can show it offline.
KNOWN_KEY = "sync.roster_known"
_RETRIES = 5


class RosterReplaced(SyncError):
    """The share's roster is not the one this device trusted before."""


@dataclass(frozen=True)
class Member:
    device_id: str
    user_id: str
    name: str
    role: str
    keys: PublicKeys
    #: Unsigned bundles (written before the team had a roster) accepted up to this number.
    legacy_upto: int = 0
    #: None while the device may send; otherwise the last of its bundles that still applies.
    revoked_after: int | None = None

    @property
    def active(self) -> bool:
        return self.revoked_after is None

    @property
    def is_supervisor(self) -> bool:
        return self.active and self.role == Role.SUPERVISOR.value

    def accepts(self, seq: int) -> bool:
        return self.revoked_after is None or seq <= self.revoked_after


@dataclass
class Roster:
    members: dict[str, Member] = field(default_factory=dict)
    head: int = 0
    head_hash: str = ""
    root: str = ""
    #: Why reading stopped before the last entry, in words for a supervisor; "" if it did not.
    problem: str = ""

    @property
    def started(self) -> bool:
        return self.head > 0

    def may_sign(self, device_id: str) -> bool:
        member = self.members.get(device_id)
        return member is not None and member.active and (
            device_id == self.root or member.role == Role.SUPERVISOR.value)

    def devices_of(self, user_ids: set[str]) -> list[Member]:
        """Active devices of these users (whose laptops a case's key is wrapped for)."""
        return [m for m in self.members.values() if m.active and m.user_id in user_ids]

    def supervisors(self) -> list[Member]:
        return [m for m in self.members.values() if m.is_supervisor]


def _canonical(entry: Mapping[str, Any]) -> bytes:
    return json.dumps(entry, sort_keys=True, separators=(",", ":")).encode()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _member(e: Mapping[str, Any]) -> Member:
    return Member(str(e["device"]), str(e["user"]), str(e["name"]), str(e["role"]),
                  PublicKeys(unb64(str(e["sign"])), unb64(str(e["box"]))),
                  int(e.get("legacy_upto") or 0), None)


def _apply(roster: Roster, n: int, raw: bytes, root_pin: tuple[str, bytes] | None) -> str:
    """Check entry ``n`` and take it into ``roster``; returns why not, or ""."""
    try:
        doc = json.loads(raw)
        e, sig = doc["entry"], unb64(str(doc["sig"]))
        if int(e["seq"]) != n or str(e["prev"]) != roster.head_hash:
            return f"Entry {n} of the team's devices does not follow entry {n - 1}."
        kind, by = str(e["kind"]), str(e["by"])
        if kind == "start":
            if n != 1 or by != e["device"]:
                return f"Entry {n} of the team's devices claims to start the roster again."
            signer = _member(e).keys
        elif kind in ("enrol", "revoke"):
            if not roster.may_sign(by):
                return (f"Entry {n} of the team's devices was not signed by a supervisor's "
                        "enrolled laptop; it and any after it are ignored.")
            signer = roster.members[by].keys
        else:
            return f"Entry {n} of the team's devices is of a kind this version does not know."
        signer.verifier().verify(sig, _canonical(e))
    except InvalidSignature:
        return f"Entry {n} of the team's devices failed its signature check; it and any after it are ignored."
    except (ValueError, KeyError, TypeError):
        return f"Entry {n} of the team's devices is damaged; it and any after it are ignored."
    if kind == "start":
        if root_pin is not None and (by, signer.sign) != root_pin:
            raise RosterReplaced(
                "The team share's list of devices was started again by another laptop "
                "(the share was replaced or tampered with). Sync has stopped on this laptop; "
                "nothing here was changed. Ask a supervisor to check the share.")
        roster.root = by
        roster.members[by] = _member(e)
    elif kind == "enrol":
        roster.members[str(e["device"])] = _member(e)
    else:
        gone = roster.members.get(str(e["device"]))
        if gone is not None:
            roster.members[gone.device_id] = replace(gone, revoked_after=int(e["revoked_after"]))
    roster.head, roster.head_hash = n, _sha(raw)
    return ""


def read(transport: Transport, root_pin: tuple[str, bytes] | None = None) -> Roster:
    """The roster as far as it verifies. Raises ``RosterReplaced`` when this device
    trusted a roster before and the share now has another one, or none."""
    roster = Roster()
    for expected, n in enumerate(transport.roster_numbers(), start=1):
        if n != expected:
            roster.problem = f"Entry {expected} of the team's devices is missing from the share."
            break
        why = _apply(roster, n, transport.roster_entry(n), root_pin)
        if why:
            roster.problem = why
            break
    if root_pin is not None and not roster.started:
        raise RosterReplaced(
            "The team share's list of devices has gone (the share was replaced, or restored "
            "from an old copy). Sync has stopped on this laptop; nothing here was changed. "
            "Ask a supervisor to check the share.")
    return roster


def append(transport: Transport, roster: Roster, me: str, keys: DeviceKeys,
           entry: dict[str, Any], root_pin: tuple[str, bytes] | None) -> Roster:
    """Sign ``entry`` as this device and add it under the next number; if another
    supervisor took that number meanwhile, read again and add it after theirs."""
    for _ in range(_RETRIES):
        n = roster.head + 1
        body = dict(entry, seq=n, prev=roster.head_hash, by=me,
                    at=datetime.now(UTC).isoformat(timespec="seconds"))
        raw = json.dumps({"entry": body, "sig": b64(keys.sign.sign(_canonical(body)))},
                         indent=1).encode()
        try:
            transport.put_roster_entry(n, raw)
        except ShareFault:
            if n not in transport.roster_numbers():
                raise
            roster = read(transport, root_pin)
            continue
        roster = read(transport, root_pin)
        if roster.head < n:
            raise SyncError(roster.problem or "The new entry in the team's devices did not verify.")
        return roster
    raise SyncError("Other supervisors kept changing the team's devices at the same moment; "
                    "try again.")


def entry_for(device_id: str, user_id: str, name: str, role: str, keys: PublicKeys,
              kind: str = "enrol", legacy_upto: int = 0) -> dict[str, Any]:
    return {"kind": kind, "device": device_id, "user": user_id, "name": name, "role": role,
            "sign": b64(keys.sign), "box": b64(keys.box), "legacy_upto": legacy_upto}


def revocation(member: Member, revoked_after: int) -> dict[str, Any]:
    return dict(entry_for(member.device_id, member.user_id, member.name, member.role,
                          member.keys, "revoke", member.legacy_upto),
                revoked_after=revoked_after)


# -- what this profile remembers -------------------------------------------------------

def pinned(unit: Unit) -> tuple[str, bytes] | None:
    with unit.store.sessions() as s:
        text = meta.get(s, ROOT_KEY)
    if not text:
        return None
    device, _, key = text.partition(":")
    return device, unb64(key)


def remember(unit: Unit, roster: Roster) -> None:
    """Pin the roster's start the first time it is seen, and keep what it says for the window."""
    if not roster.started:
        return
    root = roster.members[roster.root]
    known = {d: {"user": m.user_id, "name": m.name, "role": m.role, "fingerprint": m.keys.fingerprint,
                 "revoked_after": m.revoked_after} for d, m in roster.members.items()}
    with unit.store.write_sessions() as s, s.begin():
        if not meta.get(s, ROOT_KEY):
            meta.put(s, ROOT_KEY, f"{roster.root}:{b64(root.keys.sign)}")
        meta.put(s, KNOWN_KEY, json.dumps({"members": known, "problem": roster.problem}))


def known(unit: Unit) -> dict[str, Any]:
    with unit.store.sessions() as s:
        text = meta.get(s, KNOWN_KEY)
    return dict(json.loads(text)) if text else {"members": {}, "problem": ""}
