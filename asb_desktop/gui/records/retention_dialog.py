"""The supervisor's retention screen: closed cases past their retention period,
the legal holds in force, and the purge that cannot be undone.

Every list and every decision goes through ``RetentionController`` on the
database lane; the controller checks each case again as it purges, so a list
that went stale while the supervisor read it cannot erase a case that has
since been held. A purge rewrites the profile file, which can take a while
on a large profile: the dialog shows that it is working and refuses to close
until the result is in, so nobody is left wondering what was erased.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.app import App
from asb_desktop.controllers.cases import CasesController
from asb_desktop.controllers.retention import (
    HoldView,
    PurgeResult,
    RetentionController,
    due_on,
    whole_years,
)
from asb_desktop.domain.enums import CaseStatus
from asb_desktop.domain.views import Page
from asb_desktop.gui.common.errors import show_error
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.paged_model import Column, PagedTableModel
from asb_desktop.gui.common.table_view import make_table
from asb_desktop.gui.common.widgets import heading, hint, named, save_cancel_buttons, when_text
from asb_desktop.gui.records.records_menu import BusyRow, Outcome

NOT_COMPACTED = (
    "The profile file could not be rebuilt just now (another part of the app had it open), so "
    "older copies of the purged records may remain in the file's free space. Choose "
    "\"Compact profile\" in a moment, or restart the app and do so."
)

R = TypeVar("R", "RetentionRow", HoldView)


@dataclass(frozen=True)
class RetentionRow:
    """A closed case past retention; ``hold`` is the reason it is kept, or empty."""

    case_id: str
    reference: str
    closed_on: date
    due_on: date
    years: int
    hold: str


def retention_rows(retention: RetentionController, cases: CasesController, years: int,
                   today: date) -> list[RetentionRow]:
    """Due cases and, beside them, held cases that would otherwise be due.

    ``due()`` leaves held cases out, which is right for a purge list but hides
    from the supervisor why an old case is still here; the hold's case is read
    for its closure date, and the controller's own date rules say if it is past.
    """
    rows = [RetentionRow(d.id, d.reference, d.closed_on, d.due_on, d.years_closed, "")
            for d in retention.due()]
    for hold in retention.holds():
        case = cases.get_case(hold.case_id)
        if case.status != CaseStatus.CLOSED.value or case.closed_at is None:
            continue
        closed = case.closed_at.date()
        if due_on(closed, years) <= today:
            rows.append(RetentionRow(hold.case_id, hold.reference, closed, due_on(closed, years),
                                     whole_years(closed, today), hold.reason))
    return rows


def sorted_page(rows: list[R], key: str | None, descending: bool, offset: int,
                size: int) -> Page[R]:
    """The lists are short (tens of cases), so they are sorted whole, by reference within a tie."""
    rows.sort(key=lambda r: r.reference)
    if key:
        field: Any = key
        rows.sort(key=lambda r: getattr(r, field), reverse=descending)
    return Page(rows[offset:offset + size], len(rows), offset)


DUE_COLUMNS: list[Column[RetentionRow]] = [
    Column("Case", lambda r: r.reference, "reference", 150),
    Column("Closed on", lambda r: when_text(r.closed_on), "closed_on", 110),
    Column("Due for purge on", lambda r: when_text(r.due_on), "due_on", 130),
    Column("Years since closure", lambda r: str(r.years), "years", 140),
    Column("On legal hold?", lambda r: "Yes: " + r.hold if r.hold else "No", "hold", 200,
           tooltip=lambda r: r.hold or "Not on hold: may be purged"),
]
HOLD_COLUMNS: list[Column[HoldView]] = [
    Column("Case", lambda h: h.reference, "reference", 150),
    Column("Placed on", lambda h: when_text(h.placed_at), "placed_at", 150),
    Column("Reason", lambda h: h.reason, "reason", 300),
]


class HoldDialog(QDialog):
    """Place a hold on a case by reference, or lift one: either way with the reason."""

    def __init__(self, ops: OpsRunner, retention: RetentionController, reference: str,
                 lifting: bool, done: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        what = "Lift the legal hold" if lifting else "Place a legal hold"
        self.setObjectName("liftHoldDialog" if lifting else "placeHoldDialog")
        self.setWindowTitle(what)
        self.setAccessibleName(what)
        self._ops, self._retention, self._lifting, self._done = ops, retention, lifting, done
        self.errors = FormErrors(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(what, 1))
        layout.addWidget(hint(
            "Once the hold is lifted, the case can be purged if it is past retention." if lifting
            else "The case stays in this profile, whatever its age, until a supervisor lifts it."))
        layout.addWidget(self.errors.summary)
        form = QFormLayout()
        self.reference = QLineEdit(reference)
        self.reference.setPlaceholderText("For example: ASB/2019/0042")
        self.reference.setReadOnly(lifting)
        self.errors.row(form, "reference", "Case &reference", self.reference)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("For example: claim settled" if lifting else
                                       "For example: disrepair claim in the county court")
        self.errors.row(form, "reason", "Rea&son (required)", self.reason,
                        hint="Recorded in the audit log with your name.")
        layout.addLayout(form)
        buttons, self.save_button = save_cancel_buttons(self, "&Lift hold" if lifting else "&Place hold")
        self.save_button.clicked.connect(self.submit)
        layout.addWidget(buttons)
        (self.reason if reference else self.reference).setFocus()
        self.resize(560, 300)

    def submit(self) -> None:
        reference, reason = self.reference.text().strip(), self.reason.text()
        if not reference:
            self.errors.show({"reference": "Enter the case reference"})
            return
        retention, lifting = self._retention, self._lifting

        def job() -> str:
            case_id = retention.find(reference)
            (retention.lift_hold if lifting else retention.place_hold)(case_id, reason)
            return reference.upper()

        self.save_button.setEnabled(False)
        self._ops.run(job, self._saved, form=self.errors.show, parent=self,
                      not_found="reference",
                      after_failure=lambda _exc: self.save_button.setEnabled(True))

    def _saved(self, reference: str) -> None:
        self.errors.clear()
        self._done(reference)
        self.accept()



class RetentionDialog(QDialog):
    """What is due, what is held, and the buttons that decide; a supervisor's screen."""

    def __init__(self, ops: OpsRunner, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retentionDialog")
        self.setWindowTitle("Retention and legal holds")
        self.setAccessibleName("Retention and legal holds")
        self._ops = ops
        self.retention: RetentionController = app.retention
        self.years = app.unit.policy.retention_years
        self.hold_dialog: HoldDialog | None = None
        self.confirm_box: QMessageBox | None = None
        cases, years, today, retention = app.cases, self.years, app.unit.today, app.retention

        def due_fetch(key: str | None, desc: bool, offset: int, size: int) -> Page[RetentionRow]:
            return sorted_page(retention_rows(retention, cases, years, today()), key, desc,
                               offset, size)

        def holds_fetch(key: str | None, desc: bool, offset: int, size: int) -> Page[HoldView]:
            return sorted_page(retention.holds(), key, desc, offset, size)

        self.due_model = PagedTableModel(ops, DUE_COLUMNS, due_fetch, page_size=500,
                                         default_sort=("closed_on", False))
        self.holds_model = PagedTableModel(ops, HOLD_COLUMNS, holds_fetch, page_size=500,
                                           default_sort=("reference", False))
        self._build()
        for model in (self.due_model, self.holds_model):
            model.page_loaded.connect(lambda *_a: self._lists_changed())
        self.reload()
        self.resize(860, 700)

    # -- layout --------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Retention and legal holds", 1))
        intro = hint(
            f"Case records are kept for {self.years} years after a case closes; after that there "
            "is no lawful basis to keep them. Choose the cases to purge. A case on legal hold is "
            "never purged until the hold is lifted. Purging, holds and lifts are recorded in the "
            "audit log with your name.")
        layout.addWidget(intro)

        self.purge_button = named(QPushButton("&Purge…"), "Purge the chosen cases",
                                  "Erase the chosen cases for good (asks first)")
        self.hold_button = named(QPushButton("Place legal &hold…"), "Place a legal hold")
        self.due_heading, self.due_table, self.due_empty = self._section(
            layout, "Closed cases past &retention", self.due_model,
            f"No closed case is past its retention period ({self.years} years after closure).",
            [self.purge_button, self.hold_button], 3)
        self.due_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.lift_button = named(QPushButton("&Lift hold…"), "Lift the chosen legal hold")
        self.holds_heading, self.holds_table, self.holds_empty = self._section(
            layout, "Legal hol&ds in force", self.holds_model, "No case is on legal hold.",
            [self.lift_button], 2)

        layout.addStretch(0)  # takes the room only when both tables are hidden
        self.busy = BusyRow()
        layout.addWidget(self.busy)
        self.outcome = Outcome("retentionOutcome")
        layout.addWidget(self.outcome)
        row = QHBoxLayout()
        self.compact_button = named(
            QPushButton("&Compact profile"), "Compact profile",
            "Rebuild the profile file so nothing purged lingers in its free space")
        self.close_button = named(QPushButton("Close"), "Close")
        row.addWidget(self.compact_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)

        self.purge_button.clicked.connect(self.ask_purge)
        self.hold_button.clicked.connect(self.place_hold)
        self.lift_button.clicked.connect(self.lift_hold)
        self.compact_button.clicked.connect(self.compact)
        self.close_button.clicked.connect(self.reject)
        order = [self.due_table, self.purge_button, self.hold_button, self.holds_table,
                 self.lift_button, self.compact_button, self.close_button]
        for before, after in pairwise(order):
            self.setTabOrder(before, after)

    def _section(self, layout: QVBoxLayout, title: str,
                 model: PagedTableModel[RetentionRow] | PagedTableModel[HoldView], empty: str,
                 buttons: list[QPushButton], stretch: int) -> tuple[QLabel, QTableView, QLabel]:
        """A heading that is the table's mnemonic, the table, its empty message, its buttons."""
        label = heading(title, 2)
        label.setAccessibleName(title.replace("&", ""))
        layout.addWidget(label)
        table = make_table(model, title.replace("&", ""))  # type: ignore[arg-type]
        label.setBuddy(table)
        table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        layout.addWidget(table, stretch)
        nothing = hint(empty)
        nothing.hide()
        layout.addWidget(nothing)
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        return label, table, nothing

    # -- lists ---------------------------------------------------------------------

    def reload(self) -> None:
        self.due_model.reload()
        self.holds_model.reload()
        self._enable()

    def _lists_changed(self) -> None:
        due, held = self.due_model.total or 0, self.holds_model.total or 0
        waiting = sum(1 for r in self.due_model.rows() if not r.hold)
        self.due_heading.setText(f"Closed cases past &retention ({waiting} due for purge)")
        self.holds_heading.setText(f"Legal hol&ds in force ({held})")
        self.due_table.setVisible(bool(due))
        self.due_empty.setVisible(self.due_model.total is not None and not due)
        self.holds_table.setVisible(bool(held))
        self.holds_empty.setVisible(self.holds_model.total is not None and not held)
        self._enable()

    def chosen(self) -> list[RetentionRow]:
        rows = (self.due_model.row_at(i.row()) for i in self.due_table.selectionModel().selectedRows())
        return sorted((r for r in rows if r is not None), key=lambda r: r.reference)

    def chosen_hold(self) -> HoldView | None:
        picked = self.holds_table.selectionModel().selectedRows()
        return self.holds_model.row_at(picked[0].row()) if picked else None

    def _enable(self) -> None:
        idle = not self.busy.running
        chosen = self.chosen()
        self.purge_button.setEnabled(idle and bool(chosen))
        self.hold_button.setEnabled(idle and len(chosen) <= 1)
        self.lift_button.setEnabled(idle and self.chosen_hold() is not None)
        self.compact_button.setEnabled(idle)

    # -- purge ---------------------------------------------------------------------

    def ask_purge(self) -> None:
        chosen = self.chosen()
        if not chosen:
            return
        held = [r.reference for r in chosen if r.hold]
        if held:
            self.outcome.say(f"Not purged: {', '.join(held)} {'is' if len(held) == 1 else 'are'} on legal "
                      "hold. Lift the hold first if the reason for it has passed.")
            return
        n = len(chosen)
        cases = f"{n} case{'s' if n != 1 else ''}"
        refs = ", ".join(r.reference for r in chosen[:10]) + (" …" if n > 10 else "")
        box = QMessageBox(QMessageBox.Icon.Warning, f"Purge {cases}?",
                          f"Purge {cases} for good? This cannot be undone.", parent=self)
        box.setObjectName("confirmPurge")
        box.setAccessibleName(f"Purge {cases}?")
        box.setInformativeText(
            f"{refs}\n\nEvery record of {'these cases' if n != 1 else 'this case'} is erased from "
            "this profile, with anyone who appears in no other record. Copies already exported, "
            "in share bundles or on other devices are not reached by this purge.")
        purge = box.addButton(f"Purge {cases}", QMessageBox.ButtonRole.DestructiveRole)
        purge.setAccessibleName(f"Purge {cases}")
        cancel = box.addButton("Keep them", QMessageBox.ButtonRole.RejectRole)
        cancel.setAccessibleName("Cancel: keep the cases")
        box.setDefaultButton(cancel)  # Enter on a stray keypress must never erase cases
        box.setEscapeButton(cancel)
        ids = [r.case_id for r in chosen]
        box.buttonClicked.connect(lambda b: self._purge(ids, cases) if b is purge else None)
        self.confirm_box = box
        box.open()
        cancel.setFocus()

    def _purge(self, ids: list[str], cases: str) -> None:
        self.outcome.say("")
        self._start(f"Purging {cases} and rebuilding the profile file. This can take a minute; "
                    "the window stays usable.")
        retention = self.retention
        self._ops.run(lambda: retention.purge(ids), self._purged, self._failed)

    def _purged(self, result: PurgeResult) -> None:
        self._stop()
        self.outcome.say(
            f"Purged {', '.join(result.references)}: {result.rows} record(s), including "
            f"{result.people} person(s) who appeared in no other record. The purge is recorded in "
            "the audit log." + ("" if result.file_compacted else "\n\n" + NOT_COMPACTED))
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self._stop()
        self.reload()  # what the refusal was about may have changed since the list was read
        show_error(self, exc)

    # -- holds ---------------------------------------------------------------------

    def place_hold(self) -> None:
        chosen = self.chosen()
        self._open_hold(chosen[0].reference if len(chosen) == 1 else "", lifting=False)

    def lift_hold(self) -> None:
        hold = self.chosen_hold()
        if hold is not None:
            self._open_hold(hold.reference, lifting=True)

    def _open_hold(self, reference: str, lifting: bool) -> None:
        def done(ref: str) -> None:
            self.outcome.say(f"{ref}: legal hold {'lifted' if lifting else 'placed'}.")
            self.reload()

        self.hold_dialog = HoldDialog(self._ops, self.retention, reference, lifting, done, self)
        self.hold_dialog.open()

    # -- compact -------------------------------------------------------------------

    def compact(self) -> None:
        self.outcome.say("")
        self._start("Rebuilding the profile file…")
        retention = self.retention

        def done(compacted: bool) -> None:
            self._stop()
            self.outcome.say("The profile file is rebuilt; nothing purged remains in its free space."
                      if compacted else NOT_COMPACTED)

        self._ops.run(retention.compact, done, self._failed)

    # -- busy ----------------------------------------------------------------------

    def _start(self, text: str) -> None:
        self.busy.start(text)
        self._enable()

    def _stop(self) -> None:
        self.busy.stop()
        self._enable()

    def reject(self) -> None:
        """Escape or Close; not while a purge runs, so its result is always seen."""
        if self.busy.running:
            self.outcome.say("Wait for this to finish; the result will show here.")
            return
        super().reject()
