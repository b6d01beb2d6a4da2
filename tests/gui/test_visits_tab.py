"""Recording a post-tenancy visit, and a report taken during it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.controllers.drafts import DraftsController
from asb_desktop.domain.inputs import PersonInput, TenancyInput
from asb_desktop.gui.main_window import MainWindow
from tests.conftest import ARTEFACTS
from tests.gui.conftest import settle


def test_record_visit_then_log_a_report_taken_during_it(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    tenant = app.people.add_person(PersonInput(given_name="Grace", family_name="Adeyemi",
                                               adjustments=["large_print"]))
    app.visits.add_tenancy(TenancyInput(reference="T100200", address="4 Elm Court",
                                        postcode="LS6 1AA", start_date=date(2026, 1, 15),
                                        tenant_ids=[tenant.id]))
    window.tabs.setCurrentWidget(window.visits_tab)
    window.refresh()
    settle(qtbot, window)
    tab = window.visits_tab
    today = app.unit.today()  # not Qt's 01/01/2000 before a visit is chosen
    assert tab.form.visit_date.date().toPython() == today
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, 0).data() == "Due"
    assert tab.model.index(0, 6).data() == "0 of 7"
    tab.table.selectRow(0)
    settle(qtbot, window)
    form = tab.form
    assert "Large print" in form.tenancy.text()  # the tenant's adjustment, where they appear

    form.acknowledged.setChecked(True)
    window.save_action.trigger()
    settle(qtbot, window)
    assert form.errors.summary.messages == [
        "Say who was present",
        "Enter the name of the tenant who acknowledged the terms",
    ]
    assert form.present.hasFocus()

    qtbot.keyClicks(form.present, "Grace Adeyemi (tenant)")
    for key in ("definition", "household_visitors", "consequences"):
        form.checklist.boxes[key].click()
    qtbot.keyClicks(form.acknowledged_by, "Grace Adeyemi")
    window.save_action.trigger()
    settle(qtbot, window)
    assert form.status.text() == "Visit saved: 3 of 7 ASB terms explained."
    assert form.visit is not None and form.visit.status == "done"
    visit_id = form.visit.id
    saved = app.visits.get_visit(visit_id)
    assert saved.checklist == ("definition", "household_visitors", "consequences")
    assert saved.acknowledged_by == "Grace Adeyemi"

    form.report_button.click()
    reports = window.reports_tab
    assert window.tabs.currentWidget() is reports
    rform = reports.form
    assert rform.visit_banner.isVisible()
    assert "T100200" in rform.visit_banner.text()
    assert rform.location.text() == "4 Elm Court, LS6 1AA"
    assert rform.channel.currentData() == "home_visit"
    offered = [rform.person_results.item(i) for i in range(rform.person_results.count())]
    assert [i.text() for i in offered] == ["Tenant here: Grace Adeyemi — Adjustments: Large print"]
    assert rform.reporter is None, "offered, not chosen: a neighbour may be the one reporting"
    rform.person_results.itemClicked.emit(offered[0])
    assert rform.reporter is not None and rform.reporter.id == tenant.id
    assert "Grace Adeyemi" in rform.chosen_label.text()

    rform.mode_anonymous.click()
    rform.incident_today.click()  # the officer says when it happened
    rform.categories.boxes["drug_supply"].click()
    qtbot.keyClicks(rform.description, "Tenant reports drug dealing from the next block")
    window.save_action.trigger()
    settle(qtbot, window)
    report = reports.panel.report
    assert report is not None and report.visit_id == visit_id
    assert report.risk_level == "high"
    assert app.visits.get_visit(visit_id).report_ids == (report.id,)
    assert "Taken during" in reports.panel.facts.text()


def _two_tenancies(app: App) -> None:
    for ref, address, start in (("T300001", "9 Larch Way", date(2026, 2, 1)),
                                ("T100001", "2 Ash Row", date(2026, 3, 1))):
        app.visits.add_tenancy(TenancyInput(reference=ref, address=address, postcode="LS6 2BB",
                                            start_date=start, tenant_ids=[]))


def _open_visits(window: MainWindow, qtbot: QtBot) -> None:
    window.tabs.setCurrentWidget(window.visits_tab)
    window.refresh()
    settle(qtbot, window)


def _select(window: MainWindow, qtbot: QtBot, reference: str) -> None:
    tab = window.visits_tab
    row = next(r for r in range(tab.model.rowCount())
               if tab.model.index(r, 3).data() == reference)
    tab.table.selectRow(row)
    settle(qtbot, window)
    assert tab.form.visit is not None and tab.form.visit.tenancy.reference == reference


def test_a_half_written_visit_survives_the_window_being_destroyed(
    app: App, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    _two_tenancies(app)
    first = make_window(app, tracked=False)
    _open_visits(first, qtbot)
    _select(first, qtbot, "T300001")
    form = first.visits_tab.form
    assert form.keeper is not None
    with qtbot.waitSignal(form.keeper.saved, timeout=5000):
        qtbot.keyClicks(form.present, "Mr J Bell (tenant)")
        form.checklist.boxes["definition"].click()
        qtbot.keyClicks(form.notes, "Explained noise at night")
    settle(qtbot, first)
    first.ops.wait_all()  # destroyed with no close event, as after a crash
    first.hide()
    shiboken6.delete(first)
    QApplication.processEvents()

    second = make_window(app)
    _open_visits(second, qtbot)
    form2 = second.visits_tab.form
    qtbot.waitUntil(lambda: not form2.draft_bar.isHidden(), timeout=5000)
    assert "T300001" in form2.draft_label.text()
    ARTEFACTS.mkdir(exist_ok=True)
    assert second.grab().save(str(ARTEFACTS / "visit-draft.png"))
    form2.restore_button.click()
    settle(qtbot, second)
    assert form2.visit is not None and form2.visit.tenancy.reference == "T300001"
    assert form2.present.text() == "Mr J Bell (tenant)"
    assert form2.checklist.values() == ["definition"]
    assert form2.notes.toPlainText() == "Explained noise at night"

    form2.acknowledged.setChecked(True)
    qtbot.keyClicks(form2.acknowledged_by, "J Bell")
    second.save_action.trigger()
    settle(qtbot, second)
    assert form2.status.text() == "Visit saved: 1 of 7 ASB terms explained."
    assert DraftsController(app.unit).newest("visit:") is None, "saved for real: draft gone"


def test_moving_to_another_visit_keeps_what_was_typed_in_the_first(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    _two_tenancies(app)
    _open_visits(window, qtbot)
    form = window.visits_tab.form
    _select(window, qtbot, "T300001")
    qtbot.keyClicks(form.present, "Ms K Obi (tenant)")
    _select(window, qtbot, "T100001")
    assert form.present.text() == ""
    assert form.draft_bar.isHidden(), "the second visit has no draft of its own"
    _select(window, qtbot, "T300001")
    qtbot.waitUntil(lambda: not form.draft_bar.isHidden(), timeout=5000)
    form.restore_button.click()
    settle(qtbot, window)
    assert form.present.text() == "Ms K Obi (tenant)"


def test_the_visits_table_sorts_by_a_column_and_back(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    _two_tenancies(app)
    _open_visits(window, qtbot)
    tab = window.visits_tab
    refs = lambda: [tab.model.index(r, 3).data() for r in range(tab.model.rowCount())]  # noqa: E731
    assert refs() == ["T300001", "T100001"], "usual order: due soonest first"
    tab.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    settle(qtbot, window)
    assert refs() == ["T100001", "T300001"]
    tab.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    settle(qtbot, window)
    assert refs() == ["T300001", "T100001"]
    tab.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    settle(qtbot, window)
    assert refs() == ["T100001", "T300001"], "2 Ash Row before 9 Larch Way"
