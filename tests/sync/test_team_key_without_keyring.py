"""A laptop with no usable keyring runs its profile on a passphrase; it must be
able to sync too, with the team key kept inside its encrypted profile."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from asb_desktop.app import DB_NAME, create_profile, open_profile
from asb_desktop.controllers.sync import SyncController
from asb_desktop.controllers.team_devices import TeamDevicesController
from asb_desktop.security.keys import PASSPHRASE_ENV, ProfileKeys
from tests.conftest import FakeClock, noise_report
from tests.keyrings import NoKeyring
from tests.sync.conftest import PASSPHRASE, TEST_SCRYPT_N, Device, count

PROFILE_PHRASE = "an officer's own long profile passphrase 58"


def test_passphrase_profile_joins_and_syncs_without_a_keyring(
    team: list[Device], share: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    a = team[0]
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    keys = ProfileKeys(backend=NoKeyring(), ask_passphrase=lambda _why: PROFILE_PHRASE)
    clock = FakeClock()
    folder = tmp_path / "laptop-without-keyring"
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        laptop = create_profile(folder, "Dee Officer", "officer", clock=clock, keys=keys)
        sync = SyncController(laptop.unit, None, TEST_SCRYPT_N)
        sync.join_share(share, PASSPHRASE)
        keyring.set_keyring(before)  # the supervisor's laptop, with its keyring, enrols it
        TeamDevicesController(a.app.unit).enrol(laptop.unit.actor.device_id)
        keyring.set_keyring(fail.Keyring())
        laptop.reports.log_report(noise_report(description="Logged on the laptop with no keyring"))
        assert sync.sync_now().complete
        laptop.close()
        # Reopened (passphrase asked again), it still syncs: the key is in the profile.
        laptop = open_profile(folder, clock=clock, keys=keys)
        sync = SyncController(laptop.unit, None, TEST_SCRYPT_N)
        keyring.set_keyring(before)
        a.app.reports.log_report(noise_report(description="Logged on a laptop with a keyring"))
        assert a.sync.sync_now().complete
        keyring.set_keyring(fail.Keyring())
        got = sync.sync_now()
        assert got.complete and got.pulled_changes > 0
        laptop_reports = count(laptop, "reports")
        laptop.close()
    finally:
        keyring.set_keyring(before)
    assert a.sync.sync_now().complete
    assert count(a.app, "reports") == laptop_reports == 2
    # The key sits in the encrypted profile, never in clear on disk.
    assert b"sync.team_key" not in (folder / DB_NAME).read_bytes()
