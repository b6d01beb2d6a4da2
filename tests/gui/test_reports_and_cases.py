"""Logging, assessing and taking a report on to a case, through the real tabs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.gui.main_window import MainWindow
from tests.conftest import noise_report
from tests.gui.conftest import settle


def test_common_actions_have_the_promised_shortcuts(window: MainWindow) -> None:
    assert window.new_report_action.shortcut() == QKeySequence("Ctrl+N")
    assert window.find_action.shortcut() == QKeySequence("Ctrl+F")
    assert window.print_action.shortcut() == QKeySequence("Ctrl+P")
    assert window.save_action.shortcut() == QKeySequence("Ctrl+S")
    assert "Ctrl+N" in window.new_report_action.toolTip()


def test_bad_report_lists_problems_and_focuses_first_then_good_report_saves(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    tab = window.reports_tab
    form = tab.form
    window.new_report_action.trigger()
    qtbot.mouseClick(form.mode_new, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.phone, "call me later")
    window.save_action.trigger()
    settle(qtbot, window)

    summary = form.errors.summary
    assert summary.isVisible()
    assert summary.messages == [
        "Enter the person's name",
        "Enter a phone number using digits, like 07700 900123",
        "Enter the date of the incident",
        "Choose at least one category",
        "Describe what happened",
    ]
    assert form.errors.message("reporter.phone") == (
        "Enter a phone number using digits, like 07700 900123")
    assert form.errors.message("description") == "Describe what happened"
    assert form.family_name.hasFocus()
    assert app.reports.list_reports().total == 0

    qtbot.keyClicks(form.given_name, "Amira")
    qtbot.keyClicks(form.family_name, "Okafor")
    form.phone.clear()
    qtbot.keyClicks(form.phone, "07700 900123")
    qtbot.keyClicks(form.incident_date, "01/03/2026")
    form.categories.boxes["noise"].click()
    qtbot.keyClicks(form.location, "Flat 3, 12 Larch Close")
    qtbot.keyClicks(form.description, "Loud music from the flat above until 3am")
    window.save_action.trigger()
    settle(qtbot, window)

    assert not summary.isVisible()
    assert form.errors.message("description") == ""
    assert tab.side.currentWidget().widget() is tab.panel  # type: ignore[attr-defined]
    assert tab.panel.report is not None
    assert tab.panel.report.description == "Loud music from the flat above until 3am"
    assert "Amira Okafor" in tab.panel.facts.text()
    page = app.reports.list_reports()
    assert page.total == 1 and page.rows[0].reporter == "Amira Okafor"
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.model.index(0, 1).data() == "Amira Okafor"
    assert tab.model.index(0, 4).data() == "Medium"  # risk in words, not colour alone
    assert tab.model.index(0, 5).data() == "Not yet assessed"


def test_assess_open_case_and_add_an_action(app: App, window: MainWindow, qtbot: QtBot) -> None:
    app.reports.log_report(noise_report())
    window.refresh()
    settle(qtbot, window)
    tab = window.reports_tab
    tab.table.selectRow(0)
    settle(qtbot, window)
    panel = tab.panel
    assert panel.report is not None

    panel.assess_button.click()
    settle(qtbot, window)
    assert panel.errors.summary.messages == [
        "Choose ASB, not ASB, or more information needed",
        "Give the reason for this assessment",
    ]
    assert panel.assessment.hasFocus()

    panel.assessment.setCurrentIndex(panel.assessment.findData("asb"))
    panel.assess_button.click()
    settle(qtbot, window)
    assert panel.errors.message("asb_limb") == (
        "Choose which part of the legal definition of ASB applies")
    panel.limb.setCurrentIndex(panel.limb.findData("nuisance_occupation"))
    qtbot.keyClicks(panel.reason, "Persistent night-time noise affecting the flat below")
    panel.assess_button.click()
    settle(qtbot, window)
    assert panel.assess_status.text() == "Assessment saved: ASB"
    assert app.reports.get_report(panel.report.id).assessment == "asb"
    qtbot.waitUntil(lambda: tab.model.index(0, 5).data() == "ASB")

    panel.open_case_button.click()
    settle(qtbot, window)
    assert window.tabs.currentWidget() is window.cases_tab
    view = window.cases_tab.view
    assert view.case is not None
    assert view.title.text() == f"Case {view.case.reference}"
    assert "Complainant:" in view.parties.text() and "Amira Okafor" in view.parties.text()
    assert "Medium risk" in view.summary.text()
    assert view.timeline.rowCount() == 1
    assert view.timeline.item(0, 1).text() == "Report"

    view.add_action_button.click()
    settle(qtbot, window)
    assert view.action_errors.message("description") == "Describe the action"
    assert view.action_description.hasFocus()

    qtbot.keyClicks(view.action_description, "Visit the flat above and deliver a warning")
    view.action_due.setDate(QDate(2026, 2, 27))  # already past on the fake clock
    view.add_action_button.click()
    settle(qtbot, window)
    assert view.action_table.rowCount() == 1
    assert view.action_table.item(0, 1).text() == "Visit the flat above and deliver a warning"
    assert view.action_table.item(0, 0).text() == "27 Feb 2026 · Overdue"
    assert app.cases.get_case(view.case.id).next_action_due == date(2026, 2, 27)
    model = window.cases_tab.model
    due = next(i for i, c in enumerate(model.columns) if c.title == "Next action due")
    qtbot.waitUntil(lambda: model.rowCount() == 1 and "Overdue" in str(model.index(0, due).data()))
    assert model.index(0, 0).data() == view.case.reference


def test_add_report_to_an_existing_case_by_reference(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    from asb_desktop.domain.inputs import CaseInput

    first = app.reports.log_report(noise_report())
    case = app.cases.open_case(CaseInput(report_ids=[first.id]))
    second = app.reports.log_report(noise_report(description="Music again on Saturday"))
    window.refresh()
    settle(qtbot, window)
    tab = window.reports_tab
    row = next(i for i, r in enumerate(tab.model.rows()) if r.id == second.id)
    tab.table.selectRow(row)
    settle(qtbot, window)
    qtbot.keyClicks(tab.panel.case_reference, case.reference)
    tab.panel.attach_button.click()
    settle(qtbot, window)
    assert tab.panel.case_label.text() == f"In case {case.reference}."
    assert not tab.panel.open_case_button.isEnabled()
    assert len(app.cases.get_case(case.id).reports) == 2


def test_typing_fast_shows_only_the_latest_filter(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    from asb_desktop.domain.inputs import CaseInput, PersonInput

    for family in ("Okafor", "Begum", "Walker"):
        report = app.reports.log_report(noise_report(
            new_reporter=PersonInput(given_name="Sam", family_name=family)))
        app.cases.open_case(CaseInput(report_ids=[report.id]))
    tab = window.cases_tab
    window.tabs.setCurrentWidget(tab)
    settle(qtbot, window)
    assert tab.model.rowCount() == 3
    for text in ("O", "Ok", "Oka", "Okaf", "Okafor", "Be", "Beg"):
        tab.search.setText(text)
        tab.apply_filter()  # as the debounce would, once per pause
    settle(qtbot, window)
    assert [r.parties for r in tab.model.rows()] == ["S. Begum"]
    assert tab.count_label.text() == "1 case"


def test_known_reporter_is_found_as_you_type_with_their_adjustments(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    from asb_desktop.domain.inputs import PersonInput

    app.people.add_person(PersonInput(given_name="Grace", family_name="Adeyemi",
                                      adjustments=["bsl_interpreter"]))
    form = window.reports_tab.form
    qtbot.keyClicks(form.person_search, "Adey")
    qtbot.waitUntil(lambda: form.person_results.count() == 1, timeout=5000)
    item = form.person_results.item(0)
    assert "Grace Adeyemi" in item.text() and "BSL interpreter" in item.text()
    form.person_results.setCurrentItem(item)
    form.person_results.itemActivated.emit(item)
    assert "Grace Adeyemi" in form.chosen_label.text()
    form.incident_yesterday.click()
    form.categories.boxes["vandalism"].click()
    qtbot.keyClicks(form.description, "Car scratched outside the block")
    window.save_action.trigger()
    settle(qtbot, window)
    report = window.reports_tab.panel.report
    assert report is not None and report.reporter is not None
    assert report.reporter.name == "Grace Adeyemi"
    assert "BSL interpreter" in window.reports_tab.panel.facts.text()


def test_closing_a_case_needs_an_outcome_and_reason(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    from asb_desktop.domain.inputs import CaseInput

    case = app.cases.open_case(CaseInput(report_ids=[app.reports.log_report(noise_report()).id]))
    window.tabs.setCurrentWidget(window.cases_tab)
    settle(qtbot, window)
    window.cases_tab.table.selectRow(0)
    settle(qtbot, window)
    view = window.cases_tab.view
    assert view.case is not None and view.case.id == case.id
    view.close_button.click()
    settle(qtbot, window)
    form = view.form_dialog
    assert form is not None
    form.survey.setCurrentIndex(form.survey.findData("not_reached"))
    form.save_button.click()
    settle(qtbot, window)
    assert form.errors.summary.messages == [
        "Choose the outcome of the case", "Give the reason for closing the case"]
    assert form.outcome.hasFocus()
    form.outcome.setCurrentIndex(form.outcome.findData("resolved"))
    qtbot.keyClicks(form.reason, "Noise stopped after mediation")
    form.save_button.click()
    settle(qtbot, window)
    assert app.cases.get_case(case.id).status == "closed"
    assert not view.closure_form.isVisible()
    assert view.closed_label.text().startswith("Closed")
    assert not view.add_action_button.isEnabled()
    qtbot.waitUntil(lambda: window.cases_tab.model.rowCount() == 0)  # open cases only
