"""The status bar always says who is signed in, the share, the last sync and what waits."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.gui.main_window import SYNC_MISSING, MainWindow
from asb_desktop.gui.ops import OpsRunner
from tests.gui.conftest import settle


def test_status_bar_shows_user_share_sync_and_waiting_changes(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    bar = window.status
    assert bar.user_label.text() == "Signed in: Sam Officer (officer)"
    assert bar.share_label.text() == "Share: not set up"
    assert bar.sync_label.text() == "Last sync: never"
    first = int(bar.pending_label.text().split(": ")[1].split()[0])
    assert first > 0  # creating the profile itself is waiting to reach the share

    window.reports_tab.form.mode_anonymous.click()
    window.reports_tab.form.categories.boxes["noise"].click()
    qtbot.keyClicks(window.reports_tab.form.description, "Dogs barking all day")
    window.save_action.trigger()
    settle(qtbot, window)
    settle(qtbot, window)
    now = int(bar.pending_label.text().split(": ")[1].split()[0])
    assert now > first
    assert not bar.demo_label.isVisible()
    assert "DEMO" not in window.windowTitle()


def test_sync_now_is_disabled_and_says_why_until_sync_is_provided(window: MainWindow) -> None:
    assert not window.sync_action.isEnabled()
    assert window.sync_action.toolTip() == SYNC_MISSING


def test_share_state_comes_from_a_pluggable_provider(app: App, qtbot: QtBot) -> None:
    window = MainWindow(app, OpsRunner(), demo=True, share=lambda: "Share: reachable",
                        sync_now=lambda: None)
    qtbot.addWidget(window)
    window.show()
    window.start()
    settle(qtbot, window)
    assert window.status.share_label.text() == "Share: reachable"
    assert window.sync_action.isEnabled()
    assert window.status.demo_label.isVisible()
    assert window.windowTitle().endswith("DEMO DATA")


def test_print_summary_asks_for_a_case_first(window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.cases_tab)
    window.print_action.trigger()
    assert window._last_box.isVisible()
    assert window._last_box.text() == "Choose a case first, on the Cases tab."
    window._last_box.close()


def test_a_bug_in_a_call_becomes_something_went_wrong(window: MainWindow, qtbot: QtBot) -> None:
    def broken() -> None:
        raise RuntimeError("a bug")

    window.ops.run(broken)
    settle(qtbot, window)
    from PySide6.QtWidgets import QMessageBox

    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert [b.windowTitle() for b in boxes] == ["Something went wrong"]
    assert "has not been saved" in boxes[0].text()
    assert "a bug" not in boxes[0].text()
    boxes[0].close()


def test_print_summary_opens_the_preview_for_the_chosen_case(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    from asb_desktop.domain.inputs import CaseInput
    from tests.conftest import noise_report

    case = app.cases.open_case(CaseInput(report_ids=[app.reports.log_report(noise_report()).id]))
    window.tabs.setCurrentWidget(window.cases_tab)
    settle(qtbot, window)
    window.cases_tab.table.selectRow(0)
    settle(qtbot, window)
    window.print_action.trigger()
    dialog = window.preview
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == f"Case summary {case.reference}"
    with qtbot.waitSignal(dialog.preview_ready, timeout=20000):  # type: ignore[attr-defined]
        dialog.build_preview()  # type: ignore[attr-defined]
    dialog.close()
