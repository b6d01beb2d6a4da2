"""Start the real app on a profile and save a screenshot of each tab.

Run by ``test_screenshots.py`` in its own process on an X display (Xvfb), so
the window goes through the same start-up as ``asb-desktop`` does: the
first-page window, the stylesheet, the off-thread profile opening, the full
window taking over, the first pages of each list.

    python -m tests.gui.shoot_tabs PROFILE_DIR OUT_DIR [SUFFIX]
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from asb_desktop.app import open_profile, profile_exists
from asb_desktop.cli.main import open_window
from asb_desktop.gui.main_window import MainWindow

TABS = ["reports", "cases", "visits"]


def _pin_chosen(profile: Path) -> None:
    """The officer chose a PIN at first start; the lock would otherwise ask for one."""
    app = open_profile(profile)
    try:
        if app.profile.lock_pin_hash() is None:
            app.profile.set_lock_pin("4821", "4821")
    finally:
        app.close()


def main(profile: Path, out: Path, suffix: str) -> int:
    if not profile_exists(profile):  # the first-start question would wait for a person
        print(f"no profile in {profile}", file=sys.stderr)
        return 2
    _pin_chosen(profile)
    qapp = QApplication(sys.argv)
    state: dict[str, object] = {"code": 1}
    out.mkdir(parents=True, exist_ok=True)

    def save(window: QMainWindow, name: str) -> None:
        shot = window.screen().grabWindow(window.winId())
        shot.save(str(out / name))
        print(f"saved {name} {shot.width()}x{shot.height()}", flush=True)

    def when_idle(window: MainWindow, then: Callable[[], None]) -> None:
        def poll() -> None:
            if window.isVisible() and window.ops.idle():
                QTimer.singleShot(300, then)
            else:
                QTimer.singleShot(50, poll)
        QTimer.singleShot(200, poll)

    def shoot(window: MainWindow, i: int) -> None:
        if i == len(TABS):
            state["code"] = 0
            window.close()
            qapp.quit()
            return
        window.tabs.setCurrentIndex(i)  # a tab loads its list the first time it is shown
        tab = window.tabs.currentWidget()

        def choose_first() -> None:
            table = getattr(tab, "table", None)
            if table is not None and table.model().rowCount() > 0:
                table.selectRow(0)
            when_idle(window, grab)

        def grab() -> None:
            save(window, f"{TABS[i]}{suffix}.png")
            shoot(window, i + 1)

        when_idle(window, choose_first)

    def watch(what: str, obj: object) -> None:
        if what == "first-page" and isinstance(obj, QMainWindow):
            print(f"first page: {obj.windowTitle()}", flush=True)
            QTimer.singleShot(50, lambda: save(obj, f"first-page{suffix}.png"))
        elif what == "window" and isinstance(obj, MainWindow):
            print(f"title: {obj.windowTitle()}", flush=True)
            when_idle(obj, lambda: shoot(obj, 0))

    QTimer.singleShot(60_000, qapp.quit)  # never hang a test run
    code = open_window(profile, watch)  # what `asb-desktop` runs
    final = state["code"]
    return code or (final if isinstance(final, int) else 1)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else ""))
