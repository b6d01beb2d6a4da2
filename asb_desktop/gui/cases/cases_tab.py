"""The Cases tab: the caseload, filtered as the officer types, beside the
case they are working on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.audit import AuditController
from asb_desktop.controllers.cases import COUNT_CAP, CaseFilter, CasesController
from asb_desktop.controllers.casework import CaseworkController
from asb_desktop.controllers.policy import PolicyController
from asb_desktop.controllers.profile import ProfileController
from asb_desktop.domain.changes import Changed
from asb_desktop.domain.enums import CaseStatus, RiskLevel
from asb_desktop.domain.views import CaseDetail, UserView
from asb_desktop.gui.cases.case_tools import CaseTools
from asb_desktop.gui.cases.case_view import CaseView
from asb_desktop.gui.cases.caseload_model import CaseloadModel
from asb_desktop.gui.common.caseload_columns import KEY_COLUMNS, OFFICER_COLUMN
from asb_desktop.gui.common.empty_state import EmptyState
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

ANY_STATUS = "any"
#: Below this the case view is too cramped to read beside the caseload.
CASE_MIN_WIDTH = 420

#: What the caseload and the case view show: a write to any of these redraws them.
CASE_TABLES = ("cases", "actions", "case_parties", "contacts", "interventions", "evidence",
               "referrals", "risk_assessments", "reviews", "case_access", "target_pauses",
               "people", "users")


class CasesTab(QWidget):
    def __init__(
        self, ops: OpsRunner, cases: CasesController, casework: CaseworkController,
        profile: ProfileController, my_user_id: str, today: Callable[[], date],
        parent: QWidget | None = None, policy: PolicyController | None = None,
        audit: AuditController | None = None, tools: CaseTools | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("casesTab")
        self._ops = ops
        self._profile = profile
        self._cases = cases
        self._me = my_user_id
        self.model = CaseloadModel(ops, cases)

        bar = QHBoxLayout()
        self.search = named(QLineEdit(), "Search cases",
                            "Names, references, or words from the reports")
        self.search.setPlaceholderText("Search cases (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.whose = named(fill_combo(QComboBox(), [("My cases", "mine"), ("All cases", "all")]),
                           "Whose cases")
        self.status = named(fill_combo(
            QComboBox(), [*enum_items(CaseStatus), ("Any status", ANY_STATUS)]), "Case status")
        self.risk = named(fill_combo(QComboBox(), enum_items(RiskLevel), first="Any risk"),
                          "Risk level")
        self.officer = named(fill_combo(QComboBox(), [], first="Any officer"), "Lead officer")
        self.overdue = named(QCheckBox("&Overdue only"), "Overdue only",
                             "Only cases with an action past its due date")
        bar.addWidget(self.search, 1)
        filters = QHBoxLayout()  # a second row, so nothing is squeezed at large text sizes
        for words, combo in (("Show", self.whose), ("Status", self.status), ("Risk", self.risk),
                             ("Officer", self.officer)):
            filters.addWidget(labelled(words, shrinkable(combo, 5), above=True), 1)
        bar.addWidget(self.overdue)  # beside the search, so the filter row stays narrow
        filters.addStretch(1)

        self.table = make_table(self.model, "Caseload")  # type: ignore[arg-type]
        self.empty_state = EmptyState(
            self.table, self.model,
            empty=lambda: ("No open cases of yours — Ctrl+N logs a report"
                           if self.whose.currentData() == "mine"
                           else "No cases yet — Ctrl+N logs a report"),
            no_match="No cases match — clear the search or filters",
            filtered=self._filtered,
        )
        self.count_label = QLabel("Loading…")
        self.count_label.setObjectName("countLabel")
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(bar)
        lv.addLayout(filters)
        lv.addWidget(self.table, 1)
        lv.addWidget(self.count_label)

        self.view = CaseView(ops, cases, casework, today, policy=policy, audit=audit, tools=tools)
        self.split = split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(scrolled(self.view, "Case"))
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setCollapsible(0, False)
        split.setCollapsible(1, True)  # the case gives way to the caseload on a narrow screen
        self._split_by_hand = False
        split.splitterMoved.connect(self._moved_by_hand)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        self._timer = after_typing(self.search, FILTER_DEBOUNCE_MS, self.apply_filter, self)
        # The search is audited once the officer stops typing (or opens a case from
        # it), not once per keystroke: the audit keeps the searches made.
        self._settle_timer = after_typing(self.search, SETTLE_MS, self.settle_search, self)
        self._settled = ""
        for combo in (self.whose, self.status, self.risk, self.officer):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.whose.currentIndexChanged.connect(lambda _i: self._officer_column())
        self._officer_column()
        self.overdue.toggled.connect(self.apply_filter)
        self.model.page_loaded.connect(self._count)
        self.model.loading_changed.connect(
            lambda busy: self.count_label.setText("Loading…") if busy else None)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        ops.did_change.connect(self._changed)

    def _changed(self, changed: Changed) -> None:
        """Redraw the caseload when cases or what they show changed, whoever changed them
        (this tab, a reassignment in the review, a sync), and the open case after a sync."""
        if changed.touches(*CASE_TABLES):
            self.model.reload()
        if changed.everything and self.view.case is not None:
            self.view.load(self.view.case.id)

    def start(self) -> None:
        self.apply_filter()
        profile, cases = self._profile, self._cases
        self._ops.run(profile.users, self._users)
        # Queued behind the first page, so it never delays it.
        self._ops.run(cases.warm_search, lambda _pages: None)

    def _users(self, users: list[UserView]) -> None:
        self.officer.blockSignals(True)
        fill_combo(self.officer, [(u.name, u.id) for u in users], first="Any officer")
        self.officer.blockSignals(False)

    def current_filter(self) -> CaseFilter:
        officer = self.officer.currentData()
        if officer is None and self.whose.currentData() == "mine":
            officer = self._me
        status = self.status.currentData()
        return CaseFilter(
            text=self.search.text(),
            status=None if status == ANY_STATUS else status,
            risk=self.risk.currentData(),
            officer_id=officer,
            overdue_only=self.overdue.isChecked(),
        )

    def _filtered(self) -> bool:
        """A search or a filter beyond the usual view (My cases, open) is hiding cases."""
        return (bool(self.search.text().strip()) or self.status.currentIndex() != 0
                or self.risk.currentIndex() > 0 or self.officer.currentIndex() > 0
                or self.overdue.isChecked())

    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter(self.current_filter())

    def settle_search(self) -> None:
        """Record the search the officer stopped at, once (who, what words, when)."""
        self._settle_timer.stop()
        text = self.search.text().strip()
        if not text or text == self._settled:
            return
        self._settled, cases = text, self._cases
        self._ops.run(lambda: cases.settle_search(text), latest="cases:settle")

    def _count(self, loaded: int, total: int) -> None:
        # A total at the cap was counted only so far: "1,000 or more cases".
        self.count_label.setText(count_words(total, "case", loaded, at_least=total >= COUNT_CAP))

    def _row_changed(self, current: QModelIndex, *_args: object) -> None:
        row = self.model.row_at(current.row())
        if row is not None:
            if self._settle_timer.isActive():
                self.settle_search()  # a case opened from the results: that search counts
            self.view.load(row.id)
            if self.split.sizes()[1] == 0:  # folded away on a narrow screen: open it
                self._fit_split(case_chosen=True)

    # -- fitting the screen ------------------------------------------------------------

    def _officer_column(self) -> None:
        """"My cases" are all the officer's own: the Officer column would only
        repeat their name, in room the key columns need."""
        self.table.setColumnHidden(OFFICER_COLUMN, self.whose.currentData() == "mine")

    def key_width(self) -> int:
        """Width the caseload needs to show its key columns without scrolling sideways."""
        header = self.table.horizontalHeader()
        last = KEY_COLUMNS - 1
        right = header.sectionPosition(last) + header.sectionSize(last)
        return right + self.table.verticalScrollBar().sizeHint().width() \
            + 2 * self.table.frameWidth() + 2

    def _moved_by_hand(self, *_args: object) -> None:
        self._split_by_hand = True  # the officer's own split is kept from now on

    def _fit_split(self, case_chosen: bool = False) -> None:
        """The caseload gets the width of its key columns and the case the rest.
        Where that leaves the case too little room it folds away until a case is
        chosen, and then takes most of the width (the splitter gives it back)."""
        total = self.split.width() - self.split.handleWidth()
        need = self.key_width()
        room = total - need
        if room >= CASE_MIN_WIDTH:
            sizes = [need, room]
        elif case_chosen or self.view.case is not None:
            case = max(CASE_MIN_WIDTH, total * 3 // 5)
            sizes = [max(0, total - case), case]
        else:
            sizes = [total, 0]
        self.split.setSizes(sizes)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._split_by_hand:
            self._fit_split()

    def show_case(self, case: CaseDetail) -> None:
        self.model.reload()
        self.view.show_case(case)

    def selected_case_id(self) -> str | None:
        return self.view.case.id if self.view.case else None
