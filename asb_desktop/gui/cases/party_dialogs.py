"""The people on a case: adding someone with their role (found as the
officer types, or new), and keeping a person's details, vulnerabilities,
reasonable adjustments and contact preferences up to date (commitment 11).

A person found by name may be on other cases; the search offers only people
this officer may see (someone known only from a restricted case they may
not open is never offered).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from asb_desktop.controllers.cases import CasesController
from asb_desktop.controllers.casework import CaseworkController
from asb_desktop.controllers.people import PeopleController
from asb_desktop.domain.enums import Adjustment, PartyRole
from asb_desktop.domain.inputs import PersonInput
from asb_desktop.domain.views import CaseDetail, PersonView
from asb_desktop.gui.cases.casework_forms import CaseworkDialog, party_items, text_box
from asb_desktop.gui.cases.fitted_dialog import FittedDialog
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.widgets import (
    FILTER_DEBOUNCE_MS,
    CheckGroup,
    after_typing,
    enum_items,
    fill_combo,
    named,
    person_line,
)


class PersonFields:
    """The person's own details as rows of a casework form, keyed as the
    controller names them (``prefix`` for a person nested in a larger input)."""

    def __init__(self, dialog: CaseworkDialog, full: bool) -> None:
        self.given = named(QLineEdit(), "Given name")
        self.family = named(QLineEdit(), "Family name")
        self.phone = named(QLineEdit(), "Phone")
        self.email = named(QLineEdit(), "Email")
        self.address = named(QLineEdit(), "Address")
        self.postcode = named(QLineEdit(), "Postcode")
        rows: list[tuple[str, str, QWidget]] = [
            ("given_name", "&Given name", self.given), ("family_name", "&Family name", self.family),
            ("phone", "P&hone", self.phone), ("email", "E&mail", self.email),
            ("address", "Addr&ess", self.address), ("postcode", "Post&code", self.postcode),
        ]
        self.rows = [dialog.errors.row(dialog.form, k, label, w) for k, label, w in rows]
        self.full = full
        if not full:
            return
        self.contact = named(QLineEdit(), "Contact preferences")
        self.rows.append(dialog.errors.row(
            dialog.form, "contact_preferences", "C&ontact preferences", self.contact,
            hint="How and when to get in touch; after a DASH, the safe way only"))
        self.language = named(QLineEdit(), "Language")
        self.rows.append(dialog.errors.row(dialog.form, "language", "&Language", self.language))
        self.vulnerabilities = text_box(2)
        self.rows.append(dialog.errors.row(dialog.form, "vulnerabilities", "&Vulnerabilities",
                                           self.vulnerabilities))
        self.adjustments = CheckGroup(
            [(str(label), str(value)) for label, value in enum_items(Adjustment)],
            "Reasonable adjustments")
        self.rows.append(dialog.errors.row(dialog.form, "adjustments", "Reasonable ad&justments",
                                           self.adjustments, focus=self.adjustments.first()))
        self.adjustment_notes = text_box(2)
        self.rows.append(dialog.errors.row(dialog.form, "adjustment_notes", "Adjustment &notes",
                                           self.adjustment_notes))

    def fill(self, p: PersonView) -> None:
        given, _, family = p.name.rpartition(" ")
        self.given.setText(given)
        self.family.setText(family)
        for box, text in ((self.phone, p.phone), (self.email, p.email),
                          (self.address, p.address), (self.postcode, p.postcode),
                          (self.contact, p.contact_preferences), (self.language, p.language)):
            box.setText(text)
        self.vulnerabilities.setPlainText(p.vulnerabilities)
        self.adjustments.set_values(p.adjustments)
        self.adjustment_notes.setPlainText(p.adjustment_notes)

    def value(self, born: PersonView | None = None) -> PersonInput:
        full = self.full
        return PersonInput(
            given_name=self.given.text(), family_name=self.family.text(),
            date_of_birth=born.date_of_birth if born else None,
            phone=self.phone.text(), email=self.email.text(), address=self.address.text(),
            postcode=self.postcode.text(),
            contact_preferences=self.contact.text() if full else "",
            vulnerabilities=self.vulnerabilities.toPlainText() if full else "",
            adjustments=self.adjustments.values() if full else [],
            adjustment_notes=self.adjustment_notes.toPlainText() if full else "",
            language=self.language.text() if full else "",
        )


class AddPartyDialog(FittedDialog):
    """Someone else in the case: a victim, witness or alleged perpetrator,
    found by name or added as a new person."""

    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 cases: CasesController, people: PeopleController,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, casework, case, "Add a person to the case",
                         "Type a name to find someone already known, or add a new person.",
                         parent)
        self.setObjectName("addPartyDialog")
        self._cases, self._people = cases, people
        self.role = fill_combo(QComboBox(), enum_items(PartyRole), first="Choose…")
        self.errors.row(self.form, "role", "&Role", self.role)
        self.search = named(QLineEdit(), "Find a person by name")
        self.search.setPlaceholderText("Type a name")
        self.search.setClearButtonEnabled(True)
        self.search_row = self.errors.row(self.form, "search", "F&ind", self.search)
        self.found = named(QListWidget(), "People found")
        self.found.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.found_row = self.errors.row(self.form, "person", "&Person", self.found)
        self.new = named(QCheckBox("Not found: add a &new person"), "Add a new person")
        self.form.addRow("", self.new)
        self.person = PersonFields(self, full=False)
        self._timer = after_typing(self.search, FILTER_DEBOUNCE_MS, self._find, self)
        self.new.toggled.connect(self._show_new)
        self.finish("&Add to case")
        self._show_new(False)

    def _show_new(self, new: bool) -> None:
        for row in self.person.rows:
            self.form.setRowVisible(row, new)
        self.form.setRowVisible(self.found_row, not new)
        self.form.setRowVisible(self.search_row, not new)
        if new and not self.person.family.text() and self.search.text().strip():
            given, _, family = self.search.text().strip().rpartition(" ")
            self.person.given.setText(given)
            self.person.family.setText(family)
        self.regrow()

    def _find(self) -> None:
        text, people = self.search.text().strip(), self._people
        if not text:
            self.found.clear()
            return
        self._ops.run(lambda: people.find_people(text), self._show_found,
                      latest="party-search")

    def _show_found(self, found: list[PersonView]) -> None:
        self.found.clear()
        on_case = {p.person.id for p in self.case.parties}
        for p in found:
            item = QListWidgetItem(person_line(p) + (" (already on this case)"
                                                     if p.id in on_case else ""))
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.found.addItem(item)
        if not found:
            self.found.addItem("No one found: tick \"add a new person\"")
        else:
            self.found.setCurrentRow(0)

    def chosen(self) -> str | None:
        item = self.found.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return str(value) if value else None

    def job(self) -> Callable[[], object]:
        cases, case_id, role = self._cases, self.case.id, str(self.role.currentData() or "")
        if self.new.isChecked():
            new = self.person.value()
            return lambda: cases.add_party(case_id, role, new=new).id
        person_id = self.chosen()
        return lambda: cases.add_party(case_id, role, person_id=person_id).id


class EditPersonDialog(FittedDialog):
    """A person's details as the officer now knows them; a change of name
    shows in the caseload too. Date of birth and equality answers are kept as
    they are."""

    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 people: PeopleController, parent: QWidget | None = None) -> None:
        super().__init__(ops, casework, case, "Edit a person's details",
                         "Choose the person; what you change shows wherever they appear.",
                         parent)
        self.setObjectName("editPersonDialog")
        self._people = people
        self.who = fill_combo(QComboBox(), party_items(case))
        self.errors.row(self.form, "person_id", "&Who", self.who)
        self.person = PersonFields(self, full=True)
        self.who.currentIndexChanged.connect(self._fill)
        self.finish("&Save details")
        self._fill()

    def current(self) -> PersonView | None:
        pid = self.who.currentData()
        return next((p.person for p in self.case.parties if p.person.id == pid), None)

    def _fill(self) -> None:
        person = self.current()
        if person is not None:
            self.person.fill(person)

    def job(self) -> Callable[[], object]:
        person, people = self.current(), self._people
        data = self.person.value(person)
        pid = person.id if person else ""
        return lambda: people.update_person(pid, data).id
