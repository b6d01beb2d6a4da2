"""Every control a keyboard or screen-reader user can reach has a name."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.gui.main_window import MainWindow
from tests.conftest import noise_report
from tests.gui.conftest import settle

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit,
               QTextEdit, QAbstractSpinBox)


def _internal(w: QWidget) -> bool:
    """Parts Qt builds inside a control (a date edit's line edit, a table's headers)."""
    if isinstance(w, QHeaderView) or w.objectName().startswith("qt_"):
        return True
    parent = w.parentWidget()
    while parent is not None:
        if isinstance(parent, (QAbstractSpinBox, QComboBox, QAbstractItemView, QTabBar, QLineEdit)):
            return True
        parent = parent.parentWidget()
    return False


def unnamed(root: QWidget) -> tuple[list[str], int]:
    missing, seen = [], 0
    for w in root.findChildren(QWidget):
        if not isinstance(w, INTERACTIVE) or _internal(w):
            continue
        seen += 1
        if not w.accessibleName().strip():
            text = w.text() if isinstance(w, QAbstractButton | QLineEdit) else ""
            missing.append(f"{type(w).__name__} {w.objectName()!r} {text!r}")
    return missing, seen


def test_every_interactive_control_on_every_tab_has_an_accessible_name(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    app.reports.log_report(noise_report())
    window.refresh()
    settle(qtbot, window)
    window.reports_tab.table.selectRow(0)  # the assessment panel too
    settle(qtbot, window)
    for tab, least in ((window.reports_tab, 40), (window.cases_tab, 15),
                       (window.visits_tab, 15)):
        missing, seen = unnamed(tab)
        assert seen >= least, f"{tab.objectName()}: only {seen} controls found"
        assert missing == [], f"{tab.objectName()} has unnamed controls: {missing}"
    toolbar = window.findChild(QWidget, "mainToolbar")
    assert toolbar is not None
    missing, seen = unnamed(toolbar)
    assert seen >= 5 and missing == []


def test_the_walk_notices_an_unnamed_control(window: MainWindow) -> None:
    stray = QLineEdit(window.cases_tab)
    missing, _ = unnamed(window.cases_tab)
    assert any("QLineEdit" in m for m in missing)
    stray.deleteLater()


def _tab_order(start: QWidget) -> list[str]:
    from PySide6.QtCore import Qt

    names, current = [start.accessibleName()], start
    for _ in range(1000):
        current = current.nextInFocusChain()
        if current is start:
            break
        if (current.isVisible() and current.isEnabled()
                and current.focusPolicy() & Qt.FocusPolicy.TabFocus
                and current.accessibleName()):
            names.append(current.accessibleName())
    return names


def test_tab_order_follows_the_report_form_top_to_bottom(window: MainWindow) -> None:
    form = window.reports_tab.form
    form.mode_new.setChecked(True)
    order = _tab_order(window.reports_tab.search)
    expected = ["Search reports", "Reports list", "Someone already known", "Given name",
                "Family name", "Phone", "Postcode", "Date and time received",
                "How it was received", "Date of the incident", "Location", "Hate incident",
                "Disability", "What happened", "Save report"]
    positions = [order.index(name) for name in expected]
    assert positions == sorted(positions), order
    assert "Report form" not in order  # the scrolling pane itself is not a stop
    # Each group of tick boxes is one Tab stop; the arrow keys move within it.
    assert "Noise" not in order and "Race" not in order


def test_a_group_of_tick_boxes_is_one_tab_stop_walked_with_the_arrow_keys(
    window: MainWindow, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    form = window.reports_tab.form
    boxes = list(form.categories.boxes.values())
    boxes[0].setFocus()
    qtbot.waitUntil(boxes[0].hasFocus)
    QTest.keyClick(boxes[0], Qt.Key.Key_Down)
    assert boxes[1].hasFocus()
    QTest.keyClick(boxes[1], Qt.Key.Key_Space)
    assert boxes[1].isChecked() and not boxes[0].isChecked()
    QTest.keyClick(boxes[1], Qt.Key.Key_Up)
    assert boxes[0].hasFocus()
    QTest.keyClick(boxes[0], Qt.Key.Key_Up)  # round to the last box, not out of the group
    assert boxes[-1].hasFocus()
    QTest.keyClick(boxes[-1], Qt.Key.Key_Tab)  # one press leaves the whole group
    assert not any(b.hasFocus() for b in boxes)
    assert boxes[-1].accessibleName() == boxes[-1].text().replace("&", "")
    assert boxes[-1].accessibleDescription() == "Category"


def test_tick_boxes_grow_with_the_officers_text_size(
    app: App, window: MainWindow, make_window: Callable[[App], MainWindow]
) -> None:
    """Started with a larger text size, a tick box stays as easy to hit as its
    words are to read."""
    from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton

    def indicator(box: QCheckBox) -> int:
        option = QStyleOptionButton()
        box.initStyleOption(option)
        return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option,
                                          box).height()

    normal = indicator(window.visits_tab.form.acknowledged)
    font = QApplication.font()
    larger = QApplication.font()
    larger.setPointSizeF(font.pointSizeF() * 1.5)
    QApplication.setFont(larger)
    try:
        bigger = make_window(app)
        assert indicator(bigger.visits_tab.form.acknowledged) >= normal * 1.4
    finally:
        QApplication.setFont(font)
