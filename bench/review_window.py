"""Timing the Caseload review as a supervisor meets it: from building the tab
to every count, table, figure and chart painted.

``bench/review.py --window`` calls :func:`time_review_view`; it lives with the
benches, not in the product. The clock stops only after the whole overview
has been rendered once (``grab`` paints every chart, including those scrolled
out of view), so the figure covers the QtCharts layout and painting too, not
just the queries.
"""

from __future__ import annotations

import time
from datetime import date

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from asb_desktop.app import App
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.style import apply_style
from asb_desktop.gui.review.review_tab import ReviewTab

TARGET_MS = 1000


def time_review_view(app: App, today: date, timeout: float = 60.0) -> str:
    qapp = QApplication.instance()
    if not isinstance(qapp, QApplication):
        qapp = QApplication([])
    apply_style(qapp)
    ops = OpsRunner()
    started = time.perf_counter()
    tab = ReviewTab(app, ops, today=today)
    tab.resize(1360, 900)
    tab.show()
    # An event loop, not a processEvents() spin: the wait costs nothing and the
    # workers' results arrive exactly as they do in the window.
    loop = QEventLoop()

    def check(*_args: object) -> None:
        if tab.is_loaded() and ops.idle():
            loop.quit()

    tab.loaded.connect(check)
    ops.busy_changed.connect(check)
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    tab.start()
    loop.exec()
    if not (tab.is_loaded() and ops.idle()):
        raise TimeoutError(f"The review did not load within {timeout:.0f} s.")
    page = tab.findChild(QWidget, "reviewOverview")
    (page or tab).grab()
    elapsed = (time.perf_counter() - started) * 1000
    figures = tab.figures.figures
    cases = figures.cases_opened if figures else 0
    ops.wait_all()
    tab.close()
    tab.deleteLater()
    qapp.processEvents()
    verdict = "within" if elapsed <= TARGET_MS else "OVER"
    return (f"review window: {elapsed:.0f} ms from building the tab to every figure and chart "
            f"shown ({cases:,} cases opened in the period; {verdict} the {TARGET_MS} ms target)")
