"""Writing a file so that a crash or a full disk leaves either the old file or
the whole new one, never half of it. PDFs, exports, CSVs, the key record and the
encrypted profile swap are all written this one way."""

from __future__ import annotations

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
