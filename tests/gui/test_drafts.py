"""A half-filled report survives the window being destroyed mid-form."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.controllers.drafts import DraftsController
from asb_desktop.gui.main_window import MainWindow
from tests.gui.conftest import settle


def test_draft_is_offered_back_after_the_window_is_destroyed(
    app: App, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    first = make_window(app, tracked=False)
    form = first.reports_tab.form
    assert not form.draft_bar.isVisible()
    with qtbot.waitSignal(form.keeper.saved, timeout=5000):
        form.mode_new.click()
        qtbot.keyClicks(form.given_name, "Amira")
        form.categories.boxes["harassment"].click()
        qtbot.keyClicks(form.description, "Shouting on the stairs every evening")
    settle(qtbot, first)
    # Destroyed without a close event, as after a crash or a forced close.
    first.ops.wait_all()
    first.hide()
    shiboken6.delete(first)
    QApplication.processEvents()

    second = make_window(app)
    form2 = second.reports_tab.form
    qtbot.waitUntil(form2.draft_bar.isVisible, timeout=5000)
    assert form2.description.toPlainText() == ""
    form2.restore_button.click()
    assert not form2.draft_bar.isVisible()
    assert form2.mode_new.isChecked()
    assert form2.new_panel.isVisible()
    assert form2.given_name.text() == "Amira"
    assert form2.categories.values() == ["harassment"]
    assert form2.description.toPlainText() == "Shouting on the stairs every evening"
    assert form2.incident_date.text() == ""  # never entered, so still not entered
    assert form2.incident_date_read.text() == "Not entered yet"

    qtbot.keyClicks(form2.family_name, "Okafor")
    second.save_action.trigger()
    settle(qtbot, second)
    assert form2.errors.summary.messages == ["Enter the date of the incident"]
    assert app.reports.list_reports().total == 0
    qtbot.keyClicks(form2.incident_date, "27/02/2026")
    second.save_action.trigger()
    settle(qtbot, second)
    assert app.reports.list_reports().total == 1
    assert DraftsController(app.unit).load("report") is None  # saved for real: draft gone


def test_discarded_draft_is_not_offered_again(
    app: App, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    DraftsController(app.unit).save("report", {"mode": "anonymous", "description": "Graffiti"})
    window = make_window(app)
    form = window.reports_tab.form
    qtbot.waitUntil(form.draft_bar.isVisible, timeout=5000)
    form.discard_button.click()
    settle(qtbot, window)
    assert not form.draft_bar.isVisible()
    assert form.description.toPlainText() == ""
    assert DraftsController(app.unit).load("report") is None


def test_every_field_of_the_report_form_is_kept_in_its_draft_and_cleared_by_clear(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    """Whatever the officer typed in any field comes back from the draft, and Clear
    empties every one: the form's fields are declared once, so none is missed."""
    from asb_desktop.gui.common.form_fields import BLOCK, CHOICE, LINE, TICKS
    from asb_desktop.gui.reports.report_form import FIELDS

    form = window.reports_tab.form
    form.mode_new.click()
    typed: dict[str, object] = {}
    for field in FIELDS:
        widget = getattr(form, field.attr)
        if field.kind in (LINE, BLOCK):
            value = "27/02/2026" if field.key == "incident_date_text" else f"typed {field.key}"
            field.kind.write(widget, value)
        elif field.kind is CHOICE:
            widget.setCurrentIndex(widget.count() - 1)
        elif field.kind is TICKS:
            list(widget.boxes.values())[-1].click()
        else:
            continue
        typed[field.key] = field.kind.read(widget)
    payload = form.payload()
    assert {k: payload[k] for k in typed} == typed

    form.clear()
    assert all(not field.kind.typed(field.kind.read(getattr(form, field.attr)))
               for field in FIELDS)
    form.load_payload(payload)
    assert {k: form.payload()[k] for k in typed} == typed
    settle(qtbot, window)
