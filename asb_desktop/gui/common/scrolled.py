"""The scrolling frame every form and the case view sit in.

Forms scroll up and down, never sideways: they reflow to the pane's width.
But a form cannot be narrower than its widest row (three radio buttons side
by side, a long tick-box label), and below that width Qt simply cut the row
off at the pane's edge, with no scroll bar to reach it: at 200% text on a
1920×1080 screen the Anonymous choice and the date buttons were half gone.
So the frame asks its splitter for the form's own minimum width; the list
beside it gives way instead (a table can scroll sideways, a form row cannot).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QScrollArea, QWidget

#: Never narrower than this, even for a form whose rows would allow it.
MIN_WIDTH = 380


class FormScroll(QScrollArea):
    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        width = (inner.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
                 + 2 * self.frameWidth())
        return QSize(max(MIN_WIDTH, width), hint.height())


def scrolled(widget: QWidget, name: str) -> QScrollArea:
    area = FormScroll()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    area.setAccessibleName(name)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields; focus scrolls to them
    return area
