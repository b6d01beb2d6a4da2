"""Opening a profile's database file.

Every connection gets WAL, ``synchronous=FULL`` (a save the officer saw succeed
survives a power cut) and foreign keys. Transactions are begun explicitly so
that writers take the lock up front (``BEGIN IMMEDIATE``) instead of failing
half-way with SQLITE_BUSY. The driver is sqlcipher3 from day one; with a key
the file is encrypted, without one it is a plain SQLite file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlcipher3
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from asb_desktop.files import create_private, make_private
from asb_desktop.store.capture import capture_after_flush
from asb_desktop.store.errors import StoreError, StoreUnreadable
from asb_desktop.store.schema import key_pragma

WRITE_OPTION = "asb_write"
_SQLITE_HEADER = b"SQLite format 3\x00"


def is_plaintext(path: Path) -> bool:
    """A plain (unencrypted) SQLite file starts with the SQLite header; an encrypted one does not."""
    try:
        with Path(path).open("rb") as fh:
            return fh.read(16) == _SQLITE_HEADER
    except OSError:
        return False


def connect_raw(path: Path, key: bytes | None) -> Any:
    """A DB-API connection to the file, keyed and tuned. Used by the engine and backups.
    A file it creates (a new profile, a backup) is created owner-only first."""
    create_private(Path(path))
    conn = sqlcipher3.connect(str(path), check_same_thread=False, timeout=30)
    conn.isolation_level = None
    cur = conn.cursor()
    if key is not None:
        cur.execute(key_pragma(key))
    try:
        cur.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise StoreUnreadable(
            f"The profile database {path.name} cannot be read: the key is wrong or the "
            "file is damaged. Nothing has been changed."
        ) from exc
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    # Every page read from an encrypted file is decrypted; a page found in the
    # cache is not. A search over a large caseload touches thousands of pages,
    # so a warm cache (up to 64 MiB, filled only as pages are read) turns a
    # 35 ms lookup into 5 ms. See bench/gui.py.
    cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cur.close()
    return conn


CACHE_KIB = 65536


@dataclass
class Store:
    """The engine and session factories for one profile file."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    write_sessions: sessionmaker[Session]

    def close(self) -> None:
        self.engine.dispose()


def make_profile_private(path: Path) -> None:
    """The folder owner-only, and the database, its ``-wal`` and ``-shm`` and its
    backups owner-only: set here, at every open, so profiles made before this (or
    files copied in with looser modes) are fixed before they are next read."""
    make_private(path.parent, folder=True)
    for file in [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                 *path.parent.glob(f"{path.stem}.backup-*.db*")]:
        make_private(file)


def open_engine(path: Path, key: bytes | None = None) -> Store:
    path = Path(path)
    if not path.parent.is_dir():
        raise StoreError(f"The profile folder {path.parent} does not exist.")
    make_profile_private(path)
    if key is None and path.exists() and path.stat().st_size >= 16:
        with path.open("rb") as fh:
            if fh.read(16) != _SQLITE_HEADER:
                raise StoreUnreadable(
                    f"{path.name} is encrypted or is not a profile database; "
                    "it needs its key to open. Nothing has been changed."
                )
    connect_raw(path, key).close()  # fail early and clearly on a wrong key
    creator: Callable[[], Any] = lambda: connect_raw(path, key)  # noqa: E731
    engine = sa.create_engine(
        "sqlite://",
        creator=creator,
        module=sqlcipher3.dbapi2,
        poolclass=QueuePool,
        pool_size=4,
        pool_use_lifo=True,  # the warm connection (and its page cache) is reused first
        max_overflow=4,
    )

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        if conn.get_execution_options().get(WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            # Foreign keys are checked at commit, so the order rows are flushed
            # (or merged by sync) within one transaction does not matter.
            conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        else:
            conn.exec_driver_sql("BEGIN")

    writer = engine.execution_options(**{WRITE_OPTION: True})
    reads = sessionmaker(engine, expire_on_commit=False, autoflush=False)
    writes = sessionmaker(writer, expire_on_commit=False)
    # Capture on both: a read session that tries to write raises instead of
    # saving a row that no audit or sync would ever see.
    for factory in (reads, writes):
        sa.event.listen(factory, "after_flush", capture_after_flush)
    return Store(path=path, engine=engine, sessions=reads, write_sessions=writes)
