"""Where the window opens and how big: on the screen it opens on, never past it.

Officers' laptops are often 1366×768 with text at 150% or 200%, where a
window of a fixed 1360×860 put its status bar and buttons below the screen.
The window opens at the size and place the officer last left it, clamped to
the screen it is on now (a laptop that was docked to a large monitor
yesterday is not today); the first time, at a comfortable size where the
screen has room for it and filling the screen where it has not.

The placement is kept beside the profile (``window.ini``) rather than in a
per-user settings store, so each profile (a demo and a real one, say) keeps
its own and a test's temporary profile leaves nothing behind.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMargins, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

#: The size the window is designed around, where the screen has room for it.
PREFERRED = QSize(1360, 860)
#: Room kept for a window manager's title bar and borders, which Qt only
#: learns of once the window is shown.
FRAME = QMargins(4, 32, 4, 4)
FILE_NAME = "window.ini"


def _screen_of(window: QWidget) -> QScreen:
    screen = window.screen() or QGuiApplication.primaryScreen()
    assert screen is not None, "Qt has no screen"
    return screen


def clamp(rect: QRect, available: QRect, frame: QMargins = FRAME) -> QRect:
    """``rect`` (the window's inside) moved and shrunk so that, with its frame,
    it lies within ``available``."""
    room = available.marginsRemoved(frame)
    size = rect.size().boundedTo(room.size())
    left = min(max(rect.left(), room.left()), room.right() - size.width() + 1)
    top = min(max(rect.top(), room.top()), room.bottom() - size.height() + 1)
    return QRect(left, top, size.width(), size.height())


def first_placement(available: QRect, frame: QMargins = FRAME) -> tuple[QRect, bool]:
    """The first time: the preferred size centred where it fits, else the whole
    screen (and maximised, so a window manager takes it to the screen's edges)."""
    room = available.marginsRemoved(frame)
    if room.width() >= PREFERRED.width() and room.height() >= PREFERRED.height():
        rect = QRect(0, 0, PREFERRED.width(), PREFERRED.height())
        rect.moveCenter(room.center())
        return rect, False
    return room, True


def _settings(folder: Path) -> QSettings:
    return QSettings(str(Path(folder) / FILE_NAME), QSettings.Format.IniFormat)


def saved_placement(folder: Path | None) -> tuple[QRect, bool] | None:
    if folder is None or not (Path(folder) / FILE_NAME).exists():
        return None
    settings = _settings(folder)
    rect = settings.value("window/rect")
    if not isinstance(rect, QRect) or rect.width() < 100 or rect.height() < 100:
        return None  # unreadable or nonsense: placed as the first time
    maximised = str(settings.value("window/maximised", "false")).lower() == "true"
    return rect, maximised


def place_window(window: QWidget, folder: Path | None, like: QWidget | None = None) -> None:
    """Size and place ``window`` before it is shown. ``like`` is a window it
    takes the place of (the first-page window), whose place it keeps."""
    if like is not None:  # placed already: the swap must not move by a pixel
        window.setGeometry(like.geometry())
        maximised = like.isMaximized()
    else:
        available = _screen_of(window).availableGeometry()
        found = saved_placement(folder)
        rect, maximised = found if found is not None else first_placement(available)
        window.setGeometry(clamp(rect, available))
    if maximised:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def remember_placement(window: QWidget, folder: Path) -> None:
    """Kept when the window closes, so it opens where the officer left it.
    A failure to write is not worth stopping the close for."""
    settings = _settings(folder)
    rect = window.normalGeometry() if window.isMaximized() else window.geometry()
    settings.setValue("window/rect", rect)
    settings.setValue("window/maximised", window.isMaximized())
    settings.sync()
