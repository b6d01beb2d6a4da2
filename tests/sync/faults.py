"""A share file system that fails at a chosen step, the way real shares fail."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from asb_desktop.sync.transport import LocalFS


class Tripped(Exception):
    pass


class FaultFS(LocalFS):
    """Counts every file operation; at operation ``at`` the share fails in ``mode``:

    * ``vanish``: the share folder really disappears (moved aside), then the
      operation runs against nothing;
    * ``readonly``: that operation and every later write fail with EROFS;
    * ``full``: a write leaves a partial file and fails with ENOSPC, as do later writes
      (deleting a file still works, as on a real full disk).
    """

    def __init__(self, root: Path, mode: str, at: int) -> None:
        self.root, self.mode, self.at = root, mode, at
        self.calls = 0
        self.hit = False
        self.parked = root.with_name(root.name + ".unmounted")

    def heal(self) -> None:
        if self.parked.exists():
            shutil.move(self.parked, self.root)
        self.mode = "none"

    def _step(self, writes: bool) -> None:
        self.calls += 1
        if self.mode == "none":
            return
        if self.calls == self.at and self.mode == "vanish":
            self.hit = True
            shutil.move(self.root, self.parked)
            return
        if self.calls >= self.at and writes and self.mode in ("readonly", "full"):
            self.hit = True
            code = errno.EROFS if self.mode == "readonly" else errno.ENOSPC
            raise OSError(code, os.strerror(code))
        if self.calls == self.at and self.mode in ("readonly", "full"):
            self.hit = True  # a read at the fault step: the fault is in place from here on

    def read(self, path: Path) -> bytes:
        self._step(False)
        return super().read(path)

    def listdir(self, path: Path) -> list[str]:
        self._step(False)
        return super().listdir(path)

    def exists(self, path: Path) -> bool:
        self._step(False)
        return super().exists(path)

    def makedirs(self, path: Path) -> None:
        self._step(True)
        super().makedirs(path)

    def write_file(self, path: Path, data: bytes) -> None:
        if self.mode == "full" and self.calls + 1 >= self.at:
            with path.open("xb") as fh:
                fh.write(data[: len(data) // 2])
        self._step(True)
        super().write_file(path, data)

    def rename(self, src: Path, dst: Path) -> None:
        self._step(True)
        super().rename(src, dst)

    def fsync_dir(self, path: Path) -> None:
        self._step(True)
        super().fsync_dir(path)

    def remove(self, path: Path) -> None:
        # Deleting frees space, so a full share still allows it; a read-only one does not.
        self._step(self.mode != "full")
        super().remove(path)
