"""The team snapshot file: its sealed format, its place on the share, and the
SQLCipher database inside it.

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
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from asb_desktop.store.engine import CACHE_KIB, WRITE_OPTION
from asb_desktop.store.models import Base
from asb_desktop.store.unit import Unit
from asb_desktop.sync.device_keys import DeviceKeys, PublicKeys
from asb_desktop.sync.errors import ShareFault, SyncError
from asb_desktop.sync.transport import (
    BUNDLE_SUFFIX,
    FolderTransport,
    LocalFS,
    ShareFS,
    describe,
)

MAGIC = b"ASBS"
VERSION = 2
#: Written before snapshots were signed; read only on a share with no roster yet.
UNSIGNED = 1
#: Whose signing key vouches for a snapshot written by the given device (None: nobody's).
Vouch = Callable[[str], PublicKeys | None]
SNAPSHOTS = "snapshots"
ARCHIVE = "archive"
SUFFIX = ".asbs"
#: The writer's own bookkeeping table copied as it is (derived the same way on every replica).
CONFLICTS = "sync_conflicts"

_FIXED = len(MAGIC) + 1 + 4
_NONCE = 12
_SEAL = 32 + 32 + 16  # inner key, body hash, tag
_SIGNED_SEAL = _SEAL + 64  # and the writer's signature of the header and body hash
_MAX_HEADER = 4 * 1024 * 1024
_NAME = re.compile(r"^\d{12}-\d{8}T\d{12}Z-[0-9a-f]{8}\.asbs$")
_DEVICE = re.compile(r"^[0-9a-f-]{36}$")
_TMP = ".tmp-"


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
                    return start + fh.read(min(hlen, _MAX_HEADER) + _NONCE + _SIGNED_SEAL)
            return self.fs.read(path)[: _MAX_HEADER + _FIXED + _NONCE + _SIGNED_SEAL]
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


def where(name: str) -> str:
    return f"The team snapshot {name}"


def seal_open(data: bytes, key: bytes, share_id: str, name: str,
              vouch: Vouch | None = None) -> tuple[Header, bytes, bytes, int]:
    """Header, inner key, body hash and where the body starts; checks everything but the body.

    A new laptop takes a snapshot's rows wholesale, past the checks each change
    meets on arrival, so a snapshot is read only when ``vouch`` names a signing
    key for its writer (a supervisor's enrolled laptop, or the one that set the
    share up) and its signature verifies. ``vouch`` None: a share with no roster."""
    at = where(name)
    if len(data) < _FIXED or data[:4] != MAGIC:
        raise SnapshotRejected(f"{at} is not a snapshot file (damaged or truncated).")
    if data[4] not in (VERSION, UNSIGNED) or (data[4] == UNSIGNED and vouch is not None):
        raise SnapshotRejected(f"{at} has format version {data[4]}, which this version of "
                               "asb-desktop cannot read here.")
    (hlen,) = struct.unpack(">I", data[5:9])
    start = _FIXED + hlen + _NONCE + (_SIGNED_SEAL if data[4] == VERSION else _SEAL)
    if hlen > _MAX_HEADER or len(data) < start:
        raise SnapshotRejected(f"{at} is truncated.")
    prefix = bytes(data[: _FIXED + hlen])
    nonce = bytes(data[_FIXED + hlen : _FIXED + hlen + _NONCE])
    try:
        sealed = AESGCM(key).decrypt(nonce, bytes(data[_FIXED + hlen + _NONCE : start]), prefix)
    except InvalidTag as exc:
        raise SnapshotRejected(f"{at} failed its integrity check (damaged, tampered with, or "
                               "written with another team's key).") from exc
    try:
        header = Header.from_json(json.loads(prefix[_FIXED:]))
    except (ValueError, KeyError, TypeError) as exc:
        raise SnapshotRejected(f"{at} has a damaged header.") from exc
    if header.share_id != share_id:
        raise SnapshotRejected(f"{at} belongs to another team's share.")
    if vouch is not None:
        writer = vouch(header.writer)
        if writer is None:
            raise SnapshotRejected(f"{at} was not written by a supervisor's enrolled laptop.")
        try:
            writer.verifier().verify(sealed[64:128], prefix[_FIXED:] + sealed[32:64])
        except InvalidSignature as exc:
            raise SnapshotRejected(f"{at} is not signed by the laptop that claims to have "
                                   "written it.") from exc
    return header, sealed[:32], sealed[32:64], start


def open_snapshot(data: bytes, key: bytes, share_id: str, name: str,
                  vouch: Vouch | None = None) -> Opened:
    """Verify the whole file (header, seal, signature, length and body hash) before
    anything reads it."""
    header, inner_key, digest, start = seal_open(data, key, share_id, name, vouch)
    body = memoryview(data)[start:]
    if len(body) != header.size:
        raise SnapshotRejected(f"{where(name)} is truncated ({len(body):,} of "
                               f"{header.size:,} bytes).")
    if hashlib.sha256(body).digest() != digest:
        raise SnapshotRejected(f"{where(name)} failed its integrity check (damaged or tampered with).")
    return Opened(name, header, inner_key, body)


def read_header(share: SnapshotShare, name: str, key: bytes, share_id: str,
                vouch: Vouch | None = None) -> Header:
    return seal_open(share.head(name), key, share_id, name, vouch)[0]


def newest_valid(share: SnapshotShare, key: bytes, share_id: str,
                 vouch: Vouch | None = None) -> tuple[Opened | None, list[str]]:
    problems: list[str] = []
    for name in share.names():
        try:
            return open_snapshot(share.read(name), key, share_id, name, vouch), problems
        except SnapshotRejected as exc:
            problems.append(str(exc))
    return None, problems


def encode(header: Header, inner_key: bytes, body: bytes, key: bytes,
           signer: DeviceKeys | None = None) -> bytes:
    """The snapshot file, signed by the writing laptop (None: the old unsigned format)."""
    text = json.dumps(header.to_json(), sort_keys=True, separators=(",", ":")).encode()
    prefix = MAGIC + bytes([UNSIGNED if signer is None else VERSION]) + struct.pack(">I", len(text)) + text
    nonce = os.urandom(_NONCE)
    digest = hashlib.sha256(body).digest()
    seal = inner_key + digest + (b"" if signer is None else signer.sign.sign(text + digest))
    sealed = AESGCM(key).encrypt(nonce, seal, prefix)
    return prefix + nonce + sealed + body


# -- the attached inner database --------------------------------------------------------


def scratch(unit: Unit) -> Path:
    """Beside the profile (same disk, same protection); never the system temp folder."""
    return unit.store.path.parent / f".snapshot-{uuid.uuid4().hex}.tmp"


def discard(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal")):
        with suppress(FileNotFoundError):
            p.unlink()


@contextmanager
def attached(unit: Unit, path: Path, inner_key: bytes, write: bool,
             cache_kib: int | None = None) -> Iterator[sa.Connection]:
    """A profile connection with the inner database attached as ``snap``, in one transaction.

    ATTACH cannot run inside a transaction, so it is issued on the driver
    connection before SQLAlchemy begins one; DETACH follows the commit or
    rollback, so the pooled connection goes back as it came (its page cache
    too, when ``cache_kib`` enlarged it for the transaction).
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
            if cache_kib is not None:
                raw.execute(f"PRAGMA main.cache_size=-{int(cache_kib)}")
            with conn.begin():
                yield conn
        finally:
            if conn.in_transaction():
                conn.rollback()
            if cache_kib is not None:
                raw.execute(f"PRAGMA main.cache_size=-{CACHE_KIB}")
            raw.execute("DETACH DATABASE snap")
    finally:
        conn.close()


def synced_tables() -> list[sa.Table]:
    """The tables a snapshot carries as they are, parents before children."""
    synced = {m.class_.__tablename__ for m in Base.registry.mappers
              if getattr(m.class_, "__synced__", True)}
    return [t for t in Base.metadata.sorted_tables if t.name in synced]


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def schema_of(conn: sa.Connection) -> list[str]:
    """The profile's migration heads: a snapshot is only loaded into the same schema."""
    return sorted(str(r[0]) for r in conn.exec_driver_sql("SELECT version_num FROM main.alembic_version"))


def snap_columns(conn: sa.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.exec_driver_sql(f"PRAGMA snap.table_info({quote(table)})")]
