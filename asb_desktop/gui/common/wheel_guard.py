"""The mouse wheel scrolls the form; it never changes an answer the officer is not in.

Qt lets the wheel change a drop-down or a number box under the pointer, even
without the keyboard in it: an officer scrolling a long form past "Is it
ASB?" silently turned "Not ASB" back into "Choose…". One application-wide
filter sends such a wheel to the scroll area the control sits in instead. A
control the officer has clicked or tabbed into still takes the wheel, as
they expect.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)


def _scroller(widget: QWidget) -> QWidget | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent.verticalScrollBar()
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QComboBox | QAbstractSpinBox) \
                and not watched.hasFocus():
            bar = _scroller(watched)
            if bar is not None:
                QApplication.sendEvent(bar, event)
            return True
        return False


def guard_wheel(app: QApplication) -> WheelGuard:
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
