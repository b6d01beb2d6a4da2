"""The landlord's policy shows where the officer works: warnings while logging a
report, and what is due on a case."""

from __future__ import annotations

from datetime import date, datetime

from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.domain.inputs import ActionInput, AssessmentInput, CaseInput, ReportInput
from asb_desktop.gui.main_window import MainWindow
from tests.conftest import FakeClock, noise_report
from tests.gui.conftest import settle


def _choose_reporter(window: MainWindow, qtbot: QtBot, name: str) -> None:
    form = window.reports_tab.form
    form.mode_existing.click()
    qtbot.keyClicks(form.person_search, name)
    qtbot.waitUntil(lambda: form.person_results.count() > 0, timeout=5000)
    form.person_results.setCurrentRow(0)
    form._choose(form.person_results.item(0))  # as a click on the match does


def test_domestic_abuse_prompts_safe_to_talk_first(window: MainWindow, qtbot: QtBot) -> None:
    form = window.reports_tab.form
    window.new_report_action.trigger()
    assert form.flags is not None and not form.flags.isVisible()
    form.categories.boxes["domestic_abuse"].click()
    qtbot.waitUntil(lambda: form.flags is not None and form.flags.safe_to_talk.isVisible(),
                    timeout=5000)
    assert "safe for the person to talk" in form.flags.safe_to_talk.text()
    form.categories.boxes["domestic_abuse"].click()
    form.categories.boxes["noise"].click()
    qtbot.waitUntil(lambda: form.flags is not None and not form.flags.safe_to_talk.isVisible(),
                    timeout=5000)


def test_third_complaint_warns_of_the_case_review_threshold(
    app: App, clock: FakeClock, window: MainWindow, qtbot: QtBot
) -> None:
    first = app.reports.log_report(noise_report(incident_date=clock.now().date()))
    assert first.reporter is not None
    app.reports.log_report(ReportInput(
        reporter_id=first.reporter.id, categories=["noise"], description="Again last night",
        incident_date=clock.now().date(), location="Flat 3, 12 Larch Close",
    ))
    form = window.reports_tab.form
    window.new_report_action.trigger()
    _choose_reporter(window, qtbot, "Okafor")
    form.categories.boxes["noise"].click()
    qtbot.waitUntil(lambda: form.flags is not None and form.flags.threshold.isVisible(),
                    timeout=5000)
    assert "would meet the ASB Case Review threshold" in form.flags.threshold.text()


def test_repeat_non_asb_report_offers_the_refer_back(
    app: App, clock: FakeClock, window: MainWindow, qtbot: QtBot
) -> None:
    earlier = app.reports.log_report(noise_report(description="Footsteps from upstairs"))
    app.reports.assess(AssessmentInput(report_id=earlier.id, assessment="not_asb",
                                       reason="Everyday living noise"))
    app.policy.give_advice(earlier.id, "everyday_noise")
    clock.advance(days=20)
    form = window.reports_tab.form
    window.new_report_action.trigger()
    _choose_reporter(window, qtbot, "Okafor")
    form.categories.boxes["noise"].click()
    qtbot.waitUntil(lambda: form.flags is not None and form.flags.refer_back_button.isVisible(),
                    timeout=5000)
    assert "Advice was given about this before" in form.flags.advice.text()
    offer = form.flags.offer()
    assert offer is not None and offer.report_id == earlier.id and offer.refer_back


def test_case_view_says_what_is_due_and_what_is_overdue(
    app: App, clock: FakeClock, window: MainWindow, qtbot: QtBot
) -> None:
    report = app.reports.log_report(noise_report())
    case = app.cases.open_case(CaseInput(report_ids=[report.id]))
    app.casework.add_action(ActionInput(case_id=case.id, description="Visit the neighbour",
                                        due_date=date(2026, 3, 3)))
    clock.set(datetime(2026, 3, 20, 9, 0))
    window.cases_tab.view.load(case.id)
    settle(qtbot, window)
    text = window.cases_tab.view.due.text()
    assert "Overdue" in text and "Visit the neighbour" in text
