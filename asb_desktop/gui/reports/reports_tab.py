"""The Reports tab: every report, filtered and searched, beside the form to
log a new one and the panel to assess one and take it on to a case.

An empty list says why it is empty (nothing yet, or the filters hide it), and
a report just saved is confirmed above its details in words the officer can
read straight out to the reporter while they are still on the phone.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.cases import CasesController
from asb_desktop.controllers.drafts import DraftsController
from asb_desktop.controllers.people import PeopleController
from asb_desktop.controllers.policy import PolicyController
from asb_desktop.controllers.reports import COUNT_CAP, ReportFilter, ReportsController
from asb_desktop.domain.changes import Changed
from asb_desktop.domain.enums import Assessment, Category
from asb_desktop.domain.views import PersonView, ReportView
from asb_desktop.gui.common.empty_state import EmptyState
from asb_desktop.gui.common.letters import DocumentsMaker
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.scrolled import scrolled
from asb_desktop.gui.common.table_view import make_table
from asb_desktop.gui.common.widgets import (
    FILTER_DEBOUNCE_MS,
    SETTLE_MS,
    after_typing,
    count_words,
    enum_items,
    fill_combo,
    labelled,
    named,
    shrinkable,
)
from asb_desktop.gui.reports.acknowledgements import AcknowledgementsPane
from asb_desktop.gui.reports.repeats_dialog import RepeatsDialog
from asb_desktop.gui.reports.report_form import ReportForm, day_in_words
from asb_desktop.gui.reports.report_panel import ReportPanel
from asb_desktop.gui.reports.reports_model import ReportsModel

NO_REPORTS = "No reports yet — Ctrl+N logs a report"
NO_MATCH = "No reports match — clear the search or filters"


def filtering(flt: ReportFilter) -> bool:
    """Whether the list is narrowed by the officer (so an empty one means "no match")."""
    return bool(flt.text.strip() or flt.assessment or flt.category or flt.hate_only
                or flt.case_id)


def saved_words(view: ReportView) -> str:
    """What the officer says to the reporter once the report is saved: when it was
    received and, unless it is anonymous, by when they will hear back (the
    acknowledgement target for its risk, in working days)."""
    received = view.received_at
    text = (f"We have logged your report, received {day_in_words(received.date())} "
            f"at {received:%H:%M}.")
    if view.anonymous:
        return text + " It is anonymous, so no one will contact you about it."
    if view.acknowledge_by is not None:
        text += f" We will contact you by {day_in_words(view.acknowledge_by)}."
    return text


class SavedBanner(QFrame):
    """The confirmation after a save, kept above that report's details while the
    officer assesses it; large, selectable text so it can be read out or copied."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedBanner")
        self.setAccessibleName("Report saved")
        # Inline, like the policy callouts' colours, so it needs no stylesheet entry:
        # GOV.UK's success green as a left edge; the words carry the meaning.
        self.setStyleSheet(
            "QFrame#savedBanner { background: #e9f3ec; border-left: 6px solid #00703c; }"
            " QLabel { color: #0b0c0c; }")
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 8, 8, 8)
        box.setSpacing(4)
        self.title = QLabel("Report saved — read this to the reporter:")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.words = QLabel()
        self.words.setObjectName("savedWords")
        self.words.setWordWrap(True)
        self.words.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        big = self.words.font()
        if big.pointSizeF() > 0:
            big.setPointSizeF(big.pointSizeF() * 1.2)
            self.words.setFont(big)
        box.addWidget(self.title)
        box.addWidget(self.words)
        self.report_id: str | None = None
        self.hide()

    def show_saved(self, view: ReportView) -> None:
        self.report_id = view.id
        self.words.setText(saved_words(view))
        self.words.setAccessibleName(self.words.text())
        self.setAccessibleDescription(self.words.text())
        self.show()

    def dismiss(self) -> None:
        self.report_id = None
        self.hide()


class ReportsTab(QWidget):
    case_opened = Signal(object)  # CaseDetail

    def __init__(
        self, ops: OpsRunner, reports: ReportsController, cases: CasesController,
        people: PeopleController, drafts: DraftsController, now: Any,
        parent: QWidget | None = None, policy: PolicyController | None = None,
        documents: DocumentsMaker | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportsTab")
        self._ops = ops
        self._reports = reports
        self.model = ReportsModel(ops, reports)

        bar = QHBoxLayout()
        self.search = named(QLineEdit(), "Search reports",
                            "Words from the description, the location or the reporter's name")
        self.search.setPlaceholderText("Search reports (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.assessment_filter = named(fill_combo(
            QComboBox(), [("Not yet assessed", "unassessed"), *enum_items(Assessment)],
            first="Any assessment"), "Filter by assessment")
        self.category_filter = named(fill_combo(QComboBox(), enum_items(Category),
                                                first="Any category"), "Filter by category")
        self.hate_only = named(QCheckBox("Hate incidents only"), "Hate incidents only")
        bar.addWidget(self.search, 2)
        # Beside the search, not the two filters: three side by side made the list pane
        # the widest thing in the window at 150% text, wider than 1366x768 allows.
        bar.addWidget(self.hate_only)
        filters = QHBoxLayout()  # a second row, so the list can narrow beside the form
        for words, combo in (("Assessment", self.assessment_filter),
                             ("Category", self.category_filter)):
            filters.addWidget(labelled(words, shrinkable(combo), above=True), 1)
        self._policy = policy
        self.repeats_button = named(QPushButton("Repeat not-ASB…"), "Repeat not-ASB reports",
                                    "Reporters and places with more than one not-ASB report")
        self.repeats_button.setVisible(policy is not None)
        self.repeats_button.clicked.connect(self.show_repeats)

        self.table = make_table(self.model, "Reports list")  # type: ignore[arg-type]
        self.empty_state = EmptyState(self.table, self.model, NO_REPORTS, NO_MATCH,
                                      lambda: filtering(self.model.filter))
        self.count_label = QLabel("Loading…")
        self.count_label.setObjectName("countLabel")
        self.count_label.setWordWrap(True)  # beside "Repeat not-ASB…", it wraps, not widens

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(bar)
        lv.addLayout(filters)
        lv.addWidget(self.table, 1)
        counted = QHBoxLayout()  # under the list, where the filters leave it room at 150% text
        counted.addWidget(self.count_label, 1)
        counted.addWidget(self.repeats_button)
        lv.addLayout(counted)

        self.form = ReportForm(ops, reports, people, drafts, now, policy=policy)
        self.panel = ReportPanel(ops, reports, cases, policy=policy, documents=documents)
        self.side = QStackedWidget()
        self.side.addWidget(scrolled(self.form, "Report form"))
        self.side.addWidget(scrolled(self.panel, "Report details"))
        self.saved = SavedBanner()
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.saved)
        rv.addWidget(self.side, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        # Beside every report, the ones still owed an acknowledgement (given the policy).
        self.lists = QTabWidget()
        self.lists.setObjectName("reportLists")
        self.lists.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # one Tab stop: its tab bar
        self.lists.tabBar().setAccessibleName("Report lists")
        self.lists.setDocumentMode(True)
        self.lists.addTab(left, "All reports")
        self.acknowledgements: AcknowledgementsPane | None = None
        if policy is not None:
            self.acknowledgements = AcknowledgementsPane(
                ops, policy, reports, lambda: now().date(), documents)
            self.lists.addTab(self.acknowledgements, "To acknowledge")
            self.acknowledgements.counted.connect(
                lambda n: self.lists.setTabText(1, f"To acknowledge ({n})"))
            self.acknowledgements.report_chosen.connect(self._report_chosen)
        split.addWidget(self.lists)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([700, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        self._filter_timer = after_typing(self.search, FILTER_DEBOUNCE_MS, self.apply_filter,
                                          self)
        self._settle_timer = after_typing(self.search, SETTLE_MS, self.settle_search, self)
        self._settled = ""
        self.assessment_filter.currentIndexChanged.connect(self.apply_filter)
        self.category_filter.currentIndexChanged.connect(self.apply_filter)
        self.hate_only.toggled.connect(self.apply_filter)
        self.model.page_loaded.connect(self._count)
        self.model.loading_changed.connect(
            lambda busy: self.count_label.setText("Loading…") if busy else None)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.activated.connect(self._row_changed)
        self.form.logged.connect(self._logged)
        ops.did_change.connect(self._changed)
        self.panel.case_opened.connect(self._case_opened)

    def start(self) -> None:
        self.model.reload()
        if self.acknowledgements is not None:
            self.acknowledgements.reload()

    def _report_chosen(self, report_id: str) -> None:
        """A report chosen in the acknowledgements list: its details beside it."""
        reports = self._reports
        self._ops.run(lambda: reports.get_report(report_id), self._show)

    def show_repeats(self) -> None:
        """Repeat not-ASB reporters and places; the latest report chosen opens beside the list."""
        if self._policy is None:
            return
        self.repeats = RepeatsDialog(self._ops, self._policy, self)
        self.repeats.report_chosen.connect(self._report_chosen)
        self.repeats.open()

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(ReportFilter(
            text=self.search.text(),
            assessment=self.assessment_filter.currentData(),
            category=self.category_filter.currentData(),
            hate_only=self.hate_only.isChecked(),
        ))

    def settle_search(self) -> None:
        """Record the search the officer stopped at, once (who, what words, when): the
        list is searched on every keystroke, but only searches made are audited."""
        self._settle_timer.stop()
        text = self.search.text().strip()
        if not text or text == self._settled:
            return
        self._settled, reports = text, self._reports
        self._ops.run(lambda: reports.settle_search(text), latest="reports:settle")

    def _count(self, loaded: int, total: int) -> None:
        # A total at the cap was counted only so far: "1,000 or more reports".
        self.count_label.setText(count_words(total, "report", loaded, at_least=total >= COUNT_CAP))

    def new_report(self) -> None:
        """Ctrl+N: the form, afresh if nothing is in it yet (see ``ReportForm.start_new``)."""
        self.saved.dismiss()
        self.form.start_new()
        self.side.setCurrentIndex(0)
        page = self.side.widget(0)
        if isinstance(page, QScrollArea):  # a new report starts at its heading, not mid-form
            page.verticalScrollBar().setValue(0)
        self.table.clearSelection()
        self.form.mode_existing.setFocus()

    def log_during_visit(self, visit_id: str, banner: str, location: str,
                         tenants: tuple[PersonView, ...] = ()) -> None:
        self.form.reset()
        self.form.set_visit(visit_id, banner, location, tenants)
        self.new_report()

    def save(self) -> None:
        """Ctrl+S: save whichever form is showing."""
        if self.side.currentIndex() == 0:
            self.form.submit()
        else:
            self.panel.submit_assessment()

    def _row_changed(self, current: QModelIndex, *_args: object) -> None:
        row = self.model.row_at(current.row())
        if row is None:
            return
        if self._settle_timer.isActive():
            self.settle_search()  # a report opened from the results: that search counts
        reports = self._reports
        self._ops.run(lambda: reports.get_report(row.id), self._show)

    def _show(self, view: ReportView) -> None:
        if view.id != self.saved.report_id:
            self.saved.dismiss()  # the confirmation belongs to the report just saved
        self.panel.show_report(view)
        self.side.setCurrentIndex(1)

    def _changed(self, changed: Changed) -> None:
        """Redraw the list when reports (or the cases they belong to) changed."""
        if changed.touches("reports", "cases", "advice", "report_acknowledgements", "people"):
            self.model.reload()

    def _logged(self, view: ReportView) -> None:
        self.saved.show_saved(view)
        self._show(view)
        self.panel.assessment.setFocus()

    def _case_opened(self, case: object) -> None:
        self.case_opened.emit(case)

    def selected_case_id(self) -> str | None:
        report = self.panel.report if self.side.currentIndex() == 1 else None
        return report.case_id if report else None
