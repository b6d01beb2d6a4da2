"""End to end: the real app on a demo profile, on a real X server (Xvfb).

Saves tests/artefacts/<tab>.png for each tab, and <tab>-150.png with Qt
scaled to 150%, for a person to look at. Fails (never skips) when Xvfb is
missing, because then nobody has seen the window.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from asb_desktop.app import profile_exists
from tests.conftest import ARTEFACTS
from tests.gui.xsession import x_server

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    with x_server(2300, 1400) as name:
        yield name


@pytest.fixture(scope="module")
def demo_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "profile"
    done = subprocess.run(
        [sys.executable, "-m", "asb_desktop", "--profile", str(folder), "demo",
         "--cases", "300"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert profile_exists(folder), done.stdout + done.stderr
    return folder


def _shoot(display: str, profile: Path, suffix: str, extra: dict[str, str]) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display, **extra}
    done = subprocess.run(
        [sys.executable, "-m", "tests.gui.shoot_tabs", str(profile), str(ARTEFACTS), suffix],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.gui
def test_real_app_on_a_demo_profile_screenshots_every_tab(
    display: str, demo_profile: Path
) -> None:
    out = _shoot(display, demo_profile, "", {})
    assert "first page: ASB Desktop — Demo Officer — DEMO DATA" in out  # before the rest loaded
    assert "title: ASB Desktop — Demo Officer — DEMO DATA" in out  # the full window
    for tab in ("first-page", "reports", "cases", "visits"):
        image = QImage(str(ARTEFACTS / f"{tab}.png"))
        assert not image.isNull(), f"{tab}.png was not written"
        assert image.width() >= 1200 and image.height() >= 800
        colours = {image.pixel(x, y) for x in range(0, image.width(), 37)
                   for y in range(0, image.height(), 37)}
        assert len(colours) > 20, f"{tab}.png looks blank"


@pytest.mark.gui
def test_real_app_at_150_percent(display: str, demo_profile: Path) -> None:
    _shoot(display, demo_profile, "-150", {"QT_SCALE_FACTOR": "1.5"})
    for tab in ("reports", "cases", "visits"):
        image = QImage(str(ARTEFACTS / f"{tab}-150.png"))
        assert not image.isNull()
        assert image.width() >= 1800
