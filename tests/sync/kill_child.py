"""Pushes one device's changes and dies (SIGKILL) at the chosen file operation.

Run by test_kill_and_clocks.py: argv is the profile folder and the operation
number to die at; the profile and team keys come from the test session's
keyring, named by the environment. With a third argument ``every`` (used by
test_push_faults.py) every share primitive counts, and a rename is two steps:
the process can also die with the bundle's final name in place and its
temporary name not yet removed.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from asb_desktop.app import open_profile
from asb_desktop.controllers.sync import SyncController
from asb_desktop.sync.transport import LocalFS


class DieAt(LocalFS):
    def __init__(self, at: int) -> None:
        self.at, self.calls = at, 0

    def _step(self) -> None:
        self.calls += 1
        if self.calls == self.at:
            os.kill(os.getpid(), signal.SIGKILL)

    def read(self, path: Path) -> bytes:
        self._step()
        return super().read(path)

    def listdir(self, path: Path) -> list[str]:
        self._step()
        return super().listdir(path)

    def write_file(self, path: Path, data: bytes) -> None:
        if self.calls + 1 == self.at:
            with path.open("xb") as fh:  # die half-way through writing the temporary file
                fh.write(data[: len(data) // 2])
        self._step()
        super().write_file(path, data)

    def rename(self, src: Path, dst: Path) -> None:
        self._step()
        super().rename(src, dst)

    def fsync_dir(self, path: Path) -> None:
        self._step()
        super().fsync_dir(path)


class DieAtEvery(DieAt):
    def exists(self, path: Path) -> bool:
        self._step()
        return super().exists(path)

    def makedirs(self, path: Path) -> None:
        self._step()
        super().makedirs(path)

    def remove(self, path: Path) -> None:
        self._step()
        super().remove(path)

    def rename(self, src: Path, dst: Path) -> None:
        # As LocalFS.rename on a share with hard links: link, then drop the temporary name.
        self._step()
        os.link(src, dst)
        self._step()
        os.unlink(src)


def main() -> None:
    folder, at = sys.argv[1], int(sys.argv[2])
    every = sys.argv[3:] == ["every"]
    app = open_profile(Path(folder))
    SyncController(app.unit, DieAtEvery(at) if every else DieAt(at)).sync_now()
    app.close()
    sys.stdout.write("finished\n")


if __name__ == "__main__":
    main()
