"""Sync as the window and the command line see it: set up or join the team
share, check it, sync now, and decide conflicts.

Share I/O can hang on a dropped network drive, so the window calls these from
its share-I/O worker, never the UI thread; ``probe`` has its own timeout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from asb_desktop.controllers.access import AccessDenied, require_case_write
from asb_desktop.controllers.errors import NotFound, UserError
from asb_desktop.domain.enums import RiskLevel
from asb_desktop.domain.hlc import Stamp
from asb_desktop.store import meta
from asb_desktop.store.models import (
    Case,
    Change,
    Device,
    SyncConflict,
    SyncQuarantine,
    SyncSetAside,
    User,
)
from asb_desktop.store.purge import forget_purged
from asb_desktop.store.unit import Unit
from asb_desktop.sync import device_keys
from asb_desktop.sync import keys as team_keys
from asb_desktop.sync import share as shares
from asb_desktop.sync.archive import Archived, archive_covered
from asb_desktop.sync.pull import Progress
from asb_desktop.sync.service import PATH_KEY, SHARE_KEY, SyncReport, connect, enrolment, sync_once
from asb_desktop.sync.transport import FolderTransport, ShareFS
from asb_desktop.sync.trust import establish, start_roster

LAST_SYNC_KEY = "sync.last_sync"
FIELD_LABELS = {"risk_level": "Risk level", "restricted": "Restricted",
                "lead_officer_id": "Lead officer", "status": "Case status"}
#: ``sync_set_aside.kind`` in words, for the window and the command line alike.
SET_ASIDE_KINDS = {
    "unappliable": "Could not be applied here",
    "purged": "Dropped: the record had been purged under retention",
    "refused": "Refused: its author was not allowed to make it",
}
#: A synced table's rows as an officer would name one; any table not listed reads
#: as its name made singular ("case_links" -> "case link").
RECORD_WORDS = {
    "cases": "case", "case_parties": "case party", "case_access": "named officer on a case",
    "people": "person", "audit": "audit entry", "advice": "advice given",
    "evidence": "evidence", "dash_details": "DASH details", "lessons": "lesson learned",
    "refer_backs": "refer-back", "report_acknowledgements": "report acknowledgement",
    "case_review_requests": "case review request", "target_pauses": "target pause",
    "tenancy_visits": "tenancy visit", "tenancy_members": "tenancy member",
    "properties": "property", "users": "user", "devices": "device",
}


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    share_path: str
    online: bool
    message: str
    unsent_changes: int
    open_conflicts: int
    held_back: list[str]
    last_sync: str
    #: Changes from other devices kept whole for a supervisor (not the purged ones,
    #: which need nobody: the purge decided them).
    set_aside: int = 0

    def set_aside_words(self) -> str:
        """The status line for set-aside changes, pointing at where to read them; empty if none."""
        if not self.set_aside:
            return ""
        return f"{self.set_aside} change(s) set aside — Sync ▸ Changes set aside…"


@dataclass(frozen=True)
class SetAsideView:
    """One change sync could not take, as a supervisor reads it.

    Holds no value the change carried: a purged change has none left, and an
    unappliable one may hold a victim's details, so only the names of the
    fields it set are shown (the whole change stays in ``sync_set_aside``).
    """

    change_id: str
    at: datetime
    device: str
    record: str
    case_reference: str
    kind: str
    kind_words: str
    reason: str
    fields: tuple[str, ...]
    bundle: int


@dataclass(frozen=True)
class ConflictChoice:
    value: Any
    shown: str
    who: str
    when: datetime


@dataclass(frozen=True)
class ConflictView:
    id: str
    case_id: str
    case_reference: str
    field: str
    label: str
    choices: list[ConflictChoice]
    status: str


class SyncController:
    def __init__(self, unit: Unit, fs: ShareFS | None = None, scrypt_n: int = shares.SCRYPT_N,
                 snapshots: bool = True) -> None:
        self._unit = unit
        self._fs = fs
        self._scrypt_n = scrypt_n
        #: Off only for the benchmark's baseline (every bundle replayed, none written).
        self._snapshots = snapshots

    # -- enrolment ------------------------------------------------------------

    def _device_code(self) -> str:
        with self._unit.read() as s:
            return meta.get(s, "device_code") or ""

    def _remember(self, folder: Path, share_id: str, key: bytes, action: str, detail: str) -> None:
        in_keyring = team_keys.keep_in_keyring(share_id, key)
        with self._unit.write(action) as tx:
            meta.put(tx.session, PATH_KEY, str(Path(folder).resolve()))
            meta.put(tx.session, SHARE_KEY, share_id)
            if not in_keyring:
                meta.put(tx.session, team_keys.PROFILE_KEY, team_keys.profile_entry(share_id, key))
                detail += " (team key kept in this encrypted profile: no usable keyring)"
            tx.audit("share", share_id, detail)

    def init_share(self, folder: Path, passphrase: str | None = None) -> str | None:
        """Make ``folder`` the team share and enrol this device. Returns the enrolment
        code to show once when no passphrase was given."""
        done = shares.init_share(Path(folder), passphrase, self._unit.actor.device_id,
                                 self._device_code(), self._fs, self._scrypt_n)
        self._remember(folder, done.share_id, done.key, "sync.share_created",
                       f"Team share set up at {folder}")
        # The laptop that sets the share up is the first on its roster, and signs the next.
        start_roster(self._unit, FolderTransport(Path(folder), self._fs), device_keys.ensure(self._unit))
        return done.shown_passphrase

    def join_share(self, folder: Path, passphrase: str) -> None:
        done = shares.join_share(Path(folder), passphrase, self._unit.actor.device_id,
                                 self._device_code(), self._fs, self._scrypt_n)
        self._remember(folder, done.share_id, done.key, "sync.share_joined",
                       f"Joined the team share at {folder}")
        # Ask to be enrolled (this laptop's public keys) and remember whose roster this is.
        establish(self._unit, FolderTransport(Path(folder), self._fs))

    # -- checking and syncing ---------------------------------------------------

    def probe(self, timeout: float = 3.0) -> shares.Probe:
        with self._unit.read() as s:
            path, share = meta.get(s, PATH_KEY), meta.get(s, SHARE_KEY)
        if not path:
            return shares.Probe(False, "This profile is not set up to sync.")
        return shares.probe(Path(path), timeout, share, self._fs)

    def status(self, timeout: float = 3.0) -> SyncStatus:
        with self._unit.read() as s:
            path = meta.get(s, PATH_KEY) or ""
            last = meta.get(s, LAST_SYNC_KEY) or ""
            unsent = s.scalar(sa.select(sa.func.count()).select_from(Change).where(
                Change.pushed == sa.false(), Change.device_id == self._unit.actor.device_id)) or 0
            conflicts = s.scalar(sa.select(sa.func.count()).select_from(SyncConflict).where(
                SyncConflict.status == "open")) or 0
            held = [q.reason for q in s.scalars(sa.select(SyncQuarantine))]
            aside = s.scalar(sa.select(sa.func.count()).select_from(SyncSetAside).where(
                SyncSetAside.kind.in_(("unappliable", "refused")))) or 0
        found = self.probe(timeout) if path else shares.Probe(False, "Not set up to sync.")
        return SyncStatus(bool(path), path, found.online, found.message, unsent, conflicts, held, last,
                          aside)

    def sync_now(self, progress: Progress | None = None, snapshots: bool | None = None) -> SyncReport:
        report = sync_once(self._unit, self._fs, progress,
                           self._snapshots if snapshots is None else snapshots)
        with self._unit.store.write_sessions() as s, s.begin():
            # A purge received from another device leaves copies in the change log.
            forget_purged(s)
            meta.put(s, LAST_SYNC_KEY, self._unit.now().isoformat(timespec="seconds"))
        # Rows arrived wholesale and the unsent count moved: every view redraws.
        self._unit.note_changed(everything=True)
        return report

    def archive(self) -> Archived:
        """Move the bundles the newest team snapshot covers into the share's archive.

        A supervisor's decision about the team's shared record, so it is audited
        here like any other; the moving itself is ``sync.archive``."""
        root, share_id = enrolment(self._unit)
        transport = connect(root, share_id, self._fs)
        done = archive_covered(transport, team_keys.team_key(self._unit, share_id), share_id,
                               self._unit.actor, establish(self._unit, transport).vouch())
        with self._unit.write("sync.archived") as tx:
            tx.audit("share", share_id, f"Archived {done.bundles} bundle(s) and {done.snapshots} "
                     f"older snapshot(s) covered by the team snapshot {done.snapshot}")
        return done

    def sync_if_reachable(
        self, timeout: float = 3.0, progress: Progress | None = None
    ) -> SyncReport | None:
        """What the window's timer calls when connectivity may be back: a sync if the
        share's marker answers within ``timeout``, else None (and nothing touched)."""
        if not self.probe(timeout).online:
            return None
        return self.sync_now(progress)

    # -- changes set aside -----------------------------------------------------------

    def set_aside(self, kind: str | None = None) -> list[SetAsideView]:
        """Changes from other devices that sync could not take here, newest first.

        Supervisors only: an unappliable change may be about any case, restricted
        ones included, and deciding what to do about it is a supervisor's call.
        ``kind`` ("purged", "unappliable" or "refused") narrows the list.
        """
        if not self._unit.actor.is_supervisor:
            raise AccessDenied("Only a supervisor can review the changes sync set aside. "
                               "Nothing is lost: they are kept until a supervisor looks at them.")
        if kind is not None and kind not in SET_ASIDE_KINDS:
            raise UserError("Choose which changes to show: purged or unappliable.")
        with self._unit.read() as s:
            q = sa.select(SyncSetAside).order_by(SyncSetAside.at.desc(), SyncSetAside.seq.desc(),
                                                 SyncSetAside.change_id)
            if kind is not None:
                q = q.where(SyncSetAside.kind == kind)
            rows = list(s.scalars(q))
            devices = self._device_names(s, {r.device_id for r in rows})
            users = {u.id: u.name for u in s.execute(sa.select(User.id, User.name))}
            named = {_case_named(r.entity, r.entity_id, r.change) for r in rows} - {""}
            refs = {c.id: c.reference for c in s.execute(
                sa.select(Case.id, Case.reference).where(Case.id.in_(sorted(named))))}
        out = []
        for r in rows:
            wire = r.change or {}
            author = users.get(str(wire.get("u") or ""), "")
            out.append(SetAsideView(
                r.change_id, r.at, devices.get(r.device_id) or author or r.device_id[:8],
                RECORD_WORDS.get(r.entity, r.entity.replace("_", " ").removesuffix("s")),
                refs.get(_case_named(r.entity, r.entity_id, r.change), ""),
                r.kind, SET_ASIDE_KINDS.get(r.kind, r.kind), r.reason,
                tuple(sorted(wire.get("f") or {})), r.seq))
        return out

    @staticmethod
    def _device_names(s: Session, ids: set[str]) -> dict[str, str]:
        """Whose laptop, and its name ("Ben Officer (LAPTOP-7)"): a supervisor knows people,
        not host names, but two laptops of one officer need telling apart."""
        q = (sa.select(Device.id, Device.name, User.name.label("user"))
             .outerjoin(User, User.id == Device.user_id).where(Device.id.in_(sorted(ids))))
        return {d.id: f"{d.user} ({d.name})" if d.user and d.name else d.user or d.name or ""
                for d in s.execute(q)}

    # -- conflicts ----------------------------------------------------------------

    def conflicts(self, include_resolved: bool = False) -> list[ConflictView]:
        with self._unit.read() as s:
            q = sa.select(SyncConflict).order_by(SyncConflict.found_at, SyncConflict.id)
            if not include_resolved:
                q = q.where(SyncConflict.status == "open")
            rows = list(s.scalars(q))
            names = {r.id: r.name for r in s.execute(sa.select(User.id, User.name))}
            refs = {r.id: r.reference for r in s.execute(sa.select(Case.id, Case.reference).where(
                Case.id.in_([r.entity_id for r in rows])))}
        out = []
        for r in rows:
            choices = [
                ConflictChoice(
                    c["value"], self._shown(r.field, c["value"], names),
                    names.get(c.get("user_id") or "", "someone on another device"),
                    datetime.fromtimestamp(Stamp.decode(c["hlc"]).wall_ms / 1000, UTC)
                    .replace(tzinfo=None),
                )
                for c in r.candidates
            ]
            out.append(ConflictView(r.id, r.entity_id, refs.get(r.entity_id, "?"), r.field,
                                    FIELD_LABELS.get(r.field, r.field), choices, r.status))
        return out

    @staticmethod
    def _shown(field: str, value: Any, names: dict[str, str]) -> str:
        if field == "lead_officer_id":
            return names.get(value or "", "nobody")
        if field == "restricted":
            return "yes" if value else "no"
        return str(value)

    def resolve_conflict(self, conflict_id: str, value: Any) -> None:
        """Keep one of the values; the decision travels to the other devices as an edit."""
        with self._unit.write("sync.conflict_resolved") as tx:
            s = tx.session
            row = s.get(SyncConflict, conflict_id)
            if row is None:
                raise NotFound("That conflict is no longer recorded.")
            if row.status != "open":
                raise UserError("That conflict has already been decided.")
            if value not in [c["value"] for c in row.candidates]:
                raise UserError("Choose one of the values the devices recorded.")
            case = s.get(Case, row.entity_id)
            if case is None:
                raise NotFound("That case is no longer in this profile.")
            require_case_write(s, self._unit.actor, case)
            setattr(case, row.field, value)
            if row.field == "risk_level":
                case.risk_rank = RiskLevel(value).rank
            flag_modified(case, row.field)
            s.execute(sa.update(SyncConflict).where(SyncConflict.id == row.id).values(
                status="resolved", resolved_at=tx.now))
            tx.audit("case", case.id, f"{case.reference}: {FIELD_LABELS.get(row.field, row.field)} "
                     f"conflict decided: {value}")


def field_words(fields: tuple[str, ...]) -> str:
    """Column names as a person reads them ("case_id" as "case"); names only, never values."""
    return ", ".join(f.removesuffix("_id").replace("_", " ") for f in fields)


def _case_named(entity: str, entity_id: str, change: dict[str, Any] | None) -> str:
    """The case a set-aside change was about, if it says: its own id for a case, else its case_id."""
    if entity == "cases":
        return entity_id
    value = ((change or {}).get("f") or {}).get("case_id")
    return value if isinstance(value, str) else ""
