"""Adding a tenancy by hand from the Tenancy visits tab: the tenancies already
recorded are found as the reference is typed, the tenants are found by name,
and saving schedules the sign-up and post-tenancy visits, which the list
then shows."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.domain.inputs import PersonInput, TenancyInput
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.visits.tenancy_dialog import TenancyDialog
from tests.core.support import audit_rows
from tests.gui.conftest import settle
from tests.gui.test_accessibility import unnamed
from tests.gui.test_case_risk import shoot


def _dialog(window: MainWindow, qtbot: QtBot) -> TenancyDialog:
    tab = window.visits_tab
    window.tabs.setCurrentWidget(tab)
    settle(qtbot, window)
    tab.tenancy_button.click()
    dialog = tab.tenancy_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _visits(window: MainWindow) -> list[tuple[str, str, str]]:
    """(tenancy, kind, due) of each row the list shows."""
    m = window.visits_tab.model
    return [(m.index(r, 3).data(), m.index(r, 5).data(), m.index(r, 1).data())
            for r in range(m.rowCount())]


def test_a_tenancy_typed_in_schedules_its_sign_up_and_post_tenancy_visits(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    grace = app.people.add_person(PersonInput(given_name="Grace", family_name="Adeyemi",
                                              adjustments=["large_print"]))
    app.visits.add_tenancy(TenancyInput(reference="T100200", address="4 Elm Court",
                                        postcode="LS6 1AA", start_date=date(2026, 1, 15)))
    dialog = _dialog(window, qtbot)
    dialog.tenure.setCurrentIndex(0)  # "Choose…"
    dialog.save_button.click()
    settle(qtbot, window)
    assert dialog.errors.summary.messages == [
        "Enter the tenancy reference", "Enter the address of the property", "Choose the tenure type"]
    assert dialog.reference.hasFocus()

    qtbot.keyClicks(dialog.reference, "T1002")
    qtbot.waitUntil(dialog.matches.isVisible)  # found as the reference is typed
    qtbot.waitUntil(lambda: dialog.matches.count() == 1)
    assert dialog.matches.item(0).text().startswith("T100200 — 4 Elm Court, LS6 1AA")
    qtbot.keyClicks(dialog.reference, "00")
    qtbot.keyClicks(dialog.address, "12 Larch Close")
    dialog.tenure.setCurrentIndex(dialog.tenure.findData("starter"))
    dialog.save_button.click()
    settle(qtbot, window)
    assert dialog.errors.message("reference") == "Tenancy T100200 is already recorded."
    assert dialog.isVisible()

    dialog.reference.clear()
    qtbot.keyClicks(dialog.reference, "T100300")
    qtbot.keyClicks(dialog.postcode, "ls6 2qt")
    qtbot.keyClicks(dialog.tenant_search, "Grace")
    qtbot.waitUntil(lambda: dialog.found.count() == 1)
    found = dialog.found.item(0)
    assert "Grace Adeyemi" in found.text() and "Large print" in found.text()
    found.setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen_label.text() == "Tenants: Grace Adeyemi"
    qtbot.waitUntil(lambda: not dialog.matches.isVisible() or dialog.matches.count() == 0)
    assert unnamed(dialog)[0] == []
    shoot(dialog, "tenancy-by-hand")
    dialog.save_button.click()
    settle(qtbot, window)
    assert not dialog.isVisible()

    [tenancy] = app.visits.find_tenancies("T100300")
    assert (tenancy.address, tenancy.postcode, tenancy.tenure_type) == (
        "12 Larch Close", "LS6 2QT", "starter")
    assert [p.id for p in tenancy.tenants] == [grace.id]
    start = app.unit.today()
    assert sorted((v.kind, v.due_date) for v in app.visits.list_visits().rows
                  if v.tenancy_reference == "T100300") == [
        ("post_tenancy", start + timedelta(weeks=6)), ("sign_up", start)]
    assert any(r.detail == "Tenancy T100300 added" for r in audit_rows(app))
    tab = window.visits_tab
    assert tab.search.text() == "T100300"  # the list shows the new tenancy's visits
    qtbot.waitUntil(lambda: _visits(window) == [
        ("T100300", "Sign-up", "02 Mar 2026"),
        ("T100300", "Post-tenancy (settling-in) visit", "13 Apr 2026")])


def test_the_sign_up_visit_can_be_left_out(app: App, window: MainWindow, qtbot: QtBot) -> None:
    dialog = _dialog(window, qtbot)
    qtbot.keyClicks(dialog.reference, "T200001")
    qtbot.keyClicks(dialog.address, "3 Birch Row")
    dialog.tenure.setCurrentIndex(dialog.tenure.findData("assured"))
    dialog.sign_up.setChecked(False)  # signed up already, at the office
    dialog.save_button.click()
    settle(qtbot, window)
    assert not dialog.isVisible()
    assert [v.kind for v in app.visits.list_visits().rows] == ["post_tenancy"]
