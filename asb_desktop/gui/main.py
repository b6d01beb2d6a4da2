"""Starting the window: find or create the profile, then open the main window.

``run_gui`` is what ``asb-desktop`` with no subcommand calls. Opening the
database (which may run migrations and a backup) and filling a demo profile
happen on the database lane behind a progress dialog, so the window stays
responsive even then.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog

from asb_desktop.app import App, create_profile, open_profile, profile_exists
from asb_desktop.controllers.errors import PassphraseNotRight
from asb_desktop.gui.errors import message_for
from asb_desktop.gui.lock_setup import lock_window
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.ops import OpsRunner
from asb_desktop.gui.passphrase import PassphraseDialog
from asb_desktop.gui.startup import DEMO, StartupDialog
from asb_desktop.gui.style import apply_style
from asb_desktop.gui.sync_ui import share_words
from asb_desktop.security.keys import ProfileKeys

DEMO_CASES = 300
log = logging.getLogger("asb_desktop.gui")


class _Progress(QObject):
    """Carries progress from the worker to the dialog (signals cross threads safely)."""

    moved = Signal(int, int)


def _demo(folder: Path, keys: ProfileKeys, report: Callable[[int, int], None]) -> App:
    from asb_desktop.controllers.demo import DemoController

    app = create_profile(folder, "Demo Officer", "officer", demo=True, keys=keys)
    try:
        DemoController(app.unit).fill(cases=DEMO_CASES, seed=1, progress=report)
    except Exception:
        app.close()
        raise
    return app


def _open(folder: Path, keys: ProfileKeys) -> tuple[App, bool]:
    app = open_profile(folder, keys=keys)
    return app, app.profile.is_demo()


def _keys(folder: Path, problem: str | None = None) -> ProfileKeys | None:
    """The key provider, with the passphrase asked for here (on the UI thread) when
    there is no usable keyring. None when the officer cancelled. ``problem`` says
    why it is asking again."""
    keys = ProfileKeys()
    reason = keys.passphrase_reason(folder)
    if reason is None:
        return keys
    dialog = PassphraseDialog(reason, new=not profile_exists(folder))
    if problem:
        dialog.show_problem(problem)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    phrase = dialog.phrase.text()
    keys.ask_passphrase = lambda _reason: phrase
    return keys


def prepare(folder: Path, ops: OpsRunner, done: Callable[[App, bool], None],
            failed: Callable[[BaseException], None],
            cancelled: Callable[[], None] | None = None) -> bool:
    """Ask what to do when there is no profile, then open it off the UI thread.

    A mistyped passphrase is asked for again, with the reason shown, rather
    than ending the start-up; cancelling then calls ``cancelled``. Returns
    False when the officer chose to quit before anything started.
    """
    job: Callable[[], tuple[App, bool]]
    progress = QProgressDialog("Opening your profile…", "", 0, 0)
    progress.setCancelButton(None)
    progress.setWindowTitle("ASB Desktop")
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(300)
    if not profile_exists(folder):
        dialog = StartupDialog(str(folder))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    keys = _keys(folder)
    if keys is None:
        return False
    if not profile_exists(folder):
        if dialog.kind == DEMO:
            mover = _Progress()
            progress.setLabelText("Creating the demonstration caseload (invented people)…")
            progress.setRange(0, DEMO_CASES)

            def moved(n: int, total: int) -> None:
                progress.setMaximum(total)
                progress.setValue(n)

            mover.moved.connect(moved)

            def job() -> tuple[App, bool]:
                return _demo(folder, keys, mover.moved.emit), True
            progress._mover = mover  # type: ignore[attr-defined]  # kept alive with the dialog
        else:
            name, role = dialog.name.text(), str(dialog.role.currentData())

            def job() -> tuple[App, bool]:
                return create_profile(folder, name, role, keys=keys), False
    else:
        def job() -> tuple[App, bool]:
            return _open(folder, keys)

    def ok(result: tuple[App, bool]) -> None:
        progress.close()
        done(*result)

    def bad(exc: BaseException) -> None:
        progress.close()
        if isinstance(exc, PassphraseNotRight):
            again = _keys(folder, problem=str(exc))
            if again is not None:
                progress.show()
                ops.run(lambda: _open(folder, again), ok, bad)
            elif cancelled is not None:
                cancelled()
            return
        failed(exc)

    progress.show()
    ops.run(job, ok, bad)
    return True


def build_window(app: App, ops: OpsRunner, demo: bool) -> MainWindow:
    sync = app.sync
    window = MainWindow(app, ops, demo=demo, share=lambda: share_words(sync),
                        sync_now=sync.sync_now)
    window.show()
    window.start()
    window.start_auto_sync(sync.sync_if_reachable)
    lock_window(window, app, ops)
    return window


def run_gui(profile: Path) -> int:
    logging.basicConfig(level=logging.INFO)
    qapp = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("ASB Desktop")
    apply_style(qapp)
    ops = OpsRunner()
    state: dict[str, object] = {}

    def opened(app: App, demo: bool) -> None:
        state["app"] = app
        state["window"] = build_window(app, ops, demo)

    def failed(exc: BaseException) -> None:
        title, text, bug = message_for(exc)
        if bug:
            log.error("Could not open the profile", exc_info=(type(exc), exc, exc.__traceback__))
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, title, text)
        state["code"] = 2
        qapp.quit()

    if not prepare(Path(profile), ops, opened, failed, cancelled=qapp.quit):
        return 0
    code = qapp.exec()
    ops.wait_all()
    app = state.get("app")
    if isinstance(app, App):
        app.close()
    final = state.get("code", code)
    return final if isinstance(final, int) else 1
