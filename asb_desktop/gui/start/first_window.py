"""What the officer sees in the first fraction of a second: their own open
cases, read before the rest of the app has loaded.

Loading the full app (SQLAlchemy, the models, every controller and screen)
takes about half a second even on a quick laptop. This window needs none of
it: the page comes from ``controllers.first_page`` on the database lane, and
the table uses the caseload's own columns, so it looks as it will a moment
later. It is read-only: nothing can be typed here that could be lost. When
the full window is ready it takes this one's place and size.

Imports here must stay light (a test checks that none of SQLAlchemy, the
store's models or the other controllers come with this module).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QStatusBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.domain.caseload import CaseRow, FirstPage, Page
from asb_desktop.gui.common.caseload_columns import COLUMNS, OFFICER_COLUMN
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.paged_model import PagedTableModel
from asb_desktop.gui.common.placement import place_window
from asb_desktop.gui.common.table_view import make_table
from asb_desktop.gui.common.widgets import DEMO_BADGE, signed_in_text, window_title

READYING = "Getting everything else ready…"

log = logging.getLogger(__name__)


class FirstWindow(QMainWindow):
    """The caseload's first page while the full window loads behind it."""

    #: The page (or "Opening your profile…") is painted: the heavy loading may
    #: start. Started earlier, it competes with the paint for the interpreter
    #: lock and the officer waits about 30 ms longer for their cases.
    settled = Signal()

    def __init__(self, ops: OpsRunner, folder: Path) -> None:
        super().__init__()
        self.setObjectName("firstWindow")
        self.setWindowTitle("ASB Desktop")
        self.setAccessibleName("ASB Desktop, loading")
        place_window(self, folder)  # as the full window will be, so the swap does not jump
        self.found: FirstPage | None = None
        self.shown = False  # the first page has arrived (found or not)
        folder = Path(folder)

        def fetch(_sort: str | None, _desc: bool, _offset: int, _limit: int) -> Page[CaseRow]:
            # Imported here, on the lane: the keyring and SQLCipher load while
            # the UI thread is already painting the window.
            try:
                from asb_desktop.controllers.first_page import first_page

                self.found = first_page(folder)
            except Exception:  # only a head start: the page must arrive, even empty,
                # so the rest loads (``settled``) and the usual start-up explains.
                log.exception("The quick first page could not be read")
                self.found = None
            rows = list(self.found.rows) if self.found else []
            # The total given is what is here, so the table never asks for more:
            # scrolling on waits for the full window. The label gives the true total.
            return Page(rows=rows, total=len(rows), offset=0)

        self.model: PagedTableModel[CaseRow] = PagedTableModel(
            ops, COLUMNS, fetch, default_sort=("risk", True))
        # The full window's frame (menus, tabs, caseload beside the case pane),
        # greyed out, so nothing jumps when it takes over.
        for title in ("&File", "&Edit", "&View", "S&ync", "&Help"):
            self.menuBar().addMenu(title).setEnabled(False)
        self.tabs = QTabWidget()
        for title in ("&Reports", "&Cases", "&Tenancy visits"):
            page = QWidget()
            if title == "&Cases":
                self.table = make_table(self.model, "Caseload", sortable=False)  # type: ignore[arg-type]
                self.table.setColumnHidden(OFFICER_COLUMN, True)  # all "of yours", as in My cases
                self.count_label = QLabel("Loading your cases…")
                self.count_label.setObjectName("countLabel")
                left = QWidget()
                box = QVBoxLayout(left)
                box.setContentsMargins(0, 0, 0, 0)
                box.addWidget(self.table, 1)
                box.addWidget(self.count_label)
                pane = QLabel("The case view opens in a moment.")
                pane.setAlignment(Qt.AlignmentFlag.AlignCenter)
                pane.setEnabled(False)
                split = QSplitter(Qt.Orientation.Horizontal)
                split.addWidget(left)
                split.addWidget(pane)
                split.setSizes([780, 560])  # as the Cases tab: key columns in full at 1366 px
                QVBoxLayout(page).addWidget(split)
            self.tabs.addTab(page, title)
            self.tabs.setTabEnabled(self.tabs.count() - 1, title == "&Cases")
        self.tabs.setCurrentIndex(1)
        self.setCentralWidget(self.tabs)

        bar = QStatusBar()
        self.user_label = QLabel("")
        self.demo_label = QLabel(DEMO_BADGE)
        self.demo_label.setObjectName("demoBadge")
        self.demo_label.hide()
        progress = QProgressBar()
        progress.setRange(0, 0)
        progress.setMaximumWidth(120)
        progress.setTextVisible(False)
        progress.setAccessibleName(READYING)
        self.ready_label = QLabel(READYING)
        for label in (self.ready_label, self.user_label, self.demo_label):
            # With large text these would make the window wider than a laptop's
            # screen; they give way instead (the full window follows at once).
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addWidget(progress)
        bar.addWidget(self.ready_label)
        bar.addPermanentWidget(self.demo_label)
        bar.addPermanentWidget(self.user_label)
        self.setStatusBar(bar)
        self.model.page_loaded.connect(self._loaded)

    def start(self) -> None:
        """Queue the page read on the database lane (never on this thread)."""
        self.model.reload()

    def _loaded(self, *_: int) -> None:
        self.shown = True
        self._show_found()
        self.repaint()  # now, while nothing else is running, rather than when the loop gets to it
        self.settled.emit()

    def _show_found(self) -> None:
        found = self.found
        if found is None:
            self.count_label.setText("Opening your profile…")
            return
        loaded = len(found.rows)
        self.user_label.setText(signed_in_text(found.user_name, found.role))
        self.demo_label.setVisible(found.demo)
        self.setWindowTitle(window_title(found.user_name, found.demo))
        total = found.total
        self.count_label.setText(
            f"{total} open case{'s' if total != 1 else ''} of yours"
            + (f" (first {loaded} shown)" if loaded < total else "")
            + ". Search and filters are on their way.")
