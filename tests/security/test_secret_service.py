"""The profile key through the real Secret Service (gnome-keyring, started by
``make test`` and CI inside ``dbus-run-session``)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from asb_desktop.app import DB_NAME, create_profile, open_profile
from asb_desktop.controllers.errors import UserError
from asb_desktop.domain.inputs import CaseInput
from asb_desktop.security.keys import KEYINFO_NAME, SERVICE, ProfileKeys, keyring_usable
from asb_desktop.store.engine import is_plaintext
from tests.conftest import ROOT, FakeClock, noise_report
from tests.keyrings import FILE_ENV


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


_QUICK_PAGE = (
    "import sys; from pathlib import Path\n"
    "from asb_desktop.controllers.first_page import first_page\n"
    "page = first_page(Path(sys.argv[1]))\n"
    "print(page.total if page else None, 'keyring' in sys.modules)\n"
)


def test_the_first_page_reads_its_key_from_the_secret_service_without_keyring(
    tmp_path: Path, clock: FakeClock
) -> None:
    """At start-up the officer's first page comes straight from the Secret Service
    (keyring's import and backend search cost a tenth of a second); a keyring
    the user has pointed elsewhere is still obeyed."""
    keys = ProfileKeys(backend=_secret_service())
    folder = tmp_path / "p"
    app = create_profile(folder, "Sam Officer", "officer", clock=clock, keys=keys)
    try:
        report = app.reports.log_report(noise_report())
        app.cases.open_case(CaseInput(report_ids=[report.id]))
        app.close()
        env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
        env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no keyringrc.cfg of the user's

        def quick(extra: dict[str, str]) -> str:
            out = subprocess.run([sys.executable, "-c", _QUICK_PAGE, str(folder)],
                                 cwd=ROOT, env={**env, **extra}, capture_output=True,
                                 text=True, check=True)
            return out.stdout.strip()

        assert quick({}) == "1 False"
        # Told to use another password store, which has no such key: keyring is
        # asked, finds nothing, and the usual start-up will say so.
        (tmp_path / "empty.json").write_text("{}")
        assert quick({"PYTHON_KEYRING_BACKEND": "tests.keyrings.FileKeyring",
                      FILE_ENV: str(tmp_path / "empty.json")}) == "None True"
        assert quick({"KEYRING_PROPERTY_PREFERRED_COLLECTION":
                      "/org/freedesktop/secrets/collection/none"}) == "None True"
        config = tmp_path / "config" / "python_keyring"
        config.mkdir(parents=True)
        (config / "keyringrc.cfg").write_text(
            "[backend]\ndefault-keyring=keyring.backends.fail.Keyring\n")
        assert quick({}) == "None True"
    finally:
        keys.forget(folder)
