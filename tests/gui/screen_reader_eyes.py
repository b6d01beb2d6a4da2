"""An end-to-end desktop that also reads the app through AT-SPI, to find a control
by the name a screen reader hears and click it with the real mouse.

Many of the case page's buttons have no Alt key (they are reached with Tab, as
their order on the page runs), so a test that walks the policy finds them by
their accessible name and clicks the middle of the part of them visible on
screen. A control scrolled out of its pane is scrolled into view first with the
mouse wheel, as a person would. Nothing in the app is patched: the app runs
with Qt's accessibility bridge on, as it does for an Orca user.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.gui.xsession import ROOT, Desktop, console_script, need

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = Path("/usr/bin/python3")


@dataclass(frozen=True)
class Node:
    """One thing on screen as AT-SPI reports it."""

    window: str
    role: str
    name: str
    description: str
    box: tuple[int, int, int, int]  # its visible part: left, top, right, bottom
    whole: bool  # all of it is in view
    focused: bool
    checked: bool
    enabled: bool

    @property
    def middle(self) -> tuple[int, int]:
        return (self.box[0] + self.box[2]) // 2, (self.box[1] + self.box[3]) // 2


class ReadingDesktop(Desktop):
    """``Desktop`` whose app is on an accessibility bus the test can read."""

    def start(self) -> None:
        check = subprocess.run([str(SYSTEM_PYTHON), "-c", "import pyatspi"], capture_output=True)
        if check.returncode != 0:  # fail, never skip: then nobody has walked the window
            pytest.fail("pyatspi is not installed: apt-get install python3-pyatspi at-spi2-core")
        self.bus_file = self.home / "session-bus"
        env = {**self.env, "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "QT_ACCESSIBILITY": "1"}
        # The app's own D-Bus session (with its keyring) says where it is, so the
        # reader can join it.
        cmd = [need("dbus-run-session"), "--", "bash", str(ROOT / ".ci/with-keyring"),
               "bash", "-c", 'printf %s "$DBUS_SESSION_BUS_ADDRESS" > "$0"; exec "$1"',
               str(self.bus_file), console_script()]
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(cmd, env=env, cwd=self.home, stdout=out,
                                         stderr=subprocess.STDOUT, start_new_session=True)

    def screen(self) -> list[Node]:
        """Everything of the app showing on screen now."""
        end = time.monotonic() + 30
        while not (self.bus_file.exists() and self.bus_file.read_text()):
            assert time.monotonic() < end, "the app's session never started"
            time.sleep(0.2)
        env = {**self.env, "DBUS_SESSION_BUS_ADDRESS": self.bus_file.read_text()}
        done = subprocess.run([str(SYSTEM_PYTHON), str(HERE / "atspi_screen.py")], env=env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return [Node(**{**n, "box": tuple(n["box"])}) for n in json.loads(done.stdout)]

    def find(self, name: str, role: str = "push button", window: str | None = None,
             timeout: float = 20) -> Node:
        """The showing control whose whole name matches ``name`` (a regex)."""
        end = time.monotonic() + timeout
        while True:
            nodes = self.screen()
            hits = [n for n in nodes if n.role == role and re.fullmatch(name, n.name)
                    and (window is None or re.fullmatch(window, n.window))]
            if hits:
                return hits[0]
            if time.monotonic() > end:
                heard = sorted({n.name for n in nodes if n.role == role})
                pytest.fail(f"no {role} {name!r} on screen; heard: {heard}\n{self.output()[-3000:]}")
            time.sleep(0.5)

    def scroll_to(self, name: str, role: str = "push button", over: tuple[int, int] = (1346, 450),
                  window: str | None = None, up: bool = False) -> Node:
        """Wheel the pane down (or ``up``) and then back, until the control is whole
        in view; it is found by name wherever it is on the page. The wheel turns
        over the pane's scroll bar (``over``), never over its fields: a drop-down
        under the pointer takes the wheel and changes its answer."""
        there, back = ("4", "5") if up else ("5", "4")
        for button in [there] * 12 + [back] * 24:
            hits = [n for n in self.screen() if n.role == role and re.fullmatch(name, n.name)
                    and (window is None or re.fullmatch(window, n.window))
                    and n.whole]
            if hits:
                return hits[0]
            self.xdotool("mousemove", str(over[0]), str(over[1]), "click", "--repeat", "3", button)
            time.sleep(0.3)
        pytest.fail(f"{name!r} never came into view\n{self.output()[-3000:]}")

    def click(self, name: str, role: str = "push button", window: str | None = None,
              scroll: bool = False, up: bool = False) -> None:
        """A real mouse click in the middle of the control (scrolled into view first
        when ``scroll``, wheeling ``up`` first if it is above)."""
        node = self.scroll_to(name, role, window=window, up=up) if scroll else \
            self.find(name, role, window)
        assert node.enabled, f"{name!r} is greyed out"
        x, y = node.middle
        self.xdotool("mousemove", str(x), str(y), "click", "1")
        time.sleep(0.4)

    def reads(self, pattern: str, timeout: float = 20, window: str | None = None) -> str:
        """Wait until some text on screen (a name or description) contains ``pattern``."""
        end = time.monotonic() + timeout
        while True:
            for n in self.screen():
                if window is not None and not re.fullmatch(window, n.window):
                    continue
                for text in (n.name, n.description):
                    if re.search(pattern, text):
                        return text
            if time.monotonic() > end:
                self.shot(self.home / "not-read.png")  # what was on screen instead
                pytest.fail(f"nothing on screen reads {pattern!r} (screen: "
                            f"{self.home / 'not-read.png'})\n{self.output()[-3000:]}")
            time.sleep(0.5)
