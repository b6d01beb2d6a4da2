"""Issue 18, the small things a new officer hits in their first hour on the
report form: the received time, the incident date, where a failed save leaves
them, what to tell the reporter once it is saved, and what an empty list says.
Driven through the real window over a real profile, asserting what is shown."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, QPoint, QRect, Qt
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.controllers.errors import ValidationError
from asb_desktop.gui.common.widgets import to_datetime
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.reports.report_form import NOT_A_REAL_DATE, ReportForm, day_in_words, parse_day
from asb_desktop.gui.reports.reports_tab import NO_MATCH, NO_REPORTS
from tests.conftest import FakeClock, noise_report
from tests.gui.conftest import settle


def received(form: ReportForm) -> datetime:
    return to_datetime(form.received_at.dateTime())


def fill_anonymous(form: ReportForm, qtbot: QtBot, what: str = "Graffiti on the garages") -> None:
    """A report that would save but for the incident date."""
    form.mode_anonymous.click()
    form.categories.boxes["vandalism"].click()
    qtbot.keyClicks(form.description, what)


# -- 1. received now, not when the form was made -----------------------------------------


def test_new_report_is_received_now_not_when_the_form_was_made(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    form = window.reports_tab.form
    assert received(form) == datetime(2026, 3, 2, 9, 30)
    clock.advance(hours=2)  # the window was left open all morning
    window.new_report_action.trigger()
    assert received(form) == datetime(2026, 3, 2, 11, 30)

    qtbot.keyClicks(form.description, "Dog barking since six")
    clock.advance(minutes=20)
    window.new_report_action.trigger()  # Ctrl+N again: what was typed is kept, time and all
    assert form.description.toPlainText() == "Dog barking since six"
    assert received(form) == datetime(2026, 3, 2, 11, 30)

    clock.advance(minutes=5)
    form.clear_button.click()
    assert form.description.toPlainText() == ""
    assert received(form) == datetime(2026, 3, 2, 11, 55)


def test_blank_form_follows_the_clock_until_the_officer_starts(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    form = window.reports_tab.form
    window.tabs.setCurrentWidget(window.cases_tab)
    settle(qtbot, window)
    clock.advance(hours=1)
    window.tabs.setCurrentWidget(window.reports_tab)  # no Ctrl+N: just the tab
    assert received(form) == datetime(2026, 3, 2, 10, 30)

    clock.advance(minutes=7)
    qtbot.keyClicks(form.location, "Stairwell")  # starting on the report is when it came in
    assert received(form) == datetime(2026, 3, 2, 10, 37)
    clock.advance(minutes=10)
    qtbot.keyClicks(form.description, "Smashed light")
    assert received(form) == datetime(2026, 3, 2, 10, 37)  # and it stays put from then on


def test_a_received_time_the_officer_set_is_never_overwritten(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    form = window.reports_tab.form
    form.received_at.setFocus()
    qtbot.keyClick(form.received_at, Qt.Key.Key_Down)  # back a day: an email from yesterday
    assert received(form) == datetime(2026, 3, 1, 9, 30)
    clock.advance(hours=1)
    qtbot.keyClicks(form.description, "Email about fly-tipping")
    window.new_report_action.trigger()
    assert received(form) == datetime(2026, 3, 1, 9, 30)


# -- 2. the incident date starts empty and must be entered -------------------------------


def test_incident_date_starts_empty_and_must_be_entered(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    tab = window.reports_tab
    form = tab.form
    window.new_report_action.trigger()
    assert form.incident_date.text() == ""
    assert form.incident_date_read.text() == "Not entered yet"
    fill_anonymous(form, qtbot)
    window.save_action.trigger()
    settle(qtbot, window)
    assert form.errors.summary.messages == ["Enter the date of the incident"]
    assert form.errors.message("incident_date") == "Enter the date of the incident"
    assert form.findChild(QWidget, "error_incident_date").isVisible()
    assert form.incident_date.hasFocus()
    assert app.reports.list_reports().total == 0

    qtbot.keyClicks(form.incident_date, "31/02/2026")
    assert form.incident_date_read.text() == "Not a whole date yet: day, month and year"
    window.save_action.trigger()
    settle(qtbot, window)
    assert form.errors.message("incident_date") == NOT_A_REAL_DATE

    form.incident_date.clear()
    qtbot.keyClicks(form.incident_date, "25/02/2026")
    assert form.incident_date_read.text() == "Wednesday 25 February 2026"
    window.save_action.trigger()
    settle(qtbot, window)
    assert tab.panel.report is not None
    assert tab.panel.report.incident_date == date(2026, 2, 25)
    assert "25 Feb 2026" in tab.panel.facts.text()


def test_letters_cannot_be_typed_and_today_yesterday_and_the_calendar_fill_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    form = window.reports_tab.form
    qtbot.keyClicks(form.incident_date, "last week")
    assert form.incident_date.text() == " "  # only digits and separators get in
    form.incident_date.clear()

    form.incident_today.click()
    assert form.incident_date.text() == "02/03/2026"
    form.incident_yesterday.click()
    assert form.incident_date.text() == "01/03/2026"
    assert form.incident_date_read.text() == "Sunday 1 March 2026"

    form.incident_calendar.click()
    calendar = form.calendar
    assert calendar is not None and calendar.isVisible()
    assert calendar.selectedDate() == QDate(2026, 3, 1)  # opens on what is there
    assert calendar.maximumDate() == QDate(2026, 3, 2)  # nothing after today
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)
    assert not calendar.isVisible()
    assert form.incident_date.text() == "01/03/2026"

    form.incident_calendar.click()
    assert form.calendar is not None
    form.calendar.activated.emit(QDate(2026, 2, 24))  # Enter on a day, or a click
    assert form.incident_date.text() == "24/02/2026"
    assert form.incident_date.hasFocus()


@pytest.mark.parametrize(("typed", "day"), [
    ("25/02/2026", date(2026, 2, 25)), ("25/2/26", date(2026, 2, 25)),
    ("5.2.2026", date(2026, 2, 5)), ("25-02-2026", date(2026, 2, 25)),
    ("25 2 2026", date(2026, 2, 25)), ("25022026", date(2026, 2, 25)),
    (" 03/02/2026 ", date(2026, 2, 3)),  # day first: 3 February, never 2 March
    ("", None), ("25/02", None), ("31/02/2026", None), ("13/13/2026", None), ("2026-02-25", None),
])
def test_incident_dates_are_read_day_first(typed: str, day: date | None) -> None:
    assert parse_day(typed) == day


def test_the_controller_refuses_a_missing_date_when_the_form_asked_for_one(app: App) -> None:
    with pytest.raises(ValidationError) as refused:
        app.reports.log_report(noise_report(incident_date=None, incident_date_required=True))
    assert refused.value.errors == {"incident_date": "Enter the date of the incident"}
    assert app.reports.list_reports().total == 0
    # Imports and scripts that may not know the date still log the report.
    assert app.reports.log_report(noise_report(incident_date=None)).incident_date is None


def test_a_draft_keeps_the_incident_date_as_typed_or_empty(
    window: MainWindow, qtbot: QtBot
) -> None:
    form = window.reports_tab.form
    qtbot.keyClicks(form.description, "Shouting")
    qtbot.keyClicks(form.incident_date, "25/02/20")  # half typed
    typed = form.payload()
    form.reset()
    form.load_payload(typed)
    assert form.incident_date.text() == "25/02/20"

    form.incident_date.clear()
    empty = form.payload()
    assert empty["incident_date"] == "" and empty["incident_date_text"] == ""
    form.reset()
    form.load_payload(empty)
    assert form.incident_date.text() == ""
    assert form.incident_date_read.text() == "Not entered yet"

    # A draft kept before the date could be left empty holds an ISO date.
    form.load_payload({"description": "Older draft", "incident_date": "2026-02-27"})
    assert form.incident_date.text() == "27/02/2026"


# -- 3. a failed save shows the first problem ---------------------------------------------


def _area(window: MainWindow) -> QScrollArea:
    area = window.reports_tab.side.currentWidget()
    assert isinstance(area, QScrollArea)
    return area


def _in_view(area: QScrollArea, widget: QWidget) -> bool:
    viewport = area.viewport()
    rect = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return viewport.rect().contains(rect)


def test_a_failed_save_scrolls_to_the_first_problem_and_focuses_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.resize(1200, 560)  # a laptop: the form is taller than its pane
    form = window.reports_tab.form
    window.new_report_action.trigger()
    form.mode_new.click()  # and no name typed: the first problem is at the top
    qtbot.keyClicks(form.incident_date, "01/03/2026")
    form.categories.boxes["noise"].click()
    qtbot.keyClicks(form.description, "Music at night")
    settle(qtbot, window)
    area = _area(window)
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())  # the officer is down at the Save button
    name_row = form.findChild(QWidget, "field_reporter_family_name")
    assert not _in_view(area, name_row)

    form.save_button.click()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: _in_view(area, name_row), timeout=2000)
    assert form.errors.message("reporter.family_name") == "Enter the person's name"
    assert form.findChild(QWidget, "error_reporter_family_name").isVisible()
    assert form.family_name.hasFocus()

    # The summary's links take the officer to a field the same way.
    bar.setValue(0)
    form.errors.summary.list.linkActivated.emit("description")
    description_row = form.findChild(QWidget, "field_description")
    qtbot.waitUntil(lambda: _in_view(area, description_row), timeout=2000)
    assert form.description.hasFocus()


# -- 4. what to tell the reporter ---------------------------------------------------------


def test_a_saved_report_is_confirmed_in_words_to_read_to_the_reporter(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    tab = window.reports_tab
    form = tab.form
    form.mode_new.click()
    qtbot.keyClicks(form.given_name, "Amira")
    qtbot.keyClicks(form.family_name, "Okafor")
    form.incident_yesterday.click()
    form.categories.boxes["noise"].click()
    qtbot.keyClicks(form.description, "Music until 3am")
    assert not tab.saved.isVisible()
    window.save_action.trigger()
    settle(qtbot, window)

    report = tab.panel.report
    assert report is not None and report.acknowledge_by is not None
    assert tab.saved.isVisible()
    assert tab.saved.title.text() == "Report saved — read this to the reporter:"
    assert tab.saved.words.text() == (
        "We have logged your report, received Monday 2 March 2026 at 09:30. "
        f"We will contact you by {day_in_words(report.acknowledge_by)}.")
    assert tab.saved.words.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert tab.saved.words.font().pointSizeF() > tab.panel.facts.font().pointSizeF()
    assert tab.panel.assessment.hasFocus()  # the next step is still the assessment

    window.new_report_action.trigger()  # on to the next caller
    assert not tab.saved.isVisible()
    assert received(form) == datetime(2026, 3, 2, 9, 30)


def test_an_anonymous_report_is_not_promised_a_call_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    tab = window.reports_tab
    fill_anonymous(tab.form, qtbot)
    tab.form.incident_today.click()
    window.save_action.trigger()
    settle(qtbot, window)
    assert tab.saved.words.text() == (
        "We have logged your report, received Monday 2 March 2026 at 09:30. "
        "It is anonymous, so no one will contact you about it.")


def test_choosing_another_report_puts_the_confirmation_away(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    app.reports.log_report(noise_report(description="An older report"))
    tab = window.reports_tab
    fill_anonymous(tab.form, qtbot)
    tab.form.incident_today.click()
    window.save_action.trigger()
    settle(qtbot, window)
    assert tab.saved.isVisible()
    older = next(i for i, r in enumerate(tab.model.rows()) if r.excerpt.startswith("An older"))
    tab.table.selectRow(older)
    settle(qtbot, window)
    assert tab.panel.report is not None and tab.panel.report.description == "An older report"
    assert not tab.saved.isVisible()


# -- 5. an empty list says what to do -----------------------------------------------------


def test_an_empty_reports_list_says_what_to_do(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    tab = window.reports_tab
    label = tab.empty_state.label
    qtbot.waitUntil(label.isVisible, timeout=5000)
    assert label.text() == NO_REPORTS == "No reports yet — Ctrl+N logs a report"
    assert tab.table.accessibleDescription() == NO_REPORTS
    assert label.geometry() == tab.table.viewport().rect()  # over the rows, under the headers

    app.reports.log_report(noise_report(description="Music from the flat above"))
    tab.model.reload()
    assert not label.isVisible()  # loading: nothing is claimed yet
    settle(qtbot, window)
    assert tab.model.rowCount() == 1
    assert not label.isVisible()

    tab.search.setText("trampoline")
    tab.apply_filter()
    settle(qtbot, window)
    assert label.isVisible()
    assert label.text() == NO_MATCH == "No reports match — clear the search or filters"

    tab.search.clear()
    tab.apply_filter()
    tab.hate_only.setChecked(True)
    settle(qtbot, window)
    assert label.text() == NO_MATCH and label.isVisible()

    tab.hate_only.setChecked(False)
    settle(qtbot, window)
    assert not label.isVisible()
    assert tab.table.accessibleDescription() == ""
