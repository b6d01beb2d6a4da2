"""Reports to acknowledge, in the Reports tab: due by the working-day target,
overdue first and sortable; acknowledged with the method used, and the
acknowledgement letter made from there in the same preview as every letter."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.domain.inputs import CaseInput, PersonInput
from asb_desktop.gui.common.letter_dialog import LetterChooser
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.reports.acknowledgements import AcknowledgementsPane
from asb_desktop.store.models import ReportAcknowledgement
from tests.conftest import ARTEFACTS, FakeClock, noise_report
from tests.core.support import audit_rows
from tests.gui.conftest import settle
from tests.gui.test_accessibility import unnamed
from tests.gui.test_casework_forms import _choose
from tests.gui.test_letters_in_window import lettered, pdf_text, render, saved

__all__ = ["lettered"]  # the profile that names its landlord, shared with the letter tests


@pytest.fixture
def waiting(lettered: App, clock: FakeClock) -> App:
    """Three reports not on a case (one received a fortnight ago, so overdue), and one on a case."""
    app = lettered
    clock.set(datetime(2026, 2, 16, 11, 0))
    app.reports.log_report(noise_report(
        new_reporter=PersonInput(given_name="Bea", family_name="Lund", address="4 Birch Road"),
        location="4 Birch Road", incident_date=date(2026, 2, 15)))
    clock.set(datetime(2026, 3, 2, 9, 30))
    app.reports.log_report(noise_report())
    app.reports.log_report(noise_report(new_reporter=None, anonymous=True,
                                        location="Garages behind Elm Street"))
    on_case = app.reports.log_report(noise_report(
        new_reporter=PersonInput(given_name="Cal", family_name="Reid"), location="9 Elm Street"))
    app.cases.open_case(CaseInput(report_ids=[on_case.id]))
    return app


def _pane(window: MainWindow, qtbot: QtBot) -> AcknowledgementsPane:
    tab = window.reports_tab
    pane = tab.acknowledgements
    assert pane is not None
    window.tabs.setCurrentWidget(tab)
    tab.lists.setCurrentWidget(pane)
    settle(qtbot, window)
    return pane


def _column(pane: AcknowledgementsPane, column: int) -> list[str]:
    return [pane.table.item(i, column).text() for i in range(pane.table.rowCount())]


def test_reports_owed_an_acknowledgement_are_listed_overdue_first_and_sort(
    waiting: App, make_window: object, qtbot: QtBot
) -> None:
    window = make_window(waiting)  # type: ignore[operator]
    pane = _pane(window, qtbot)
    assert window.reports_tab.lists.tabText(1) == "To acknowledge (3)"
    assert _column(pane, 1) == ["Bea Lund", "Amira Okafor", "Anonymous"]  # the case's report is not
    assert _column(pane, 0)[0] == "18 Feb 2026 · Overdue"
    assert pane.table.item(0, 0).background().color() != pane.table.item(1, 0).background().color()
    assert pane.count_label.text() == "3 reports to acknowledge, 1 overdue"
    pane.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by reporter, Z to A
    assert _column(pane, 1) == ["Bea Lund", "Anonymous", "Amira Okafor"]
    pane.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _column(pane, 1)[0] == "Bea Lund"
    missing, _seen = unnamed(pane)
    assert missing == []


def test_an_acknowledgement_needs_the_report_and_method_then_leaves_the_list_and_makes_the_letter(
    waiting: App, make_window: object, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(waiting)  # type: ignore[operator]
    pane = _pane(window, qtbot)
    pane.acknowledge_button.click()
    settle(qtbot, window)
    assert pane.errors.message("report") == "Choose the report you acknowledged from the list"
    assert pane.errors.message("method") == "Choose how the reporter was told"
    assert pane.errors.summary.isVisible()

    pane.table.selectRow(1)  # Amira Okafor, received today
    settle(qtbot, window)
    panel = window.reports_tab.panel
    assert panel.report is not None and panel.report.reporter is not None
    assert panel.report.reporter.name == "Amira Okafor"  # her report shown beside the list
    assert pane.chosen.text().startswith("Amira Okafor, received 02 Mar 2026")
    _choose(pane.method, "letter")
    assert pane.letter.isChecked()  # a letter acknowledgement: make the letter now
    ARTEFACTS.mkdir(exist_ok=True)
    assert window.reports_tab.grab().save(str(ARTEFACTS / "acknowledgements-list.png"))
    pane.acknowledge_button.click()
    settle(qtbot, window)

    assert not pane.errors.summary.isVisible()
    assert _column(pane, 1) == ["Bea Lund", "Anonymous"]
    assert window.reports_tab.lists.tabText(1) == "To acknowledge (2)"
    assert pane.status.text() == "Acknowledgement recorded: Amira Okafor's report is off the list."
    with waiting.store.sessions() as s:
        [ack] = s.scalars(sa.select(ReportAcknowledgement)).all()
        assert (ack.method, ack.acknowledged_on) == ("letter", date(2026, 3, 2))
    assert any(r.detail == "Acknowledged on 2026-03-02" for r in audit_rows(waiting))

    chooser = pane.letter_dialog
    assert isinstance(chooser, LetterChooser)
    qtbot.waitUntil(chooser.isVisible)
    assert chooser.current_kind().value == "acknowledgement"
    chooser.preview_button.click()
    preview = chooser.preview
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.print_button.isEnabled(), timeout=20000)
    assert preview.windowTitle() == "Acknowledgement of a report"
    out = tmp_path / "acknowledgement.pdf"
    saved(preview, out, qtbot)
    render(out, "acknowledgement-letter")
    text = pdf_text(out)
    assert "Amira Okafor" in text and "Eastbrook Homes" in text
    assert any(r.detail.startswith("Acknowledgement of a report letter") for r in audit_rows(waiting))
    preview.close()


def test_an_anonymous_report_is_acknowledged_without_a_letter(
    waiting: App, make_window: object, qtbot: QtBot
) -> None:
    window = make_window(waiting)  # type: ignore[operator]
    pane = _pane(window, qtbot)
    pane.table.selectRow(2)
    settle(qtbot, window)
    assert pane.chosen.text().startswith("Anonymous")
    assert not pane.letter.isEnabled()
    _choose(pane.method, "phone")
    pane.acknowledge_button.click()
    settle(qtbot, window)
    assert _column(pane, 1) == ["Bea Lund", "Amira Okafor"]
    assert pane.letter_dialog is None
