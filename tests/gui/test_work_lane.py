"""The window's one work lane: asked-for work first, stale reads dropped, one
failure route, and one announcement of what changed that every view follows."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.controllers.errors import ValidationError
from asb_desktop.domain.inputs import CaseInput
from asb_desktop.gui.common import errors as gui_errors
from asb_desktop.gui.common.ops import Lane, OpsRunner, Priority
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.review.review_dialogs import ReassignDialog
from tests.conftest import noise_report
from tests.gui.conftest import settle
from tests.review.caseload import Caseload, build_caseload


@pytest.fixture
def ops(qtbot: QtBot) -> Iterator[OpsRunner]:
    runner = OpsRunner()
    yield runner
    runner.wait_all()


def _hold_lane(ops: OpsRunner) -> threading.Event:
    """Occupy the database lane until the returned event is set, so what is queued
    behind it waits as it would behind a slow page."""
    release, started = threading.Event(), threading.Event()

    def slow() -> None:
        started.set()
        release.wait(10)

    ops.run(slow)
    assert started.wait(5)
    return release


def _dialogs() -> list[QMessageBox]:
    return list(gui_errors._open)


def test_a_validation_error_lands_on_its_form_and_a_bug_in_the_error_dialog(
    qtbot: QtBot, ops: OpsRunner
) -> None:
    shown: list[dict[str, str]] = []
    tidied: list[str] = []
    parent = QWidget()
    qtbot.addWidget(parent)

    def invalid() -> None:
        raise ValidationError({"reason": "Give the reason for closing"})

    ops.run(invalid, form=shown.append, parent=parent,
            after_failure=lambda exc: tidied.append(type(exc).__name__))
    qtbot.waitUntil(ops.idle)
    assert shown == [{"reason": "Give the reason for closing"}]
    assert tidied == ["ValidationError"]
    assert _dialogs() == []  # the message is on the form, not in a box

    def broken() -> None:
        raise KeyError("a bug")

    ops.run(broken, form=shown.append, parent=parent)
    qtbot.waitUntil(ops.idle)
    assert len(shown) == 1  # the form did not get the bug's text
    boxes = _dialogs()
    assert len(boxes) == 1 and boxes[0].text() == gui_errors.GENERIC
    assert "a bug" not in boxes[0].text()
    boxes[0].close()


def test_a_read_made_stale_by_a_newer_one_is_dropped(qtbot: QtBot, ops: OpsRunner) -> None:
    ran: list[str] = []
    delivered: list[str] = []
    release = _hold_lane(ops)
    for text in ("n", "no", "noi", "noise"):
        ops.run(lambda t=text: ran.append(t) or t, delivered.append,  # type: ignore[func-returns-value]
                priority=Priority.BACKGROUND, latest="reports:filter")
    assert ops.busy == 2  # the slow job and the newest filter only
    release.set()
    qtbot.waitUntil(ops.idle)
    assert ran == ["noise"] and delivered == ["noise"]


def test_what_the_officer_asked_for_overtakes_queued_background_reads(
    qtbot: QtBot, ops: OpsRunner
) -> None:
    order: list[str] = []
    release = _hold_lane(ops)
    for name in ("caseload page", "flag check", "draft save", "status counts"):
        ops.run(lambda n=name: order.append(n), priority=Priority.BACKGROUND, latest=name)
    ops.run(lambda: order.append("save report"))
    ops.run(lambda: order.append("open case"))
    release.set()
    qtbot.waitUntil(ops.idle)
    assert order[:2] == ["save report", "open case"]  # in the order they were asked
    assert sorted(order[2:]) == sorted(["caseload page", "flag check", "draft save",
                                        "status counts"])


def test_a_save_does_not_wait_for_a_background_read_already_running(
    qtbot: QtBot, ops: OpsRunner
) -> None:
    """A broad caseload page can take most of a second on a large profile; it runs
    on the read lane, so the officer's Save is not stuck behind it."""
    release, started = threading.Event(), threading.Event()

    def slow_page() -> str:
        started.set()
        release.wait(10)
        return "page"

    arrived: list[str] = []
    ops.run(slow_page, arrived.append, lane=Lane.READ, priority=Priority.BACKGROUND)
    assert started.wait(5)
    ops.run(lambda: "saved", arrived.append)
    qtbot.waitUntil(lambda: arrived == ["saved"], timeout=5000)  # while the page still runs
    release.set()
    qtbot.waitUntil(ops.idle)
    assert arrived == ["saved", "page"]


def test_a_failed_closure_does_not_offer_the_add_action_button(
    qtbot: QtBot, app: App, make_window: Callable[[App], MainWindow]
) -> None:
    """The closure and the action forms share a page: a closure refused must leave
    the action form as it was."""
    report = app.reports.log_report(noise_report())
    case = app.cases.open_case(CaseInput(report_ids=[report.id]))
    window = make_window(app)
    window.tabs.setCurrentWidget(window.cases_tab)
    view = window.cases_tab.view
    view.load(case.id)
    settle(qtbot, window)
    view.add_action_button.setEnabled(False)  # as while an action is being saved
    view.close_case()
    settle(qtbot, window)
    form = view.form_dialog
    assert form is not None
    form.survey.setCurrentIndex(form.survey.findData("declined"))
    form.save_button.click()  # no outcome or reason given
    settle(qtbot, window)
    assert form.errors.message("outcome") or form.errors.message("reason")
    assert not view.add_action_button.isEnabled()
    assert _dialogs() == []


def test_the_status_bar_follows_a_reassignment_made_in_the_review(
    qtbot: QtBot, tmp_path: Path, make_window: Callable[[App], MainWindow]
) -> None:
    """Nobody wires the review to the status bar: the runner's announcement of what
    changed reaches it, so "Waiting to sync" counts the reassignment."""
    built = build_caseload(tmp_path / "sup")
    caseload: Caseload = next(built)
    window = make_window(caseload.app)
    settle(qtbot, window)
    before = window.status.pending_label.text()
    assert before.startswith("Waiting to sync: ")
    assert window.review_tab is not None
    window.tabs.setCurrentWidget(window.review_tab)
    settle(qtbot, window)
    tab = window.review_tab
    tab.workload_table.cellClicked.emit(0, 1)
    settle(qtbot, window)
    tab.case_table.selectRow(0)
    dialog = tab.reassign()
    assert isinstance(dialog, ReassignDialog)
    dialog.reason.setText("Priya on leave until 4 May")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    after = window.status.pending_label.text()
    count = lambda text: int(text.split(": ")[1].split()[0].replace(",", ""))  # noqa: E731
    assert count(after) > count(before)
    next(built, None)
