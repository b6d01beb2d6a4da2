"""The profile's database, its -wal and -shm, its backups and the key record are
readable by the officer's own account only (0600), in a folder only it can
enter (0700): set when the profile is made, and put right when an older
profile with looser modes is opened. POSIX only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from asb_desktop.app import DB_NAME, App, create_profile, open_profile
from asb_desktop.security.keys import KEYINFO_NAME
from tests.conftest import FakeClock, noise_report

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def profile_files(folder: Path) -> list[Path]:
    return [folder / KEYINFO_NAME, folder / DB_NAME, folder / f"{DB_NAME}-wal",
            folder / f"{DB_NAME}-shm"]


def test_a_new_profile_is_private_even_with_a_loose_umask(tmp_path: Path,
                                                          clock: FakeClock) -> None:
    old = os.umask(0o022)  # the usual default: new files world-readable
    try:
        app = create_profile(tmp_path / "profile", "Sam Officer", "officer", clock=clock)
        try:
            app.reports.log_report(noise_report())  # writes, so the -wal and -shm exist
            for f in profile_files(app.folder):
                assert f.exists() and mode(f) == 0o600, f
            assert mode(app.folder) == 0o700
        finally:
            app.close()
    finally:
        os.umask(old)


def test_an_older_profile_with_loose_modes_is_tightened_when_opened(
    app: App, clock: FakeClock
) -> None:
    app.reports.log_report(noise_report())
    folder = app.folder
    app.close()
    os.chmod(folder, 0o755)
    for f in folder.iterdir():
        os.chmod(f, 0o644)
    reopened = open_profile(folder, clock=clock)
    try:
        reopened.reports.log_report(noise_report())
        for f in profile_files(folder):
            assert mode(f) == 0o600, f
        assert all(mode(f) == 0o600 for f in folder.glob(f"{Path(DB_NAME).stem}.backup-*"))
        assert mode(folder) == 0o700
    finally:
        reopened.close()
