"""Adding a tenancy by hand (commitment 3): a new let the housing system has
not sent yet, typed in at sign-up. Saving it schedules its visits: the
sign-up visit on the start date (where the landlord's policy has one, and
the officer leaves it ticked) and the post-tenancy visit the policy's number
of weeks later, so both appear in the Tenancy visits list.

As the reference or address is typed, the tenancies already recorded that
match are listed (``VisitsController.find_tenancies``), so the same let is
not entered twice; the tenants are found by name among the people the
profile knows, with what each needs of the officer beside them.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.errors import NotFound, UserError, ValidationError
from asb_desktop.controllers.people import PeopleController
from asb_desktop.controllers.visits import VisitsController
from asb_desktop.domain.enums import TenureType
from asb_desktop.domain.inputs import TenancyInput
from asb_desktop.domain.views import PersonView, TenancyView
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.scrolled import scrolled
from asb_desktop.gui.common.widgets import (
    after_typing,
    enum_items,
    fill_combo,
    heading,
    hint,
    label_of,
    named,
    person_line,
    qdate,
    save_cancel_buttons,
    to_date,
    when_text,
)

SEARCH_MS = 300


def tenancy_line(t: TenancyView) -> str:
    where = ", ".join(x for x in (t.address, t.postcode) if x)
    tenants = ", ".join(p.name for p in t.tenants) or "no tenants recorded"
    return (f"{t.reference} — {where} — {label_of(t.tenure_type, TenureType)} from "
            f"{when_text(t.start_date)} — {tenants}")


class TenancyDialog(QDialog):
    #: The tenancy just recorded.
    saved = Signal(object)

    def __init__(self, ops: OpsRunner, visits: VisitsController, people: PeopleController | None,
                 today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tenancyDialog")
        self.setWindowTitle("Add a tenancy")
        self.setAccessibleName("Add a tenancy")
        self._ops, self._visits, self._people = ops, visits, people
        #: Tenants ticked, kept across searches: id -> how they are shown.
        self.tenants: dict[str, str] = {}
        self.errors = FormErrors(self)
        outer = QVBoxLayout(self)
        outer.addWidget(heading("Add a tenancy", 1))
        outer.addWidget(hint("Its sign-up and post-tenancy visits are scheduled when you save."))
        outer.addWidget(self.errors.summary)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)  # clear of the scroll bar at large text sizes
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)  # spare height below the form, not between its rows
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form
        self.reference = QLineEdit()
        self.errors.row(form, "reference", "Tenancy &reference", self.reference)
        self.address = QLineEdit()
        self.errors.row(form, "address", "&Address", self.address,
                        hint="The property's address, without the postcode")
        self.postcode = QLineEdit()
        self.postcode.setMaxLength(10)
        self.errors.row(form, "postcode", "&Postcode", self.postcode)
        self.matches = named(QListWidget(), "Tenancies already recorded")
        self.matches.setObjectName("tenancyMatches")
        self.matches.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 8)
        self.matches_caption = QLabel("Already recorded")
        self.matches_caption.setBuddy(self.matches)
        form.addRow(self.matches_caption, self.matches)
        form.setRowVisible(self.matches, False)
        self.tenure = fill_combo(QComboBox(), enum_items(TenureType), first="Choose…")
        self.errors.row(form, "tenure_type", "&Tenure", self.tenure)
        self.start = QDateEdit(qdate(today))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("dd/MM/yyyy")
        self.errors.row(form, "start_date", "Start &date", self.start)
        self.sign_up = named(QCheckBox("Schedule the sign-&up visit on the start date"),
                             "Schedule the sign-up visit on the start date")
        self.sign_up.setChecked(True)
        form.addRow("", self.sign_up)
        self.tenant_search = QLineEdit()
        self.tenant_search.setPlaceholderText("Type a name to find the tenant")
        self.errors.row(form, "tenant_ids", "Find t&enants", self.tenant_search,
                        hint="Tick each tenant; people not yet known are added from a report or case")
        self.found = named(QListWidget(), "People found")
        self.found.setObjectName("tenantsFound")
        self.found.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 8)
        form.addRow("", self.found)
        self.chosen_label = QLabel("Tenants: none chosen")
        self.chosen_label.setObjectName("tenantsChosen")
        self.chosen_label.setWordWrap(True)
        form.addRow("", self.chosen_label)
        for row in range(form.rowCount()):  # a wrapped caption is cut off by the form
            caption = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if caption is not None and isinstance(caption.widget(), QLabel):
                caption.widget().setWordWrap(False)  # type: ignore[union-attr]
        outer.addWidget(scrolled(body, "Tenancy form"), 1)
        box, self.save_button = save_cancel_buttons(self, "&Save tenancy")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        outer.addWidget(box)
        after_typing(self.reference, SEARCH_MS, self.look_up, self)
        after_typing(self.address, SEARCH_MS, self.look_up, self)
        after_typing(self.tenant_search, SEARCH_MS, self.find_people, self)
        self.found.itemChanged.connect(self._ticked)
        self.tenant_search.setEnabled(people is not None)
        width = self.fontMetrics().averageCharWidth() * 90
        screen = self.screen().availableGeometry() if self.screen() else None
        height = body.sizeHint().height() + self.sizeHint().height()
        self.resize(width, min(height, int(screen.height() * 0.9)) if screen else height)

    # -- as the officer types ----------------------------------------------------

    def look_up(self) -> None:
        """Tenancies already recorded with this reference or address."""
        text = self.reference.text().strip() or self.address.text().strip()
        if len(text) < 2:
            self.form.setRowVisible(self.matches, False)
            return
        visits = self._visits
        self._ops.run(lambda: visits.find_tenancies(text, limit=10), self._show_matches,
                      latest="tenancy-lookup")

    def _show_matches(self, found: list[TenancyView]) -> None:
        self.matches.clear()
        for t in found:
            self.matches.addItem(tenancy_line(t))
        self.matches_caption.setText(f"Already recorded ({len(found)})")
        self.form.setRowVisible(self.matches, bool(found))

    def find_people(self) -> None:
        text, people = self.tenant_search.text().strip(), self._people
        if people is None or len(text) < 2:
            return
        self._ops.run(lambda: people.find_people(text), self._show_people, latest="tenant-search")

    def _show_people(self, found: list[PersonView]) -> None:
        self.found.blockSignals(True)
        self.found.clear()
        for p in found:
            item = QListWidgetItem(person_line(p))
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if p.id in self.tenants
                               else Qt.CheckState.Unchecked)
            self.found.addItem(item)
        if not found:
            self.found.addItem("No one found by that name")
        self.found.blockSignals(False)

    def _ticked(self, item: QListWidgetItem) -> None:
        pid = item.data(Qt.ItemDataRole.UserRole)
        if not pid:
            return
        if item.checkState() == Qt.CheckState.Checked:
            self.tenants[str(pid)] = item.text().split(" — ")[0]
        else:
            self.tenants.pop(str(pid), None)
        names = ", ".join(self.tenants.values())
        self.chosen_label.setText(f"Tenants: {names or 'none chosen'}")

    # -- saving ------------------------------------------------------------------------

    def input(self) -> TenancyInput:
        return TenancyInput(
            reference=self.reference.text(), address=self.address.text(),
            postcode=self.postcode.text(), tenure_type=str(self.tenure.currentData() or ""),
            start_date=to_date(self.start.date()), tenant_ids=list(self.tenants),
        )

    def submit(self) -> None:
        if not self.save_button.isEnabled():
            return
        data, visits, sign_up = self.input(), self._visits, self.sign_up.isChecked()

        def save() -> TenancyView:
            try:
                return visits.add_tenancy(data, sign_up_visit=sign_up)
            except (ValidationError, NotFound):
                raise
            except UserError as exc:  # the reference is already recorded: say so beside it
                raise ValidationError({"reference": str(exc)}) from None

        self.save_button.setEnabled(False)
        self._ops.run(save, self._saved,
                      form=self.errors.show, parent=self,
                      after_failure=lambda _exc: self.save_button.setEnabled(True))

    def _saved(self, tenancy: TenancyView) -> None:
        self.save_button.setEnabled(True)
        self.errors.clear()
        self.saved.emit(tenancy)
        self.accept()
