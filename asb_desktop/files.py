"""Writing a file so that a crash or a full disk leaves either the old file or
the whole new one, never half of it. PDFs, exports, CSVs, the key record and the
encrypted profile swap are all written this one way."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def fsync_path(path: Path) -> None:
    """Flush a file, or a folder's entry for a renamed file, to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """A temporary file beside ``path``, flushed, then renamed over it. Raises OSError."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".asb-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: The profile's files and folder are the officer's alone: case data, its
#: write-ahead log and the key record must not be readable by other accounts
#: on a shared or managed computer, even though the database is encrypted.
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def _posix() -> bool:
    return os.name == "posix"


def make_private(path: Path, folder: bool = False) -> None:
    """Tighten ``path`` to the owner alone if it exists. POSIX only: on Windows the
    profile lives under the user's own AppData, whose ACL already does this.
    A file this account cannot change (not its own) is left as it is; opening
    must not fail over it, and the files that matter are created private."""
    if not _posix():
        return
    with contextlib.suppress(FileNotFoundError, PermissionError):
        os.chmod(path, PRIVATE_FOLDER if folder else PRIVATE_FILE)


def create_private(path: Path) -> None:
    """Create ``path`` empty with owner-only permissions, if it does not exist.
    SQLite gives a database's ``-wal`` and ``-shm`` files the database file's own
    mode, so a database created this way keeps all three private; the process
    umask is left alone, since it is shared by every thread."""
    if not _posix():
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return
    os.close(fd)
