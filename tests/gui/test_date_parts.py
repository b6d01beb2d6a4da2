"""A date box says which of its parts has the keyboard, ahead of its hint or error."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from asb_desktop.gui.common.date_parts import watch_date_parts


def test_the_part_with_the_keyboard_is_said_as_the_officer_moves(qtbot: QtBot) -> None:
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    parts = watch_date_parts(qapp)
    try:
        holder = QWidget()
        qtbot.addWidget(holder)
        box = QDateTimeEdit(QDateTime.currentDateTime())
        box.setDisplayFormat("dd/MM/yyyy HH:mm")
        box.setAccessibleName("Date and time received")
        box.setAccessibleDescription("Day, month and year, then the time")
        QVBoxLayout(holder).addWidget(box)
        holder.show()
        qtbot.waitExposed(holder)
        box.setFocus()
        qtbot.waitUntil(box.hasFocus)
        box.setCurrentSection(QDateTimeEdit.Section.DaySection)
        qtbot.keyClick(box, Qt.Key.Key_Right, delay=0)  # a key release says where it is now
        heard = []
        for _ in range(5):
            heard.append(box.accessibleDescription().split(".")[0])
            qtbot.keyClick(box, Qt.Key.Key_Tab if box.currentSection() != QDateTimeEdit.Section.MinuteSection
                           else Qt.Key.Key_Right)
        assert heard[0] in ("Day part", "Month part")
        assert {"Month part", "Year part", "Hour part"} <= set(heard)
        # The hint (or an error) is kept after the part, never lost.
        assert box.accessibleDescription().endswith("Day, month and year, then the time")
        box.setAccessibleDescription("Error: Enter the date the report was received")
        qtbot.keyClick(box, Qt.Key.Key_Left)
        assert box.accessibleDescription().endswith("Error: Enter the date the report was received")
        assert box.accessibleDescription().split(".")[0].endswith("part")
    finally:
        qapp.removeEventFilter(parts)
