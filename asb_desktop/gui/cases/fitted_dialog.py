"""A casework form that stays on the screen as it grows.

``CaseworkDialog.grow`` makes a form taller as rows appear (the DASH
questions once it is safe to talk, a new person's details, the error
messages), up to nine tenths of the screen; a form opened low down over the
case view would then run off the bottom of a 1366×768 laptop, taking Save
with it. This one moves up by what it outgrew.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer

from asb_desktop.gui.cases.casework_forms import CaseworkDialog


class FittedDialog(CaseworkDialog):
    def regrow(self) -> None:
        """Grow once the rows just shown or added have their sizes (after this event)."""
        QTimer.singleShot(0, self, self.grow)  # not after the form is gone

    def grow(self) -> None:
        super().grow()
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is None or not self.isVisible():
            return
        frame = self.frameGeometry()
        over = frame.bottom() - screen.bottom()
        if over > 0:
            self.move(self.x(), max(screen.top(), self.y() - over))
