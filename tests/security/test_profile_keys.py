"""The profile is encrypted at rest with a key from the keyring or a passphrase."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import keyring
import pytest

from asb_desktop.app import DB_NAME, create_profile, open_profile
from asb_desktop.controllers.errors import PassphraseNotRight, UserError
from asb_desktop.controllers.sync import SyncController
from asb_desktop.security.keys import KEYINFO_NAME, PASSPHRASE_ENV, ProfileKeys
from asb_desktop.store.errors import StoreUnreadable
from tests.conftest import FakeClock, noise_report
from tests.keyrings import MemoryKeyring

PHRASE = "Zebra-violet-harmonica 4471 outside the bins"


class NoKeyring(MemoryKeyring):
    """What keyring reports on a machine with no password store."""

    priority = 0  # type: ignore[assignment]


def _all_files(*roots: Path) -> list[Path]:
    found = []
    for root in roots:
        if root.exists():
            found += [p for p in root.rglob("*") if p.is_file()]
    return found


def test_known_phrase_and_key_never_on_disk(tmp_path: Path, clock: FakeClock,
                                            monkeypatch: pytest.MonkeyPatch,
                                            caplog: pytest.LogCaptureFixture) -> None:
    # Everything this process puts in a temp folder (Python's or SQLite's) lands here.
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("SQLITE_TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    caplog.set_level("DEBUG")
    backend = MemoryKeyring()
    keys = ProfileKeys(backend=backend)
    folder = tmp_path / "profile"
    share = tmp_path / "share"
    share.mkdir()
    app = create_profile(folder, "Sam Officer", "officer", clock=clock, keys=keys)
    app.reports.log_report(noise_report(description=PHRASE))
    sync = SyncController(app.unit, None, 2**10)
    sync.init_share(share, "correct horse battery staple")
    assert sync.sync_now().pushed_changes > 0
    app.close()
    # Reopen (runs migrations check, may back up) and close again.
    open_profile(folder, clock=clock, keys=keys).close()

    (key_hex,) = backend.entries.values()
    key = bytes.fromhex(key_hex)
    needles = [PHRASE.encode(), PHRASE.encode("utf-16-le"), key, key_hex.encode(),
               key_hex.upper().encode()]
    files = _all_files(folder, share, temp)
    db = folder / DB_NAME
    assert db in files
    hits = []
    for f in files:
        try:
            data = f.read_bytes()
        except OSError:
            continue
        hits += [f for n in needles if n in data]
    assert hits == []
    assert not any(n.decode("latin-1") in caplog.text for n in needles[:1] + needles[3:])
    assert not db.read_bytes().startswith(b"SQLite format 3")
    assert os.environ.get(PASSPHRASE_ENV) is None


def test_profile_opens_again_with_keyring_key(tmp_path: Path, clock: FakeClock) -> None:
    keys = ProfileKeys(backend=MemoryKeyring())
    app = create_profile(tmp_path / "p", "Sam Officer", "officer", clock=clock, keys=keys)
    report_id = app.reports.log_report(noise_report()).id
    app.close()
    again = open_profile(tmp_path / "p", clock=clock, keys=keys)
    try:
        assert again.reports.get_report(report_id).description.startswith("Loud music")
    finally:
        again.close()


def test_missing_keyring_entry_is_refused_and_file_untouched(tmp_path: Path, clock: FakeClock) -> None:
    create_profile(tmp_path / "p", "Sam", "officer", clock=clock,
                   keys=ProfileKeys(backend=MemoryKeyring())).close()
    before = (tmp_path / "p" / DB_NAME).read_bytes()
    with pytest.raises(UserError, match="not in this computer's password store"):
        open_profile(tmp_path / "p", clock=clock, keys=ProfileKeys(backend=MemoryKeyring()))
    assert (tmp_path / "p" / DB_NAME).read_bytes() == before


def test_no_keyring_without_passphrase_says_why(tmp_path: Path, clock: FakeClock,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    with pytest.raises(UserError, match="no usable password store"):
        create_profile(tmp_path / "p", "Sam", "officer", clock=clock,
                       keys=ProfileKeys(backend=NoKeyring()))
    assert not (tmp_path / "p" / DB_NAME).exists()


def test_no_keyring_passphrase_path(tmp_path: Path, clock: FakeClock,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    reasons: list[str] = []

    def ask(reason: str) -> str:
        reasons.append(reason)
        return "correct horse battery staple"

    keys = ProfileKeys(backend=NoKeyring(), ask_passphrase=ask)
    app = create_profile(tmp_path / "p", "Sam", "officer", clock=clock, keys=keys)
    app.reports.log_report(noise_report(description=PHRASE))
    app.close()
    assert "no usable password store" in reasons[0]
    assert b"correct horse" not in (tmp_path / "p" / KEYINFO_NAME).read_bytes()
    assert PHRASE.encode() not in (tmp_path / "p" / DB_NAME).read_bytes()
    again = open_profile(tmp_path / "p", clock=clock, keys=keys)
    again.close()
    assert len(reasons) == 2


def test_wrong_passphrase_is_refused_and_nothing_overwritten(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, "the right passphrase 1")
    keys = ProfileKeys(backend=NoKeyring())
    create_profile(tmp_path / "p", "Sam", "officer", clock=clock, keys=keys).close()
    before = {f.name: f.read_bytes() for f in (tmp_path / "p").iterdir()}
    monkeypatch.setenv(PASSPHRASE_ENV, "the wrong passphrase 2")
    with pytest.raises(PassphraseNotRight, match="passphrase is not right"):
        open_profile(tmp_path / "p", clock=clock, keys=keys)
    after = {f.name: f.read_bytes() for f in (tmp_path / "p").iterdir()}
    assert after == before


def test_a_mistyped_passphrase_is_asked_again_at_the_terminal(
    tmp_path: Path, clock: FakeClock
) -> None:
    """The command line's three tries: two typos, then the right one opens the profile."""
    typed = iter(["the right passphrase 1", "the rigth passphrase 1",
                  "the right passphrase", "the right passphrase 1"])
    reasons: list[str] = []

    def ask(reason: str) -> str:
        reasons.append(reason)
        return next(typed)

    keys = ProfileKeys(backend=NoKeyring(), ask_passphrase=ask, passphrase_tries=3)
    create_profile(tmp_path / "p", "Sam", "officer", clock=clock, keys=keys).close()
    app = open_profile(tmp_path / "p", clock=clock, keys=keys)
    app.close()
    assert len(reasons) == 4
    assert "not right" not in reasons[1] and "not right" in reasons[2] and "not right" in reasons[3]


def test_three_wrong_passphrases_are_refused_without_touching_the_file(
    tmp_path: Path, clock: FakeClock
) -> None:
    answers = iter(["the right passphrase 1"] + ["nope nope nope"] * 3)
    keys = ProfileKeys(backend=NoKeyring(), ask_passphrase=lambda _r: next(answers),
                       passphrase_tries=3)
    create_profile(tmp_path / "p", "Sam", "officer", clock=clock, keys=keys).close()
    before = {f.name: f.read_bytes() for f in (tmp_path / "p").iterdir()}
    with pytest.raises(PassphraseNotRight):
        open_profile(tmp_path / "p", clock=clock, keys=keys)
    assert next(answers, None) is None, "asked exactly three times"
    assert {f.name: f.read_bytes() for f in (tmp_path / "p").iterdir()} == before


def test_damaged_file_gives_clear_message(tmp_path: Path, clock: FakeClock) -> None:
    keys = ProfileKeys(backend=MemoryKeyring())
    create_profile(tmp_path / "p", "Sam", "officer", clock=clock, keys=keys).close()
    db = tmp_path / "p" / DB_NAME
    data = bytearray(db.read_bytes())
    data[:64] = bytes(64)
    db.write_bytes(bytes(data))
    with pytest.raises(StoreUnreadable, match="cannot be read"):
        open_profile(tmp_path / "p", clock=clock, keys=keys)
    assert db.read_bytes() == bytes(data)


def test_default_provider_uses_installed_keyring(tmp_path: Path, clock: FakeClock) -> None:
    create_profile(tmp_path / "p", "Sam", "officer", clock=clock).close()
    backend = keyring.get_keyring()
    assert isinstance(backend, MemoryKeyring)
    assert any(v for v in backend.entries.values())
    assert not (tmp_path / "p" / DB_NAME).read_bytes().startswith(b"SQLite format 3")
