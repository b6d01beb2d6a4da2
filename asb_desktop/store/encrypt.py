"""Turning a plain SQLite profile (made before profiles were encrypted) into an
encrypted one, once, when it is first opened with a key.

The encrypted copy is written beside the original with SQLCipher's
``sqlcipher_export``, checked, flushed to disk and only then swapped in with
an atomic rename: a crash at any point leaves either the untouched plain file
or the finished encrypted one, never half of each.
"""

from __future__ import annotations

import os
from pathlib import Path

from asb_desktop.files import fsync_path
from asb_desktop.store.engine import connect_raw, is_plaintext
from asb_desktop.store.errors import StoreUnreadable


def encrypt_in_place(path: Path, key: bytes) -> None:
    """Replace the plain database at ``path`` with an encrypted copy under ``key``."""
    if not is_plaintext(path):
        raise StoreUnreadable(f"{path.name} is not a plain profile database; nothing was changed.")
    tmp = path.with_name(path.name + ".encrypting")
    tmp.unlink(missing_ok=True)
    plain = connect_raw(path, None)
    try:
        cur = plain.cursor()
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = cur.execute("PRAGMA user_version").fetchone()[0]
        tables = cur.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        cur.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(tmp),))
        cur.execute("SELECT sqlcipher_export('encrypted')")
        cur.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        cur.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    check = connect_raw(tmp, key)
    try:
        cur = check.cursor()
        ok = cur.execute("PRAGMA integrity_check").fetchone()[0]
        copied = cur.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        check.close()
    if ok != "ok" or copied != tables:
        tmp.unlink(missing_ok=True)
        raise StoreUnreadable(
            f"Encrypting {path.name} did not give a sound copy ({ok}); the original is untouched."
        )
    for suffix in ("-wal", "-shm"):
        path.with_name(tmp.name + suffix).unlink(missing_ok=True)
    fsync_path(tmp)
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    fsync_path(path.parent)
