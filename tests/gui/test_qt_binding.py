"""The Qt binding must not leak references to None.

PySide6 6.12.0 released one reference to None on every call that returns
nothing; on Python 3.11 the app then aborted ("deallocating None") after some
thousands of calls, minutes into an officer's day. This fails if a binding with
that fault is installed.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QComboBox, QLabel


def test_thousands_of_qt_calls_leave_none_alone(qapp: QApplication) -> None:
    label = QLabel()
    combo = QComboBox()
    combo.addItem("Any officer", None)
    before = sys.getrefcount(None)
    for _ in range(5000):
        label.setText("Overdue")
        combo.currentData()
        qapp.processEvents()
    assert sys.getrefcount(None) >= before - 50
