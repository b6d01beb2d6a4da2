"""Marking a case restricted and naming the officers who may open it, from
the case view; suggested, not forced, when the case involves domestic abuse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.domain.rules.policy_exchange import DashInput
from asb_desktop.gui.cases.case_view import CaseView
from asb_desktop.gui.cases.restriction_dialog import RestrictionDialog
from asb_desktop.gui.main_window import MainWindow
from tests.core.support import audit_rows
from tests.gui.conftest import settle
from tests.gui.test_accessibility import unnamed
from tests.gui.test_case_risk import refused_then_saved
from tests.gui.test_casework_forms import _open, _save, view

__all__ = ["view"]  # the case fixture, shared with the other casework form tests


def _tick(dialog: RestrictionDialog, name: str, on: bool = True) -> None:
    items = [dialog.officers.item(i) for i in range(dialog.officers.count())]
    found = next(i for i in items if i.text().startswith(name))
    found.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def test_the_lead_officer_restricts_a_case_with_a_reason_and_names_a_colleague(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    app.profile.add_user("Jo Colleague", "officer")
    assert not view.risk_section.suggestion.isVisible()
    dialog = _open(view, "restrict_button", window, qtbot)
    assert isinstance(dialog, RestrictionDialog)
    assert not dialog.suggestion.isVisible() and not dialog.restricted.isChecked()
    qtbot.waitUntil(lambda: dialog.officers.count() == 1)  # the lead officer always may
    _save(dialog, window, qtbot)
    assert dialog.errors.message("restricted") == ("Change the restriction, or name or untick "
                                                   "an officer")
    dialog.restricted.setChecked(True)
    _tick(dialog, "Jo Colleague")
    refused_then_saved(
        dialog, window, qtbot, {"reason": "Give the reason for changing the restriction"},
        lambda: dialog.reason.setPlainText("The complainant's relative works in the housing office"),
        "restriction")
    assert view.title.text().endswith("· Restricted")
    details = [r.detail for r in audit_rows(app)]
    assert any(d.endswith("restricted: The complainant's relative works in the housing office")
               for d in details)
    assert any("Jo Colleague named" in d for d in details)
    # Opened again, Jo is ticked; unticking takes Jo off the case.
    again = _open(view, "restrict_button", window, qtbot)
    assert isinstance(again, RestrictionDialog)
    qtbot.waitUntil(lambda: again.officers.count() == 1)
    assert again.named_officers() != []
    _tick(again, "Jo Colleague", on=False)
    again.reason.setPlainText("Jo has moved to another patch")
    _save(again, window, qtbot)
    qtbot.waitUntil(lambda: not again.isVisible())
    assert view.case is not None and view.case.named_officers == ()
    assert any("Jo Colleague no longer named: Jo has moved to another patch" in r.detail
               for r in audit_rows(app))


def test_domestic_abuse_suggests_restriction_without_forcing_it(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    assert view.case is not None
    app.risk.record_dash(DashInput(case_id=view.case.id, score=4, safe_to_talk=True,
                                   safe_contact="Phone: 07700 900999"))
    view._reload()
    settle(qtbot, window)
    assert view.risk_section.suggestion.isVisible()
    dialog = _open(view, "restrict_button", window, qtbot)
    assert isinstance(dialog, RestrictionDialog)
    assert dialog.suggestion.isVisible() and dialog.restricted.isChecked()
    dialog.restricted.setChecked(False)  # the officer's call: nothing changes, nothing saved
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert view.case is not None and not view.case.restricted
    missing, _seen = unnamed(dialog)
    assert missing == []



def test_with_no_colleagues_yet_the_officer_list_says_where_they_come_from(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "restrict_button", window, qtbot)
    assert isinstance(dialog, RestrictionDialog)
    qtbot.waitUntil(lambda: dialog.officers.count() == 1)
    only = dialog.officers.item(0)
    assert only.text().startswith("No other officers in this profile yet")
    assert "File ▸ Team members" in only.text()
    assert not only.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert dialog.named_officers() == []
