"""Shared fixtures: real profile files in temp folders and a clock tests control."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

# GUI tests run offscreen unless a real display (Xvfb) is given explicitly.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from asb_desktop.app import App, create_profile, open_profile
from asb_desktop.domain.inputs import PersonInput, ReportInput

ARTEFACTS = Path(__file__).parent / "artefacts"


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
