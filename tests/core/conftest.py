"""The core suite's profile: a byte copy of one freshly created officer's profile.

Creating a profile runs every migration (a fifth of a second); copying the
finished file and opening it with the test's own clock gives each test the same
real SQLite profile in its own folder in a fraction of that. Tests that are
about creating profiles (two devices, demo, the command line) still create
their own.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from asb_desktop.app import App, create_profile, open_profile
from tests.conftest import FakeClock


@pytest.fixture(scope="session")
def fresh_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "profile"
    create_profile(folder, "Sam Officer", "officer", clock=FakeClock()).close()
    return folder


@pytest.fixture
def app(tmp_path: Path, clock: FakeClock, fresh_profile: Path) -> Iterator[App]:
    """An officer's profile on a real SQLite file, as created on 2 March 2026."""
    folder = tmp_path / "profile"
    shutil.copytree(fresh_profile, folder)
    a = open_profile(folder, clock=clock)
    yield a
    a.close()
