"""Every screen fits the laptop it runs on: the real window on a real X server
at 1366×768, and at 1920×1080 with Qt scaled to 150% and 200% (960×540 of room
at 200%). ``fit_check`` visits every tab and the case view of the busiest case
and names each control past the screen's edge, cut off where no scroll bar can
reach it, or a key caseload column that needs sideways scrolling.

Also the placement rules themselves, on this process's offscreen screen.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMargins, QRect
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from asb_desktop.app import profile_exists
from asb_desktop.gui.common.placement import (
    PREFERRED,
    clamp,
    first_placement,
    place_window,
    remember_placement,
    saved_placement,
)
from tests.conftest import ARTEFACTS
from tests.gui.fit_check import CASE_DIALOGS, LETTER_SCREENS, OTHER_SCREENS, WINDOW_DIALOGS
from tests.gui.xsession import x_server

ROOT = Path(__file__).resolve().parents[2]
SCREENS = [("1366x768", "1"), ("1366x768", "1.5"), ("1920x1080", "1.5"), ("1920x1080", "2")]


@pytest.fixture(scope="module")
def supervisor_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A supervisor's demo, so the Caseload review tab is checked too."""
    folder = tmp_path_factory.mktemp("fit") / "profile"
    done = subprocess.run(
        [sys.executable, "-m", "asb_desktop", "--profile", str(folder), "demo",
         "--cases", "300", "--role", "supervisor"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert profile_exists(folder)
    return folder


@pytest.fixture(params=SCREENS, ids=[f"{s}@{f}x" for s, f in SCREENS])
def screen(request: pytest.FixtureRequest) -> Iterator[tuple[str, str, str]]:
    size, factor = request.param
    width, height = (int(n) for n in size.split("x"))
    with x_server(width, height) as display:
        yield display, size, factor


@pytest.mark.gui
def test_every_screen_fits_the_laptop(supervisor_demo: Path,
                                      screen: tuple[str, str, str]) -> None:
    display, size, factor = screen
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display, "QT_SCALE_FACTOR": factor}
    done = subprocess.run(
        [sys.executable, "-m", "tests.gui.fit_check", str(supervisor_demo), str(ARTEFACTS),
         f"{size}-{factor}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
    )
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    for name in ("reports", "cases", "tenancy", "caseload", "case", *CASE_DIALOGS, *OTHER_SCREENS,
                 *LETTER_SCREENS, *WINDOW_DIALOGS):
        assert f"checked {name}" in out, out + done.stderr
    problems = [line for line in out.splitlines() if line.startswith(("OFF", "CUT", "SCROLL"))]
    assert problems == [], "\n".join(problems)


# -- the placement rules ------------------------------------------------------------------

LAPTOP = QRect(0, 0, 1366, 768)
NO_FRAME = QMargins(0, 0, 0, 0)


def test_on_a_small_screen_the_window_fills_it_instead_of_running_off_it() -> None:
    rect, maximised = first_placement(LAPTOP, NO_FRAME)
    assert LAPTOP.contains(rect) and rect.height() == 768 and maximised


def test_on_a_large_screen_the_window_opens_at_its_own_size_in_the_middle() -> None:
    big = QRect(0, 0, 2560, 1440)
    rect, maximised = first_placement(big, NO_FRAME)
    assert rect.size() == PREFERRED and not maximised
    assert rect.center() == big.center() or abs(rect.center().x() - big.center().x()) <= 1


def test_a_place_remembered_from_a_bigger_screen_is_brought_onto_this_one() -> None:
    docked = QRect(1800, 900, 1600, 1000)  # yesterday, on a monitor to the right
    rect = clamp(docked, LAPTOP, NO_FRAME)
    assert LAPTOP.contains(rect)
    assert rect.size().width() == 1366 and rect.size().height() == 768


def test_the_window_reopens_where_the_officer_left_it(qtbot: QtBot, tmp_path: Path) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    left = QRect(available.left() + 40, available.top() + 60, 700, 500)
    window.setGeometry(left)
    remember_placement(window, tmp_path)
    assert saved_placement(tmp_path) == (left, False)
    again = QMainWindow()
    qtbot.addWidget(again)
    place_window(again, tmp_path)
    assert again.geometry() == left


def test_a_damaged_placement_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "window.ini").write_text("[window]\nrect=not a rectangle\n")
    assert saved_placement(tmp_path) is None
