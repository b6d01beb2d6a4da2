"""Risk at intake: once a report is in a case, the officer asks the reporter
the landlord's risk questions from the report itself, with the reporter
already chosen, and sees what the assessment came to without leaving it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.domain.inputs import CaseInput
from asb_desktop.gui.cases.risk_dialogs import RiskAssessmentDialog
from asb_desktop.gui.main_window import MainWindow
from tests.conftest import ARTEFACTS, noise_report
from tests.gui.conftest import settle
from tests.gui.test_case_risk import shoot
from tests.gui.test_casework_forms import _choose, _save


def test_the_risk_questionnaire_is_asked_from_the_report_once_it_is_in_a_case(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    first = app.reports.log_report(noise_report())
    case = app.cases.open_case(CaseInput(report_ids=[first.id]))
    reporter = app.reports.get_report(first.id).reporter
    assert reporter is not None
    second = app.reports.log_report(noise_report(
        description="Music again on Saturday", new_reporter=None, reporter_id=reporter.id))
    window.refresh()
    settle(qtbot, window)
    tab, panel = window.reports_tab, window.reports_tab.panel
    row = next(i for i, r in enumerate(tab.model.rows()) if r.id == second.id)
    tab.table.selectRow(row)
    settle(qtbot, window)
    assert not panel.risk_button.isEnabled()
    assert panel.risk_note.text().startswith("Open a case or add the report to one")

    qtbot.keyClicks(panel.case_reference, case.reference)
    panel.attach_button.click()
    settle(qtbot, window)
    assert panel.risk_button.isEnabled()
    panel.risk_button.click()
    settle(qtbot, window)
    dialog = window.intake_risk
    assert isinstance(dialog, RiskAssessmentDialog) and dialog.isVisible()
    assert window.tabs.currentWidget() is tab, "the officer stays on the report"
    assert dialog.person.currentData() == reporter.id, "the reporter, already chosen"
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)

    _save(dialog, window, qtbot)
    assert dialog.errors.summary.messages == ["Choose the questionnaire you asked"]
    _choose(dialog.questionnaire, "victim")
    _choose(dialog.answers["violence_or_threats"], True)
    _choose(dialog.answers["hostility"], True)
    _choose(dialog.answers["feels_unsafe_home"], True)
    _choose(dialog.answers["getting_worse"], True)
    _choose(dialog.answers["targeted"], True)
    shoot(dialog, "intake-risk")
    _save(dialog, window, qtbot)

    assert not dialog.isVisible()
    assert panel.risk_note.text().startswith("Risk assessment saved: score 12, high risk")
    assert app.cases.get_case(case.id).risk_level == "high"
    QApplication.processEvents()
    assert window.grab().save(str(ARTEFACTS / "intake-risk-panel.png"))
    risks = app.cases.get_case(case.id).risk_assessments
    assert [r.person for r in risks if r.score == 12] == [reporter.name]
