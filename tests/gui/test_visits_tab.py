"""Recording a post-tenancy visit, and a report taken during it."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.domain.inputs import PersonInput, TenancyInput
from asb_desktop.gui.main_window import MainWindow
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

    rform.mode_anonymous.click()
    rform.categories.boxes["drug_supply"].click()
    qtbot.keyClicks(rform.description, "Tenant reports drug dealing from the next block")
    window.save_action.trigger()
    settle(qtbot, window)
    report = reports.panel.report
    assert report is not None and report.visit_id == visit_id
    assert report.risk_level == "high"
    assert app.visits.get_visit(visit_id).report_ids == (report.id,)
    assert "Taken during" in reports.panel.facts.text()
