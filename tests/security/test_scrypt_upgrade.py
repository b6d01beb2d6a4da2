"""A passphrase profile's key is stretched with scrypt N >= 2**17. A profile made
at the old cost (N=2**15) still opens, is upgraded the first time its passphrase
is typed, and opens afterwards with the same passphrase and the same data."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from asb_desktop.app import App, create_profile, open_profile
from asb_desktop.controllers.errors import PassphraseNotRight
from asb_desktop.security.keyinfo import write_info
from asb_desktop.security.keys import (
    KEYINFO_NAME,
    LEGACY_SCRYPT_N,
    SCRYPT_N,
    ProfileKeys,
    derive_key,
    passphrase_check,
)
from tests.conftest import FakeClock, noise_report
from tests.keyrings import NoKeyring

PHRASE = "Zebra-violet-harmonica 4471 outside the bins"


def info(folder: Path) -> dict[str, object]:
    data = json.loads((folder / KEYINFO_NAME).read_text())
    assert isinstance(data, dict)
    return data


def keys(phrase: str = PHRASE) -> ProfileKeys:
    return ProfileKeys(backend=NoKeyring(), ask_passphrase=lambda _reason: phrase)


class PreviousVersionKeys(ProfileKeys):
    """Writes the key record exactly as the previous version did: the database key
    is scrypt(passphrase, N=2**15) itself, with a check value beside the salt."""

    def new_key(self, folder: Path) -> bytes:
        salt = secrets.token_bytes(16)
        key = derive_key(PHRASE, salt, LEGACY_SCRYPT_N)
        write_info(folder / KEYINFO_NAME, {
            "mode": "passphrase", "kdf": "scrypt", "salt": salt.hex(), "n": LEGACY_SCRYPT_N,
            "r": 8, "p": 1, "check": passphrase_check(key)})
        return key


def test_a_new_passphrase_profile_uses_n_2_17_or_more(tmp_path: Path, clock: FakeClock) -> None:
    app = create_profile(tmp_path / "p", "Sam Officer", "officer", clock=clock, keys=keys())
    app.close()
    assert SCRYPT_N >= 2**17 and int(str(info(app.folder)["n"])) >= 2**17
    open_profile(app.folder, clock=clock, keys=keys()).close()
    with pytest.raises(PassphraseNotRight):
        open_profile(app.folder, clock=clock, keys=keys("not the passphrase at all"))


def test_an_old_profile_opens_is_upgraded_and_still_opens(tmp_path: Path,
                                                         clock: FakeClock) -> None:
    old = create_profile(tmp_path / "p", "Sam Officer", "officer", clock=clock,
                         keys=PreviousVersionKeys())
    report = old.reports.log_report(noise_report(description="Dog barking at night, every night"))
    folder = old.folder
    old.close()
    assert info(folder)["n"] == LEGACY_SCRYPT_N

    # A wrong passphrase is refused and changes nothing.
    with pytest.raises(PassphraseNotRight):
        open_profile(folder, clock=clock, keys=keys("not the passphrase at all"))
    assert info(folder)["n"] == LEGACY_SCRYPT_N

    first: App = open_profile(folder, clock=clock, keys=keys())
    first.close()
    upgraded = info(folder)
    assert int(str(upgraded["n"])) >= 2**17 and "check" not in upgraded

    again = open_profile(folder, clock=clock, keys=keys())
    try:
        # The same key: the report typed before the upgrade reads back.
        assert again.reports.get_report(report.id).description == (
            "Dog barking at night, every night")
    finally:
        again.close()
    with pytest.raises(PassphraseNotRight):
        open_profile(folder, clock=clock, keys=keys("not the passphrase at all"))
