"""A new officer's desktop for end-to-end tests: a real X server (Xvfb), an
empty home folder, a real gnome-keyring in its own D-Bus session, and the real
``asb-desktop`` console script, driven with real input events (xdotool sends
them through the X server's XTEST extension, as a keyboard and mouse would).

Nothing in the app is patched. The test reads what a person would: the
windows on screen and their titles, which one has the keyboard, the pixels.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
XVFB_PACKAGES = (
    "xvfb xauth xdotool libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 "
    "libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-cursor0"
)
#: How long a person takes to read a question before answering it. The box that
#: covered the first-start question appeared 0.3 to 4 s after it.
READING = 4.0
#: The primary button's fill (Continue), from resources/styles/app.qss.
PRIMARY = (0x00, 0x70, 0x3C)
#: Test settings that must not reach the app: it should find the real keyring.
_NOT_PASSED = ("PYTHON_KEYRING_BACKEND", "ASB_TEST_KEYRING_FILE", "QT_QPA_PLATFORM",
               "QT_SCALE_FACTOR", "ASB_DESKTOP_PROFILE", "ASB_DESKTOP_PASSPHRASE",
               "DBUS_SESSION_BUS_ADDRESS", "GNOME_KEYRING_CONTROL", "SSH_AUTH_SOCK")


def need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:  # fail, never skip: then nobody has seen the window
        pytest.fail(f"{tool} is not installed. Install with: apt-get install {XVFB_PACKAGES} "
                    "gnome-keyring dbus")
    return found


@contextmanager
def x_server(width: int, height: int) -> Iterator[str]:
    """A real X server with one screen of the given size; yields its DISPLAY."""
    read, write = os.pipe()
    proc = subprocess.Popen(
        [need("Xvfb"), "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24",
         "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as fh:
        number = fh.readline().strip()
    if not number:
        proc.kill()
        pytest.fail("Xvfb started but did not report a display number")
    try:
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(10)


def console_script() -> str:
    """The ``asb-desktop`` that ``pip install`` made beside this interpreter."""
    script = Path(sys.executable).parent / "asb-desktop"
    if not script.exists():
        pytest.fail(f"{script} is missing: install the project (make run / make test does)")
    return str(script)


class Desktop:
    """One person's session on ``display``, from an empty home folder."""

    def __init__(self, display: str, home: Path, keyring: bool = True,
                 scale: str | None = None) -> None:
        self.display = display
        self.home = home
        self.keyring = keyring
        home.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k not in _NOT_PASSED}
        env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local/share"),
                   XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
                   XDG_RUNTIME_DIR=str(home / ".run"), DISPLAY=display, QT_QPA_PLATFORM="xcb")
        (home / ".run").mkdir(mode=0o700, exist_ok=True)
        if scale is not None:
            env["QT_SCALE_FACTOR"] = scale
        if not keyring:  # no Secret Service at all, as on a machine without one
            env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={home / 'no-bus'}"
        self.env = env
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = home / "app.log"

    @property
    def profile(self) -> Path:
        return self.home / ".local/share/asb-desktop/profile"

    def start(self) -> None:
        script = console_script()
        if self.keyring:
            need("gnome-keyring-daemon")
            cmd = [need("dbus-run-session"), "--", "bash", str(ROOT / ".ci/with-keyring"),
                   script]
        else:
            cmd = [script]
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(cmd, env=self.env, cwd=self.home, stdout=out,
                                         stderr=subprocess.STDOUT, start_new_session=True)

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """The command line in the same session (the profile, the environment)."""
        return subprocess.run([console_script(), *args], env=self.env, cwd=self.home,
                              capture_output=True, text=True, timeout=120)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    # -- the screen ---------------------------------------------------------------

    def xdotool(self, *args: str) -> str:
        done = subprocess.run([need("xdotool"), *args], env=self.env, capture_output=True,
                              text=True, timeout=30)
        return done.stdout.strip()

    def windows(self) -> dict[str, str]:
        """The visible top-level windows: id -> title."""
        ids = self.xdotool("search", "--onlyvisible", "--name", ".").split()
        titles = {wid: self.xdotool("getwindowname", wid) for wid in ids}
        return {wid: title for wid, title in titles.items() if title}

    def titles(self) -> list[str]:
        return sorted(self.windows().values())

    def wait_for(self, pattern: str, timeout: float = 60) -> str:
        """The id of a visible window whose whole title matches ``pattern``."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for wid, title in self.windows().items():
                if re.fullmatch(pattern, title):
                    return wid
            if self.proc is not None and self.proc.poll() is not None:
                pytest.fail(f"the app ended ({self.proc.returncode}) while waiting for "
                            f"{pattern!r}:\n{self.output()}")
            time.sleep(0.2)
        pytest.fail(f"no window {pattern!r} within {timeout} s; on screen: {self.titles()}"
                    f"\n{self.output()}")

    def wait_gone(self, wid: str, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if wid not in self.windows():
                return
            time.sleep(0.2)
        pytest.fail(f"window {wid} still on screen: {self.titles()}")

    def focused(self) -> str:
        """The title of the window that has the keyboard."""
        return self.xdotool("getwindowfocus", "getwindowname")

    def read_then_answer(self, wid: str, under: tuple[str, ...] = ()) -> None:
        """Wait as a reader would, then check the question still has the keyboard,
        is on top, and shares the screen only with the windows it belongs over
        (``under``): nothing covers it or takes its input."""
        time.sleep(READING)
        shown = self.windows()  # bottom to top, as the X server stacks them
        title = shown.get(wid)
        assert title is not None, f"the question went away: {self.titles()}"
        top = list(shown)[-1]
        assert top == wid, f"{shown[top]!r} is over the question {title!r}"
        others = sorted(t for w, t in shown.items() if w != wid)
        assert set(others) <= set(under), f"{others} on screen with the question {title!r}"
        assert self.focused() == title, f"the keyboard is in {self.focused()!r}, not {title!r}"

    # -- input --------------------------------------------------------------------

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--delay", "80", *keys)
        time.sleep(0.3)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "40", text)
        time.sleep(0.3)

    def geometry(self, wid: str) -> tuple[int, int, int, int]:
        out = self.xdotool("getwindowgeometry", "--shell", wid)
        values = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
        return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])

    def click_primary(self, wid: str) -> None:
        """A real mouse click on the window's primary (green) button, found on
        screen by its colour: a button that is covered or off screen is not found."""
        x, y, w, h = self.geometry(wid)
        image = self.shot(self.home / "find-button.png")
        hits = [(px, py) for px in range(x, min(x + w, image.width()), 2)
                for py in range(y, min(y + h, image.height()), 2)
                if image.pixelColor(px, py).getRgb()[:3] == PRIMARY]
        assert hits, "no primary button is visible in the window"
        cx = (min(p[0] for p in hits) + max(p[0] for p in hits)) // 2
        cy = (min(p[1] for p in hits) + max(p[1] for p in hits)) // 2
        self.xdotool("mousemove", str(cx), str(cy), "click", "1")
        time.sleep(0.3)

    def shot(self, path: Path) -> QImage:
        """A screenshot of the whole screen, as a person sees it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        code = ("import sys\nfrom PySide6.QtGui import QGuiApplication\n"
                "a = QGuiApplication(sys.argv)\n"
                "QGuiApplication.primaryScreen().grabWindow(0).save(sys.argv[1])\n")
        env = {k: v for k, v in self.env.items() if k != "QT_SCALE_FACTOR"}
        subprocess.run([sys.executable, "-c", code, str(path)], env=env, check=True,
                       timeout=60, capture_output=True)
        image = QImage(str(path))
        assert not image.isNull(), f"no screenshot at {path}"
        return image

    # -- the end ------------------------------------------------------------------

    def wait_exit(self, timeout: float = 60) -> int:
        assert self.proc is not None
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the app did not end within {timeout} s; on screen: {self.titles()}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(15)

