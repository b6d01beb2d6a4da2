"""The lock screen: covers the window's case data until the PIN is given.

The central widget is moved, untouched, into a stack with the lock page on
top, so a half-typed report or note is still there after unlocking. Docks,
the app's other windows and the window title are hidden too, since they can
show names. The rules (how
long idle, whether locked) live in ``asb_desktop.security.lock``.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.gui.common.errors import words_for
from asb_desktop.gui.common.widgets import as_heading
from asb_desktop.security.lock import IdleLock
from asb_desktop.security.pin_tries import PinOutcome

#: What a PIN check gives back: a plain yes/no, or the outcome with tries left.
Checked = bool | PinOutcome
#: Runs a slow check off the UI thread: ``run(check, done, failed)``, with ``done``
#: and ``failed`` called back on the UI thread (the window passes ``OpsRunner.run``).
Runner = Callable[
    [Callable[[], Checked], Callable[[Checked], None], Callable[[BaseException], None]], None
]

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
TICK_MS = 1000


class AppLock(QObject):
    """Installed on one window; ``lock_now()`` is for OS session-lock and suspend hooks."""

    def __init__(self, window: QMainWindow, lock: IdleLock,
                 verify_pin: Callable[[str], Checked], run: Runner | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.lock = lock
        self.verify_pin = verify_pin
        #: None checks in place: only for quick checks (tests, plain windows).
        self.run = run
        self.checking = False
        self.locked_out = False
        self._hidden_docks: list[QDockWidget] = []
        self._hidden_windows: list[QWidget] = []
        self._disabled: list[QAction] = []
        self._title = ""
        self.os_watch: object | None = None  # kept alive here; see gui/session_watch.py
        content = window.takeCentralWidget()
        self.content = content if content is not None else QWidget()
        self.stack = QStackedWidget()
        self.stack.setObjectName("appLockStack")
        self.stack.addWidget(self.content)
        self.page = self._lock_page()
        self.stack.addWidget(self.page)
        window.setCentralWidget(self.stack)
        self.stack.setCurrentWidget(self.content)
        self.content.setVisible(True)
        self.stack.setVisible(True)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            if isinstance(app, QGuiApplication):
                app.applicationStateChanged.connect(self._state_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        if lock.locked:
            self._show_lock()

    def _fit(self) -> None:
        """Give the wrapped words the height they need at the box's width: the box
        sits in a row, which does not pass a new text's height up by itself, so a
        longer message (tries left, locked out) had its last line cut."""
        width = self._box.contentsRect().width() or self._box.minimumWidth()
        for label in (self.hint, self.message):
            label.setMinimumHeight(label.heightForWidth(width) if label.text() else 0)

    def _lock_page(self) -> QWidget:
        """The PIN box, centred. Its width is in the font's own units and its
        height comes from the wrapped text, so at 150% text (or QT_SCALE_FACTOR
        1.5) every line shows: a fixed 380 px box centred by alignment was given
        one line's height and cut the hint to its first line."""
        page = QWidget()
        page.setObjectName("appLockPage")
        outer = QVBoxLayout(page)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        box = QWidget()
        box.setObjectName("appLockBox")
        em = QFontMetrics(box.font()).horizontalAdvance("M")
        box.setMinimumWidth(min(18 * em, 380))
        box.setMaximumWidth(max(26 * em, 380))
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._box = box
        row.addWidget(box, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        layout = QVBoxLayout(box)
        title = as_heading(QLabel("ASB Desktop is locked"), 1)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.hint = QLabel("Case details are hidden. Enter your PIN to carry on; "
                           "anything you were typing is kept.")
        self.hint.setProperty("hint", True)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.hint)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName("PIN or passphrase")
        self.pin.setPlaceholderText("PIN or passphrase")
        self.pin.returnPressed.connect(self.try_unlock)
        layout.addWidget(self.pin)
        self.button = QPushButton("Unlock")
        self.button.clicked.connect(self.try_unlock)
        layout.addWidget(self.button)
        self.close_button = QPushButton("Close ASB Desktop")
        self.close_button.setAccessibleDescription(
            "Close the app, then open it again to choose a new PIN")
        self.close_button.clicked.connect(self.window.close)
        self.close_button.setVisible(False)
        layout.addWidget(self.close_button)
        self.message = QLabel("")
        self.message.setProperty("fieldError", True)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)
        return page

    def _set_controls(self, enabled: bool) -> None:
        """Menus, toolbars and their shortcuts act on the case behind the lock (print,
        sync...), so they are switched off, and back to how they were on unlock."""
        self.window.menuBar().setEnabled(enabled)
        for bar in self.window.findChildren(QToolBar):
            bar.setEnabled(enabled)
        if not enabled:
            self._disabled = [a for a in self.window.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled:
            action.setEnabled(enabled)
        if enabled:
            self._disabled = []

    def set_action_enabled(self, action: QAction, enabled: bool) -> None:
        """Turn an action on or off from outside (Sync now once a share is set up).
        While locked it stays off, whatever is asked, and takes the asked state
        at unlock: a shortcut must never come alive behind the lock."""
        if not self.showing_lock:
            action.setEnabled(enabled)
        elif enabled and action not in self._disabled:
            self._disabled.append(action)
        elif not enabled and action in self._disabled:
            self._disabled.remove(action)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        # Qt sends itself mouse moves when a layout shifts under a still cursor;
        # only moves that come from the officer's hand keep the window unlocked.
        if kind in _ACTIVITY and (kind != QEvent.Type.MouseMove or event.spontaneous()):
            self.lock.activity()
        return False

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lock_now()

    def check(self) -> None:
        if self.lock.due():
            self._show_lock()

    def lock_now(self) -> None:
        self.lock.lock_now()
        self._show_lock()

    def _show_lock(self) -> None:
        if self.stack.currentWidget() is self.page:
            return
        self.content.setVisible(False)
        self.stack.setCurrentWidget(self.page)
        self._hidden_docks = [d for d in self.window.findChildren(QDockWidget) if d.isVisible()]
        for dock in self._hidden_docks:
            dock.hide()
        self._hide_other_windows()
        self._set_controls(False)
        self._title = self.window.windowTitle()
        self.window.setWindowTitle("ASB Desktop (locked)")
        if not self.locked_out:
            self.message.setText("")
            self._fit()
        self.pin.clear()
        self.pin.setFocus()

    def _hide_other_windows(self) -> None:
        """Every other window of the app goes too: dialogs, forms, the PDF preview
        and message boxes can all show names, and a window-modal form left open
        would block the PIN box. They come back, as they were, on unlock. A
        dialog waiting in ``exec()`` ends as cancelled, the safe answer."""
        self._hidden_windows = [
            w for w in QApplication.topLevelWidgets()
            if w is not self.window and w.isWindow() and w.isVisible()
        ]
        for other in self._hidden_windows:
            other.hide()

    def try_unlock(self) -> bool:
        """Check the PIN typed. True only when it unlocked at once (a check run in
        place); with a runner the check goes off the UI thread, the box waits
        ("Checking…") and the answer arrives in ``_checked``."""
        if self.checking or self.locked_out:
            return False
        pin = self.pin.text()
        self.pin.clear()
        if self.run is None:
            return self._finish(self.verify_pin(pin))
        self._set_checking(True)
        self.run(lambda: self.verify_pin(pin), self._checked, self._check_failed)
        return False

    def _set_checking(self, checking: bool) -> None:
        self.checking = checking
        self.pin.setEnabled(not checking)
        self.button.setEnabled(not checking)
        if checking:
            self.message.setText("Checking…")
            self._fit()

    def _checked(self, result: Checked) -> None:
        self._set_checking(False)
        self._finish(result)

    def _check_failed(self, exc: BaseException) -> None:
        """The lock stays shut: a check that failed is never taken as a yes."""
        self._set_checking(False)
        self.message.setText(f"The PIN could not be checked ({words_for(exc)}). Try again.")
        self._fit()
        self.pin.setFocus()

    def _finish(self, result: Checked) -> bool:
        if isinstance(result, PinOutcome):
            unlocked, words, out = result.unlocked, result.message, result.locked_out
        else:
            unlocked, words, out = result, "That PIN is not right. Try again.", False
        if not unlocked:
            self.message.setText(words)
            self._fit()
            if out:
                self._show_locked_out()
            else:
                self.pin.setFocus()
            return False
        self.lock.opened()
        self.message.setText("")
        self._fit()
        self.stack.setCurrentWidget(self.content)
        self.content.setVisible(True)
        self._set_controls(True)
        for dock in self._hidden_docks:
            dock.show()
        self._hidden_docks = []
        for other in self._hidden_windows:
            if shiboken6.isValid(other):
                other.show()
                other.raise_()
        self._hidden_windows = []
        self.window.setWindowTitle(self._title)
        return True

    def _show_locked_out(self) -> None:
        """No more PIN box: only the way back, which opens the profile afresh."""
        self.locked_out = True
        self.hint.setText("Case details are hidden. The PIN no longer unlocks ASB Desktop.")
        self._fit()
        self.pin.setVisible(False)
        self.button.setVisible(False)
        self.close_button.setVisible(True)
        self.close_button.setFocus()

    @property
    def showing_lock(self) -> bool:
        return self.stack.currentWidget() is self.page


def install_app_lock(window: QMainWindow, lock: IdleLock,
                     verify_pin: Callable[[str], Checked], run: Runner | None = None) -> AppLock:
    """Put the lock on a window; keep the returned object for OS lock hooks."""
    return AppLock(window, lock, verify_pin, run)
