"""Shared fixtures: real profile files in temp folders and a clock tests control."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import keyring
import pytest

# GUI tests run offscreen unless a real display (Xvfb) is given explicitly.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from asb_desktop.app import App, create_profile, open_profile
from asb_desktop.domain.inputs import PersonInput, ReportInput
from asb_desktop.sync.keys import SERVICE as SYNC_SERVICE
from tests.keyrings import FILE_ENV, FileKeyring, MemoryKeyring

ROOT = Path(__file__).parents[1]
ARTEFACTS = Path(__file__).parent / "artefacts"


@pytest.fixture(autouse=True, scope="session")
def _session_keyring(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MemoryKeyring]:
    """Profiles are encrypted with a key kept in the keyring. Tests keep keys in one
    file-backed keyring for the session, which child processes use too."""
    saved = {k: os.environ.get(k) for k in (FILE_ENV, "PYTHON_KEYRING_BACKEND", "PYTHONPATH")}
    os.environ[FILE_ENV] = str(tmp_path_factory.mktemp("keyring") / "entries.json")
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.keyrings.FileKeyring"
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), saved["PYTHONPATH"]]))
    previous = keyring.get_keyring()
    ring = FileKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def memory_keyring(_session_keyring: MemoryKeyring) -> Iterator[MemoryKeyring]:
    """The session keyring with no team (share) keys left over from another test."""
    _session_keyring.forget_service(SYNC_SERVICE)
    yield _session_keyring
    _session_keyring.forget_service(SYNC_SERVICE)


class FakeClock:
    """Wall time that only moves when a test moves it."""

    def __init__(self, start: datetime = datetime(2026, 3, 2, 9, 30)) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, **kwargs: float) -> None:
        self.current += timedelta(**kwargs)

    def set(self, when: datetime) -> None:
        self.current = when


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(tmp_path: Path, clock: FakeClock) -> Iterator[App]:
    """An officer's profile on a real SQLite file."""
    a = create_profile(tmp_path / "profile", "Sam Officer", "officer", clock=clock)
    yield a
    a.close()


@pytest.fixture
def reopen(clock: FakeClock) -> object:
    def _reopen(a: App) -> App:
        a.close()
        return open_profile(a.folder, clock=clock)

    return _reopen


def noise_report(**overrides: object) -> ReportInput:
    """A typical doorstep report, valid as it stands."""
    data = ReportInput(
        new_reporter=PersonInput(given_name="Amira", family_name="Okafor", phone="07700 900123",
                                 address="14 Larch Close", postcode="LS6 2QT"),
        categories=["noise"],
        description="Loud music from the flat above until 3am most nights",
        location="Flat 3, 12 Larch Close",
        incident_date=date(2026, 3, 1),
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data
