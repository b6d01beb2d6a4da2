"""Team snapshots: how a new laptop starts from the team's data without replaying
every bundle ever written, and how a supervisor keeps the share small.

A snapshot file (``<share>/snapshots/<coverage>-<utc>-<device>.asbs``)::

    b"ASBS" | version (1 byte) | header length (4 bytes) | header JSON
    | nonce (12 bytes) | AES-GCM(team key, inner key + SHA-256 of body, header as AAD)
    | body

The body is a SQLCipher database file keyed with a random inner key that exists
only inside the sealed part, so officer data is encrypted on the share, in the
writer's temporary file and in the joiner's local copy alike; it is never in
clear on any disk. The seal authenticates the header (share, writer, the
per-device watermarks it covers) and, through the hash, every byte of the body:
a cut, flipped or foreign file is rejected before anything is read from it.

Why a database file rather than a stream of changes: a joining device copies
from it with ``INSERT ... SELECT`` after ``ATTACH``, in one transaction, so the
cost is SQLite's own row copying (and the search-index triggers), not Python
merging one change at a time. Replaying bundles costs about ten times more.

A snapshot holds exactly the state its watermarks describe. The writer takes it
in one read transaction and only when none of its own changes are unpushed and
no change is set aside as unappliable, so every row in it came from a bundle it
covers and a joiner that continues from those watermarks neither misses nor
doubles anything. Retention purges have run first (``forget_purged``), and any
change of a row a purge erased, other than the purge's own tombstone, is left
out as well.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.orm import Session

from asb_desktop.domain.hlc import Stamp
from asb_desktop.store.capture import CaptureContext
from asb_desktop.store.engine import WRITE_OPTION
from asb_desktop.store.models import Base, Change, SyncPeer, SyncSetAside, new_id
from asb_desktop.store.models.system import LOCAL_ACTIONS
from asb_desktop.store.purge import (
    PURGE_BASE,
    ROW_BASE,
    SCRUBBED_KEY,
    erase_orphans,
    erase_unseen,
    finish_following,
    forget_purged,
)
from asb_desktop.store.unit import Actor, Unit
from asb_desktop.sync import bundle as wire
from asb_desktop.sync.errors import ShareFault, SyncError
from asb_desktop.sync.merge import (
    CONFLICT_FIELDS,
    apply_changes,
    arriving_purges,
    local_bases,
)
from asb_desktop.sync.push import HASH_KEY, SEQ_KEY
from asb_desktop.sync.transport import (
    BUNDLE_SUFFIX,
    DEVICES,
    FolderTransport,
    LocalFS,
    ShareFS,
    describe,
)

MAGIC = b"ASBS"
VERSION = 1
SNAPSHOTS = "snapshots"
ARCHIVE = "archive"
SUFFIX = ".asbs"
#: Changes newer than the newest snapshot after which a device writes a new one.
#: Big enough that a team writes one every day or two, small enough that a new
#: laptop never replays more than this many changes from bundles.
SNAPSHOT_CHANGES = 20_000
#: Snapshots kept in ``snapshots/`` when a supervisor archives (a damaged newest
#: one still leaves one to start from).
KEEP_SNAPSHOTS = 2
#: Changes merged per call when a device behind the archive catches up.
CATCH_UP_CHUNK = 5000

_FIXED = len(MAGIC) + 1 + 4
_NONCE = 12
_SEAL = 32 + 32 + 16  # inner key, body hash, tag
_MAX_HEADER = 4 * 1024 * 1024
_NAME = re.compile(r"^\d{12}-\d{8}T\d{12}Z-[0-9a-f]{8}\.asbs$")
_DEVICE = re.compile(r"^[0-9a-f-]{36}$")
_TMP = ".tmp-"
#: The writer's own bookkeeping tables copied as they are (derived the same way on every replica).
_CONFLICTS = "sync_conflicts"


class SnapshotRejected(SyncError):
    """A snapshot failed verification or could not be loaded; nothing was applied from it."""


@dataclass(frozen=True)
class Header:
    share_id: str
    writer: str
    covers: dict[str, int]
    hashes: dict[str, str]
    hlc: str
    schema: list[str]
    size: int
    changes: int
    made_at: str

    def to_json(self) -> dict[str, Any]:
        return {"kind": "asb-snapshot", "share": self.share_id, "writer": self.writer,
                "covers": self.covers, "hashes": self.hashes, "hlc": self.hlc,
                "schema": self.schema, "size": self.size, "changes": self.changes,
                "made_at": self.made_at}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Header:
        return cls(str(d["share"]), str(d["writer"]),
                   {str(k): int(v) for k, v in dict(d["covers"]).items()},
                   {str(k): str(v) for k, v in dict(d["hashes"]).items()},
                   str(d["hlc"]), [str(x) for x in d["schema"]], int(d["size"]),
                   int(d["changes"]), str(d["made_at"]))


@dataclass(frozen=True)
class Opened:
    name: str
    header: Header
    inner_key: bytes
    body: memoryview


# -- the file on the share ------------------------------------------------------------


class SnapshotShare:
    """``snapshots/`` and ``archive/`` of the folder share, over the same ``ShareFS``
    primitives as the bundles, so the same fault injection reaches them."""

    def __init__(self, root: Path, fs: ShareFS | None = None) -> None:
        self.root = Path(root)
        self.fs: ShareFS = fs or LocalFS()

    @classmethod
    def of(cls, transport: FolderTransport) -> SnapshotShare:
        return cls(transport.root, transport.fs)

    @property
    def folder(self) -> Path:
        return self.root / SNAPSHOTS

    def names(self) -> list[str]:
        """Newest (most covered) first."""
        try:
            names = self.fs.listdir(self.folder)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise ShareFault(f"Could not list the team snapshots: {describe(exc)}.") from exc
        return sorted((n for n in names if _NAME.match(n)), reverse=True)

    def read(self, name: str) -> bytes:
        try:
            return self.fs.read(self.folder / name)
        except OSError as exc:
            raise ShareFault(f"Could not read the team snapshot: {describe(exc)}.") from exc

    def head(self, name: str) -> bytes:
        """The header and seal only: enough to authenticate what a snapshot covers."""
        path = self.folder / name
        try:
            if isinstance(self.fs, LocalFS):
                with path.open("rb") as fh:
                    start = fh.read(_FIXED)
                    if len(start) < _FIXED:
                        return start
                    (hlen,) = struct.unpack(">I", start[5:9])
                    return start + fh.read(min(hlen, _MAX_HEADER) + _NONCE + _SEAL)
            return self.fs.read(path)[: _MAX_HEADER + _FIXED + _NONCE + _SEAL]
        except OSError as exc:
            raise ShareFault(f"Could not read the team snapshot: {describe(exc)}.") from exc

    def put(self, name: str, data: bytes) -> None:
        """Temporary name, fsync, rename, fsync the folder: as bundles are written."""
        tmp = self.folder / f"{_TMP}{uuid.uuid4().hex}"
        try:
            self.fs.makedirs(self.folder)
            if self.fs.exists(self.folder / name):
                raise ShareFault(f"{name} already exists on the share; it is never overwritten.")
            self.fs.write_file(tmp, data)
            self.fs.rename(tmp, self.folder / name)
            self.fs.fsync_dir(self.folder)
        except OSError as exc:
            with suppress(OSError):
                self.fs.remove(tmp)
            raise ShareFault(f"Could not write the team snapshot: {describe(exc)}.") from exc

    def archived(self) -> dict[str, int]:
        """The highest archived bundle of each device (bundles 1..n moved to ``archive/``)."""
        base = self.root / ARCHIVE
        try:
            devices = [d for d in self.fs.listdir(base) if _DEVICE.match(d)]
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise ShareFault(f"Could not list the archive: {describe(exc)}.") from exc
        out: dict[str, int] = {}
        for device in devices:
            try:
                seqs = [int(n[:10]) for n in self.fs.listdir(base / device)
                        if n.endswith(BUNDLE_SUFFIX) and n[:10].isdigit()]
            except OSError as exc:
                raise ShareFault(f"Could not list the archive: {describe(exc)}.") from exc
            if seqs:
                out[device] = max(seqs)
        return out

    def move(self, src: Path, folder: Path) -> bool:
        """Into ``folder`` under the same name; never over something already there."""
        try:
            self.fs.makedirs(folder.parent)
            self.fs.makedirs(folder)
            if self.fs.exists(folder / src.name):
                return False
            self.fs.rename(src, folder / src.name)
            return True
        except OSError as exc:
            raise ShareFault(f"Could not move {src.name} into the archive: {describe(exc)}. "
                             "What was moved is in the archive; nothing was lost.") from exc


def _where(name: str) -> str:
    return f"The team snapshot {name}"


def _seal_open(data: bytes, key: bytes, share_id: str, name: str) -> tuple[Header, bytes, bytes, int]:
    """Header, inner key, body hash and where the body starts; checks everything but the body."""
    where = _where(name)
    if len(data) < _FIXED or data[:4] != MAGIC:
        raise SnapshotRejected(f"{where} is not a snapshot file (damaged or truncated).")
    if data[4] != VERSION:
        raise SnapshotRejected(f"{where} has format version {data[4]}, which this version of "
                               "asb-desktop cannot read.")
    (hlen,) = struct.unpack(">I", data[5:9])
    start = _FIXED + hlen + _NONCE + _SEAL
    if hlen > _MAX_HEADER or len(data) < start:
        raise SnapshotRejected(f"{where} is truncated.")
    prefix = bytes(data[: _FIXED + hlen])
    nonce = bytes(data[_FIXED + hlen : _FIXED + hlen + _NONCE])
    try:
        sealed = AESGCM(key).decrypt(nonce, bytes(data[_FIXED + hlen + _NONCE : start]), prefix)
    except InvalidTag as exc:
        raise SnapshotRejected(f"{where} failed its integrity check (damaged, tampered with, or "
                               "written with another team's key).") from exc
    try:
        header = Header.from_json(json.loads(prefix[_FIXED:]))
    except (ValueError, KeyError, TypeError) as exc:
        raise SnapshotRejected(f"{where} has a damaged header.") from exc
    if header.share_id != share_id:
        raise SnapshotRejected(f"{where} belongs to another team's share.")
    return header, sealed[:32], sealed[32:64], start


def open_snapshot(data: bytes, key: bytes, share_id: str, name: str) -> Opened:
    """Verify the whole file (header, seal, length and body hash) before anything reads it."""
    header, inner_key, digest, start = _seal_open(data, key, share_id, name)
    body = memoryview(data)[start:]
    if len(body) != header.size:
        raise SnapshotRejected(f"{_where(name)} is truncated ({len(body):,} of "
                               f"{header.size:,} bytes).")
    if hashlib.sha256(body).digest() != digest:
        raise SnapshotRejected(f"{_where(name)} failed its integrity check (damaged or tampered with).")
    return Opened(name, header, inner_key, body)


def read_header(share: SnapshotShare, name: str, key: bytes, share_id: str) -> Header:
    return _seal_open(share.head(name), key, share_id, name)[0]


def encode(header: Header, inner_key: bytes, body: bytes, key: bytes) -> bytes:
    text = json.dumps(header.to_json(), sort_keys=True, separators=(",", ":")).encode()
    prefix = MAGIC + bytes([VERSION]) + struct.pack(">I", len(text)) + text
    nonce = os.urandom(_NONCE)
    sealed = AESGCM(key).encrypt(nonce, inner_key + hashlib.sha256(body).digest(), prefix)
    return prefix + nonce + sealed + body


# -- the attached inner database --------------------------------------------------------


def _scratch(unit: Unit) -> Path:
    """Beside the profile (same disk, same protection); never the system temp folder."""
    return unit.store.path.parent / f".snapshot-{uuid.uuid4().hex}.tmp"


def _discard(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal")):
        with suppress(FileNotFoundError):
            p.unlink()


@contextmanager
def _attached(unit: Unit, path: Path, inner_key: bytes, write: bool) -> Iterator[sa.Connection]:
    """A profile connection with the inner database attached as ``snap``, in one transaction.

    ATTACH cannot run inside a transaction, so it is issued on the driver
    connection before SQLAlchemy begins one; DETACH follows the commit or
    rollback, so the pooled connection goes back as it came.
    """
    conn = unit.store.engine.connect()
    try:
        if write:
            conn = conn.execution_options(**{WRITE_OPTION: True})
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("ATTACH DATABASE ? AS snap KEY ?", (str(path), f"x'{inner_key.hex()}'"))
        try:
            raw.execute("PRAGMA snap.journal_mode=OFF")
            raw.execute("PRAGMA snap.synchronous=OFF")
            with conn.begin():
                yield conn
        finally:
            if conn.in_transaction():
                conn.rollback()
            raw.execute("DETACH DATABASE snap")
    finally:
        conn.close()


def _synced_tables() -> list[sa.Table]:
    synced = {m.class_.__tablename__ for m in Base.registry.mappers
              if getattr(m.class_, "__synced__", True)}
    return [t for t in Base.metadata.sorted_tables if t.name in synced]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _schema(conn: sa.Connection) -> list[str]:
    return sorted(str(r[0]) for r in conn.exec_driver_sql("SELECT version_num FROM main.alembic_version"))


# -- writing ----------------------------------------------------------------------------


def _compacted_away(conn: sa.Connection) -> list[int]:
    """Change rows (by local seq) whose every field a later-stamped change of the same
    row has overwritten: no merge can ever pick them again. Deletes and changes to
    safety-critical fields are kept (conflict detection reads their bases), as is
    any change not followed by a later-stamped edit."""
    rows = conn.exec_driver_sql(
        "SELECT c.seq, c.entity, c.entity_id, c.op, c.fields, c.hlc FROM main.changes c "
        "JOIN (SELECT entity, entity_id FROM main.changes GROUP BY entity, entity_id "
        "HAVING count(*) > 1) m ON m.entity = c.entity AND m.entity_id = c.entity_id "
        "ORDER BY c.entity, c.entity_id, c.hlc DESC"
    )
    dropped: list[int] = []
    key: tuple[str, str] | None = None
    covered: set[str] = set()
    group: list[tuple[str, set[str]]] = []
    group_hlc = ""
    later_edit = False
    for seq, entity, entity_id, op, fields_json, hlc in rows:
        if (entity, entity_id) != key:
            key, covered, group, group_hlc, later_edit = (entity, entity_id), set(), [], hlc, False
        if hlc != group_hlc:
            for gop, gfields in group:
                covered |= gfields
                later_edit = later_edit or gop == "upsert"
            group, group_hlc = [], hlc
        fields = set(json.loads(fields_json or "{}"))
        group.append((op, fields))
        watched = CONFLICT_FIELDS.get(entity, ())
        if op == "upsert" and later_edit and fields <= covered and not fields & set(watched):
            dropped.append(int(seq))
    return dropped


def _own_bases(conn: sa.Connection) -> dict[str, dict[str, str]]:
    """Bases for the changes that have none stored (this device's own), from the full
    history, as a push would send them: the joiner reads them as imported changes."""
    with Session(bind=conn, join_transaction_mode="create_savepoint") as s:
        rows = list(s.scalars(
            sa.select(Change).where(~sa.exists().where(
                Base.metadata.tables["sync_received"].c.change_id == Change.change_id))
            .where(sa.or_(Change.op == "delete", Change.entity.in_(list(CONFLICT_FIELDS))))
        ))
        return local_bases(s, rows)


def _fill(conn: sa.Connection, unit: Unit, share_id: str) -> Header | str:
    """The inner database, or why no snapshot can be taken right now."""
    me = unit.actor.device_id
    unpushed = conn.scalar(sa.select(sa.func.count()).select_from(Change).where(
        Change.pushed == sa.false(), Change.device_id == me)) or 0
    if unpushed:
        return "this device has changes it has not sent yet"
    aside = conn.scalar(sa.select(sa.func.count()).select_from(SyncSetAside).where(
        SyncSetAside.kind == "unappliable")) or 0
    if aside:
        return "changes are set aside on this device for a supervisor"
    covers: dict[str, int] = {}
    hashes: dict[str, str] = {}
    for p in conn.execute(sa.select(SyncPeer.device_id, SyncPeer.last_seq, SyncPeer.last_hash)):
        if p.last_seq > 0:
            covers[p.device_id], hashes[p.device_id] = p.last_seq, p.last_hash
    meta_t = Base.metadata.tables["meta"]
    mine = {str(k): str(v) for k, v in conn.execute(
        sa.select(meta_t.c.key, meta_t.c.value).where(meta_t.c.key.in_([SEQ_KEY, HASH_KEY])))}
    if int(mine.get(SEQ_KEY, "0") or 0) > 0:
        covers[me], hashes[me] = int(mine[SEQ_KEY]), mine.get(HASH_KEY, "")
    if not covers:
        return "nothing has been sent to the share yet"
    local = ", ".join(f"'{a}'" for a in LOCAL_ACTIONS)
    for table in _synced_tables():
        where = f" WHERE action NOT IN ({local})" if table.name == "audit" else ""
        conn.exec_driver_sql(
            f"CREATE TABLE snap.{_q(table.name)} AS SELECT * FROM main.{_q(table.name)}{where}")
    conn.exec_driver_sql("CREATE TABLE snap.dropped (seq INTEGER PRIMARY KEY)")
    dropped = _compacted_away(conn)
    if dropped:
        conn.exec_driver_sql("INSERT INTO snap.dropped (seq) VALUES (?)", [(n,) for n in dropped])
    # Rows a purge erased keep only the purge's tombstone; forget_purged has already
    # removed the rest, and this makes sure nothing else of theirs is copied.
    conn.exec_driver_sql(
        "CREATE TABLE snap.purged AS SELECT c.entity, c.entity_id FROM main.changes c "
        "JOIN main.sync_received r ON r.change_id = c.change_id "
        f"WHERE c.op = 'delete' AND json_extract(r.bases, '$.\"{ROW_BASE}\"') = '{PURGE_BASE}'")
    conn.exec_driver_sql("CREATE INDEX snap.ix_purged ON purged (entity, entity_id)")
    conn.exec_driver_sql(
        "CREATE TABLE snap.changes AS SELECT c.change_id, c.entity, c.entity_id, c.op, c.fields, "
        "c.hlc, c.device_id, c.user_id FROM main.changes c "
        "WHERE c.seq NOT IN (SELECT seq FROM snap.dropped) AND (c.op = 'delete' OR NOT EXISTS "
        "(SELECT 1 FROM snap.purged p WHERE p.entity = c.entity AND p.entity_id = c.entity_id)) "
        "ORDER BY c.seq")
    conn.exec_driver_sql("DROP TABLE snap.dropped")
    conn.exec_driver_sql("DROP TABLE snap.purged")
    # Every change travels as an imported one: stored bases, or for this device's own
    # changes the bases a push would send; "{}" for the rest, as a bundle carries them.
    conn.exec_driver_sql("CREATE TABLE snap.own (change_id VARCHAR(36) PRIMARY KEY, bases JSON)")
    own = _own_bases(conn)
    if own:
        conn.exec_driver_sql("INSERT INTO snap.own (change_id, bases) VALUES (?, ?)",
                             [(cid, json.dumps(b)) for cid, b in own.items()])
    conn.exec_driver_sql(
        "CREATE TABLE snap.received AS SELECT c.change_id, coalesce(o.bases, r.bases, '{}') AS bases "
        "FROM snap.changes c LEFT JOIN main.sync_received r ON r.change_id = c.change_id "
        "LEFT JOIN snap.own o ON o.change_id = c.change_id ORDER BY c.rowid")
    conn.exec_driver_sql("DROP TABLE snap.own")
    conn.exec_driver_sql(f"CREATE TABLE snap.{_CONFLICTS} AS SELECT * FROM main.{_CONFLICTS}")
    total = conn.exec_driver_sql("SELECT count(*), max(hlc) FROM snap.changes").one()
    return Header(share_id, me, covers, hashes, str(total[1] or ""), _schema(conn), 0,
                  int(total[0]), datetime.now(UTC).isoformat(timespec="seconds"))


def write_snapshot(unit: Unit, share: SnapshotShare, key: bytes, share_id: str) -> str | None:
    """Take a snapshot and put it on the share; returns its name, or None when this
    device cannot take an exact one right now (it tries again next sync)."""
    path = _scratch(unit)
    inner_key = os.urandom(32)
    try:
        with _attached(unit, path, inner_key, write=False) as conn:
            made = _fill(conn, unit, share_id)
        if isinstance(made, str):
            return None
        body = path.read_bytes()
    finally:
        _discard(path)
    header = Header(made.share_id, made.writer, made.covers, made.hashes, made.hlc, made.schema,
                    len(body), made.changes, made.made_at)
    coverage = sum(made.covers.values())
    name = (f"{coverage:012d}-{datetime.now(UTC):%Y%m%dT%H%M%S%f}Z-"
            f"{unit.actor.device_id.replace('-', '')[:8]}{SUFFIX}")
    share.put(name, encode(header, inner_key, body, key))
    return name


def snapshot_due(unit: Unit, share: SnapshotShare, key: bytes, share_id: str,
                 threshold: int | None = None) -> bool:
    """Whether enough has changed since the newest snapshot to write another."""
    limit = SNAPSHOT_CHANGES if threshold is None else threshold
    since = ""
    for name in share.names():
        try:
            since = read_header(share, name, key, share_id).hlc
            break
        except SnapshotRejected:
            continue
    ch = Base.metadata.tables["changes"]
    newer = sa.select(ch.c.seq).where(ch.c.hlc > since).limit(limit).subquery()
    with unit.read() as s:
        return (s.scalar(sa.select(sa.func.count()).select_from(newer)) or 0) >= limit


def write_if_due(unit: Unit, share: SnapshotShare, key: bytes, share_id: str) -> str | None:
    """Called after each sync; a purge's leftovers are forgotten first so none travel."""
    if not snapshot_due(unit, share, key, share_id):
        return None
    with unit.store.write_sessions() as s, s.begin():
        forget_purged(s)
    return write_snapshot(unit, share, key, share_id)


# -- starting from a snapshot --------------------------------------------------------------


@dataclass
class Joined:
    name: str = ""
    changes: int = 0
    notices: list[str] = field(default_factory=list)


def start_point(unit: Unit, share: SnapshotShare) -> str | None:
    """"new" for a device that has applied nothing yet, "behind" for one whose next
    bundle from some device has been archived; None to pull bundles as usual.

    A device is behind the archive when, for some other device, its watermark is
    below the highest archived bundle of that device: the bundles it needs are no
    longer in the device folder. Archiving moves only bundles the newest snapshot
    covers, so that snapshot holds everything such a device is missing.
    """
    me = unit.actor.device_id
    with unit.read() as s:
        peers = {p.device_id: p.last_seq for p in s.scalars(sa.select(SyncPeer))}
        # Asked only without watermarks: with no index on the device, it walks this
        # device's own changes until it meets another's.
        imported = None if peers else s.scalar(
            sa.select(Change.seq).where(Change.device_id != me).limit(1))
    if not peers and imported is None:
        return "new" if share.names() else None
    archived = share.archived()
    if any(d != me and peers.get(d, 0) < top for d, top in archived.items()):
        return "behind"
    return None


def join(unit: Unit, share: SnapshotShare, key: bytes, share_id: str, how: str) -> Joined:
    """The newest snapshot that verifies, loaded in one transaction; failing that the
    next older one, and failing all, the bundles as before. Each failure is said plainly."""
    joined = Joined()
    for name in share.names():
        path = _scratch(unit)
        try:
            opened = open_snapshot(share.read(name), key, share_id, name)
            # Still the SQLCipher file under its random key: nothing readable lands here.
            path.write_bytes(opened.body)
            with _attached(unit, path, opened.inner_key, write=True) as conn:
                if _schema(conn) != opened.header.schema:
                    raise SnapshotRejected(f"{_where(name)} was written by another version of "
                                           "asb-desktop.")
                if how == "new":
                    joined.changes = _load(conn, unit, opened.header)
                else:
                    joined.changes = _catch_up(conn, unit, opened.header)
                _watermarks(conn, unit, opened.header, name)
        except SnapshotRejected as exc:
            joined.notices.append(f"{exc} This device fetched the bundles instead.")
            continue
        except (sa.exc.DBAPIError, ValueError, KeyError) as exc:
            joined.notices.append(
                f"{_where(name)} could not be loaded ({getattr(exc, 'orig', exc)}); nothing from it "
                "was saved, and this device fetched the bundles instead.")
            continue
        finally:
            _discard(path)
        if opened.header.hlc:
            physical = int(unit.clock.now().replace(tzinfo=UTC).timestamp() * 1000)
            unit.hlc.observe(Stamp.decode(opened.header.hlc), physical)
        joined.name = name
        return joined
    return joined


def _columns(conn: sa.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.exec_driver_sql(f"PRAGMA snap.table_info({_q(table)})")]


def _load(conn: sa.Connection, unit: Unit, header: Header) -> int:
    """A device with nothing yet: straight copies. Rows it already holds (its own,
    when its first bundles are among those covered) are kept as they are."""
    for table in _synced_tables():
        cols = [c.name for c in table.c]
        if set(_columns(conn, table.name)) != set(cols):
            raise SnapshotRejected(f"The team snapshot's {table.name} table does not match this "
                                   "version of asb-desktop.")
        names = ", ".join(_q(c) for c in cols)
        conn.exec_driver_sql(f"INSERT OR IGNORE INTO main.{_q(table.name)} ({names}) "
                             f"SELECT {names} FROM snap.{_q(table.name)}")
    before = conn.scalar(sa.select(sa.func.max(Change.seq))) or 0
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO main.changes (change_id, entity, entity_id, op, fields, hlc, "
        "device_id, user_id, pushed) SELECT change_id, entity, entity_id, op, fields, hlc, "
        "device_id, user_id, 1 FROM snap.changes ORDER BY rowid")
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO main.sync_received (change_id, bases) "
        "SELECT r.change_id, r.bases FROM snap.received r JOIN main.changes c "
        "ON c.change_id = r.change_id WHERE c.device_id != ?", (unit.actor.device_id,))
    listed = ", ".join(_q(c.name) for c in Base.metadata.tables[_CONFLICTS].c)
    conn.exec_driver_sql(f"INSERT OR IGNORE INTO main.{_CONFLICTS} ({listed}) "
                         f"SELECT {listed} FROM snap.{_CONFLICTS}")
    after = conn.scalar(sa.select(sa.func.max(Change.seq))) or 0
    # The snapshot was scrubbed of purged data before it was written.
    conn.exec_driver_sql("INSERT OR REPLACE INTO main.meta (key, value) VALUES (?, ?)",
                         (SCRUBBED_KEY, str(after)))
    return int(after - before)


def _catch_up(conn: sa.Connection, unit: Unit, header: Header) -> int:
    """A device that already holds data: the snapshot's changes it lacks go through the
    ordinary merge (bases, conflicts, purges), as if they had come in bundles."""
    rows = conn.exec_driver_sql(
        "SELECT c.change_id, c.entity, c.entity_id, c.op, c.fields, c.hlc, c.device_id, "
        "c.user_id, r.bases FROM snap.changes c LEFT JOIN snap.received r "
        "ON r.change_id = c.change_id WHERE c.device_id != ? "
        "AND NOT EXISTS (SELECT 1 FROM main.changes m WHERE m.change_id = c.change_id) "
        "AND NOT EXISTS (SELECT 1 FROM main.sync_set_aside a WHERE a.change_id = c.change_id) "
        "ORDER BY c.rowid", (unit.actor.device_id,)).all()
    changes = [wire.WireChange(r[0], r[1], r[2], r[3], json.loads(r[4] or "{}"), r[5], r[6], r[7],
                               json.loads(r[8] or "{}")) for r in rows]
    now = unit.now()
    applied = 0
    with unit.store.write_sessions(bind=conn, join_transaction_mode="create_savepoint") as s:
        s.info["capture"] = CaptureContext(unit.actor.device_id, unit.actor.user_id, unit.stamp)
        for i in range(0, len(changes), CATCH_UP_CHUNK):
            part = changes[i : i + CATCH_UP_CHUNK]
            purges = arriving_purges(part)
            plan = erase_unseen(s, purges) if purges else None
            done = apply_changes(s, part, now, 0)
            if plan is not None:
                finish_following(s, plan)
            erase_orphans(s, done.orphans)
            s.flush()
            applied += done.changes
        s.commit()
    return applied


def _watermarks(conn: sa.Connection, unit: Unit, header: Header, name: str) -> None:
    """Continue each device's chain where the snapshot left it (never backwards)."""
    peers = Base.metadata.tables["sync_peers"]
    here = {r.device_id: r.last_seq for r in conn.execute(sa.select(peers))}
    now = unit.now()
    for device, seq in header.covers.items():
        if device == unit.actor.device_id or here.get(device, 0) >= seq:
            continue
        conn.execute(sa.delete(peers).where(peers.c.device_id == device))
        conn.execute(sa.insert(peers).values(device_id=device, last_seq=seq,
                                             last_hash=header.hashes.get(device, ""),
                                             updated_at=now))
    conn.execute(sa.insert(Base.metadata.tables["audit"]).values(
        id=new_id(), at=now, user_id=unit.actor.user_id, device_id=unit.actor.device_id,
        action=LOCAL_ACTIONS[0], entity="snapshot", entity_id=header.writer,
        detail=f"Started from the team snapshot {name} written by device {header.writer[:8]} "
               f"({header.changes} changes)"))


# -- archiving --------------------------------------------------------------------------------


@dataclass
class Archived:
    snapshot: str
    bundles: int = 0
    snapshots: int = 0
    kept: dict[str, int] = field(default_factory=dict)


def newest_valid(share: SnapshotShare, key: bytes, share_id: str) -> tuple[Opened | None, list[str]]:
    problems: list[str] = []
    for name in share.names():
        try:
            return open_snapshot(share.read(name), key, share_id, name), problems
        except SnapshotRejected as exc:
            problems.append(str(exc))
    return None, problems


def archive_covered(transport: FolderTransport, key: bytes, share_id: str, actor: Actor) -> Archived:
    """Move bundles the newest valid snapshot covers into ``archive/<device>/``.

    Moved, never deleted: the archive is the team's full record. Each device's
    newest bundle stays where it is even when covered, because a device that
    crashed between writing a bundle and recording it finds its place by that
    file; without it, it would reuse the number and break its chain. Snapshots
    older than the newest ``KEEP_SNAPSHOTS`` go to ``archive/snapshots/``.
    """
    if not actor.is_supervisor:
        raise SyncError("Only a supervisor can archive the team's old bundles. Nothing was moved.")
    share = SnapshotShare.of(transport)
    opened, problems = newest_valid(share, key, share_id)
    if opened is None:
        why = f" ({problems[0]})" if problems else ""
        raise SyncError("There is no team snapshot to archive against yet" + why
                        + "; bundles are only archived once a snapshot covers them. Nothing was moved.")
    done = Archived(opened.name)
    for device in transport.devices():
        seqs = transport.list(device)
        covered = opened.header.covers.get(device, 0)
        if not seqs:
            continue
        top = max(seqs)
        folder = transport.root / DEVICES / device
        for n in seqs:
            if n <= covered and n < top and share.move(
                    folder / f"{n:010d}{BUNDLE_SUFFIX}", transport.root / ARCHIVE / device):
                done.bundles += 1
        done.kept[device] = len([n for n in seqs if n > covered or n == top])
    names = share.names()
    keep = names[: names.index(opened.name) + 1]
    keep = keep if len(keep) >= KEEP_SNAPSHOTS else names[:KEEP_SNAPSHOTS]
    for name in names:
        if name not in keep and share.move(share.folder / name, transport.root / ARCHIVE / SNAPSHOTS):
            done.snapshots += 1
    return done
