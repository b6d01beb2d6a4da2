"""Retention, legal holds and subject access requests from the main window, on
real profiles: what a supervisor or officer sees, confirms and gets as a file."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.errors import NotFound
from asb_desktop.documents.subject_access import THIRD_PARTY
from asb_desktop.domain.inputs import CaseInput, ClosureInput
from asb_desktop.gui.common import errors as gui_errors
from asb_desktop.gui.lock.lock import install_app_lock
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.records.retention_dialog import RetentionDialog
from asb_desktop.gui.records.subject_access_dialog import SubjectAccessDialog
from asb_desktop.security.lock import IdleLock
from tests.conftest import ARTEFACTS, FakeClock, noise_report
from tests.gui.conftest import settle
from tests.gui.test_accessibility import unnamed
from tests.security.casefile import CaseFile, build, when

HOLD_REASON = "Disrepair claim in the county court"


@pytest.fixture
def supervisor_app(tmp_path: Path, clock: FakeClock) -> Iterator[App]:
    app = create_profile(tmp_path / "sup", "Helen Marsh", "supervisor", clock=clock)
    yield app
    app.close()


def _close_a_case(app: App, clock: FakeClock) -> str:
    report = app.reports.log_report(noise_report(incident_date=clock.now().date()))
    case = app.cases.open_case(CaseInput(report_ids=[report.id]))
    app.cases.close_case(ClosureInput(case.id, outcome="resolved", reason="Music stopped"))
    return case.reference


@pytest.fixture
def old_case(supervisor_app: App, clock: FakeClock) -> CaseFile:
    """A case closed seven years ago (and an open one that is never due)."""
    casefile = build(supervisor_app, clock)
    closed = supervisor_app.cases.get_case(casefile.case_id).closed_at
    assert closed is not None
    clock.set(datetime.combine(when(7, 0, closed.date()), clock.now().time()))
    return casefile


def _retention(window: MainWindow, qtbot: QtBot) -> RetentionDialog:
    window.records.retention_action.trigger()
    dialog = window.records.retention_dialog
    assert dialog is not None and dialog.isVisible()
    settle(qtbot, window)
    return dialog


def _references(dialog: RetentionDialog) -> list[str]:
    return [r.reference for r in dialog.due_model.rows()]


def _choose(dialog: RetentionDialog, reference: str) -> None:
    row = _references(dialog).index(reference)
    dialog.due_table.selectRow(row)


def _button(box: QMessageBox, text: str) -> QAbstractButton:
    return next(b for b in box.buttons() if b.text().startswith(text))


def _last_error() -> QMessageBox:
    boxes = [b for b in gui_errors._open if shiboken6.isValid(b) and b.isVisible()]
    assert boxes, "no error was shown"
    return boxes[-1]


def _close_errors() -> None:
    for box in list(gui_errors._open):
        if shiboken6.isValid(box):
            box.done(0)


# -- retention ---------------------------------------------------------------------------


def test_due_case_is_listed_and_a_cancelled_purge_keeps_it(
    supervisor_app: App, old_case: CaseFile, make_window: Callable[[App], MainWindow], qtbot: QtBot
) -> None:
    window = make_window(supervisor_app)
    dialog = _retention(window, qtbot)
    assert _references(dialog) == [old_case.reference]  # the open case is never due
    row = dialog.due_model.rows()[0]
    assert (row.years, row.hold) == (7, "")
    assert "(1 due for purge)" in dialog.due_heading.text()
    assert dialog.holds_empty.isVisible() and not dialog.holds_table.isVisible()
    assert not dialog.purge_button.isEnabled()  # nothing chosen yet

    _choose(dialog, old_case.reference)
    assert dialog.purge_button.isEnabled()
    ARTEFACTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(ARTEFACTS / "retention.png"))
    dialog.purge_button.click()
    box = dialog.confirm_box
    assert box is not None and box.isVisible()
    assert box.text() == "Purge 1 case for good? This cannot be undone."
    assert old_case.reference in box.informativeText()
    # Enter and Escape both land on keeping the cases, never on the purge.
    assert box.defaultButton() is _button(box, "Keep them")
    assert box.escapeButton() is _button(box, "Keep them")
    assert box.focusWidget() is not _button(box, "Purge")
    _button(box, "Keep them").click()
    settle(qtbot, window)
    assert not dialog.busy.running
    assert _references(dialog) == [old_case.reference]
    assert supervisor_app.cases.get_case(old_case.case_id).reference == old_case.reference


def test_the_list_sorts_by_its_columns(
    supervisor_app: App, clock: FakeClock, make_window: Callable[[App], MainWindow], qtbot: QtBot
) -> None:
    first = _close_a_case(supervisor_app, clock)
    clock.advance(days=30)
    second = _close_a_case(supervisor_app, clock)
    clock.advance(days=365 * 7)
    window = make_window(supervisor_app)
    dialog = _retention(window, qtbot)
    assert _references(dialog) == [first, second]  # oldest closure first
    dialog.due_table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # closed on, newest first
    settle(qtbot, window)
    assert _references(dialog) == [second, first]
    dialog.due_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    settle(qtbot, window)
    assert _references(dialog) == sorted([first, second])
    # Both chosen: one confirmation names the two.
    dialog.due_table.selectAll()
    dialog.purge_button.click()
    assert dialog.confirm_box is not None
    assert dialog.confirm_box.text().startswith("Purge 2 cases for good?")
    assert first in dialog.confirm_box.informativeText()
    assert second in dialog.confirm_box.informativeText()
    dialog.confirm_box.done(0)


def test_a_confirmed_purge_erases_the_case_and_says_what_went(
    supervisor_app: App, old_case: CaseFile, make_window: Callable[[App], MainWindow], qtbot: QtBot
) -> None:
    window = make_window(supervisor_app)
    dialog = _retention(window, qtbot)
    _choose(dialog, old_case.reference)
    dialog.purge_button.click()
    assert dialog.confirm_box is not None
    _button(dialog.confirm_box, "Purge 1 case").click()
    # The purge runs on the worker: the dialog says so and will not close under it.
    assert dialog.busy.running and "Purging 1 case" in dialog.busy.label.text()
    assert not dialog.purge_button.isEnabled()
    dialog.reject()
    assert dialog.isVisible()
    settle(qtbot, window)
    assert not dialog.busy.running
    assert _references(dialog) == []
    assert dialog.due_empty.isVisible()
    assert f"Purged {old_case.reference}:" in dialog.outcome.text()
    assert "recorded in the audit log" in dialog.outcome.text()
    with pytest.raises(NotFound):
        supervisor_app.cases.get_case(old_case.case_id)
    assert supervisor_app.retention.due() == []
    # The open case sharing the perpetrator is untouched.
    assert supervisor_app.cases.get_case(old_case.other_case_id).status != "closed"


def test_a_hold_needs_a_reason_and_a_held_case_is_not_purged(
    supervisor_app: App, old_case: CaseFile, make_window: Callable[[App], MainWindow], qtbot: QtBot
) -> None:
    window = make_window(supervisor_app)
    dialog = _retention(window, qtbot)
    _choose(dialog, old_case.reference)
    dialog.hold_button.click()
    hold = dialog.hold_dialog
    assert hold is not None and hold.isVisible()
    assert hold.reference.text() == old_case.reference
    hold.save_button.click()  # no reason given
    settle(qtbot, window)
    assert hold.isVisible()
    assert hold.errors.message("reason") == "Give the reason for the legal hold"
    assert hold.errors.summary.isVisible()
    assert supervisor_app.retention.holds() == []

    hold.reason.setText(HOLD_REASON)
    hold.save_button.click()
    settle(qtbot, window)
    assert not hold.isVisible()
    assert dialog.outcome.text() == f"{old_case.reference}: legal hold placed."
    [held] = dialog.holds_model.rows()
    assert (held.reference, held.reason) == (old_case.reference, HOLD_REASON)
    # Still listed as past retention, with the reason it is kept.
    [row] = dialog.due_model.rows()
    assert row.hold == HOLD_REASON
    assert dialog.due_model.data(dialog.due_model.index(0, 4)) == f"Yes: {HOLD_REASON}"
    assert "(0 due for purge)" in dialog.due_heading.text()

    _choose(dialog, old_case.reference)
    dialog.purge_button.click()
    assert dialog.confirm_box is None  # nothing to confirm: it cannot be purged
    assert "Not purged" in dialog.outcome.text() and "on legal hold" in dialog.outcome.text()
    assert supervisor_app.cases.get_case(old_case.case_id).id == old_case.case_id

    # Lifting needs a reason too, and makes the case due again.
    dialog.holds_table.selectRow(0)
    dialog.lift_button.click()
    lift = dialog.hold_dialog
    assert lift is not None and lift.reference.isReadOnly()
    lift.reason.setText("Claim settled")
    lift.save_button.click()
    settle(qtbot, window)
    assert dialog.holds_model.rows() == []
    assert [r.hold for r in dialog.due_model.rows()] == [""]


def test_a_hold_placed_after_the_list_was_read_still_stops_the_purge(
    supervisor_app: App, old_case: CaseFile, make_window: Callable[[App], MainWindow], qtbot: QtBot
) -> None:
    window = make_window(supervisor_app)
    dialog = _retention(window, qtbot)
    # A colleague's hold arrives (by sync, say) while the list is on screen.
    supervisor_app.retention.place_hold(old_case.case_id, HOLD_REASON)
    _choose(dialog, old_case.reference)
    dialog.purge_button.click()
    assert dialog.confirm_box is not None
    _button(dialog.confirm_box, "Purge").click()
    settle(qtbot, window)
    error = _last_error()
    assert f"Nothing was purged: {old_case.reference} is on a legal hold" in error.text()
    _close_errors()
    assert supervisor_app.cases.get_case(old_case.case_id).id == old_case.case_id
    assert [h.reference for h in dialog.holds_model.rows()] == [old_case.reference]


def test_a_hold_on_an_unknown_reference_says_so_beside_the_field(
    supervisor_app: App, old_case: CaseFile, make_window: Callable[[App], MainWindow], qtbot: QtBot
) -> None:
    window = make_window(supervisor_app)
    dialog = _retention(window, qtbot)
    dialog.hold_button.click()
    hold = dialog.hold_dialog
    assert hold is not None and hold.reference.text() == ""
    hold.save_button.click()
    assert hold.errors.message("reference") == "Enter the case reference"
    hold.reference.setText("ASB/1999/9999")
    hold.reason.setText(HOLD_REASON)
    hold.save_button.click()
    settle(qtbot, window)
    assert "There is no case ASB/1999/9999" in hold.errors.message("reference")
    assert hold.reason.text() == HOLD_REASON  # nothing typed is lost
    # Any case can be held by its reference, open ones included.
    other = supervisor_app.cases.get_case(old_case.other_case_id).reference
    hold.reference.setText(other.lower())
    hold.save_button.click()
    settle(qtbot, window)
    assert [h.reference for h in dialog.holds_model.rows()] == [other]


def test_compact_shows_progress_then_the_result(
    supervisor_app: App, old_case: CaseFile, make_window: Callable[[App], MainWindow], qtbot: QtBot
) -> None:
    window = make_window(supervisor_app)
    dialog = _retention(window, qtbot)
    dialog.compact_button.click()
    assert dialog.busy.running and not dialog.compact_button.isEnabled()
    settle(qtbot, window)
    assert not dialog.busy.running and dialog.compact_button.isEnabled()
    assert dialog.outcome.text() != ""


def test_officers_do_not_see_the_retention_entry(
    app: App, window: MainWindow
) -> None:
    action = window.records.retention_action
    assert not action.isVisible() and not action.isEnabled()
    file_menu = window.menuBar().actions()[0].menu()
    assert file_menu is not None
    shown = [a.text() for a in file_menu.actions() if a.isVisible()]
    assert "Subject &access request…" in shown
    assert not any("Retention" in t or "Re&tention" in t for t in shown)


def test_the_lock_switches_off_the_records_entries_and_hides_an_open_dialog(
    supervisor_app: App, old_case: CaseFile, clock: FakeClock,
    make_window: Callable[[App], MainWindow], qtbot: QtBot
) -> None:
    window = make_window(supervisor_app)
    lock = install_app_lock(window, IdleLock(clock=clock, idle=timedelta(minutes=5)),
                            lambda pin: pin == "4821")
    dialog = _retention(window, qtbot)
    _choose(dialog, old_case.reference)
    dialog.hold_button.click()
    hold = dialog.hold_dialog
    assert hold is not None and hold.isVisible()
    lock.lock_now()
    assert not window.records.retention_action.isEnabled()
    assert not window.records.subject_access_action.isEnabled()
    # Case references must not stay on a locked screen, in any of the dialog's windows.
    assert not dialog.isVisible() and not hold.isVisible()
    lock.pin.setText("4821")
    assert lock.try_unlock()
    assert window.records.retention_action.isEnabled()
    assert window.records.subject_access_action.isEnabled()
    assert dialog.isVisible() and hold.isVisible()
    hold.reject()
    dialog.reject()
    lock.lock_now()
    lock.pin.setText("4821")
    assert lock.try_unlock()
    assert not dialog.isVisible()  # a dialog closed before the lock stays closed


def test_officer_lock_keeps_the_retention_entry_off(
    app: App, clock: FakeClock, window: MainWindow
) -> None:
    lock = install_app_lock(window, IdleLock(clock=clock, idle=timedelta(minutes=5)),
                            lambda pin: pin == "4821")
    lock.lock_now()
    lock.pin.setText("4821")
    assert lock.try_unlock()
    assert window.records.subject_access_action.isEnabled()
    assert not window.records.retention_action.isEnabled()


# -- subject access ------------------------------------------------------------------------


def _sar(window: MainWindow, qtbot: QtBot, out: Path) -> SubjectAccessDialog:
    window.records.ask_save_path = lambda *_a: str(out)
    window.records.subject_access_action.trigger()
    dialog = window.records.subject_access_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _find(dialog: SubjectAccessDialog, window: MainWindow, qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(dialog.search, text)
    qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=5000)
    settle(qtbot, window)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_officer_exports_a_pdf_that_names_the_subject_and_hides_others(
    app: App, clock: FakeClock, window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    casefile = build(app, clock)
    out = tmp_path / "Oyelaran request"  # no ending typed: the format's is added
    dialog = _sar(window, qtbot, out)
    assert not dialog.third_parties.isEnabled()
    assert "Only a supervisor" in dialog.third_parties.toolTip()
    _find(dialog, window, qtbot, "Oyel")
    assert dialog.results.count() == 1
    assert "Marguerite Oyelaran" in dialog.results.item(0).text()
    dialog.results.setCurrentRow(0)
    assert dialog.person is not None and dialog.person.id == casefile.victim_id
    assert "Marguerite Oyelaran" in dialog.chosen_label.text()
    assert dialog.pdf.isChecked()
    dialog.export_button.click()
    assert dialog.busy.running
    settle(qtbot, window)
    written = out.with_name("Oyelaran request.pdf")
    assert dialog.written == written and written.is_file()
    assert str(written) in dialog.outcome.text()
    assert THIRD_PARTY in dialog.outcome.text()
    assert dialog.grab().save(str(ARTEFACTS / "subject-access.png"))
    text = _pdf_text(written)
    assert "Marguerite Oyelaran" in text
    assert THIRD_PARTY in text
    assert "Quillfeather" not in text and "Strongbow" not in text


def test_supervisor_json_may_include_third_parties_but_not_by_default(
    supervisor_app: App, clock: FakeClock, make_window: Callable[[App], MainWindow],
    qtbot: QtBot, tmp_path: Path
) -> None:
    build(supervisor_app, clock)
    window = make_window(supervisor_app)
    out = tmp_path / "sar.json"
    dialog = _sar(window, qtbot, out)
    assert dialog.third_parties.isEnabled() and not dialog.third_parties.isChecked()
    _find(dialog, window, qtbot, "Marguerite")
    dialog.results.setCurrentRow(0)
    dialog.json.setChecked(True)
    dialog.export_button.click()
    settle(qtbot, window)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["person"]["name"] == "Marguerite Oyelaran"
    assert data["third_parties"] == "withheld" and THIRD_PARTY in out.read_text(encoding="utf-8")

    dialog.third_parties.setChecked(True)
    dialog.export_button.click()
    settle(qtbot, window)
    raw = out.read_text(encoding="utf-8")
    assert json.loads(raw)["third_parties"] == "included" and "Quillfeather" in raw
    assert "are included" in dialog.outcome.text()


def test_sar_problems_are_shown_and_nothing_chosen_is_lost(
    app: App, clock: FakeClock, window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    build(app, clock)
    dialog = _sar(window, qtbot, tmp_path / "no such folder" / "sar.pdf")
    dialog.export_button.click()  # no one chosen
    assert dialog.errors.message("person") == "Choose the person who made the request"
    assert dialog.errors.summary.isVisible()
    _find(dialog, window, qtbot, "Oyel")
    dialog.results.setCurrentRow(0)
    dialog.export_button.click()
    settle(qtbot, window)
    assert "does not exist" in _last_error().text()
    _close_errors()
    assert dialog.person is not None and dialog.person.name == "Marguerite Oyelaran"
    assert dialog.outcome.text() == "The export was not written."
    assert dialog.export_button.isEnabled()
    # A PDF saved under a .json name is a slip, caught before anything is written.
    dialog.ask_save_path = lambda *_a: str(tmp_path / "sar.json")
    dialog.export_button.click()
    assert "must be saved as a .pdf file" in _last_error().text()
    _close_errors()
    assert not (tmp_path / "sar.json").exists()


def test_a_new_request_starts_empty(
    app: App, clock: FakeClock, window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    build(app, clock)
    dialog = _sar(window, qtbot, tmp_path / "x.pdf")
    _find(dialog, window, qtbot, "Oyel")
    dialog.results.setCurrentRow(0)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    again = _sar(window, qtbot, tmp_path / "x.pdf")
    assert again is dialog and again.person is None
    assert again.search.text() == "" and again.results.count() == 0


# -- keyboard and screen readers ----------------------------------------------------------


def _all_named(root: QWidget, least: int) -> None:
    missing, seen = unnamed(root)
    assert seen >= least, f"only {seen} controls found"
    assert missing == [], f"unnamed controls: {missing}"


def test_both_dialogs_name_every_control_and_close_on_escape(
    supervisor_app: App, old_case: CaseFile, make_window: Callable[[App], MainWindow],
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(supervisor_app)
    retention = _retention(window, qtbot)
    _all_named(retention, 6)
    _choose(retention, old_case.reference)
    retention.hold_button.click()
    assert retention.hold_dialog is not None
    _all_named(retention.hold_dialog, 4)
    qtbot.keyClick(retention.hold_dialog, Qt.Key.Key_Escape)
    assert not retention.hold_dialog.isVisible()
    qtbot.keyClick(retention, Qt.Key.Key_Escape)
    assert not retention.isVisible()

    sar = _sar(window, qtbot, tmp_path / "x.pdf")
    _find(sar, window, qtbot, "Oyel")
    _all_named(sar, 6)
    qtbot.keyClick(sar, Qt.Key.Key_Escape)
    assert not sar.isVisible()
