"""A new officer on a new laptop: the real ``asb-desktop`` on a real X server
(1366×768, the officers' laptops), an empty home folder, a real gnome-keyring,
real key presses and mouse clicks, and nothing patched.

Each test waits as a reader would before answering a question, then checks
that the question has the keyboard and that nothing covers it: a progress box
that opened over the first-start question once stopped every new officer at
the door while the in-process tests, which replaced the dialog's ``exec``,
passed. Screenshots go to tests/artefacts/e2e-*.png for a person to look at.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ARTEFACTS
from tests.gui.xsession import Desktop, x_server

QUESTION = "ASB Desktop — first start"
PIN_BOX = "ASB Desktop — PIN"
PASSPHRASE_BOX = "ASB Desktop — passphrase"
PIN = "4821"
PHRASE = "bins by the back gate 44"
DEMO_OFFICER = "ASB Desktop — Demo Officer — DEMO DATA"
DEMO_SUPERVISOR = "ASB Desktop — Demo Supervisor — DEMO DATA"
SAM = "ASB Desktop — Sam Officer"
LOADING = "ASB Desktop"  # the first-page window, saying "Opening your profile…"

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    with x_server(1366, 768) as name:
        yield name


@pytest.fixture
def desktop(display: str, tmp_path: Path) -> Iterator[Desktop]:
    made: list[Desktop] = []

    def make(keyring: bool = True) -> Desktop:
        d = Desktop(display, tmp_path / "home", keyring=keyring)
        made.append(d)
        return d

    holder = make()
    holder.make = make  # type: ignore[attr-defined]  # a second session with other settings
    yield holder
    for d in made:
        d.stop()


def _choose_pin(d: Desktop, window: str) -> None:
    """The window asks the new officer for a lock PIN, over the window."""
    box = d.wait_for(re.escape(PIN_BOX))
    d.read_then_answer(box, under=(window,))
    d.type(PIN)
    d.key("Tab")
    d.type(PIN)
    d.key("Return")
    d.wait_gone(box)


def _window_stays_with_caseload(d: Desktop, title: str, shot: str) -> str:
    """The main window is shown, has the keyboard, shows the caseload, and stays."""
    window = d.wait_for(re.escape(title))
    end = time.monotonic() + 60
    while "The caseload is on screen" not in d.output():
        assert time.monotonic() < end, d.output()
        time.sleep(0.2)
    time.sleep(2)  # still there a moment later: nothing closed it
    assert d.proc is not None and d.proc.poll() is None, d.output()
    assert window in d.windows()
    assert d.focused() == title
    x, y, w, h = d.geometry(window)
    assert x >= 0 and y >= 0 and x + w <= 1366 and y + h <= 768, (x, y, w, h)
    image = d.shot(ARTEFACTS / shot)
    colours = {image.pixel(px, py) for px in range(0, image.width(), 23)
               for py in range(0, image.height(), 23)}
    assert len(colours) > 20, f"{shot} looks blank"
    return window


def _quit(d: Desktop) -> None:
    d.key("ctrl+q")
    assert d.wait_exit() == 0, d.output()


def test_a_new_officer_tries_the_demonstration(desktop: Desktop) -> None:
    d = desktop
    d.start()
    question = d.wait_for(re.escape(QUESTION))
    d.read_then_answer(question)
    d.shot(ARTEFACTS / "e2e-first-start.png")
    d.click_primary(question)  # Continue, with the demonstration chosen already
    d.wait_gone(question)
    _choose_pin(d, DEMO_OFFICER)
    _window_stays_with_caseload(d, DEMO_OFFICER, "e2e-demo.png")
    assert re.search(r"The caseload is on screen: [1-9]\d* case\(s\)", d.output())
    _quit(d)


def test_the_demonstration_can_be_tried_as_a_supervisor(desktop: Desktop) -> None:
    d = desktop
    d.start()
    question = d.wait_for(re.escape(QUESTION))
    d.read_then_answer(question)
    d.key("alt+s", "Down")  # "Try it as": a supervisor
    d.key("Return")
    d.wait_gone(question)
    _choose_pin(d, DEMO_SUPERVISOR)
    _window_stays_with_caseload(d, DEMO_SUPERVISOR, "e2e-demo-supervisor.png")
    d.key("ctrl+4")  # the caseload review, supervisors only
    time.sleep(3)
    d.shot(ARTEFACTS / "e2e-demo-review.png")
    _quit(d)


def test_a_new_officer_makes_a_profile_of_their_own(desktop: Desktop) -> None:
    d = desktop
    d.start()
    question = d.wait_for(re.escape(QUESTION))
    d.read_then_answer(question)
    d.key("alt+m")  # "Create my own profile"
    d.key("alt+n")
    d.type("Priya Shah")
    d.shot(ARTEFACTS / "e2e-own-profile.png")
    d.click_primary(question)
    d.wait_gone(question)
    _choose_pin(d, "ASB Desktop — Priya Shah")
    _window_stays_with_caseload(d, "ASB Desktop — Priya Shah", "e2e-own-profile-window.png")
    assert (d.profile / "profile.db").exists()
    assert '"mode": "keyring"' in (d.profile / "profile.keyinfo").read_text()
    _quit(d)


def test_without_a_keyring_the_officer_chooses_a_passphrase(desktop: Desktop) -> None:
    d = desktop.make(keyring=False)  # type: ignore[attr-defined]
    d.start()
    question = d.wait_for(re.escape(QUESTION))
    d.read_then_answer(question)
    d.key("alt+m", "alt+n")
    d.type("Sam Officer")
    d.key("Return")
    d.wait_gone(question)
    box = d.wait_for(re.escape(PASSPHRASE_BOX))
    d.read_then_answer(box)
    d.shot(ARTEFACTS / "e2e-passphrase-new.png")
    d.type(PHRASE)
    d.key("Tab")
    d.type(PHRASE)
    d.key("Return")
    d.wait_gone(box)
    _choose_pin(d, SAM)
    _window_stays_with_caseload(d, SAM, "e2e-passphrase-window.png")
    assert '"mode": "passphrase"' in (d.profile / "profile.keyinfo").read_text()
    _quit(d)


def test_a_mistyped_passphrase_is_asked_again_then_the_right_one_opens(
    desktop: Desktop,
) -> None:
    d = desktop.make(keyring=False)  # type: ignore[attr-defined]
    d.env["ASB_DESKTOP_PASSPHRASE"] = PHRASE  # made beforehand on the command line
    made = d.run("init", "--name", "Sam Officer")
    assert made.returncode == 0, made.stderr
    del d.env["ASB_DESKTOP_PASSPHRASE"]
    d.start()
    box = d.wait_for(re.escape(PASSPHRASE_BOX))
    d.read_then_answer(box, under=(LOADING,))
    d.type(PHRASE + "x")
    d.key("Return")
    d.wait_gone(box)
    again = d.wait_for(re.escape(PASSPHRASE_BOX))
    d.read_then_answer(again, under=(LOADING,))
    d.shot(ARTEFACTS / "e2e-passphrase-again.png")
    d.type(PHRASE)
    d.key("Return")
    d.wait_gone(again)
    _choose_pin(d, SAM)
    _window_stays_with_caseload(d, SAM, "e2e-passphrase-again-window.png")
    _quit(d)


def test_quit_at_the_first_question_ends_quietly_and_makes_nothing(desktop: Desktop) -> None:
    d = desktop
    d.start()
    question = d.wait_for(re.escape(QUESTION))
    d.read_then_answer(question)
    d.key("Escape")
    assert d.wait_exit() == 0, d.output()
    assert not (d.profile / "profile.db").exists()
    assert "Traceback" not in d.output()
