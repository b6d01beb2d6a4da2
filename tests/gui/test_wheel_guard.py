"""Scrolling a form with the wheel never changes a drop-down the officer is not in."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from asb_desktop.gui.common.wheel_guard import guard_wheel


def _wheel(widget: QWidget) -> None:
    at = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(at, QPointF(widget.mapToGlobal(at.toPoint())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_past_an_answer_and_changes_it_only_when_chosen(qtbot: QtBot) -> None:
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    guard = guard_wheel(qapp)
    try:
        page = QWidget()
        column = QVBoxLayout(page)
        answer = QComboBox()
        answer.addItems(["Choose…", "ASB", "Not ASB"])
        answer.setCurrentIndex(1)
        column.addWidget(answer)
        spacer = QWidget()
        spacer.setMinimumHeight(2000)
        column.addWidget(spacer)
        area = QScrollArea()
        area.setWidget(page)
        area.resize(300, 200)
        qtbot.addWidget(area)
        area.show()
        qtbot.waitExposed(area)
        _wheel(answer)
        assert answer.currentText() == "ASB", "scrolling past it changed nothing"
        assert area.verticalScrollBar().value() > 0, "the form scrolled instead"
        area.verticalScrollBar().setValue(0)
        answer.setFocus()
        qtbot.waitUntil(answer.hasFocus)
        _wheel(answer)
        assert answer.currentText() == "Not ASB", "in the box, the wheel still chooses"
    finally:
        qapp.removeEventFilter(guard)
