"""The supervisor's "Caseload review" tab.

Mnemonics avoid the window's own (File, Edit, View, Sync, Help menus; the
Reports, Cases and Tenancy visits tabs), since a clash makes both dead.

One page answers "where do I need to look?": watch-list counts, workload per
officer, quality reviews so far and the period's figures. Any count opens
the cases behind it (the drill-down page), where the supervisor acts on
them: a quality review, reassignment, or a panel pack. Every query goes to
``ReviewController`` on the database lane; the tab itself never waits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.app import App
from asb_desktop.controllers.review import ReviewController
from asb_desktop.domain.review import (
    WATCH_LISTS,
    Figures,
    OfficerLoad,
    QualityByOfficer,
    WatchCount,
)
from asb_desktop.domain.views import CaseRow, Page, UserView
from asb_desktop.gui.common.caseload_columns import COLUMNS
from asb_desktop.gui.common.errors import show_error
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.ops import Lane, OpsRunner
from asb_desktop.gui.common.paged_model import PagedTableModel
from asb_desktop.gui.common.save_path import AskPath, ask_save_path, open_file
from asb_desktop.gui.common.table_view import make_table
from asb_desktop.gui.common.widgets import heading, named, to_date
from asb_desktop.gui.review.case_review_watch import CaseReviewWatchButton
from asb_desktop.gui.review.closure_review import LookingBack
from asb_desktop.gui.review.review_charts import FiguresPanel, fit_rows, numbers_table
from asb_desktop.gui.review.review_dialogs import QualityReviewDialog, ReassignDialog
from asb_desktop.gui.review.review_output import (
    NO_PANEL_PACKS,
    PackChoices,
    ask_pack_choices,
    confirm_pack,
    csv_job,
    date_edit,
    panel_pack_job,
    panel_packs_available,
    twelve_months_to,
)

DEFAULT_HOMES = 10_000
#: Never ``None`` as combo data: PySide6 6.12's ``currentData()`` drops a reference to
#: ``None`` on every call, which crashes the interpreter after a few thousand reads.
ALL_OFFICERS = ""
FOR_SUPERVISORS = "The caseload review is for supervisors; sign in as one to see it."
#: Which list a click on a workload column opens.
WORKLOAD_LISTS = {0: "open", 1: "open", 2: "high_risk", 3: "overdue_actions", 4: "open"}

def _row_fetcher(review: ReviewController, key: str, officer_id: str | None
                 ) -> Callable[[str | None, bool, int, int], Page[CaseRow]]:
    def fetch(_sort: str | None, _desc: bool, offset: int, limit: int) -> Page[CaseRow]:
        return review.watch_list(key, officer_id, offset, limit)

    return fetch


class ReviewTab(QWidget):
    """Caseload review for supervisors (the controller refuses anyone else)."""

    #: A case the supervisor double-clicked (or pressed Enter on): its id.
    case_requested = Signal(str)
    #: Every count, table, figure and chart of the overview is on screen.
    loaded = Signal()

    def __init__(self, app: App, ops: OpsRunner, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewTab")
        self.setAccessibleName("Caseload review")
        self._app, self._ops = app, ops
        self.review: ReviewController = getattr(app, "review", None) or ReviewController(app.unit)
        self._today = today or app.unit.today()
        self.ask_save_path: AskPath = ask_save_path
        self.open_file: Callable[[Path], None] = open_file
        #: Seams for tests; the defaults ask the person making a panel pack.
        self.ask_pack_choices: Callable[[QWidget, list[str]], PackChoices | None] = ask_pack_choices
        self.confirm_pack: Callable[[QWidget, Any], bool] = confirm_pack
        self.users: list[UserView] = []
        self._waiting: set[str] = set()
        self._figures_generation = 0
        self._stale = False
        self.drill_key: str | None = None
        self.drill_officer: str | None = None
        self._drilled_from: QWidget | None = None

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_overview())
        self.pages.addWidget(self._build_drill())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        export = QShortcut(QKeySequence("Ctrl+E"), self)
        export.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        export.activated.connect(self.export_csv)

    # -- building ------------------------------------------------------------------------

    def _build_overview(self) -> QWidget:
        body = QWidget()
        body.setObjectName("reviewOverview")
        v = QVBoxLayout(body)
        top = QHBoxLayout()
        top.addWidget(heading("Caseload review", 1), 1)
        self.refresh_button = named(QPushButton("Refresh"), "Refresh the review")
        self.refresh_button.clicked.connect(self.refresh)
        self.case_review_button = CaseReviewWatchButton(self._ops, self._app, self.case_requested.emit)
        top.addWidget(self.case_review_button)
        top.addWidget(self.refresh_button)
        v.addLayout(top)

        watch = QGroupBox("Watch lists: choose a count to see its cases")
        watch.setAccessibleName("Watch lists")
        wv = QVBoxLayout(watch)
        whose = QHBoxLayout()
        self.watch_officer = named(QComboBox(), "Watch lists for",
                                   "Count every officer's cases or one officer's")
        self.watch_officer.addItem("All officers", ALL_OFFICERS)
        self.watch_officer.currentIndexChanged.connect(lambda _i: self._load_watch())
        caption = QLabel("Co&unts for")
        caption.setBuddy(self.watch_officer)
        whose.addWidget(caption)
        whose.addWidget(self.watch_officer)
        whose.addStretch(1)
        wv.addLayout(whose)
        grid = QGridLayout()
        self.watch_buttons: dict[str, QPushButton] = {}
        for i, (key, label) in enumerate(WATCH_LISTS.items()):
            button = named(QPushButton(f"…\n{label}"), label)
            button.setObjectName(f"watch_{key}")
            button.setMinimumHeight(button.fontMetrics().height() * 3 + 8)
            button.clicked.connect(lambda _c=False, k=key, b=button: self._drill_from_watch(k, b))
            self.watch_buttons[key] = button
            grid.addWidget(button, 0, i)
        wv.addLayout(grid)
        v.addWidget(watch)

        row = QHBoxLayout()
        load_box = QGroupBox("Workload per officer: choose a figure to see its cases")
        load_box.setAccessibleName("Workload per officer")
        lv = QVBoxLayout(load_box)
        self.workload_table = numbers_table("Workload per officer", WORKLOAD_HEADERS, [])
        self.workload_table.cellClicked.connect(self._drill_from_workload)
        self.workload_table.cellActivated.connect(self._drill_from_workload)
        lv.addWidget(self.workload_table)
        quality_box = QGroupBox("Quality reviews per officer")
        quality_box.setAccessibleName("Quality reviews per officer")
        qv = QVBoxLayout(quality_box)
        self.quality_table = numbers_table("Quality reviews per officer", QUALITY_HEADERS, [])
        fit_rows(self.quality_table, 1)
        fit_rows(self.workload_table, 3)
        qv.addWidget(self.quality_table)
        self.no_quality = QLabel("No quality reviews recorded yet. Open a list, choose a case "
                                 "and press Quality review.")
        self.no_quality.setProperty("hint", True)
        self.no_quality.setWordWrap(True)
        qv.addWidget(self.no_quality)
        lv.addStretch(1)
        qv.addStretch(1)
        row.addWidget(load_box, 3)
        row.addWidget(quality_box, 2)
        v.addLayout(row)

        figures_box = QGroupBox("Figures for a period")
        figures_box.setAccessibleName("Figures for a period")
        fv = QVBoxLayout(figures_box)
        self.figure_errors = FormErrors(figures_box)
        fv.addWidget(self.figure_errors.summary)
        start, end = twelve_months_to(self._today)
        self.start_date = date_edit(start)
        self.end_date = date_edit(end)
        self.homes = QSpinBox()
        self.homes.setRange(0, 10_000_000)
        self.homes.setGroupSeparatorShown(True)
        self.homes.setValue(DEFAULT_HOMES)
        self.homes.setAccessibleDescription(
            "Used for NM01. Not saved yet: enter it again each time the review opens.")
        period = QHBoxLayout()
        for key, label, widget in (("start", "Fro&m", self.start_date), ("end", "T&o", self.end_date),
                                   ("homes", "&Number of homes", self.homes)):
            form = QFormLayout()
            self.figure_errors.row(form, key, label, widget)
            period.addLayout(form)
        buttons = period
        self.show_figures = named(QPushButton("&Show figures"), "Show figures for the period")
        self.show_figures.setProperty("primary", True)
        self.show_figures.clicked.connect(self.load_figures)
        self.export_button = named(QPushButton("E&xport CSV… (Ctrl+E)"), "Export CSV",
                                   "Save all the figures for this period as a CSV file")
        self.export_button.clicked.connect(self.export_csv)
        self.busy = QProgressBar()
        self.busy.setObjectName("figuresBusy")
        self.busy.setAccessibleName("Loading figures")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(220)
        self.busy.hide()
        self.figures_status = QLabel()
        self.figures_status.setObjectName("figuresStatus")
        self.figures_status.setWordWrap(True)
        for w in (self.show_figures, self.export_button, self.busy):
            buttons.addWidget(w, 0, Qt.AlignmentFlag.AlignTop)
        period.addStretch(1)
        fv.addLayout(period)
        homes_hint = QLabel("The number of homes (for NM01) is not saved yet: enter it each "
                            "time the review opens.")
        homes_hint.setProperty("hint", True)
        homes_hint.setWordWrap(True)
        fv.addWidget(homes_hint)
        fv.addWidget(self.figures_status)
        self.figures = FiguresPanel()
        self.figures.export_requested.connect(self.export_csv)
        fv.addWidget(self.figures)
        v.addWidget(figures_box)
        self.looking_back = LookingBack(self._ops, self.review, self._app.policy,
                                        lambda: to_date(self.start_date.date()))
        self.looking_back.case_requested.connect(self.case_requested)
        v.addWidget(self.looking_back)
        v.addStretch(1)

        scroll = QScrollArea()
        scroll.setObjectName("reviewScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return scroll

    def _build_drill(self) -> QWidget:
        page = QWidget()
        page.setObjectName("reviewDrillDown")
        v = QVBoxLayout(page)
        top = QHBoxLayout()
        self.back_button = named(QPushButton("← &Back to review (Alt+Left)"), "Back to review",
                                 "Return to the review (Alt+Left or Backspace)")
        self.back_button.clicked.connect(self.back)
        self.breadcrumb = QLabel("Review")
        self.breadcrumb.setObjectName("breadcrumb")
        font = self.breadcrumb.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.breadcrumb.setFont(font)
        top.addWidget(self.back_button)
        top.addWidget(self.breadcrumb, 1)
        v.addLayout(top)

        columns = [replace(c, sort_key=None) for c in COLUMNS]  # watch lists keep risk order
        self.cases = PagedTableModel[CaseRow](
            self._ops, columns, _row_fetcher(self.review, "open", None))
        self.case_table: QTableView = make_table(
            self.cases, "Cases in this list", sortable=False)  # type: ignore[arg-type]
        self.case_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.case_table.activated.connect(self._open_case)
        self.cases.page_loaded.connect(self._counted)
        self.case_table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        hint = QLabel("Double-click a case or press Enter to open it in the Cases tab. "
                      "Ctrl+click or Shift+arrows choose several cases.")
        hint.setProperty("hint", True)
        hint.setWordWrap(True)
        v.addWidget(hint)
        v.addWidget(self.case_table, 1)
        self.case_count = QLabel()
        self.case_count.setObjectName("drillCount")
        v.addWidget(self.case_count)
        self.cases.loading_changed.connect(
            lambda busy: self.case_count.setText("Loading…") if busy else None)

        acts = QHBoxLayout()
        self.quality_button = named(QPushButton("&Quality review…"), "Quality review",
                                    "Review the quality of the chosen case's record")
        self.quality_button.clicked.connect(self.quality_review)
        self.reassign_button = named(QPushButton("Re&assign… (Ctrl+R)"), "Reassign",
                                     "Move the chosen cases to another officer")
        self.reassign_button.clicked.connect(self.reassign)
        self.panel_date = date_edit(self._today)
        self.panel_date.setAccessibleName("Panel date")
        panel_caption = QLabel("Panel &date")
        panel_caption.setBuddy(self.panel_date)
        self.panel_button = named(QPushButton("Print &panel pack…"), "Print panel pack",
                                  "Save a panel pack of the chosen cases as a PDF and open it")
        self.panel_button.clicked.connect(self.panel_pack)
        for w in (self.quality_button, self.reassign_button):
            acts.addWidget(w)
        acts.addSpacing(24)
        acts.addWidget(panel_caption)
        acts.addWidget(self.panel_date)
        acts.addWidget(self.panel_button)
        acts.addStretch(1)
        v.addLayout(acts)
        self.drill_status = QLabel()
        self.drill_status.setObjectName("drillStatus")
        self.drill_status.setWordWrap(True)
        v.addWidget(self.drill_status)

        back = QShortcut(QKeySequence("Alt+Left"), page)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.back)
        backspace = QShortcut(QKeySequence(Qt.Key.Key_Backspace), self.case_table)
        backspace.setContext(Qt.ShortcutContext.WidgetShortcut)
        backspace.activated.connect(self.back)
        reassign = QShortcut(QKeySequence("Ctrl+R"), page)
        reassign.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        reassign.activated.connect(self.reassign)
        self._enable()
        return page

    # -- loading ---------------------------------------------------------------------------

    def start(self) -> None:
        if not self._app.unit.actor.is_supervisor:
            # The controller would refuse every query; say so once instead of five times.
            self.pages.setEnabled(False)
            self.figures_status.setText(FOR_SUPERVISORS)
            self.setToolTip(FOR_SUPERVISORS)
            return
        self.refresh()

    def refresh(self) -> None:
        review, profile = self.review, self._app.profile
        self._waiting |= {"workload", "quality"}
        self._ops.run(review.workload, lambda r: self._part("workload", self._show_workload, r))
        self._ops.run(review.quality_by_officer,
                      lambda r: self._part("quality", self._show_quality, r))
        self._ops.run(profile.users, self._show_users)
        self._load_watch()
        self.load_figures()
        self.looking_back.load()

    def is_loaded(self) -> bool:
        return not self._waiting

    def _part(self, name: str, show: Callable[[object], None], result: object) -> None:
        show(result)
        self._done(name)

    def _done(self, name: str) -> None:
        if name in self._waiting:
            self._waiting.discard(name)
            if not self._waiting:
                self.loaded.emit()

    def _chosen_officer(self) -> str | None:
        return str(self.watch_officer.currentData() or "") or None

    def _load_watch(self) -> None:
        officer = self._chosen_officer()
        review = self.review
        self._waiting.add("watch")
        self._ops.run(lambda: review.watch_counts(officer),
                      lambda r: self._part("watch", self._show_watch, r))

    def load_figures(self) -> None:
        start, end = to_date(self.start_date.date()), to_date(self.end_date.date())
        self.figure_errors.clear()
        if start > end:
            self.figure_errors.show({"end": "The end of the period must be on or after its start"})
            return
        homes, review = self.homes.value(), self.review
        self._figures_generation += 1
        generation = self._figures_generation
        self._waiting.add("figures")
        self.busy.show()
        self.figures_status.setText("Loading figures…")
        self.export_button.setEnabled(False)

        def failed(_exc: BaseException) -> None:
            self.busy.hide()
            self.figures_status.setText("")
            self._done("figures")

        # A newer period replaces a query still waiting: only the latest is shown.
        self._ops.run(lambda: review.figures(start, end, homes),
                      lambda f: self._figures_arrived(generation, f),
                      form=self.figure_errors.show, parent=self, after_failure=failed,
                      latest="review:figures")

    def _figures_arrived(self, generation: int, figures: Figures) -> None:
        if generation != self._figures_generation:
            return  # the supervisor changed the period meanwhile
        self.figures.show_figures(figures)
        self.busy.hide()
        self.export_button.setEnabled(True)
        self.figures_status.setText(
            f"Showing {figures.start:%d %b %Y} to {figures.end:%d %b %Y}.")
        self._done("figures")

    def _show_users(self, users: list[UserView]) -> None:
        self.users = users
        current = self._chosen_officer() or ALL_OFFICERS
        self.watch_officer.blockSignals(True)
        self.watch_officer.clear()
        self.watch_officer.addItem("All officers", ALL_OFFICERS)
        for u in users:
            self.watch_officer.addItem(u.name, u.id)
        index = self.watch_officer.findData(current)
        self.watch_officer.setCurrentIndex(max(0, index))
        self.watch_officer.blockSignals(False)

    def _show_watch(self, result: object) -> None:
        counts: list[WatchCount] = result  # type: ignore[assignment]
        for w in counts:
            button = self.watch_buttons[w.key]
            button.setText(f"{w.count:,}\n{w.label}")
            button.setAccessibleName(f"{w.label}: {w.count}")
            button.setProperty("count", w.count)

    def _show_workload(self, result: object) -> None:
        loads: list[OfficerLoad] = result  # type: ignore[assignment]
        numbers_table("Workload per officer", WORKLOAD_HEADERS, [
            [o.name, o.open_cases, o.high_risk, o.overdue_actions, o.oldest_case_days]
            for o in loads], self.workload_table)
        for r, o in enumerate(loads):
            item = self.workload_table.item(r, 0)
            if item is not None:
                item.setData(Qt.ItemDataRole.UserRole, o.officer_id)
        self.workload_table.setSortingEnabled(True)
        fit_rows(self.workload_table, 10)

    def _show_quality(self, result: object) -> None:
        rows: list[QualityByOfficer] = result  # type: ignore[assignment]
        numbers_table("Quality reviews per officer", QUALITY_HEADERS, [
            [q.name, q.reviews, f"{q.average_score:g}%",
             q.last_review.strftime("%d %b %Y") if q.last_review else "—"] for q in rows],
            self.quality_table)
        self.quality_table.setSortingEnabled(True)
        fit_rows(self.quality_table, 10)
        self.no_quality.setVisible(not rows)
        self.quality_table.setVisible(bool(rows))

    # -- drilling down -----------------------------------------------------------------------

    def _drill_from_watch(self, key: str, button: QPushButton) -> None:
        officer = self._chosen_officer()
        self.drill(key, officer, self.watch_officer.currentText() if officer else "All officers",
                   button)

    def _drill_from_workload(self, row: int, column: int) -> None:
        if self.pages.currentIndex() != 0:
            return
        item = self.workload_table.item(row, 0)
        if item is None:
            return
        officer = str(item.data(Qt.ItemDataRole.UserRole) or "")
        if not officer:
            return  # unassigned cases have no officer to filter on; the Open count lists them
        self.drill(WORKLOAD_LISTS.get(column, "open"), officer, item.text(), self.workload_table)

    def drill(self, key: str, officer_id: str | None, who: str,
              source: QWidget | None = None) -> None:
        self.drill_key, self.drill_officer = key, officer_id
        self._drilled_from = source
        self.breadcrumb.setText(f"Review › {WATCH_LISTS[key]} › {who}")
        self.breadcrumb.setAccessibleName(self.breadcrumb.text())
        self.drill_status.clear()
        self.cases.set_fetch(_row_fetcher(self.review, key, officer_id))
        self.pages.setCurrentIndex(1)
        self.case_table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._enable()

    def back(self) -> None:
        if self.pages.currentIndex() == 0:
            return
        self.pages.setCurrentIndex(0)
        if self._stale:
            self._stale = False
            self.refresh()
        if self._drilled_from is not None:
            self._drilled_from.setFocus(Qt.FocusReason.OtherFocusReason)

    def _counted(self, loaded: int, total: int) -> None:
        self.case_count.setText(
            f"{total:,} case{'s' if total != 1 else ''}"
            + (f" (first {loaded:,} shown; scroll for more)" if loaded < total else ""))

    def selected_cases(self) -> list[CaseRow]:
        rows = sorted({i.row() for i in self.case_table.selectionModel().selectedRows()})
        return [r for r in (self.cases.row_at(i) for i in rows) if r is not None]

    def _enable(self) -> None:
        chosen = len(self.selected_cases())
        self.quality_button.setEnabled(chosen == 1)
        self.reassign_button.setEnabled(chosen > 0)
        self.panel_button.setEnabled(chosen > 0)

    def _open_case(self, index: QModelIndex) -> None:
        row = self.cases.row_at(index.row())
        if row is not None:
            self.case_requested.emit(row.id)

    # -- acting on cases -----------------------------------------------------------------------

    def quality_review(self) -> QualityReviewDialog | None:
        chosen = self.selected_cases()
        if len(chosen) != 1:
            self.drill_status.setText("Choose one case to review.")
            return None
        dialog = QualityReviewDialog(self._ops, self.review, chosen[0], self._app.unit.today(),
                                     self)
        dialog.saved.connect(self._reviewed)
        dialog.finished.connect(self._dialog_closed)
        self.dialog: QWidget = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self, _result: int) -> None:
        """Back to the list, so Alt+Left and Ctrl+R work straight away."""
        self.window().activateWindow()
        self.case_table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _reviewed(self, _case_id: str, score: int) -> None:
        self._stale = True
        self.drill_status.setText(f"Quality review saved: {score}%.")
        self.cases.reload()
        review = self.review
        self._ops.run(review.quality_by_officer, self._show_quality)

    def reassign(self) -> ReassignDialog | None:
        chosen = self.selected_cases()
        if self.pages.currentIndex() != 1 or not chosen:
            self.drill_status.setText("Choose the cases to reassign first.")
            return None
        dialog = ReassignDialog(self._ops, self.review, chosen, self.users, self)
        dialog.reassigned.connect(self._reassigned)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _reassigned(self, moved: int) -> None:
        self._stale = True
        self.drill_status.setText(f"{moved} case{'s' if moved != 1 else ''} reassigned.")
        self.cases.reload()

    def panel_pack(self) -> None:
        chosen = self.selected_cases()
        if not chosen:
            self.drill_status.setText("Choose the cases for the panel pack first.")
            return
        if not panel_packs_available():
            self.drill_status.setText(NO_PANEL_PACKS)
            return
        meeting = to_date(self.panel_date.date())
        refs = [c.reference for c in chosen]
        choices = self.ask_pack_choices(self, refs)
        if choices is None:
            return
        path = self.ask_save_path(self, "Save the panel pack",
                                  f"Panel pack {meeting.isoformat()}.pdf", "PDF files (*.pdf)")
        if not path:
            return
        self._make_pack(refs, meeting, path, choices)

    def _make_pack(self, refs: list[str], meeting: date, path: str, choices: PackChoices) -> None:
        """Build and save; a point the controller wants confirmed is asked, then built again."""
        from asb_desktop.documents.guard import ConfirmationNeeded

        job = panel_pack_job(self._app, refs, meeting, path, choices)
        self.drill_status.setText("Building the panel pack…")

        def built(out: Path) -> None:
            self.drill_status.setText(f"Panel pack saved to {out} (victim and witness details "
                                      "left out; the export is in the audit log).")
            self.open_file(out)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ConfirmationNeeded) and self.confirm_pack(self, exc):
                self._make_pack(refs, meeting, path,
                                replace(choices, confirmed=(*choices.confirmed, *exc.keys)))
                return
            self.drill_status.setText("The panel pack was not saved.")
            if not isinstance(exc, ConfirmationNeeded):
                show_error(self, exc)

        self._ops.run(job, built, failed, lane=Lane.IO)

    def export_csv(self) -> None:
        figures = self.figures.figures
        if figures is None or not self.export_button.isEnabled():
            self.figures_status.setText("Wait for the figures to load, then export them.")
            return
        path = self.ask_save_path(self, "Export figures as CSV",
                                  f"ASB figures {figures.start} to {figures.end}.csv",
                                  "CSV files (*.csv)")
        if path:
            self._ops.run(csv_job(self.review, figures, path),
                          lambda out: self.figures_status.setText(f"Figures saved to {out}."))


WORKLOAD_HEADERS = ["Officer", "Open cases", "High risk", "Overdue actions", "Oldest case (days)"]
QUALITY_HEADERS = ["Officer", "Reviews", "Average score", "Last review"]

