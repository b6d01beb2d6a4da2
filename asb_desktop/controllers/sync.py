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
from sqlalchemy.orm.attributes import flag_modified

from asb_desktop.controllers.errors import NotFound, UserError
from asb_desktop.domain.enums import RiskLevel
from asb_desktop.domain.hlc import Stamp
from asb_desktop.store import meta
from asb_desktop.store.models import Case, Change, SyncConflict, SyncQuarantine, User
from asb_desktop.store.purge import forget_purged
from asb_desktop.store.unit import Unit
from asb_desktop.sync import keys as team_keys
from asb_desktop.sync import share as shares
from asb_desktop.sync.pull import Progress
from asb_desktop.sync.service import PATH_KEY, SHARE_KEY, SyncReport, sync_once
from asb_desktop.sync.transport import ShareFS

LAST_SYNC_KEY = "sync.last_sync"
FIELD_LABELS = {"risk_level": "Risk level", "restricted": "Restricted",
                "lead_officer_id": "Lead officer", "status": "Case status"}


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
        return done.shown_passphrase

    def join_share(self, folder: Path, passphrase: str) -> None:
        done = shares.join_share(Path(folder), passphrase, self._unit.actor.device_id,
                                 self._device_code(), self._fs)
        self._remember(folder, done.share_id, done.key, "sync.share_joined",
                       f"Joined the team share at {folder}")

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
        found = self.probe(timeout) if path else shares.Probe(False, "Not set up to sync.")
        return SyncStatus(bool(path), path, found.online, found.message, unsent, conflicts, held, last)

    def sync_now(self, progress: Progress | None = None, snapshots: bool | None = None) -> SyncReport:
        report = sync_once(self._unit, self._fs, progress,
                           self._snapshots if snapshots is None else snapshots)
        with self._unit.store.write_sessions() as s, s.begin():
            # A purge received from another device leaves copies in the change log.
            forget_purged(s)
            meta.put(s, LAST_SYNC_KEY, self._unit.now().isoformat(timespec="seconds"))
        return report

    def sync_if_reachable(
        self, timeout: float = 3.0, progress: Progress | None = None
    ) -> SyncReport | None:
        """What the window's timer calls when connectivity may be back: a sync if the
        share's marker answers within ``timeout``, else None (and nothing touched)."""
        if not self.probe(timeout).online:
            return None
        return self.sync_now(progress)

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
            setattr(case, row.field, value)
            if row.field == "risk_level":
                case.risk_rank = RiskLevel(value).rank
            flag_modified(case, row.field)
            s.execute(sa.update(SyncConflict).where(SyncConflict.id == row.id).values(
                status="resolved", resolved_at=tx.now))
            tx.audit("case", case.id, f"{case.reference}: {FIELD_LABELS.get(row.field, row.field)} "
                     f"conflict decided: {value}")
