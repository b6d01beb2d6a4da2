"""Where bundles live: a small put/list/get interface, and the folder share.

Merge and push/pull only see ``Transport``, so a PostgreSQL table can later
hold the same bundle bytes without touching them. The folder transport does
all file work through ``ShareFS`` primitives, which tests replace with a file
system that fails (vanishes, turns read-only, fills up) at any chosen step.
"""

from __future__ import annotations

import builtins
import errno
import os
import re
import uuid
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from asb_desktop.sync.errors import NotConnected, ShareFault

MARKER = "asb-share.json"
DEVICES = "devices"
BUNDLE_SUFFIX = ".asbb"
ENROLMENT = "device.json"
#: A device's public keys, beside its enrolment: written once, when it first has them.
DEVICE_KEYS = "keys.json"
#: The supervisor-signed roster of devices: one numbered entry per file, never rewritten.
ROSTER = "roster"
_ROSTER_NAME = re.compile(r"^(\d{10})\.json$")
_BUNDLE_NAME = re.compile(r"^(\d{10})\.asbb$")
_TMP_PREFIX = ".tmp-"
#: Added to a file moved out of the way in a device folder; the bundle pattern never matches it.
SET_ASIDE_MARK = ".set-aside-"
#: Why ``os.link`` may fail on a share that cannot make hard links (SMB, FAT, some NAS):
#: only then is the rename done without the link's "never over an existing file".
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                            errno.EMLINK, errno.ENOSYS, errno.EINVAL})


class ShareFS(Protocol):
    """The file operations the folder share is built from; each is one fault point."""

    def read(self, path: Path) -> bytes: ...
    def listdir(self, path: Path) -> list[str]: ...
    def exists(self, path: Path) -> bool: ...
    def makedirs(self, path: Path) -> None: ...
    def write_file(self, path: Path, data: bytes) -> None: ...
    def rename(self, src: Path, dst: Path) -> None: ...
    def replace(self, src: Path, dst: Path) -> None: ...
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
        """Move ``src`` to ``dst``, failing with ``FileExistsError`` if ``dst`` exists.

        ``os.rename`` silently replaces an existing file on POSIX, so two copies of a
        profile racing for the same bundle number would bury one another's bundle.
        A hard link is refused atomically by the server when the name is taken;
        only where links are not supported is the check made separately (a race
        between the check and the rename is then caught by the next sync's chain check).
        """
        try:
            os.link(src, dst)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:
                raise
            if os.path.lexists(dst):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(dst)) from exc
            os.rename(src, dst)
            return
        os.unlink(src)

    def replace(self, src: Path, dst: Path) -> None:
        """Move ``src`` over ``dst`` in one step (the share marker, when its key cost rises)."""
        os.replace(src, dst)

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
    def read_device_keys(self, device_id: str) -> bytes | None: ...
    def put_device_keys(self, device_id: str, data: bytes) -> None: ...
    def roster_numbers(self) -> builtins.list[int]: ...
    def roster_entry(self, seq: int) -> bytes: ...
    def put_roster_entry(self, seq: int, data: bytes) -> None: ...
    def set_aside(self, device_id: str, seq: int) -> str: ...


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

    def replace_marker(self, data: bytes) -> None:
        """Write the marker anew in one step: readers see the old one or the new one."""
        tmp = self.root / f"{_TMP_PREFIX}{uuid.uuid4().hex}"
        try:
            self.fs.write_file(tmp, data)
            self.fs.replace(tmp, self.root / MARKER)
            self.fs.fsync_dir(self.root)
        except OSError as exc:
            self._discard(tmp, True)
            raise ShareFault(f"Could not update the share marker: {describe(exc)}. "
                             "Nothing was changed.") from exc

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
        return self._read_optional(self._dir(device_id) / ENROLMENT)

    def _read_optional(self, path: Path) -> bytes | None:
        try:
            return self.fs.read(path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise ShareFault(f"Could not read {path.name} of a device: {describe(exc)}.") from exc

    def put_enrolment(self, device_id: str, data: bytes) -> None:
        self._write_new(self._dir(device_id), ENROLMENT, data)

    def read_device_keys(self, device_id: str) -> bytes | None:
        return self._read_optional(self._dir(device_id) / DEVICE_KEYS)

    def put_device_keys(self, device_id: str, data: bytes) -> None:
        self._write_new(self._dir(device_id), DEVICE_KEYS, data)

    def roster_numbers(self) -> builtins.list[int]:
        """The roster entries' numbers, in order (none on a share made before devices signed)."""
        try:
            names = self.fs.listdir(self.root / ROSTER)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise ShareFault(f"Could not list the team's devices: {describe(exc)}.") from exc
        return sorted(int(m.group(1)) for n in names if (m := _ROSTER_NAME.match(n)))

    def roster_entry(self, seq: int) -> bytes:
        try:
            return self.fs.read(self.root / ROSTER / f"{seq:010d}.json")
        except OSError as exc:
            raise ShareFault(f"Could not read the team's devices: {describe(exc)}.") from exc

    def put_roster_entry(self, seq: int, data: bytes) -> None:
        self._write_new(self.root / ROSTER, f"{seq:010d}.json", data)

    def cleanup(self, device_id: str) -> None:
        """Remove this device's own temporary files left by an interrupted push."""
        folder = self._dir(device_id)
        try:
            for name in self.fs.listdir(folder):
                if name.startswith(_TMP_PREFIX):
                    self.fs.remove(folder / name)
        except OSError:
            return  # best effort: a leftover temporary file is never read as a bundle

    def set_aside(self, device_id: str, seq: int) -> str:
        """Move a file found under one of this device's bundle numbers out of the way.

        Renamed, never deleted: it may be someone's damaged bundle or a file put
        there by mistake, and a person may want to look at it. The new name
        (``<seq>.asbb.set-aside-<utc>``) is never read as a bundle. Returns it.
        """
        src = self._bundle(device_id, seq)
        name = f"{src.name}{SET_ASIDE_MARK}{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}"
        try:
            self.fs.rename(src, src.with_name(name))
            self.fs.fsync_dir(src.parent)
        except OSError as exc:
            raise ShareFault(f"Could not move {src.name} out of the way on the share: "
                             f"{describe(exc)}. Nothing was lost.") from exc
        return name

    def _write_new(self, folder: Path, name: str, data: bytes) -> None:
        """Temporary name, flush, fsync, rename, fsync the folder; never overwrite.

        A write that fails part-way removes its temporary file (best effort: a
        share that has gone away cannot be tidied, and the device's next push
        clears its own leftovers), so a full or failing share is not filled up
        further by retries.
        """
        final = folder / name
        tmp = folder / f"{_TMP_PREFIX}{uuid.uuid4().hex}"
        started = renamed = False
        try:
            self.fs.makedirs(folder)
            if self.fs.exists(final):
                raise ShareFault(f"{final.name} already exists on the share; it is never overwritten.")
            started = True
            self.fs.write_file(tmp, data)
            self.fs.rename(tmp, final)
            renamed = True
            self.fs.fsync_dir(folder)
        except FileExistsError as exc:
            self._discard(tmp, started and not renamed)
            raise ShareFault(
                f"{final.name} was written to the share by someone else at the same moment; "
                "it is never overwritten. Nothing was lost; the next sync checks what is there."
            ) from exc
        except OSError as exc:
            self._discard(tmp, started and not renamed)
            raise ShareFault(f"Could not write to the share: {describe(exc)}. "
                             "Nothing was lost; the next sync sends it again.") from exc

    def _discard(self, tmp: Path, maybe_there: bool) -> None:
        # Never masks the error being raised: a share that has gone cannot be tidied.
        if maybe_there:
            with suppress(OSError):
                self.fs.remove(tmp)
