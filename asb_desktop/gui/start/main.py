"""Starting the window: find or create the profile, then open the main window.

``begin`` is what ``gui.launch`` calls once the app has loaded (``asb-desktop``
with no subcommand). Opening the database (which may run migrations and a
backup) and filling a demo profile happen on the database lane behind a
progress dialog (or the first-page window), so the window stays responsive
even then.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QProgressDialog

from asb_desktop.app import App, create_profile, open_profile, profile_exists
from asb_desktop.controllers.errors import PassphraseNotRight
from asb_desktop.gui.common.errors import message_for
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.placement import place_window
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.start.lock_setup import lock_window
from asb_desktop.gui.start.passphrase import PassphraseDialog
from asb_desktop.gui.start.startup import DEMO, StartupDialog
from asb_desktop.gui.sync.sync_ui import share_words
from asb_desktop.security.keys import ProfileKeys

DEMO_CASES = 300
log = logging.getLogger("asb_desktop.gui")


class _Progress(QObject):
    """Carries progress from the worker to the dialog (signals cross threads safely)."""

    moved = Signal(int, int)


def _demo(folder: Path, keys: ProfileKeys, report: Callable[[int, int], None],
          role: str = "officer") -> App:
    from asb_desktop.controllers.demo import DEMO_USER, DemoController

    app = create_profile(folder, DEMO_USER[role], role, demo=True, keys=keys)
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


def _progress(label: str, maximum: int = 0) -> QProgressDialog:
    """A progress box for work that has started. Made only once every question
    has been answered, and shown at once: a QProgressDialog starts its own
    show-timer when it is made, so one made earlier opened itself over the
    first-start question and took the officer's keyboard and mouse."""
    progress = QProgressDialog(label, "", 0, maximum)
    progress.setCancelButton(None)
    progress.setWindowTitle("ASB Desktop")
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    return progress


def prepare(folder: Path, ops: OpsRunner, done: Callable[[App, bool], None],
            failed: Callable[[BaseException], None],
            cancelled: Callable[[], None] | None = None, show_progress: bool = True) -> bool:
    """Ask what to do when there is no profile, then open it off the UI thread.

    Questions come first and alone; the progress box appears only while work
    runs. A mistyped passphrase is asked for again, with the reason shown,
    rather than ending the start-up; cancelling then calls ``cancelled``.
    Returns False when the officer chose to quit before anything started.
    """
    job: Callable[[], tuple[App, bool]]
    label = "Opening your profile…"
    maximum = 0
    mover: _Progress | None = None
    if not profile_exists(folder):
        dialog = StartupDialog(str(folder))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    keys = _keys(folder)
    if keys is None:
        return False
    if not profile_exists(folder):
        if dialog.kind == DEMO:
            mover = _Progress()
            label = "Creating the demonstration caseload (invented people)…"
            maximum = DEMO_CASES
            role = dialog.demo_role_value()

            def job() -> tuple[App, bool]:
                assert mover is not None
                return _demo(folder, keys, mover.moved.emit, role), True
        else:
            name, role = dialog.name.text(), str(dialog.role.currentData())

            def job() -> tuple[App, bool]:
                return create_profile(folder, name, role, keys=keys), False
    else:
        def job() -> tuple[App, bool]:
            return _open(folder, keys)

    shown: list[QProgressDialog] = []

    def show() -> None:
        if not show_progress:  # the first-page window says the rest is on its way
            return
        progress = _progress(label, maximum)
        if mover is not None:
            def moved(n: int, total: int) -> None:
                progress.setMaximum(total)
                progress.setValue(n)

            mover.moved.connect(moved)
        progress.show()
        shown.append(progress)

    def hide() -> None:
        while shown:
            box = shown.pop()
            if mover is not None:
                mover.moved.disconnect()
            box.close()
            box.deleteLater()

    def ok(result: tuple[App, bool]) -> None:
        hide()
        done(*result)

    def bad(exc: BaseException) -> None:
        hide()
        if isinstance(exc, PassphraseNotRight):
            again = _keys(folder, problem=str(exc))
            if again is not None:
                show()
                ops.run(lambda: _open(folder, again), ok, bad)
            elif cancelled is not None:
                cancelled()
            return
        failed(exc)

    show()
    ops.run(job, ok, bad)
    return True


#: How long the first-page window waits for the full caseload before the full
#: window is shown anyway (it then says "Loading…" itself).
SWAP_WAIT_MS = 3000


def _quit_with_last_window(qapp: object) -> None:
    """From here on, closing the window ends the app. Until the full window is up
    it must not: between the first-start question closing and the window
    opening no window may be visible, and Qt would otherwise quit right there."""
    if isinstance(qapp, QApplication):
        qapp.setQuitOnLastWindowClosed(True)


def build_window(app: App, ops: OpsRunner, demo: bool,
                 first: QMainWindow | None = None) -> MainWindow:
    """The full window, opened on the caseload. With ``first`` (the first-page
    window shown while the app loaded), the full window takes its place and
    size once its own first page is in, so the officer never sees an empty table."""
    sync = app.sync
    window = MainWindow(app, ops, demo=demo, share=lambda: share_words(sync, app.device),
                        sync_now=sync.sync_now)
    window.open_on_caseload()
    qapp = QApplication.instance()
    if first is None:
        window.show()
        window.activateWindow()
        _quit_with_last_window(qapp)
    else:
        swapped = False

        def swap(*_args: object) -> None:
            nonlocal swapped
            if swapped:  # the page came, or the wait ran out, already
                return
            swapped = True
            place_window(window, app.folder, like=first)  # where it is now: it may have moved
            if first.isMaximized():
                window.showMaximized()
            else:
                window.show()
            window.activateWindow()
            first.close()
            first.deleteLater()
            _quit_with_last_window(qapp)

        window.cases_tab.model.page_loaded.connect(swap)
        QTimer.singleShot(SWAP_WAIT_MS, swap)
    model = window.cases_tab.model
    model.page_loaded.connect(lambda *_: log.info(
        "The caseload is on screen: %d case(s) shown", model.rowCount()))
    window.start()
    window.start_auto_sync(sync.sync_if_reachable)
    lock_window(window, app, ops)
    return window


def begin(qapp: QApplication, ops: OpsRunner, folder: Path, state: dict[str, object],
          first: QMainWindow | None = None,
          on_window: Callable[[MainWindow], None] | None = None) -> bool:
    """Open (or create) the profile behind a progress dialog and then the window.
    ``state`` receives the app, the window and any exit code. Returns False when
    the officer chose to quit before anything started."""
    qapp.setQuitOnLastWindowClosed(False)  # until the window is up (see build_window)

    def opened(app: App, demo: bool) -> None:
        state["app"] = app
        window = build_window(app, ops, demo, first)
        state["window"] = window
        if on_window is not None:
            on_window(window)

    def failed(exc: BaseException) -> None:
        if first is not None:
            first.close()
        title, text, bug = message_for(exc)
        if bug:
            log.error("Could not open the profile", exc_info=(type(exc), exc, exc.__traceback__))
        else:
            title = "Your profile could not be opened"
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, title, text)
        state["code"] = 2
        qapp.quit()

    def cancelled() -> None:
        if first is not None:
            first.close()
        qapp.quit()

    return prepare(folder, ops, opened, failed, cancelled=cancelled,
                   show_progress=first is None)


def finish(ops: OpsRunner, state: dict[str, object], code: int) -> int:
    """After the event loop: let queued work end, close the profile, pick the exit code."""
    ops.wait_all()
    app = state.get("app")
    if isinstance(app, App):
        app.close()
    final = state.get("code", code)
    return final if isinstance(final, int) else 1
