"""Alt+letter does one thing on each screen: no two visible controls share an access key.

A clash makes Alt+L cycle between "Audit log" and "Close case" instead of
pressing either, which a keyboard user only finds out when the wrong thing
has focus.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenuBar, QWidget
from pytestqt.qtbot import QtBot

from asb_desktop.app import create_profile
from asb_desktop.domain.inputs import CaseInput
from asb_desktop.gui.main_window import MainWindow
from tests.conftest import FakeClock, noise_report
from tests.gui.conftest import settle

_KEY = re.compile(r"&([^&\s])")


def _key(text: str) -> str | None:
    found = _KEY.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def access_keys(window: MainWindow, page: QWidget) -> dict[str, list[str]]:
    """Access key -> the visible controls that answer to it on this page and the menu bar."""
    keys: dict[str, list[str]] = defaultdict(list)
    bar = window.findChild(QMenuBar)
    assert bar is not None
    for action in bar.actions():
        if (k := _key(action.text())) is not None:
            keys[k].append(f"menu {action.text()!r}")
    tabs = window.tabs.tabBar()
    for i in range(tabs.count()):
        if (k := _key(tabs.tabText(i))) is not None:
            keys[k].append(f"tab {tabs.tabText(i)!r}")
    for w in page.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QAbstractButton) or (isinstance(w, QLabel) and w.buddy() is not None):
            text = w.text()
        elif isinstance(w, QGroupBox) and w.isCheckable():
            text = w.title()
        else:
            continue
        if (k := _key(text)) is not None:
            keys[k].append(f"{type(w).__name__} {text!r}")
    return keys


def clashes(window: MainWindow, page: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in access_keys(window, page).items() if len(v) > 1}


def test_no_two_controls_share_an_access_key_on_any_tab(
    tmp_path: Path, clock: FakeClock, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    # A supervisor sees every button (the audit log too) on an open case.
    app = create_profile(tmp_path / "sup", "Pat Supervisor", "supervisor", clock=clock)
    window: MainWindow | None = None
    try:
        app.cases.open_case(CaseInput(report_ids=[app.reports.log_report(noise_report()).id]))
        app.reports.log_report(noise_report(description="Shouting on the landing"))
        window = make_window(app)
        window.reports_tab.table.selectRow(0)
        settle(qtbot, window)
        window.tabs.setCurrentWidget(window.cases_tab)
        settle(qtbot, window)
        window.cases_tab.table.selectRow(0)
        settle(qtbot, window)
        assert window.cases_tab.view.close_button.isVisible()
        screens = [(window.reports_tab, None), (window.reports_tab, "new report form"),
                   (window.reports_tab, "new person"), (window.reports_tab, "draft offered"),
                   (window.cases_tab, None), (window.visits_tab, None)]
        for page, form in screens:
            window.tabs.setCurrentWidget(page)
            if form:
                window.new_report()
            form_view = window.reports_tab.form
            if form == "new person":
                form_view.mode_new.setChecked(True)
            if form == "draft offered":
                form_view.draft_bar.show()  # as when an unsaved report is waiting
            settle(qtbot, window)
            found = access_keys(window, page)
            assert sum(len(v) for v in found.values()) >= 8, found
            assert clashes(window, page) == {}, (page.objectName(), form, clashes(window, page))
    finally:
        if window is not None:
            window.ops.wait_all()
        app.close()


def test_the_check_notices_a_clash(window: MainWindow) -> None:
    from PySide6.QtWidgets import QPushButton

    window.tabs.setCurrentWidget(window.cases_tab)
    twins = [QPushButton(text, window.cases_tab) for text in ("&Quash", "&Quell")]
    for twin in twins:
        twin.show()
    try:
        assert clashes(window, window.cases_tab)["q"] == [
            "QPushButton '&Quash'", "QPushButton '&Quell'"]
    finally:
        for twin in twins:
            twin.deleteLater()
