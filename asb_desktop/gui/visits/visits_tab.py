"""The Tenancy visits tab (commitment 3): sign-up and post-tenancy visits due
and done, and the visit form with the ASB-terms checklist, who was present
and the tenant's acknowledgement. A report made during the visit is logged
from here so that it is linked to the visit and its tenancy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.drafts import DraftsController
from asb_desktop.controllers.visits import VisitFilter, VisitsController
from asb_desktop.domain.changes import Changed
from asb_desktop.domain.enums import VisitKind, VisitStatus
from asb_desktop.domain.inputs import VisitInput
from asb_desktop.domain.views import VisitView
from asb_desktop.domain.visits import ASB_TERMS, DueVisit, week_of
from asb_desktop.gui.common.drafts import DraftKeeper
from asb_desktop.gui.common.empty_state import EmptyState
from asb_desktop.gui.common.form_fields import BLOCK, CHOICE, DAY, LINE, TICK, TICKS, Field, Fields
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.scrolled import scrolled
from asb_desktop.gui.common.table_view import make_table
from asb_desktop.gui.common.widgets import (
    FILTER_DEBOUNCE_MS,
    CheckGroup,
    after_typing,
    as_heading,
    count_words,
    enum_items,
    fill_combo,
    follow_in_tab_order,
    label_of,
    labelled,
    named,
    person_line,
    qdate,
)
from asb_desktop.gui.forms.ui_visit_form import Ui_VisitForm
from asb_desktop.gui.visits.visits_model import VisitsModel

if TYPE_CHECKING:
    from asb_desktop.controllers.exports import ExportsController
    from asb_desktop.controllers.people import PeopleController
    from asb_desktop.controllers.tenancy_import import TenancyImportController
    from asb_desktop.gui.common.preview import PreviewDialog
    from asb_desktop.gui.visits.import_dialog import ImportTenanciesDialog
    from asb_desktop.gui.visits.tenancy_dialog import TenancyDialog

#: The "Which visits" choice for overdue and due this week.
DUE_THIS_WEEK = "due_week"

DRAFT_PREFIX = "visit:"
#: The visit record's fields, in their order on screen: error rows, reading, the
#: draft, restoring it and "edited" all come from this one list.
VISIT_FIELDS = (
    Field("kind", "kind", CHOICE, "kind"),
    Field("visit_date", "visit_date", DAY, "visit_date"),
    Field("present", "present", LINE, "present"),
    Field("checklist", "checklist", TICKS, "checklist"),
    Field("acknowledged", "acknowledged", TICK, "acknowledged"),
    Field("acknowledged_by", "acknowledged_by", LINE, "acknowledged_by"),
    Field("notes", "notes", BLOCK, "notes"),
)


class VisitForm(QWidget, Ui_VisitForm):
    """With ``drafts``, what the officer types is kept as a draft, one per visit,
    until the visit is saved. It is offered back at the next start (after a crash
    or power cut) and whenever that visit is opened again: a visit is often
    written up in a car outside the tenant's home, between other visits."""

    saved = Signal(object)  # VisitView
    #: An unsaved visit record from an earlier session is being offered back.
    draft_offered = Signal()
    #: (visit id, banner text, location, the tenancy's tenants as PersonViews)
    #: for a report taken during this visit.
    report_requested = Signal(str, str, str, object)

    def __init__(
        self, ops: OpsRunner, visits: VisitsController, today: Callable[[], date],
        parent: QWidget | None = None, drafts: DraftsController | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("visitForm")  # before setupUi, which keeps a name already given
        self._ops = ops
        self._visits = visits
        self._today = today
        self.visit: VisitView | None = None
        self._origin = ""  # the visit an "another visit" form was started from
        self._loaded: dict[str, Any] = {}
        self._offered: tuple[str, dict[str, Any]] | None = None
        self._drafts = drafts
        self.keeper = (DraftKeeper(ops, drafts, DRAFT_PREFIX, self.payload, self._unchanged,
                                   self) if drafts is not None else None)
        self.setupUi(self)  # type: ignore[no-untyped-call]  # the layout: ui/visit_form.ui
        as_heading(self.title, 1)
        self.draft_bar.hide()
        self.errors = FormErrors(self)
        self.outer.insertWidget(self.outer.indexOf(self.body), self.errors.summary)
        fill_combo(self.kind, enum_items(VisitKind))
        self.visit_date.setDate(qdate(today()))  # not Qt's 01/01/2000 before a visit is chosen
        # The terms come from the policy's list, so their boxes are made here,
        # in the row the form leaves for them, and put in the tab order there.
        self.checklist = CheckGroup([(text, key) for key, text in ASB_TERMS.items()],
                                    "ASB term explained", columns=1)
        self.field_checklist_box.addWidget(self.checklist)
        self.checklist_label.setBuddy(self.checklist)
        follow_in_tab_order(self.present, self.checklist.boxes.values())
        self.fields = Fields(self, VISIT_FIELDS)
        self.fields.adopt_errors(self.errors)
        self.body.setEnabled(False)
        self.save_button.clicked.connect(self.submit)
        self.report_button.clicked.connect(self._request_report)
        self.new_button.clicked.connect(self._another)
        self.restore_button.clicked.connect(self._restore_offered)
        self.discard_button.clicked.connect(self._discard_offered)
        if self.keeper is not None:
            self.fields.on_edit(self.keeper.touch)

    def load(self, visit_id: str) -> None:
        visits = self._visits
        self._ops.run(lambda: visits.get_visit(visit_id), self.show_visit)

    def show_visit(self, v: VisitView) -> None:
        keeper = self.keeper
        if keeper is not None:
            keeper.flush()  # what was typed in the visit shown before keeps its own draft
            keeper.pause()
        try:
            self._fill(v)
        finally:
            if keeper is not None:
                keeper.resume()
        self._loaded = self._fields()
        if keeper is not None:
            keeper.form = _draft_form(v.id, self._origin)
            if v.id and self._offered is None:
                keeper.offer(lambda payload, at: self._show_offer(keeper.form, payload, at))

    def _fill(self, v: VisitView) -> None:
        self.visit = v
        if v.id:
            self._origin = v.id
        self.errors.clear()
        self.body.setEnabled(True)
        for b in (self.save_button, self.report_button, self.new_button):
            b.setEnabled(True)
        t = v.tenancy
        self.title.setText(f"{label_of(v.kind, VisitKind)} — {t.reference}")
        tenants = "; ".join(person_line(p) for p in t.tenants) or "No tenants recorded"
        due = f"Due {v.due_date.strftime('%d %b %Y')}. " if v.due_date else ""
        self.tenancy.setText(
            f"{t.address} {t.postcode}\nTenants: {tenants}\n{due}"
            f"Status: {label_of(v.status, VisitStatus)}"
            + (f". {len(v.report_ids)} report(s) taken during this visit." if v.report_ids else "")
        )
        self.kind.setCurrentIndex(max(0, self.kind.findData(v.kind)))
        day = v.visit_date or self._today()
        self.visit_date.setDate(qdate(day))
        self.present.setText(v.present)
        self.checklist.set_values(v.checklist)
        self.acknowledged.setChecked(v.acknowledged)
        self.acknowledged_by.setText(v.acknowledged_by)
        self.notes.setPlainText(v.notes)

    def _another(self) -> None:
        if self.visit is None:
            return
        fresh = VisitView(
            id="", tenancy=self.visit.tenancy, kind=VisitKind.OTHER.value,
            status=VisitStatus.DUE.value, due_date=None, visit_date=None, present="",
            checklist=(), acknowledged=False, acknowledged_by="", notes="",
            officer="", report_ids=(),
        )
        self.show_visit(fresh)
        self.report_button.setEnabled(False)
        self.kind.setFocus()

    def to_input(self) -> VisitInput:
        assert self.visit is not None
        v = self.fields.read()
        return VisitInput(
            tenancy_id=self.visit.tenancy.id,
            kind=str(v["kind"]),
            visit_date=date.fromisoformat(v["visit_date"]),
            present=v["present"],
            checklist=v["checklist"],
            acknowledged=v["acknowledged"],
            acknowledged_by=v["acknowledged_by"],
            notes=v["notes"],
            visit_id=self.visit.id or None,
        )

    def submit(self) -> None:
        if self.visit is None or not self.save_button.isEnabled():
            return
        data = self.to_input()
        visits = self._visits
        self.save_button.setEnabled(False)
        self.status.setText("Saving…")
        self._ops.run(lambda: visits.record_visit(data), self._saved, form=self.errors.show,
                      parent=self, after_failure=self._not_saved)

    def _saved(self, v: VisitView) -> None:
        if self.keeper is not None:
            self.keeper.discard()
        self.show_visit(v)
        self.status.setText(
            f"Visit saved: {len(v.checklist)} of {len(ASB_TERMS)} ASB terms explained.")
        self.saved.emit(v)

    def _not_saved(self, _exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.status.setText("")

    # -- drafts ----------------------------------------------------------------------

    def _fields(self) -> dict[str, Any]:
        return {**self.fields.read(), "kind": str(self.kind.currentData())}

    def payload(self) -> dict[str, Any]:
        v = self.visit
        return {
            "visit_id": v.id if v else "", "origin": self._origin,
            "tenancy": v.tenancy.reference if v else "", "fields": self._fields(),
        }

    def _unchanged(self, payload: dict[str, Any]) -> bool:
        """Nothing typed since the visit was shown: no draft to keep."""
        return not payload["origin"] or payload["fields"] == self._loaded

    def offer_draft(self) -> None:
        """At start-up: the most recent unsaved visit record, if any."""
        drafts = self._drafts
        if drafts is None:
            return

        def found(newest: tuple[str, dict[str, Any], datetime] | None) -> None:
            if newest is not None:
                self._show_offer(*newest)

        self._ops.run(lambda: drafts.newest(DRAFT_PREFIX), found)

    def _show_offer(self, form: str, payload: dict[str, Any], saved_at: object) -> None:
        self._offered = (form, payload)
        when = saved_at.strftime("%d %b %Y at %H:%M") if isinstance(saved_at, datetime) else ""
        self.draft_label.setText(
            f"A visit record you were filling in for tenancy {payload.get('tenancy', '')} was "
            f"not saved (last typed {when}). Restore it to carry on, or discard it."
        )
        self.draft_bar.show()
        self.draft_offered.emit()

    def _restore_offered(self) -> None:
        offered, self._offered = self._offered, None
        self.draft_bar.hide()
        if offered is None:
            return
        payload = offered[1]
        visits, origin = self._visits, str(payload["origin"])

        def shown(v: VisitView) -> None:
            self._offered = ("", {})  # restoring: do not offer the same draft again
            self.show_visit(v)
            if not payload["visit_id"]:
                self._another()
            self._offered = None
            self._put(payload["fields"])

        self._ops.run(lambda: visits.get_visit(origin), shown, parent=self,
                      after_failure=self._not_saved)

    def _put(self, f: dict[str, Any]) -> None:
        """Fields from a draft count as typing, so they are kept again at once."""
        self.kind.setCurrentIndex(0)  # a draft naming no kind (or an unknown one) starts here
        self.fields.write({**f, "visit_date": f.get("visit_date") or self._today().isoformat()})
        if self.keeper is not None:
            self.keeper.touch()
        self.present.setFocus()

    def _discard_offered(self) -> None:
        offered, self._offered = self._offered, None
        self.draft_bar.hide()
        drafts = self._drafts
        if offered is not None and drafts is not None:
            form = offered[0]
            self._ops.run(lambda: drafts.discard(form), lambda _r: self.offer_draft())

    def _request_report(self) -> None:
        v = self.visit
        if v is None or not v.id:
            return
        banner = (f"Taken during the {label_of(v.kind, VisitKind).lower()} at "
                  f"{v.tenancy.address} (tenancy {v.tenancy.reference}). "
                  "It will be linked to the visit and the tenancy.")
        location = ", ".join(x for x in (v.tenancy.address, v.tenancy.postcode) if x)
        self.report_requested.emit(v.id, banner, location, v.tenancy.tenants)


def _draft_form(visit_id: str, origin: str) -> str:
    """One draft per visit; a new visit started from another has its own."""
    return f"{DRAFT_PREFIX}{visit_id}" if visit_id else f"{DRAFT_PREFIX}new-after:{origin}"


class VisitsTab(QWidget):
    """``imports`` and ``exports`` are factories: sqlite-utils and reportlab are
    loaded when the officer first imports or asks for a pack, not at start-up."""

    def __init__(
        self, ops: OpsRunner, visits: VisitsController, today: Callable[[], date],
        parent: QWidget | None = None, drafts: DraftsController | None = None,
        imports: Callable[[], TenancyImportController] | None = None,
        exports: Callable[[], ExportsController] | None = None,
        people: PeopleController | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("visitsTab")
        self._people = people
        self.tenancy_dialog: TenancyDialog | None = None
        self._ops = ops
        self._visits = visits
        self._today = today
        self._imports = imports
        self._exports = exports
        self.import_dialog: ImportTenanciesDialog | None = None
        self.pack_preview: PreviewDialog | None = None
        self.import_action = QAction("&Import tenancies…", self)
        self.import_action.triggered.connect(self.open_import)
        self.import_action.setEnabled(imports is not None)
        self.model = VisitsModel(ops, visits, today)
        bar = QHBoxLayout()
        self.search = named(QLineEdit(), "Search visits", "Tenancy reference, address or postcode")
        self.search.setPlaceholderText("Search by tenancy, address or postcode (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.which = named(fill_combo(QComboBox(), [("Due", "due"),
                                                    ("Overdue and due this week", DUE_THIS_WEEK),
                                                    ("Done", "done"), ("Due and done", None)]),
                           "Which visits")
        self.pack_button = named(QPushButton("Visit pack for a &day…"), "Visit pack for a day",
                                 "A printable sheet per visit on the day you choose")
        self.pack_button.setEnabled(exports is not None)
        self.pack_button.clicked.connect(self.open_pack)
        self.tenancy_button = named(QPushButton("Add a tenancy…"), "Add a tenancy",
                                    "A new let typed in by hand; its visits are scheduled")
        self.tenancy_button.clicked.connect(self.add_tenancy)
        bar.addWidget(self.search, 2)
        bar.addWidget(labelled("Show", self.which))
        self.due_label = QLabel("")
        self.due_label.setObjectName("dueSummary")
        self.due_label.setWordWrap(True)
        self.table = make_table(self.model, "Tenancy visits")  # type: ignore[arg-type]
        self.empty_state = EmptyState(
            self.table, self.model,
            empty=lambda: {"due": "No visits due — sign-up and post-tenancy visits appear "
                                  "here as tenancies start",
                           "done": "No visits recorded yet"}.get(
                str(self.which.currentData()), "No tenancy visits yet"),
            no_match="No visits match — clear the search",
            filtered=lambda: bool(self.search.text().strip()),
        )
        self.count_label = QLabel("Loading…")
        self.count_label.setObjectName("countLabel")
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(bar)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_label, 1)
        buttons = QVBoxLayout()  # one above the other: side by side they widen the list's pane
        buttons.addWidget(self.pack_button)
        buttons.addWidget(self.tenancy_button)
        due_row.addLayout(buttons)
        lv.addLayout(due_row)
        lv.addWidget(self.table, 1)
        lv.addWidget(self.count_label)
        self.form = VisitForm(ops, visits, today, drafts=drafts)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(scrolled(self.form, "Visit form"))
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([640, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self._timer = after_typing(self.search, FILTER_DEBOUNCE_MS, self.apply_filter, self)
        self.which.currentIndexChanged.connect(self.apply_filter)
        self.model.page_loaded.connect(
            lambda loaded, total: self.count_label.setText(count_words(total, "visit", loaded)))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        ops.did_change.connect(self._changed)

    def _changed(self, changed: Changed) -> None:
        if changed.touches("tenancy_visits", "tenancies", "tenancy_members", "people", "properties"):
            self.model.reload()
            self.refresh_due()

    def start(self) -> None:
        self.apply_filter()
        self.refresh_due()

    def apply_filter(self) -> None:
        self._timer.stop()
        which = self.which.currentData()
        if which == DUE_THIS_WEEK:
            flt = VisitFilter(text=self.search.text(), due_by=week_of(self._today())[1])
        else:
            flt = VisitFilter(status=which, text=self.search.text())
        self.model.set_filter(flt)

    def refresh_due(self) -> None:
        """Who has visits overdue or due this week, the whole team's, one line."""
        from asb_desktop.gui.visits.visit_pack import due_summary

        def shown(due: list[DueVisit]) -> None:
            self.due_label.setText(due_summary(due))

        self._ops.run(lambda: self._visits.due_visits(everyone=True), shown,
                      latest="visits-due")

    def open_import(self) -> None:
        if self._imports is None:
            return
        from asb_desktop.gui.visits.import_dialog import ImportTenanciesDialog

        if self.import_dialog is None:
            self.import_dialog = ImportTenanciesDialog(self._ops, self._imports(), self.window())
        self.import_dialog.show()
        self.import_dialog.raise_()

    def add_tenancy(self) -> None:
        """Once saved, the list shows the new tenancy's visits (searched by its reference)."""
        from asb_desktop.gui.visits.tenancy_dialog import TenancyDialog

        if self.tenancy_dialog is not None:
            self.tenancy_dialog.deleteLater()
        self.tenancy_dialog = TenancyDialog(self._ops, self._visits, self._people, self._today(),
                                            self.window())
        self.tenancy_dialog.saved.connect(lambda t: self.search.setText(t.reference))
        self.tenancy_dialog.open()

    def open_pack(self) -> None:
        if self._exports is None:
            return
        from asb_desktop.gui.visits.visit_pack import ask_day_and_preview

        self.pack_preview = ask_day_and_preview(self, self._today(), self._exports, self._ops)

    def _row_changed(self, current: QModelIndex, *_args: object) -> None:
        row = self.model.row_at(current.row())
        if row is not None:
            self.form.load(row.id)
