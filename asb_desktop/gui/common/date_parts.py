"""Which part of a date box has the keyboard, told to a screen reader.

A date or time box is one control with several parts (day, month, year, hour,
minute) that the arrow keys and Tab move between; every part is heard with the
same name, so without this a screen-reader user typing "12" cannot tell whether
it went into the day or the month. One application-wide filter keeps each date
box's description starting with the part that has the keyboard ("Month part.
…"), ahead of whatever else it says (a hint, or the error on it), and updates
it as the officer moves. Qt tells assistive technology when a description
changes, so the part is heard as the officer moves.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QDateTimeEdit

PARTS = {
    QDateTimeEdit.Section.DaySection: "Day",
    QDateTimeEdit.Section.MonthSection: "Month",
    QDateTimeEdit.Section.YearSection: "Year",
    QDateTimeEdit.Section.HourSection: "Hour",
    QDateTimeEdit.Section.MinuteSection: "Minute",
}
_SAID = re.compile(r"^(?:Day|Month|Year|Hour|Minute) part\.\s*")
_WATCHED = (QEvent.Type.FocusIn, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonRelease)


def describe_part(edit: QDateTimeEdit) -> None:
    """Put the part with the keyboard at the start of the box's description."""
    part = PARTS.get(edit.currentSection())
    rest = _SAID.sub("", edit.accessibleDescription())
    said = f"{part} part. {rest}".strip() if part else rest
    if said != edit.accessibleDescription():
        edit.setAccessibleDescription(said)


class DateParts(QObject):
    """Installed once on the application: every date box in every window and dialog."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _WATCHED:
            edit = watched if isinstance(watched, QDateTimeEdit) else watched.parent()
            if isinstance(edit, QDateTimeEdit):
                describe_part(edit)
        return False


def watch_date_parts(app: QApplication) -> DateParts:
    parts = DateParts(app)
    app.installEventFilter(parts)
    return parts
