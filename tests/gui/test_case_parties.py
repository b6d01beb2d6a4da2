"""Adding people to a case (found as the officer types, or new) and keeping
a person's details, vulnerabilities and reasonable adjustments up to date."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.domain.inputs import PersonInput
from asb_desktop.gui.cases.case_view import CaseView
from asb_desktop.gui.cases.party_dialogs import AddPartyDialog, EditPersonDialog
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.store.models import Person
from tests.gui.conftest import settle
from tests.gui.test_accessibility import unnamed
from tests.gui.test_case_risk import shoot
from tests.gui.test_casework_forms import _choose, _open, _save, view

__all__ = ["view"]  # the case fixture, shared with the other casework form tests


def test_a_known_person_is_found_as_the_officer_types_and_added_with_a_role(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    app.people.add_person(PersonInput(given_name="Grace", family_name="Whitfield",
                                      address="16 Larch Close", postcode="LS6 2QT"))
    dialog = _open(view, "add_party_button", window, qtbot)
    assert isinstance(dialog, AddPartyDialog)
    _save(dialog, window, qtbot)
    assert dialog.errors.summary.messages == ["Choose the person's role in the case",
                                              "Choose a person or add a new one"]
    qtbot.keyClicks(dialog.search, "Whitf")
    qtbot.waitUntil(lambda: dialog.found.count() == 1)
    settle(qtbot, window)
    assert "Grace Whitfield — 16 Larch Close, LS6 2QT" in dialog.found.item(0).text()
    _choose(dialog.role, "witness")
    shoot(dialog, "add-party")
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()
    assert "Witness:</b> Grace Whitfield" in view.parties.text()


def test_a_new_person_needs_a_name_and_a_real_postcode(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "add_party_button", window, qtbot)
    assert isinstance(dialog, AddPartyDialog)
    _choose(dialog.role, "victim")
    dialog.new.setChecked(True)
    assert dialog.person.family.isVisible() and not dialog.found.isVisible()
    dialog.person.postcode.setText("LS6")
    _save(dialog, window, qtbot)
    assert dialog.errors.message("family_name") == "Enter the person's name"
    assert dialog.errors.message("postcode") == "Enter a real postcode, like SW1A 1AA"
    dialog.person.given.setText("Tomasz")
    dialog.person.family.setText("Nowak")
    dialog.person.postcode.setText("ls6 2qt")
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()
    assert "Victim:</b> Tomasz Nowak" in view.parties.text()
    assert [p.name for p in app.people.find_people("Nowak")] == ["Tomasz Nowak"]


def test_someone_already_on_the_case_is_marked_so_in_what_is_found(
    window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "add_party_button", window, qtbot)
    assert isinstance(dialog, AddPartyDialog)
    _choose(dialog.role, "complainant")
    qtbot.keyClicks(dialog.search, "Okafor")
    qtbot.waitUntil(lambda: dialog.found.count() == 1)
    assert "(already on this case)" in dialog.found.item(0).text()


def test_editing_a_person_shows_their_adjustments_on_the_case(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "edit_person_button", window, qtbot)
    assert isinstance(dialog, EditPersonDialog)
    assert view.case is not None
    _choose(dialog.who, next(p.person.id for p in view.case.parties if p.role == "complainant"))
    assert dialog.person.given.text() == "Amira" and dialog.person.family.text() == "Okafor"
    assert dialog.person.phone.text() == "07700 900123"
    dialog.person.email.setText("amira-at-example")
    _save(dialog, window, qtbot)
    assert dialog.errors.message("email") == "Enter an email address like name@example.com"
    dialog.person.email.setText("amira@example.com")
    dialog.person.adjustments.boxes["large_print"].setChecked(True)
    dialog.person.vulnerabilities.setPlainText("Recent bereavement; anxiety")
    dialog.person.contact.setText("Text first, calls after 4pm")
    shoot(dialog, "edit-person")
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()
    text = view.parties.text()
    assert "Large print" in text and "Recent bereavement; anxiety" in text
    assert "Text first, calls after 4pm" in text
    amira = app.people.find_people("Okafor")[0]
    assert amira.email == "amira@example.com" and amira.adjustments == ("large_print",)


def test_every_control_in_the_party_forms_has_an_accessible_name(
    window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    for button in ("add_party_button", "edit_person_button"):
        dialog = _open(view, button, window, qtbot)
        missing, _seen = unnamed(dialog)
        assert missing == [], button
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()


def test_editing_a_person_keeps_the_equality_answers_the_form_does_not_ask(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    assert view.case is not None
    amira = next(p.person.id for p in view.case.parties if p.role == "complainant")
    app.people.update_person(amira, PersonInput(given_name="Amira", family_name="Okafor",
                                                 phone="07700 900123", address="14 Larch Close",
                                                 postcode="LS6 2QT", equality={"age": "35-44"}))
    view._reload()
    settle(qtbot, window)
    dialog = _open(view, "edit_person_button", window, qtbot)
    assert isinstance(dialog, EditPersonDialog)
    _choose(dialog.who, amira)
    dialog.person.language.setText("Somali")
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()
    with app.store.sessions() as s:
        person = s.get(Person, amira)
        assert person is not None
        assert person.language == "Somali" and person.equality == {"age": "35-44"}
