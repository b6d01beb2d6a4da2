"""Restricted cases travel sealed for the laptops allowed to open them.

A restricted case (domestic abuse, safeguarding, staff involved) may be opened
only by its lead officer, the officers named on it and supervisors. Checking
that in the window is not enough: every laptop of the team holds the team key,
so anything sent under it alone could be read, with raw SQL, on a laptop whose
user may not open the case. So a push splits off every change that belongs to
a restricted case (the case row, its parties, contacts, evidence, reports,
audit rows about them, and people known only from restricted cases):

* they travel in a *section* per case, encrypted under a key of that case
  (AES-GCM), and the key travels *wrapped* for each allowed laptop's own X25519
  key (a *grant*); laptops not allowed receive only the case row's *stub*, the
  fields the caseload shows of a restricted case ("Restricted", the reference,
  the officer, its status and risk);
* a laptop that cannot open a section keeps it as it came, unread
  (``sync_sealed``); when its user is named on the case, the next push of a
  laptop that may manage the case wraps the case's keys for it, and the kept
  sections open and apply there, so the history is shared without being sent
  again. A laptop whose user is un-named keeps what it was shown, but new
  sections go under a new key it is not given.

What this does not cover (see docs/sync.md): rows a laptop already held before
the case was restricted stay on it; a laptop that joins from a team snapshot
receives restricted cases only from sections sent after it was enrolled.
"""

from __future__ import annotations

import json
import os
import uuid
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.orm import Session

from asb_desktop.domain.enums import Role
from asb_desktop.store.models import Base, CaseKey, SyncSealed
from asb_desktop.sync.arrival import AUDITED
from asb_desktop.sync.bundle import WireChange
from asb_desktop.sync.case_links import CHUNK, case_of_rows
from asb_desktop.sync.device_keys import b64, unb64
from asb_desktop.sync.roster import Roster

#: The case fields a laptop that may not open a restricted case keeps: what its
#: caseload shows of it. Never a name, a summary or a reason.
STUB_FIELDS = frozenset({"reference", "status", "risk_level", "risk_rank", "restricted",
                         "lead_officer_id", "next_action_due", "opened_at", "closed_at",
                         "created_by"})
#: Every other case column, as a laptop that may not open the case keeps it: blank.
#: (``forget`` and team snapshots blank them; a test checks the two cover the table.)
STUB_BLANKS: dict[str, Any] = {
    "summary": "", "risk_reason": "", "lead_agency": "", "partner_agencies": [],
    "categories": [], "hate_incident": False, "hate_strands": [], "parties_summary": "",
    "outcome": None, "closure_reason": "", "satisfaction": None, "satisfaction_comment": ""}
_STUB_NS = uuid.UUID("6f1d3a52-0c55-4d0e-9d57-3a5cc5a1e0b7")
#: In a stub's bases: the change it was cut from (how a laptop knows a stub on the
#: share as its own, ``push.adopt``). Not a field, so merge never reads it.
STUB_OF = "~stub"
_INFO = b"asb-desktop case key"


@dataclass(frozen=True)
class Section:
    """One case's changes from one bundle, sealed under one of the case's keys."""

    case_id: str
    key_id: str
    nonce: bytes
    data: bytes

    def to_json(self) -> dict[str, str]:
        return {"case": self.case_id, "key": self.key_id, "nonce": b64(self.nonce),
                "data": b64(self.data)}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Section:
        return cls(str(d["case"]), str(d["key"]), unb64(str(d["nonce"])), unb64(str(d["data"])))


@dataclass(frozen=True)
class Grant:
    """A case key wrapped for one laptop: only that laptop's private key unwraps it."""

    case_id: str
    key_id: str
    to: str
    ephemeral: bytes
    nonce: bytes
    wrapped: bytes

    def to_json(self) -> dict[str, str]:
        return {"case": self.case_id, "key": self.key_id, "to": self.to, "eph": b64(self.ephemeral),
                "nonce": b64(self.nonce), "wrapped": b64(self.wrapped)}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Grant:
        return cls(str(d["case"]), str(d["key"]), str(d["to"]), unb64(str(d["eph"])),
                   unb64(str(d["nonce"])), unb64(str(d["wrapped"])))


def _aad(case_id: str, key_id: str) -> bytes:
    return f"{case_id}/{key_id}".encode()


def _kek(shared: bytes, ephemeral: bytes, to: str) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=ephemeral, info=_INFO + to.encode()).derive(shared)


def wrap(case_id: str, key_id: str, key: bytes, to: str, box: X25519PublicKey) -> Grant:
    """ECIES: a fresh X25519 key agreed with the laptop's, stretched (HKDF) into the
    key that encrypts the case key."""
    eph = X25519PrivateKey.generate()
    eph_pub = eph.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    nonce = os.urandom(12)
    kek = _kek(eph.exchange(box), eph_pub, to)
    return Grant(case_id, key_id, to, eph_pub, nonce,
                 AESGCM(kek).encrypt(nonce, key, _aad(case_id, key_id)))


def unwrap(grant: Grant, mine: X25519PrivateKey) -> bytes | None:
    try:
        kek = _kek(mine.exchange(X25519PublicKey.from_public_bytes(grant.ephemeral)),
                   grant.ephemeral, grant.to)
        return AESGCM(kek).decrypt(grant.nonce, grant.wrapped, _aad(grant.case_id, grant.key_id))
    except (InvalidTag, ValueError):
        return None


def stub_of(c: WireChange) -> WireChange | None:
    """The part of a restricted case row's change every laptop may keep, under an id of
    its own (the whole change travels sealed under the original id); None if nothing."""
    kept = {k: v for k, v in c.fields.items() if k in STUB_FIELDS}
    if not kept and c.op == "upsert":
        return None
    bases = {k: v for k, v in c.bases.items() if k in STUB_FIELDS or k == "*"}
    return WireChange(str(uuid.uuid5(_STUB_NS, c.change_id)), c.entity, c.entity_id, c.op, kept,
                      c.hlc, c.device_id, c.user_id, {**bases, STUB_OF: c.change_id})


# -- which restricted case a change belongs to ------------------------------------------

@dataclass
class _Restricted:
    lead: str | None
    named: set[str] = field(default_factory=set)


def restricted_cases(s: Session) -> dict[str, _Restricted]:
    cases, access = Base.metadata.tables["cases"], Base.metadata.tables["case_access"]
    out = {r.id: _Restricted(r.lead_officer_id) for r in s.execute(
        sa.select(cases.c.id, cases.c.lead_officer_id).where(cases.c.restricted.is_(True)))}
    if out:
        for case_id, user_id in s.execute(sa.select(access.c.case_id, access.c.user_id)):
            if case_id in out:
                out[case_id].named.add(user_id)
    return out


class CaseMap:
    """Which restricted cases each change is about, read in batches from this profile
    (the rows a push sends are all here: they were written on this laptop)."""

    def __init__(self, s: Session, changes: Sequence[WireChange], restricted: Mapping[str, Any]) -> None:
        self._s, self._restricted = s, set(restricted)
        wanted: dict[str, set[str]] = {}
        for c in changes:
            table, row_id = self._address(c)
            if table is not None:
                wanted.setdefault(table, set()).add(row_id)
        self._case = case_of_rows(s, wanted)
        self._people = self._people_cases(wanted.get("people", set()))

    @staticmethod
    def _address(c: WireChange) -> tuple[str | None, str]:
        if c.entity == "audit":
            table = AUDITED.get(str(c.fields.get("entity", "")))
            return table, str(c.fields.get("entity_id", ""))
        return (c.entity, c.entity_id) if c.entity in Base.metadata.tables else (None, "")

    def _people_cases(self, people: set[str]) -> dict[str, set[str]]:
        """People known only from restricted cases -> those cases. Anyone who appears
        anywhere else (an open case, a report on no case, a tenancy) travels in clear."""
        if not people or not self._restricted:
            return {}
        out: dict[str, set[str]] = {p: set() for p in people}
        clear: set[str] = set()
        for t in Base.metadata.sorted_tables:
            for fk in t.foreign_keys:
                if fk.column.table.name != "people":
                    continue
                link = t.c.case_id if "case_id" in t.c else None
                listed = sorted(people)
                for i in range(0, len(listed), CHUNK):
                    q = sa.select(fk.parent, link if link is not None else sa.null()).where(
                        fk.parent.in_(listed[i : i + CHUNK]))
                    for person, case_id in self._s.execute(q):
                        if case_id in self._restricted:
                            out[person].add(case_id)
                        else:
                            clear.add(person)
        return {p: cases for p, cases in out.items() if cases and p not in clear}

    def cases_of(self, c: WireChange) -> set[str]:
        """The restricted cases ``c`` belongs to. Who is named on a case travels in clear:
        every laptop checks arriving changes against it (``arrival``), and it names
        staff, never the people the case is about."""
        table, row_id = self._address(c)
        if table is None or table == "case_access":
            return set()
        if table == "cases":
            return {row_id} & self._restricted
        if table == "people":
            return self._people.get(row_id, set())
        case_id = c.fields.get("case_id") if c.entity == table else None
        if not isinstance(case_id, str):
            case_id = self._case.get((table, row_id))
        return {case_id} if case_id in self._restricted else set()


# -- sending ----------------------------------------------------------------------

@dataclass
class Sealed:
    clear: list[WireChange]
    sections: list[Section] = field(default_factory=list)
    grants: list[Grant] = field(default_factory=list)


def audience(case: _Restricted, roster: Roster, me: str) -> dict[str, X25519PublicKey]:
    """The laptops (other than this one) allowed to open the case, with their keys."""
    users = {u for u in (case.lead, *case.named) if u}
    return {m.device_id: m.keys.box_key() for m in roster.members.values()
            if m.active and m.device_id != me
            and (m.role == Role.SUPERVISOR.value or m.user_id in users)}


def _keys_of(s: Session, case_id: str) -> list[CaseKey]:
    return list(s.scalars(sa.select(CaseKey).where(CaseKey.case_id == case_id)
                          .order_by(CaseKey.made_at, CaseKey.key_id)))


def _current_key(s: Session, case_id: str, allowed: Mapping[str, X25519PublicKey],
                 now: datetime, grants: list[Grant], make: bool = True) -> CaseKey | None:
    """The key this laptop seals the case's new rows with, and grants of every key of
    the case for each allowed laptop that lacks it (so a newly named officer's laptop
    can open the case's history). A key is replaced once a laptop it was given to is
    no longer allowed: un-named officers do not receive what is written after."""
    keys = _keys_of(s, case_id)
    newest = keys[-1] if keys else None
    if make and (newest is None or set(newest.granted) - set(allowed)):
        newest = CaseKey(key_id=str(uuid.uuid4()), case_id=case_id, key=AESGCM.generate_key(256),
                         granted=[], made_at=now)
        s.add(newest)
        keys.append(newest)
        s.flush()
    for key in keys:
        grants.extend(wrap(case_id, key.key_id, key.key, d, box)
                      for d, box in allowed.items() if d not in key.granted)
    return newest


def record_grants(s: Session, grants: Iterable[Grant]) -> None:
    """Once the bundle carrying them is on the share: these laptops have these keys."""
    for g in grants:
        key = s.get(CaseKey, g.key_id)
        if key is not None and g.to not in key.granted:
            key.granted = [*key.granted, g.to]


def _lifted(s: Session, restricted: Mapping[str, Any], roster: Roster, me: str, now: datetime,
            grants: list[Grant]) -> None:
    """A case no longer restricted is open to every officer: its keys go to every laptop,
    so what travelled sealed while it was restricted opens everywhere."""
    held = set(s.scalars(sa.select(CaseKey.case_id).distinct())) - set(restricted)
    everyone = {m.device_id: m.keys.box_key() for m in roster.members.values()
                if m.active and m.device_id != me}
    for case_id in sorted(held):
        _current_key(s, case_id, everyone, now, grants, make=False)


def seal(s: Session, changes: list[WireChange], roster: Roster | None, me: str,
         now: datetime) -> Sealed:
    """Split a push's changes into what every laptop may read and sealed sections,
    and wrap keys for laptops newly allowed to open a restricted case. Without a
    roster (a share made before laptops had keys) everything travels as before.
    New keys are kept in the caller's transaction; who was given them is recorded
    only once the bundle is on the share (``record_grants``)."""
    if roster is None or not roster.started:
        return Sealed(changes)
    restricted = restricted_cases(s)
    if not restricted and s.scalar(sa.select(sa.func.count()).select_from(CaseKey)) == 0:
        return Sealed(changes)
    out = Sealed([])
    cmap = CaseMap(s, changes, restricted)
    by_case: dict[str, list[WireChange]] = {}
    for c in changes:
        cases = cmap.cases_of(c)
        if not cases:
            out.clear.append(c)
            continue
        if c.entity == "cases":
            stub = stub_of(c)
            if stub is not None:
                out.clear.append(stub)
        for case_id in sorted(cases):
            by_case.setdefault(case_id, []).append(c)
    for case_id, case in restricted.items():
        if case_id not in by_case and not _keys_of(s, case_id):
            continue  # nothing of it sealed yet: no key to share
        key = _current_key(s, case_id, audience(case, roster, me), now, out.grants)
        group = by_case.get(case_id)
        if group and key is not None:
            nonce = os.urandom(12)
            text = zlib.compress(json.dumps([c.to_json() for c in group],
                                            separators=(",", ":")).encode(), 6)
            out.sections.append(Section(case_id, key.key_id, nonce, AESGCM(key.key).encrypt(
                nonce, text, _aad(case_id, key.key_id))))
    _lifted(s, restricted, roster, me, now, out.grants)
    return out


# -- receiving ----------------------------------------------------------------------

def _open(section: Section, key: bytes) -> list[WireChange] | None:
    try:
        text = AESGCM(key).decrypt(section.nonce, section.data, _aad(section.case_id, section.key_id))
        rows = json.loads(zlib.decompress(text))
        return [WireChange.from_json(r) for r in rows]
    except (InvalidTag, ValueError, KeyError, TypeError, zlib.error):
        return None


def receive(s: Session, mine: X25519PrivateKey, me: str, device: str, seq: int,
            sections: Sequence[Section], grants: Sequence[Grant], now: datetime) -> list[WireChange]:
    """Take in a bundle's grants for this laptop and its sections: the changes of every
    section this laptop can open now, including any it had kept unread whose key has
    just arrived. The others are kept as they came."""
    fresh: list[str] = []
    for g in grants:
        if g.to != me or s.get(CaseKey, g.key_id) is not None:
            continue
        key = unwrap(g, mine)
        if key is not None:
            s.add(CaseKey(key_id=g.key_id, case_id=g.case_id, key=key, granted=[], made_at=now))
            fresh.append(g.key_id)
    s.flush()
    opened: list[WireChange] = []
    if fresh:
        kept = list(s.scalars(sa.select(SyncSealed).where(SyncSealed.key_id.in_(fresh))
                              .order_by(SyncSealed.id)))
        for row in kept:
            key_row = s.get(CaseKey, row.key_id)
            got = _open(Section.from_json(row.section), key_row.key) if key_row else None
            if got is not None:
                opened += got
                s.delete(row)
    for section in sections:
        key_row = s.get(CaseKey, section.key_id)
        got = _open(section, key_row.key) if key_row is not None else None
        if got is None:
            s.add(SyncSealed(case_id=section.case_id, key_id=section.key_id, device_id=device,
                             seq=seq, section=section.to_json(), at=now))
        else:
            opened += got
    s.flush()
    return opened
