"""The real main window over a real profile, driven with qtbot."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.style import apply_style
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.start.passphrase import PassphraseDialog
from asb_desktop.gui.sync.sync_ui import share_words


@pytest.fixture
def make_window(qtbot: QtBot, qapp: object) -> Iterator[Callable[..., MainWindow]]:
    made: list[MainWindow] = []
    apply_style(qapp)  # type: ignore[arg-type]

    def make(app: App, tracked: bool = True) -> MainWindow:
        """``tracked=False`` for a window the test itself destroys."""
        ops = OpsRunner()
        window = MainWindow(app, ops)
        if tracked:
            qtbot.addWidget(window)
        window.show()
        window.start()
        made.append(window)
        settle(qtbot, window)
        return window

    yield make
    for w in made:
        if shiboken6.isValid(w):
            w.ops.wait_all()


def settle(qtbot: QtBot, window: MainWindow, timeout: int = 10000) -> None:
    """Wait until every queued database call has come back to the window."""
    qtbot.waitUntil(window.ops.idle, timeout=timeout)


@pytest.fixture
def window(app: App, make_window: Callable[[App], MainWindow]) -> MainWindow:
    return make_window(app)


def officer_types(pin: str, again: str) -> type[PassphraseDialog]:
    """The PIN dialog as the officer fills it in and presses OK."""

    class Typed(PassphraseDialog):
        def exec(self) -> int:
            self.phrase.setText(pin)
            self.again.setText(again)
            self._check()
            return int(self.result())

    return Typed


def synced_window(app: App, qtbot: QtBot) -> MainWindow:
    """The window as ``asb-desktop`` builds it, with the profile's own share and Sync now."""
    window = MainWindow(app, OpsRunner(), share=lambda: share_words(app.sync, app.device),
                        sync_now=app.sync.sync_now)
    qtbot.addWidget(window)
    window.show()
    window.start()
    settle(qtbot, window)
    return window
