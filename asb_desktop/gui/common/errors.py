"""The one function that turns an exception into something the officer sees.

Problems of the environment or of the input (``ForTheUser``: a controller's
``UserError``, ``ValidationError`` or ``NotFound``, or the store's message
about a profile file that cannot be read) are shown as their own clear message.
Anything else is a bug: it is logged with its traceback and the officer sees
"Something went wrong" with nothing they could misread as their fault.
Dialogs are opened window-modal but not run in a nested event loop, so a
worker finishing meanwhile is still delivered and tests are never stuck.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from asb_desktop.controllers.errors import ValidationError
from asb_desktop.domain.errors import ForTheUser

log = logging.getLogger("asb_desktop.gui")

#: Open message boxes, kept alive until closed (they are not run in ``exec``).
_open: set[QMessageBox] = set()

GENERIC = (
    "Something went wrong. What you were doing has not been saved. "
    "The details are in the log; please tell your IT team."
)


def message_for(exc: BaseException) -> tuple[str, str, bool]:
    """(title, text, is_bug) for an exception."""
    if isinstance(exc, ValidationError):
        return "Check the form", "\n".join(exc.errors.values()), False
    if isinstance(exc, ForTheUser):  # a controller's or the profile file's own words
        return "Cannot do that", str(exc), False
    return "Something went wrong", GENERIC, True


def words_for(exc: BaseException) -> str:
    """One line for a status bar or a label: the user's message, never a bug's
    own text (which means nothing to an officer and may hold a path or a name)."""
    _title, text, bug = message_for(exc)
    if bug:
        log.error("Unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        return "something went wrong; the details are in the log"
    return text


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    title, text, bug = message_for(exc)
    if bug:
        log.error("Unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    box = QMessageBox(
        QMessageBox.Icon.Critical if bug else QMessageBox.Icon.Warning, title, text,
        QMessageBox.StandardButton.Ok, parent,
    )
    box.setObjectName("errorDialog")
    box.setAccessibleName(title)
    _open.add(box)
    box.finished.connect(lambda _code: _open.discard(box))
    # A box whose window is destroyed first never finishes; forget it all the same.
    box.destroyed.connect(lambda *_: _open.discard(box))
    box.open()
    return box
