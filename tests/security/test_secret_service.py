"""The profile key through the real Secret Service (gnome-keyring in CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from asb_desktop.app import create_profile, open_profile
from asb_desktop.security.keys import ProfileKeys, keyring_usable
from tests.conftest import FakeClock


def _secret_service() -> tuple[KeyringBackend | None, str]:
    from keyring.backends import SecretService

    backend = SecretService.Keyring()  # type: ignore[no-untyped-call]
    try:
        backend.priority  # noqa: B018 - raises when no Secret Service answers
    except Exception as exc:
        return None, f"{type(exc).__name__}: {exc}"
    return backend, ""


def test_profile_key_in_real_secret_service(tmp_path: Path, clock: FakeClock) -> None:
    in_ci = os.environ.get("CI", "").lower() == "true"
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        if in_ci:
            pytest.fail("CI=true but DBUS_SESSION_BUS_ADDRESS is not set: run the suite with "
                        "'dbus-run-session -- bash .ci/with-keyring make test'.")
        pytest.skip("no D-Bus session bus; run under dbus-run-session with .ci/with-keyring")
    backend, why = _secret_service()
    if backend is None or not keyring_usable(backend):
        msg = f"no Secret Service is reachable on the session bus ({why or 'not usable'})"
        if in_ci:
            pytest.fail(msg + "; is gnome-keyring-daemon started by .ci/with-keyring?")
        pytest.skip(msg)
    keys = ProfileKeys(backend=backend)
    folder = tmp_path / "p"
    app = create_profile(folder, "Sam Officer", "officer", clock=clock, keys=keys)
    app.close()
    try:
        again = open_profile(folder, clock=clock, keys=keys)
        assert again.unit.actor.name == "Sam Officer"
        again.close()
    finally:
        keys.forget(folder)
