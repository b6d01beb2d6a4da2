"""``asb-desktop`` with no subcommand: the caseload on screen first, the rest after.

The order matters for how quickly an officer sees their cases:

1. Qt starts and the first-page window is shown at once (``gui.first_window``);
2. on the database lane, the key is fetched and the first page read with
   SQLCipher alone (``controllers.first_page``); once it is painted, the rest
   of the app is imported on the lane too, so the window keeps responding
   while it loads (started sooner, the import slows the paint);
3. back on the UI thread the usual start-up (``gui.main.begin``) opens the
   profile and builds the full window, which takes the first window's place.

With no profile yet, or when the first page cannot be read without asking
(a passphrase profile, a file to migrate), step 1 shows "Opening your
profile…" or is skipped, and the usual start-up asks and explains as before.

Imports here must stay light; everything heavy is imported on the lane.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from PySide6.QtWidgets import QApplication

from asb_desktop.gui.common.date_parts import watch_date_parts
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.style import apply_style
from asb_desktop.gui.common.wheel_guard import guard_wheel
from asb_desktop.gui.start.first_window import FirstWindow
from asb_desktop.paths import profile_exists

#: Told of the moments that matter, for the benchmark and tests:
#: ("first-page", FirstWindow) and ("window", MainWindow).
Watch = Callable[[str, object], None]


def launch(profile: Path, watch: Watch | None = None) -> int:
    """Run the app until its window closes; returns the exit code."""
    logging.basicConfig(level=logging.INFO)
    qapp = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("ASB Desktop")
    apply_style(qapp)
    watch_date_parts(qapp)  # every date box says which part has the keyboard (kept by qapp)
    guard_wheel(qapp)  # the wheel scrolls forms, never an answer the officer is not in
    ops = OpsRunner()
    folder = Path(profile)
    state: dict[str, object] = {}
    first: FirstWindow | None = None
    if profile_exists(folder):
        first = FirstWindow(ops, folder)
        ops.error_parent = first
        if watch is not None:
            shown = first
            first.settled.connect(lambda: watch("first-page", shown))
        first.start()  # the key and the page are fetched on the lane while the window paints
        first.show()

    def imported(main: ModuleType) -> None:
        on_window = None if watch is None else (lambda window: watch("window", window))
        if not main.begin(qapp, ops, folder, state, first, on_window=on_window):
            qapp.quit()

    def not_imported(exc: BaseException) -> None:
        state["code"] = 1
        logging.getLogger("asb_desktop.gui").error(
            "The app could not load", exc_info=(type(exc), exc, exc.__traceback__))
        qapp.quit()

    def load() -> None:
        ops.run(lambda: importlib.import_module("asb_desktop.gui.start.main"), imported, not_imported)

    if first is None:
        load()
    else:
        first.settled.connect(load)  # once the officer's cases are painted
    code = qapp.exec()
    main = sys.modules.get("asb_desktop.gui.start.main")
    if main is None:  # the app never loaded; nothing was opened
        ops.wait_all()
        value = state.get("code", code)
        return value if isinstance(value, int) else 1
    return int(main.finish(ops, state, code))
