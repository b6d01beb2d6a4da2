"""The ASB Case Review (the Community Trigger) from the window: a request
recorded on the case with who applied, when and which incidents; its
acknowledgement and decision within the published working-day timescales;
the review's recommendations as actions; and the supervisor's list of cases
meeting or one complaint short of the threshold, from which a case opens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.errors import UserError, ValidationError
from asb_desktop.controllers.policy.follow_up import FollowUpController
from asb_desktop.domain.inputs import CaseInput, PersonInput
from asb_desktop.domain.rules.policy_exchange import CaseReviewInput
from asb_desktop.domain.views import ReportView
from asb_desktop.gui.cases.case_review_dialogs import (
    MET,
    AcknowledgeCaseReviewDialog,
    CaseReviewRequestDialog,
    DecideCaseReviewDialog,
    RecommendationsDialog,
)
from asb_desktop.gui.cases.case_view import CaseView
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.store.models import CaseReviewRequest
from tests.conftest import ARTEFACTS, FakeClock, noise_report
from tests.core.support import audit_rows
from tests.gui.conftest import settle
from tests.gui.test_accessibility import unnamed
from tests.gui.test_case_risk import refused_then_saved, shoot
from tests.gui.test_casework_forms import _choose, _save
from tests.gui.test_paused_targets import open_from


def _three_reports(app: App, clock: FakeClock, **kw: object) -> list[ReportView]:
    """Three complaints by one person about one place, 20 days apart: the threshold is met."""
    first = app.reports.log_report(noise_report(**kw))  # type: ignore[arg-type]
    assert first.reporter is not None
    out = [first]
    for _ in range(2):
        clock.advance(days=20)
        out.append(app.reports.log_report(noise_report(
            new_reporter=None, reporter_id=first.reporter.id, incident_date=clock.now().date(),
            location=first.location)))
    return out


@pytest.fixture
def view(app: App, clock: FakeClock, window: MainWindow, qtbot: QtBot) -> CaseView:
    reports = _three_reports(app, clock)
    case = app.cases.open_case(CaseInput(report_ids=[r.id for r in reports]))
    window.tabs.setCurrentWidget(window.cases_tab)
    window.cases_tab.view.load(case.id)
    settle(qtbot, window)
    return window.cases_tab.view


def _request(app: App) -> CaseReviewRequest:
    with app.store.sessions() as s:
        [row] = s.scalars(sa.select(CaseReviewRequest)).all()
        s.expunge(row)
        return row


def test_a_case_review_request_is_recorded_acknowledged_and_decided_from_the_case(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    section = view.follow_up
    assert section is not None
    qtbot.waitUntil(lambda: bool(section.review_text.text()))
    assert section.threshold_text.text().startswith(
        "This case's complaints meet the case review threshold: 3 complaints")
    assert section.review_text.text() == "No case review has been requested."
    assert not section.acknowledge_button.isVisible() and not section.decide_button.isVisible()

    # The request: who applied and which incidents, both asked for.
    dialog = open_from(view, "request_button", window, qtbot)
    assert isinstance(dialog, CaseReviewRequestDialog)
    assert dialog.incidents.count() == 3
    for i in range(3):
        dialog.incidents.item(i).setCheckState(Qt.CheckState.Unchecked)
    _save(dialog, window, qtbot)
    assert dialog.errors.message("applicant_id") == "Choose who applied for the case review"
    assert dialog.errors.message("incidents") == (
        "Tick at least one incident the applicant complained of")
    assert dialog.errors.summary.isVisible()
    for i in (0, 2):
        dialog.incidents.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.applicant.setCurrentIndex(1)  # the complainant
    dialog.notes.setPlainText("Phoned the office asking for a case review")
    shoot(dialog, "case-review-request-dialog")
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()
    settle(qtbot, window)

    row = _request(app)
    assert row.received_on == date(2026, 4, 11)
    assert row.acknowledge_by == date(2026, 4, 17)  # 5 working days, from the settings
    assert row.notes.startswith("Phoned the office asking for a case review\n\nIncidents complained of:")
    assert row.notes.count("• ") == 2 and "02 Mar 2026" in row.notes
    text = section.review_text.text()
    assert "Requested 11 Apr 2026</b> by Amira Okafor" in text
    assert "Acknowledge by 17 Apr 2026" in text and "3 complaints by one person" in text
    assert "Acknowledge the case review request" in view.due.text()

    # Acknowledged: the date met, and the next step is the decision.
    dialog = open_from(view, "acknowledge_button", window, qtbot)
    assert isinstance(dialog, AcknowledgeCaseReviewDialog)
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()
    settle(qtbot, window)
    assert "Acknowledged 11 Apr 2026" in section.review_text.text()
    assert "Acknowledge the case review request" not in view.due.text()
    assert not section.acknowledge_button.isVisible()

    # The decision: nothing chosen is refused; then met, with what the applicant was told.
    dialog = open_from(view, "decide_button", window, qtbot)
    assert isinstance(dialog, DecideCaseReviewDialog)
    refused_then_saved(
        dialog, window, qtbot,
        {"threshold_met": "Choose whether the threshold is met",
         "outcome": "Record the outcome told to the applicant"},
        lambda: (_choose(dialog.decision, MET), dialog.outcome.setPlainText(
            "Threshold met. The review panel meets on 20 April; we will write with its findings.")),
        "case-review-decision-dialog")
    settle(qtbot, window)
    assert "Threshold met: Threshold met. The review panel" in section.review_text.text()
    assert "Decide whether the case review threshold is met" not in view.due.text()
    row = _request(app)
    assert (row.threshold_met, row.decided_on) == (True, date(2026, 4, 11))

    # The recommendations become actions on the plan.
    dialog = open_from(view, "recommend_button", window, qtbot)
    assert isinstance(dialog, RecommendationsDialog)
    refused_then_saved(
        dialog, window, qtbot,
        {"recommendations": "Write at least one recommendation, one to a line"},
        lambda: dialog.recommendations.setPlainText(
            "Install a noise monitor\n\nJoint visit with the police"),
        "case-review-recommendations-dialog")
    settle(qtbot, window)
    assert view.case is not None
    assert {a.description for a in view.case.actions} >= {
        "Case review: Install a noise monitor", "Case review: Joint visit with the police"}
    actions = [view.action_table.item(i, 1).text() for i in range(view.action_table.rowCount())]
    assert "Case review: Install a noise monitor" in actions
    details = [r.detail for r in audit_rows(app)]
    assert any("ASB Case Review requested on 2026-04-11" in d for d in details)
    assert any("acknowledged on 2026-04-11" in d for d in details)
    assert any("2 case review recommendation(s) added as actions" in d for d in details)
    assert section.grab().save(str(ARTEFACTS / "case-review-on-case.png"))
    missing, _seen = unnamed(dialog)
    assert missing == []


def test_the_supervisor_sees_cases_meeting_or_near_the_threshold_and_opens_one(
    tmp_path: Path, clock: FakeClock, make_window: Callable[[App], MainWindow], qtbot: QtBot
) -> None:
    app = create_profile(tmp_path / "sup", "Helen Marsh", "supervisor", clock=clock)
    try:
        met = _three_reports(app, clock)
        met_case = app.cases.open_case(CaseInput(report_ids=[r.id for r in met]))
        bea = PersonInput(given_name="Bea", family_name="Lund")
        today = clock.now().date()
        near = [app.reports.log_report(noise_report(new_reporter=bea, location="4 Birch Road",
                                                    incident_date=today))]
        assert near[0].reporter is not None
        near.append(app.reports.log_report(noise_report(
            new_reporter=None, reporter_id=near[0].reporter.id, location="4 Birch Road",
            incident_date=today)))
        near_case = app.cases.open_case(CaseInput(report_ids=[r.id for r in near]))
        app.cases.open_case(CaseInput(report_ids=[app.reports.log_report(noise_report(
            new_reporter=PersonInput(given_name="Cal", family_name="Reid"),
            location="9 Elm Street")).id]))  # one complaint: not near

        window = make_window(app)
        assert window.review_tab is not None
        window.tabs.setCurrentWidget(window.review_tab)
        settle(qtbot, window)
        button = window.review_tab.case_review_button
        assert button.isVisible()
        button.click()
        settle(qtbot, window)
        dialog = button.dialog
        assert dialog is not None and dialog.isVisible()
        assert [r.reference for r in dialog.rows] == [met_case.reference, near_case.reference]
        assert dialog.table.item(0, 1).text().startswith("Met: 3 complaints")
        assert dialog.table.item(1, 1).text().startswith("One short: 3 complaints")
        assert dialog.count.text() == "1 case meets a threshold; 1 is one complaint short."
        shoot(dialog, "case-review-watch")
        missing, _seen = unnamed(dialog)
        assert missing == []

        dialog.table.selectRow(1)
        dialog.open_button.click()
        settle(qtbot, window)
        assert not dialog.isVisible()
        assert window.tabs.currentWidget() is window.cases_tab
        assert window.cases_tab.view.case is not None
        assert window.cases_tab.view.case.reference == near_case.reference
        window.ops.wait_all()
    finally:
        app.close()


def test_a_request_is_acknowledged_once_and_not_before_it_was_received(
    app: App, clock: FakeClock
) -> None:
    reports = _three_reports(app, clock)
    case = app.cases.open_case(CaseInput(report_ids=[r.id for r in reports]))
    follow_up = FollowUpController(app.unit)
    assert follow_up.cases_near_case_review() == {}  # met, so not "near"
    request = app.policy.request_case_review(CaseReviewInput(case_id=case.id,
                                                             received_on=date(2026, 4, 10)))
    with pytest.raises(ValidationError) as refused:
        follow_up.acknowledge_case_review(request.id, date(2026, 4, 9))
    assert refused.value.errors == {
        "acknowledged_on": "The date acknowledged must be between the request and today"}
    follow_up.acknowledge_case_review(request.id, date(2026, 4, 10))
    with pytest.raises(UserError, match="already acknowledged on 10 Apr 2026"):
        follow_up.acknowledge_case_review(request.id)
    [row] = follow_up.case_reviews(case.id)
    assert (row.acknowledged_on, row.stage) == (date(2026, 4, 10), "decide")
