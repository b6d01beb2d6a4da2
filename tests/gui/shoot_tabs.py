"""Start the real app on a profile and save a screenshot of each tab.

Run by ``test_screenshots.py`` in its own process on an X display (Xvfb), so
the window goes through the same start-up as ``asb-desktop`` does: the
stylesheet, the off-thread profile opening, the first pages of each list.

    python -m tests.gui.shoot_tabs PROFILE_DIR OUT_DIR [SUFFIX]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from asb_desktop.app import App, profile_exists
from asb_desktop.gui.main import build_window, prepare
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.ops import OpsRunner
from asb_desktop.gui.style import apply_style

TABS = ["reports", "cases", "visits"]


def main(profile: Path, out: Path, suffix: str) -> int:
    if not profile_exists(profile):  # the first-start question would wait for a person
        print(f"no profile in {profile}", file=sys.stderr)
        return 2
    qapp = QApplication(sys.argv)
    apply_style(qapp)
    ops = OpsRunner()
    state: dict[str, object] = {"code": 1}
    out.mkdir(parents=True, exist_ok=True)

    def when_idle(then: object) -> None:
        def poll() -> None:
            if ops.idle():
                QTimer.singleShot(300, then)  # type: ignore[arg-type]
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
            when_idle(grab)

        def grab() -> None:
            screen = window.screen()
            shot = screen.grabWindow(window.winId())
            name = f"{TABS[i]}{suffix}.png"
            shot.save(str(out / name))
            print(f"saved {name} {shot.width()}x{shot.height()}", flush=True)
            shoot(window, i + 1)

        when_idle(choose_first)

    def opened(app: App, demo: bool) -> None:
        state["app"] = app
        if app.profile.lock_pin_hash() is None:
            app.profile.set_lock_pin("4821", "4821")  # the officer chose it at first start
        window = build_window(app, ops, demo)
        state["window"] = window
        print(f"title: {window.windowTitle()}", flush=True)
        when_idle(lambda: shoot(window, 0))

    def failed(exc: BaseException) -> None:
        print(f"could not open the profile: {exc!r}", file=sys.stderr)
        qapp.quit()

    prepare(profile, ops, opened, failed)
    QTimer.singleShot(60_000, qapp.quit)  # never hang a test run
    qapp.exec()
    ops.wait_all()
    app = state.get("app")
    if isinstance(app, App):
        app.close()
    code = state["code"]
    return code if isinstance(code, int) else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else ""))
