"""The profile key through the real Secret Service (gnome-keyring, started by
``make test`` and CI inside ``dbus-run-session``)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from asb_desktop.app import DB_NAME, create_profile, open_profile
from asb_desktop.controllers.errors import UserError
from asb_desktop.security.keys import KEYINFO_NAME, SERVICE, ProfileKeys, keyring_usable
from asb_desktop.store.engine import is_plaintext
from tests.conftest import FakeClock


def _secret_service() -> KeyringBackend:
    """The real backend, or a failure saying why, unless this machine has none at all."""
    from keyring.backends import SecretService

    required = os.environ.get("CI", "").lower() == "true" or shutil.which("gnome-keyring-daemon")
    if not required:
        pytest.skip("no Secret Service implementation is installed on this machine")
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        pytest.fail("no D-Bus session: run 'make test', which starts one with gnome-keyring")
    backend = SecretService.Keyring()  # type: ignore[no-untyped-call]
    try:
        usable = keyring_usable(backend)
    except Exception as exc:  # the reason is the message
        pytest.fail(f"Secret Service not reachable: {exc}")
    assert usable, "gnome-keyring-daemon is not answering on the session bus"
    return backend


def test_profile_key_lives_in_the_real_secret_service(tmp_path: Path, clock: FakeClock) -> None:
    backend = _secret_service()
    keys = ProfileKeys(backend=backend)
    folder = tmp_path / "p"
    create_profile(folder, "Sam Officer", "officer", clock=clock, keys=keys).close()
    try:
        assert not is_plaintext(folder / DB_NAME)
        assert "keyring" in (folder / KEYINFO_NAME).read_text()
        again = open_profile(folder, clock=clock, keys=keys)
        assert again.unit.actor.name == "Sam Officer"
        again.close()
    finally:
        keys.forget(folder)
    # With its key gone from the password store, the profile cannot be opened, and says why.
    (folder / KEYINFO_NAME).write_text(
        json.dumps({"mode": "keyring", "service": SERVICE, "entry": "gone"})
    )
    with pytest.raises(UserError, match="not in this computer's password store"):
        open_profile(folder, clock=clock, keys=keys)
