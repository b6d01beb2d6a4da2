"""An empty list says what to do, on the Cases and Tenancy visits tabs too: a
new officer's first look at the caseload is not a blank white table."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from asb_desktop.gui.main_window import MainWindow
from tests.gui.conftest import settle


def _message(window: MainWindow, table_owner: object) -> str:
    state = table_owner.empty_state  # type: ignore[attr-defined]
    return str(state.label.text()) if state.label.isVisible() else ""


def test_a_new_officers_caseload_says_how_to_start(window: MainWindow, qtbot: QtBot) -> None:
    tab = window.cases_tab
    window.tabs.setCurrentWidget(tab)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: _message(window, tab) != "")
    assert _message(window, tab) == "No open cases of yours — Ctrl+N logs a report"
    qtbot.keyClicks(tab.search, "okafor")
    tab.apply_filter()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: _message(window, tab) == "No cases match — clear the search or filters")


def test_an_empty_visit_list_says_why(window: MainWindow, qtbot: QtBot) -> None:
    tab = window.visits_tab
    window.tabs.setCurrentWidget(tab)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: _message(window, tab).startswith("No visits due"))
