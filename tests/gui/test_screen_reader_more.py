"""What a field in error says to a screen reader, checked in-process and fast
(``test_screen_reader.py`` hears the same through AT-SPI on the real app)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from asb_desktop.gui.common.form_support import FormErrors


def test_a_field_in_error_says_error_and_its_message_until_a_save_finds_it_fine(
    qtbot: QtBot,
) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    layout = QFormLayout(form)
    errors = FormErrors(form)
    location, description = QLineEdit(), QLineEdit()
    location.setAccessibleDescription("Address, block or place where it happened")
    errors.row(layout, "location", "Location", location)
    errors.row(layout, "description", "What happened", description)

    errors.show({"location": "Enter where it happened", "description": "Describe what happened"})
    assert location.accessibleDescription() == "Error: Enter where it happened"
    assert description.accessibleDescription() == "Error: Describe what happened"
    assert location.accessibleName() == "Location"  # the name stays the words on screen

    errors.show({"description": "Describe what happened"})  # the location put right
    assert location.accessibleDescription() == "Address, block or place where it happened"
    assert description.accessibleDescription() == "Error: Describe what happened"

    errors.show({"description": "Describe what happened"})  # the same problem twice
    errors.clear()  # saved
    assert description.accessibleDescription() == ""
    assert location.accessibleDescription() == "Address, block or place where it happened"
