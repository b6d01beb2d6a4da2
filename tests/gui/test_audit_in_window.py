"""Opening a case in the window is logged; a supervisor reads the case's audit log there."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from asb_desktop.app import create_profile
from asb_desktop.domain.inputs import CaseInput
from asb_desktop.gui.main_window import MainWindow
from tests.conftest import ARTEFACTS, FakeClock, noise_report
from tests.gui.conftest import settle


def _open_first_case(window: MainWindow, qtbot: QtBot) -> None:
    window.tabs.setCurrentWidget(window.cases_tab)
    settle(qtbot, window)
    window.cases_tab.table.selectRow(0)
    settle(qtbot, window)


def test_supervisor_reads_who_opened_the_case(
    tmp_path: Path, clock: FakeClock, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    app = create_profile(tmp_path / "sup", "Pat Supervisor", "supervisor", clock=clock)
    try:
        case = app.cases.open_case(CaseInput(report_ids=[app.reports.log_report(noise_report()).id]))
        clock.advance(minutes=3)
        window = make_window(app)
        _open_first_case(window, qtbot)
        view = window.cases_tab.view
        assert view.case is not None and view.case.id == case.id
        assert view.audit_button.isVisible()
        view.audit_button.click()
        settle(qtbot, window)
        table = view.audit_dialog.table
        first = [table.item(0, c).text() for c in range(4)]
        assert first[1:] == ["Pat Supervisor", "Case viewed", case.reference]
        assert "Case opened" in {table.item(r, 2).text() for r in range(table.rowCount())}
        ARTEFACTS.mkdir(exist_ok=True)
        assert view.audit_dialog.grab().save(str(ARTEFACTS / "audit-log.png"))
        view.audit_dialog.close()
    finally:
        window.ops.wait_all()
        app.close()


def test_officer_has_no_audit_log_button_but_the_opening_is_logged(
    app: object, window: MainWindow, qtbot: QtBot
) -> None:
    from asb_desktop.app import App

    assert isinstance(app, App)
    case = app.cases.open_case(CaseInput(report_ids=[app.reports.log_report(noise_report()).id]))
    _open_first_case(window, qtbot)
    assert window.cases_tab.view.case is not None
    assert not window.cases_tab.view.audit_button.isVisible()
    with app.unit.read() as s:
        from asb_desktop.store.models import AuditEntry

        viewed = [a.entity_id for a in s.query(AuditEntry).filter_by(action="case.viewed")]
    assert viewed == [case.id]


def test_a_caseload_search_is_audited_once_when_the_officer_stops_typing(
    tmp_path: Path, clock: FakeClock, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    """Each keystroke filters the caseload, but the audit keeps the search made (who
    looked for what), not every prefix on the way to it."""
    import sqlalchemy as sa

    from asb_desktop.store.models import AuditEntry

    app = create_profile(tmp_path / "sup", "Pat Supervisor", "supervisor", clock=clock)
    try:
        app.cases.open_case(CaseInput(report_ids=[app.reports.log_report(noise_report()).id]))
        window = make_window(app)
        window.tabs.setCurrentWidget(window.cases_tab)
        settle(qtbot, window)
        tab = window.cases_tab
        qtbot.keyClicks(tab.search, "okafor")
        qtbot.waitUntil(lambda: not tab._settle_timer.isActive(), timeout=5000)
        settle(qtbot, window)

        def searches() -> list[str]:
            with app.unit.read() as s:
                return list(s.scalars(sa.select(AuditEntry.detail).where(
                    AuditEntry.action == "search.cases")))

        assert searches() == ["okafor"]
        assert tab.model.rowCount() == 1  # the search itself worked as the officer typed
        tab.search.clear()
        settle(qtbot, window)
        assert searches() == ["okafor"]  # clearing the box is not a search
    finally:
        app.close()


def test_a_report_search_is_audited_once_when_the_officer_stops_typing_or_opens_a_report(
    tmp_path: Path, clock: FakeClock, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    """As the caseload: every keystroke searches the reports list, and the audit keeps
    the search the officer settled on, or opened a report from, once."""
    import sqlalchemy as sa

    from asb_desktop.store.models import AuditEntry

    app = create_profile(tmp_path / "off", "Sam Officer", "officer", clock=clock)
    try:
        app.reports.log_report(noise_report(description="Drumming at night from the flat above"))
        app.reports.log_report(noise_report(description="Shouting in the car park"))
        window = make_window(app)
        settle(qtbot, window)
        tab = window.reports_tab

        def searches() -> list[str]:
            with app.unit.read() as s:
                return list(s.scalars(sa.select(AuditEntry.detail).where(
                    AuditEntry.action == "search.reports")))

        qtbot.keyClicks(tab.search, "drumming")
        qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
        qtbot.waitUntil(lambda: not tab._settle_timer.isActive(), timeout=5000)
        settle(qtbot, window)
        assert searches() == ["drumming"]
        tab.search.clear()
        qtbot.keyClicks(tab.search, "shouting")
        qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and tab._settle_timer.isActive(),
                        timeout=5000)
        tab.table.selectRow(0)  # opened from the results before the pause: that search counts
        settle(qtbot, window)
        assert searches() == ["drumming", "shouting"]
    finally:
        app.close()
