"""Where bundles live: a small put/list/get interface, and the folder share.

Merge and push/pull only see ``Transport``, so a PostgreSQL table can later
hold the same bundle bytes without touching them. The folder transport does
all file work through ``ShareFS`` primitives, which tests replace with a file
system that fails (vanishes, turns read-only, fills up) at any chosen step.
"""

from __future__ import annotations

import errno
import os
import re
import uuid
from pathlib import Path
from typing import Protocol

from asb_desktop.sync.errors import NotConnected, ShareFault

MARKER = "asb-share.json"
DEVICES = "devices"
BUNDLE_SUFFIX = ".asbb"
ENROLMENT = "device.json"
_BUNDLE_NAME = re.compile(r"^(\d{10})\.asbb$")
_TMP_PREFIX = ".tmp-"


class ShareFS(Protocol):
    """The file operations the folder share is built from; each is one fault point."""

    def read(self, path: Path) -> bytes: ...
    def listdir(self, path: Path) -> list[str]: ...
    def exists(self, path: Path) -> bool: ...
    def makedirs(self, path: Path) -> None: ...
    def write_file(self, path: Path, data: bytes) -> None: ...
    def rename(self, src: Path, dst: Path) -> None: ...
    def fsync_dir(self, path: Path) -> None: ...
    def remove(self, path: Path) -> None: ...


class LocalFS:
    """The real file system (a local folder, or a mounted SMB/NFS share)."""

    def read(self, path: Path) -> bytes:
        return path.read_bytes()

    def listdir(self, path: Path) -> list[str]:
        return os.listdir(path)

    def exists(self, path: Path) -> bool:
        return path.exists()

    def makedirs(self, path: Path) -> None:
        # One level only: when a mount has gone away, writing must fail rather
        # than build a fresh share skeleton inside the empty mount point.
        path.mkdir(exist_ok=True)

    def write_file(self, path: Path, data: bytes) -> None:
        # "x": never truncate something already there.
        with path.open("xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())

    def rename(self, src: Path, dst: Path) -> None:
        os.rename(src, dst)

    def fsync_dir(self, path: Path) -> None:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return  # some network file systems cannot open a folder; rename is then the barrier
        try:
            os.fsync(fd)
        except OSError as exc:
            if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
                raise
        finally:
            os.close(fd)

    def remove(self, path: Path) -> None:
        path.unlink()


def describe(exc: OSError) -> str:
    """The officer's words for what went wrong with the share."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the share is full"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "the share is read-only or this account may not write to it"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.ESTALE, errno.EIO, errno.ENODEV):
        return "the share went away (disconnected or unmounted)"
    return f"the share could not be used ({exc.strerror or exc})"


class Transport(Protocol):
    """Bundle storage. Bundles are immutable: ``put`` never overwrites."""

    def read_marker(self) -> bytes: ...
    def devices(self) -> list[str]: ...
    def list(self, device_id: str) -> list[int]: ...
    def get(self, device_id: str, seq: int) -> bytes: ...
    def put(self, device_id: str, seq: int, data: bytes) -> None: ...
    def read_enrolment(self, device_id: str) -> bytes | None: ...
    def put_enrolment(self, device_id: str, data: bytes) -> None: ...
    def cleanup(self, device_id: str) -> None: ...


class FolderTransport:
    """``<share>/devices/<device-id>/<seq>.asbb``; see docs/sync.md."""

    def __init__(self, root: Path, fs: ShareFS | None = None) -> None:
        self.root = Path(root)
        self.fs: ShareFS = fs or LocalFS()

    def _dir(self, device_id: str) -> Path:
        if not re.fullmatch(r"[0-9a-f-]{36}", device_id):
            raise ShareFault(f"{device_id!r} is not a device folder name.")
        return self.root / DEVICES / device_id

    def _bundle(self, device_id: str, seq: int) -> Path:
        return self._dir(device_id) / f"{seq:010d}{BUNDLE_SUFFIX}"

    def read_marker(self) -> bytes:
        try:
            return self.fs.read(self.root / MARKER)
        except FileNotFoundError as exc:
            raise NotConnected(
                f"{self.root} is not connected: it has no asb-desktop share marker "
                "(the drive may not be mounted). Nothing was changed."
            ) from exc
        except OSError as exc:
            raise NotConnected(f"{self.root} is not connected: {describe(exc)}.") from exc

    def write_marker(self, data: bytes) -> None:
        self._write_new(self.root, MARKER, data)

    def devices(self) -> list[str]:
        try:
            names = self.fs.listdir(self.root / DEVICES)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise ShareFault(f"Could not list devices: {describe(exc)}.") from exc
        return sorted(n for n in names if re.fullmatch(r"[0-9a-f-]{36}", n))

    def list(self, device_id: str) -> list[int]:
        try:
            names = self.fs.listdir(self._dir(device_id))
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise ShareFault(f"Could not list bundles: {describe(exc)}.") from exc
        seqs = [int(m.group(1)) for n in names if (m := _BUNDLE_NAME.match(n))]
        return sorted(seqs)

    def get(self, device_id: str, seq: int) -> bytes:
        try:
            return self.fs.read(self._bundle(device_id, seq))
        except OSError as exc:
            raise ShareFault(f"Could not read bundle {seq}: {describe(exc)}.") from exc

    def put(self, device_id: str, seq: int, data: bytes) -> None:
        self._write_new(self._dir(device_id), self._bundle(device_id, seq).name, data)

    def read_enrolment(self, device_id: str) -> bytes | None:
        path = self._dir(device_id) / ENROLMENT
        try:
            return self.fs.read(path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise ShareFault(f"Could not read a device enrolment: {describe(exc)}.") from exc

    def put_enrolment(self, device_id: str, data: bytes) -> None:
        self._write_new(self._dir(device_id), ENROLMENT, data)

    def cleanup(self, device_id: str) -> None:
        """Remove this device's own temporary files left by an interrupted push."""
        folder = self._dir(device_id)
        try:
            for name in self.fs.listdir(folder):
                if name.startswith(_TMP_PREFIX):
                    self.fs.remove(folder / name)
        except OSError:
            return  # best effort: a leftover temporary file is never read as a bundle

    def _write_new(self, folder: Path, name: str, data: bytes) -> None:
        """Temporary name, flush, fsync, rename, fsync the folder; never overwrite."""
        final = folder / name
        tmp = folder / f"{_TMP_PREFIX}{uuid.uuid4().hex}"
        try:
            self.fs.makedirs(folder)
            if self.fs.exists(final):
                raise ShareFault(f"{final.name} already exists on the share; it is never overwritten.")
            self.fs.write_file(tmp, data)
            self.fs.rename(tmp, final)
            self.fs.fsync_dir(folder)
        except OSError as exc:
            raise ShareFault(f"Could not write to the share: {describe(exc)}. "
                             "Nothing was lost; the next sync sends it again.") from exc
