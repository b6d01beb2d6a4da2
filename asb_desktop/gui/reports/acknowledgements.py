"""Reports to acknowledge (commitment 4: every report is taken seriously).

A report not yet taken on to a case is owed an acknowledgement within the
working-day target for its risk level (weekends and bank holidays do not
count). This list shows each one with the day it is due, overdue first; the
officer chooses one, says how the reporter was told (phone, letter, email, in
person…) and on which day, and may make the acknowledgement letter straight
away, in the same preview as every other letter, so its print or save is
audited. Acknowledged reports leave the list; a report taken on to a case is
followed up there instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.errors import ValidationError
from asb_desktop.controllers.policy import PolicyController
from asb_desktop.controllers.reports import ReportsController
from asb_desktop.domain.changes import Changed
from asb_desktop.domain.enums import ContactMethod
from asb_desktop.domain.rules.targets import Due
from asb_desktop.domain.views import ReportView
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.letters import DocumentsMaker
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.record_table import record_table
from asb_desktop.gui.common.widgets import (
    RISK_COLOURS,
    due_text,
    enum_items,
    fill_combo,
    hint,
    named,
    qdate,
    risk_text,
    to_date,
    when_text,
)

HEADERS = ["Due", "Reporter", "Risk", "Received", "Location"]
#: The letter kind (``LetterKind.ACKNOWLEDGEMENT``), named here so the PDF stack loads only on use.
ACKNOWLEDGEMENT_LETTER = "acknowledgement"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class _Item(QTableWidgetItem):
    """A cell that sorts by its key (dates as dates, overdue before the rest), not its words."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if mine is None or theirs is None:
            return super().__lt__(other)
        return bool(mine < theirs)


def due_words(due: Due) -> str:
    if due.due_on is None:
        return "Paused"
    return due_text(due.due_on, due.overdue)


def reporter_words(view: ReportView) -> str:
    if view.anonymous or view.reporter is None:
        return "Anonymous"
    return view.reporter.name


class AcknowledgementsPane(QWidget):
    """The list of reports owed an acknowledgement, and the form that records one."""

    #: A report chosen in the list (its id), to show its details beside it.
    report_chosen = Signal(str)
    #: The number of reports waiting changed (for the tab's title).
    counted = Signal(int)

    def __init__(self, ops: OpsRunner, policy: PolicyController, reports: ReportsController,
                 today: Callable[[], date], documents: DocumentsMaker | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("acknowledgementsPane")
        self._ops, self._policy, self._reports = ops, policy, reports
        self._today, self._documents = today, documents
        self.rows: list[tuple[Due, ReportView]] = []
        self.letter_dialog: QWidget | None = None
        self._quiet = False  # redrawing: a selection kept is not the officer choosing
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint("Reports not on a case that are owed an acknowledgement, due by "
                              "the working-day target for their risk. Overdue first."))
        self.table = record_table("Reports to acknowledge", "acknowledgementsTable", HEADERS, -1)
        # Beside the report form the pane is narrow: the place comes last and scrolls.
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # overdue first, then soonest due
        layout.addWidget(self.table, 1)
        self.count_label = QLabel("Loading…")
        self.count_label.setObjectName("acknowledgeCount")
        layout.addWidget(self.count_label)

        self.errors = FormErrors(self)
        layout.addWidget(self.errors.summary)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.chosen = QLabel("Choose a report in the list.")
        self.chosen.setObjectName("acknowledgeChosen")
        self.chosen.setWordWrap(True)
        self.errors.row(form, "report", "Report", self.chosen, focus=self.table)
        self.method = fill_combo(QComboBox(), enum_items(ContactMethod), first="Choose…")
        self.errors.row(form, "method", "How they were told", self.method)
        self.acknowledged_on = QDateEdit(qdate(today()))
        self.acknowledged_on.setCalendarPopup(True)
        self.acknowledged_on.setDisplayFormat("dd/MM/yyyy")
        self.acknowledged_on.setMaximumDate(qdate(today()))
        self.errors.row(form, "acknowledged_on", "Acknowledged on", self.acknowledged_on)
        self.letter = named(QCheckBox("Make the acknowledgement letter"),
                            "Make the acknowledgement letter",
                            "Opens the letter in the print preview once the acknowledgement is saved")
        self.letter.setVisible(documents is not None)
        form.addRow("", self.letter)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.acknowledge_button = named(QPushButton("Record acknowledgement"),
                                        "Record acknowledgement",
                                        "Save how and when the reporter was told")
        self.acknowledge_button.setProperty("primary", True)
        buttons.addWidget(self.acknowledge_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setObjectName("acknowledgeStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.acknowledge_button.clicked.connect(self.acknowledge)
        self.table.itemSelectionChanged.connect(self._chosen_changed)
        self.method.currentIndexChanged.connect(self._method_changed)
        ops.did_change.connect(self._changed)

    # -- the list --------------------------------------------------------------------

    def reload(self) -> None:
        policy, reports = self._policy, self._reports

        def read() -> list[tuple[Due, ReportView]]:
            dues = [d for d in policy.reports_awaiting_acknowledgement() if d.subject_id]
            return [(d, reports.get_report(str(d.subject_id))) for d in dues]

        self._ops.run(read, self._show, latest=f"acknowledgements:{id(self)}")

    def _changed(self, changed: Changed) -> None:
        if changed.touches("reports", "report_acknowledgements", "cases", "people"):
            self.reload()

    def _show(self, rows: list[tuple[Due, ReportView]]) -> None:
        chosen = self.chosen_report()
        self.rows = rows
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(rows))
        for i, (due, view) in enumerate(rows):
            colours = RISK_COLOURS.get(view.risk_level)
            cells: list[tuple[str, Any]] = [
                (due_words(due), (not due.overdue, due.due_on or date.max, view.received_at)),
                (reporter_words(view), reporter_words(view).lower()),
                (risk_text(view.risk_level), ("high", "medium", "low").index(view.risk_level)
                 if view.risk_level in ("high", "medium", "low") else 3),
                (when_text(view.received_at.date()), view.received_at),
                (view.location, view.location.lower()),
            ]
            for j, (text, key) in enumerate(cells):
                item = _Item(text)
                item.setData(SORT_ROLE, key)
                item.setData(Qt.ItemDataRole.UserRole, view.id)
                if j == 0 and due.overdue:
                    item.setBackground(RISK_COLOURS["high"][0])
                    item.setForeground(RISK_COLOURS["high"][1])
                if j == 2 and colours:
                    item.setBackground(colours[0])
                    item.setForeground(colours[1])
                self.table.setItem(i, j, item)
        self.table.setSortingEnabled(True)  # sorted again as the officer last chose
        overdue = sum(1 for d, _v in rows if d.overdue)
        self.count_label.setText(
            f"{len(rows)} report{'s' if len(rows) != 1 else ''} to acknowledge"
            + (f", {overdue} overdue" if overdue else "") if rows
            else "No reports are waiting for an acknowledgement.")
        self.counted.emit(len(rows))
        self._quiet = True
        try:
            self._select(chosen)
        finally:
            self._quiet = False

    def _select(self, report_id: str | None) -> None:
        for row in range(self.table.rowCount() if report_id is not None else 0):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == report_id:
                self.table.selectRow(row)
                return
        self.table.clearSelection()
        self._chosen_changed()

    def chosen_report(self) -> str | None:
        items = self.table.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def _view(self, report_id: str | None) -> ReportView | None:
        return next((v for _d, v in self.rows if v.id == report_id), None)

    def _chosen_changed(self) -> None:
        view = self._view(self.chosen_report())
        if view is None:
            self.chosen.setText("Choose a report in the list.")
            return
        self.chosen.setText(f"{reporter_words(view)}, received {when_text(view.received_at)}"
                            + (f", about {view.location}" if view.location else ""))
        self.acknowledged_on.setMinimumDate(qdate(view.received_at.date()))
        self.letter.setEnabled(not view.anonymous and view.reporter is not None)
        if not self.letter.isEnabled():
            self.letter.setChecked(False)
        if not self._quiet:
            self.report_chosen.emit(view.id)

    def _method_changed(self) -> None:
        """A letter acknowledgement usually means making the letter now."""
        if self.letter.isEnabled():
            self.letter.setChecked(self.method.currentData() == ContactMethod.LETTER.value)

    # -- recording -------------------------------------------------------------------

    def acknowledge(self) -> None:
        if not self.acknowledge_button.isEnabled():
            return
        report_id = self.chosen_report()
        method = str(self.method.currentData() or "")
        on = to_date(self.acknowledged_on.date())
        letter = not self.letter.isHidden() and self.letter.isChecked()
        view = self._view(report_id)
        policy = self._policy

        def run() -> str:
            problems = {}
            if report_id is None:
                problems["report"] = "Choose the report you acknowledged from the list"
            if not method:
                problems["method"] = "Choose how the reporter was told"
            if problems:
                raise ValidationError(problems)
            assert report_id is not None
            policy.acknowledge_report(report_id, on, method)
            return report_id

        self.acknowledge_button.setEnabled(False)
        self.status.clear()
        self._ops.run(run, lambda rid: self._done(rid, view, letter), form=self.errors.show,
                      parent=self,
                      after_failure=lambda _exc: self.acknowledge_button.setEnabled(True))

    def _done(self, report_id: str, view: ReportView | None, letter: bool) -> None:
        self.acknowledge_button.setEnabled(True)
        self.errors.clear()
        self.method.setCurrentIndex(0)
        who = reporter_words(view) if view else "The reporter"
        self.status.setText(f"Acknowledgement recorded: {who}'s report is off the list.")
        if letter and self._documents is not None and view is not None:
            # The chooser says whom it goes to and whether in large print; then the preview.
            from asb_desktop.gui.common.letter_dialog import open_letter

            self.letter_dialog = open_letter(self, self._ops, self._documents, report=view,
                                             kind=ACKNOWLEDGEMENT_LETTER)

