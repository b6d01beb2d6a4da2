"""Supervisors get the caseload review as a tab of the main window; officers do not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from asb_desktop.app import App, create_profile
from asb_desktop.domain.inputs import CaseInput
from asb_desktop.gui.main_window import MainWindow
from tests.conftest import FakeClock, noise_report
from tests.gui.conftest import settle


def test_officers_see_three_tabs(window: MainWindow) -> None:
    assert window.review_tab is None
    assert window.tabs.count() == 3


def test_a_supervisor_opens_a_case_from_the_review(
    tmp_path: Path, clock: FakeClock, make_window: Callable[[App], MainWindow], qtbot: QtBot
) -> None:
    app = create_profile(tmp_path / "sup", "Helen Marsh", "supervisor", clock=clock)
    try:
        report = app.reports.log_report(noise_report())
        case = app.cases.open_case(CaseInput(report_ids=[report.id]))
        window = make_window(app)
        assert window.review_tab is not None
        assert window.tabs.tabText(3) == "Caseload revie&w"
        window.tab_actions[3].trigger()
        settle(qtbot, window)
        window.review_tab.case_requested.emit(case.id)
        settle(qtbot, window)
        assert window.tabs.currentWidget() is window.cases_tab
        assert window.cases_tab.view.case is not None
        assert window.cases_tab.view.case.reference == case.reference
        settle(qtbot, window)
        window.ops.wait_all()
    finally:
        app.close()
