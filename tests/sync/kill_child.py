"""Pushes one device's changes and dies (SIGKILL) at the chosen file operation.

Run by test_kill.py: argv is the profile folder, the keyring password for the
team key, the share id and the operation number to die at.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import keyring

from asb_desktop.app import open_profile
from asb_desktop.controllers.sync import SyncController
from asb_desktop.sync.keys import SERVICE, keyring_user
from asb_desktop.sync.transport import LocalFS
from tests.sync.conftest import MemoryKeyring


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


def main() -> None:
    folder, password, share_id, at = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    keyring.set_keyring(MemoryKeyring())
    keyring.set_password(SERVICE, keyring_user(share_id), password)
    app = open_profile(Path(folder))
    SyncController(app.unit, DieAt(at)).sync_now()
    app.close()
    sys.stdout.write("finished\n")


if __name__ == "__main__":
    main()
