"""The status bar always says who is signed in, the share, the last sync and what waits."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.status import StatusController
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.main_window import SYNC_MISSING, MainWindow
from asb_desktop.gui.sync.sync_ui import DEMO_TIP, share_words
from tests.conftest import FakeClock, noise_report
from tests.gui.conftest import settle


def _waiting(text: str) -> int:
    """The count in "Waiting to sync: 1,204 changes"."""
    return int(text.split(": ")[1].split()[0].replace(",", ""))


def test_status_bar_shows_user_share_sync_and_waiting_changes(
    app: App, window: MainWindow, qtbot: QtBot
) -> None:
    bar = window.status
    assert bar.user_label.text() == "Signed in: Sam Officer (officer)"
    assert bar.share_label.text() == "Share: not set up"
    assert bar.sync_label.text() == "Last sync: never"
    first = _waiting(bar.pending_label.text())
    assert first > 0  # creating the profile itself is waiting to reach the share

    window.reports_tab.form.mode_anonymous.click()
    window.reports_tab.form.incident_today.click()
    window.reports_tab.form.categories.boxes["noise"].click()
    qtbot.keyClicks(window.reports_tab.form.description, "Dogs barking all day")
    window.save_action.trigger()
    settle(qtbot, window)
    settle(qtbot, window)
    now = _waiting(bar.pending_label.text())
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
    assert window.status.demo_label.isVisible()
    assert window.windowTitle().endswith("DEMO DATA")
    # Even with a share answering, a demo profile's invented people never travel.
    assert not window.sync_action.isEnabled()
    assert window.sync_action.toolTip() == DEMO_TIP


def test_a_demo_profile_says_it_never_synced_instead_of_counting_changes(
    tmp_path: Path, clock: FakeClock, qtbot: QtBot
) -> None:
    demo = create_profile(tmp_path / "demo", "Demo Officer", "officer", demo=True, clock=clock)
    try:
        for _ in range(3):
            demo.reports.log_report(noise_report())
        assert StatusController(demo.unit).pending_changes() > 3  # what used to be shown
        window = MainWindow(demo, OpsRunner(), demo=True, share=lambda: share_words(demo.sync),
                            sync_now=demo.sync.sync_now)
        qtbot.addWidget(window)
        window.show()
        window.start()
        settle(qtbot, window)
        bar = window.status
        qtbot.waitUntil(lambda: bar.share_label.text() == "Share: not set up")
        assert bar.pending_label.text() == "Demo profile — never synced"
        shown = [w.text() for w in bar.findChildren(QLabel) if w.isVisible()]
        assert not [t for t in shown if "Waiting to sync" in t or "Last sync" in t], shown
        assert not window.sync_action.isEnabled()
        assert window.sync_action.toolTip() == DEMO_TIP
        window.close()
        window.ops.wait_all()
    finally:
        demo.close()


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
