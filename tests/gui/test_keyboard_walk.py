"""Two everyday jobs done with the keyboard alone, every key press counted.

Each key goes as a real key event to whatever has the focus at that moment
(``QApplication.focusWidget()``), as a keyboard or screen-reader user's would:
Tab to move on, arrows within a group or a list, Space to tick, letters to
type. Nothing is clicked and no widget is reached by code. A step that cannot
be reached from where the focus is fails the walk, and the counts are printed
(``pytest -s``) for the README's accessibility section; a typed character is
one press, Shift included in it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.domain.inputs import PersonInput, TenancyInput
from asb_desktop.gui.main_window import MainWindow
from tests.gui.conftest import settle

CTRL = Qt.KeyboardModifier.ControlModifier
#: More Tab presses than any form has stops: the walk is lost.
LOST = 60


class Keyboard:
    """Presses keys into the window and counts them."""

    def __init__(self, window: MainWindow, qtbot: QtBot) -> None:
        self.window = window
        self.qtbot = qtbot
        self.presses = 0
        self.typed = 0

    @property
    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard"
        return widget

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              times: int = 1) -> None:
        for _ in range(times):
            QTest.keyClick(self.focus, key, modifier)
            self.presses += 1
        settle(self.qtbot, self.window)

    def type(self, text: str) -> None:
        for ch in text:
            QTest.keyClicks(self.focus, ch)
        self.presses += len(text)
        self.typed += len(text)
        settle(self.qtbot, self.window)

    def tab_to(self, name: str) -> None:
        """Tab on until the control the officer hears as ``name`` has the focus."""
        self._move_to(name, Qt.Key.Key_Tab)

    def arrow_to(self, name: str) -> None:
        """Down through a group (tick boxes, radio buttons) to ``name``."""
        self._move_to(name, Qt.Key.Key_Down)

    def _move_to(self, name: str, key: Qt.Key) -> None:
        for _ in range(LOST):
            if self.focus.accessibleName() == name:
                return
            self.press(key)
        raise AssertionError(f"{key.name} never reached {name!r}")


def test_a_doorstep_report_from_ctrl_n_to_save(
    app: App, window: MainWindow, qtbot: QtBot,
) -> None:
    keys = Keyboard(window, qtbot)
    keys.press(Qt.Key.Key_N, CTRL)
    assert keys.focus.accessibleName() == "Someone already known"
    keys.press(Qt.Key.Key_Right)  # the reporter is someone new
    for field, text in (("Given name", "Amira"), ("Family name", "Okafor"),
                        ("Phone", "07700 900123"), ("Address", "Flat 4, 12 Mill Lane"),
                        ("Postcode", "LS6 2AB")):
        keys.tab_to(field)
        keys.type(text)
    keys.tab_to("How it was received")
    keys.type("I")  # In person
    assert keys.focus.property("currentText") == "In person"
    keys.tab_to("Date of the incident")
    keys.type("01/03/2026")
    keys.tab_to("Time of the incident")
    keys.type("23:30")
    keys.tab_to("Location")
    keys.type("Stairwell, Block B")
    keys.press(Qt.Key.Key_Tab)  # into the categories: one Tab stop for the group
    keys.arrow_to("Noise")
    keys.press(Qt.Key.Key_Space)
    keys.tab_to("What happened")
    keys.type("Loud music and shouting from flat 6 until 3am, most nights.")
    keys.press(Qt.Key.Key_S, CTRL)

    tab = window.reports_tab
    report = tab.panel.report
    assert tab.saved.isVisible() and report is not None, tab.form.errors.summary.messages
    assert list(report.categories) == ["noise"] and report.location == "Stairwell, Block B"
    print(f"\nDoorstep report, Ctrl+N to saved: {keys.presses} key presses, "
          f"{keys.typed} of them typed characters")
    assert keys.presses - keys.typed < 50  # moving about costs less than the words


def test_recording_a_visit_from_the_tab_to_save(
    app: App, window: MainWindow, qtbot: QtBot,
) -> None:
    tenant = app.people.add_person(PersonInput(given_name="Grace", family_name="Adeyemi"))
    app.visits.add_tenancy(TenancyInput(reference="T100200", address="4 Elm Court",
                                        postcode="LS6 1AA", start_date=date(2026, 1, 15),
                                        tenant_ids=[tenant.id]))
    window.refresh()
    settle(qtbot, window)
    keys = Keyboard(window, qtbot)
    keys.press(Qt.Key.Key_3, CTRL)  # Tenancy visits
    keys.tab_to("Tenancy visits")
    keys.press(Qt.Key.Key_Down)  # the first visit due
    form = window.visits_tab.form
    assert form.visit is not None and form.visit.tenancy.reference == "T100200"
    keys.tab_to("Who was present")
    keys.type("Grace Adeyemi (tenant)")
    keys.press(Qt.Key.Key_Tab)  # the ASB terms: one Tab stop, arrows between them
    for n in range(len(form.checklist.boxes)):
        if n:
            keys.press(Qt.Key.Key_Down)
        keys.press(Qt.Key.Key_Space)
    keys.tab_to("Acknowledged by")
    keys.type("Grace Adeyemi")
    keys.press(Qt.Key.Key_S, CTRL)

    assert form.visit is not None and form.visit.status == "done", form.errors.summary.messages
    print(f"\nRecording a visit, Ctrl+3 to saved: {keys.presses} key presses, "
          f"{keys.typed} of them typed characters")
