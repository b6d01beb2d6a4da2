"""Recording contacts, evidence, interventions and referrals from the case
view, through the real dialogs on a real profile."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt, QTime
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.domain.inputs import CaseInput, ClosureInput, InterventionInput, PersonInput
from asb_desktop.gui.cases.case_view import CaseView
from asb_desktop.gui.cases.casework_forms import (
    CaseworkDialog,
    ContactDialog,
    EvidenceDialog,
    ReferralDialog,
)
from asb_desktop.gui.cases.intervention_form import UNEXPLAINED, InterventionDialog
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.start.lock_setup import lock_window
from tests.conftest import ARTEFACTS, noise_report
from tests.core.support import audit_rows
from tests.gui.conftest import officer_types, settle
from tests.gui.test_accessibility import _tab_order, unnamed


@pytest.fixture
def view(app: App, window: MainWindow, qtbot: QtBot) -> CaseView:
    """A case with a complainant and an alleged perpetrator, open in the Cases tab."""
    case = app.cases.open_case(CaseInput(report_ids=[app.reports.log_report(noise_report()).id]))
    app.cases.add_party(case.id, "alleged_perpetrator",
                        new=PersonInput(given_name="Dean", family_name="Walsh"))
    window.tabs.setCurrentWidget(window.cases_tab)
    window.cases_tab.view.load(case.id)
    settle(qtbot, window)
    v = window.cases_tab.view
    assert v.case is not None and v.case.id == case.id
    return v


def _open(view: CaseView, button: str, window: MainWindow, qtbot: QtBot) -> CaseworkDialog:
    getattr(view, button).click()
    settle(qtbot, window)
    dialog = view.form_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()  # as the window manager would: shortcuts go to the active window
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _save(dialog: CaseworkDialog, window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)


def _choose(combo: object, value: object) -> None:
    index = combo.findData(value)  # type: ignore[attr-defined]
    assert index >= 0, value
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def _timeline(view: CaseView) -> list[str]:
    return [view.timeline.item(i, 2).text() for i in range(view.timeline.rowCount())]


def test_a_contact_needs_a_summary_then_appears_in_the_timeline(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "contact_button", window, qtbot)
    assert isinstance(dialog, ContactDialog)
    _save(dialog, window, qtbot)
    assert dialog.isVisible()
    assert dialog.errors.summary.isVisible()
    assert dialog.errors.summary.messages == ["Summarise the contact"]
    assert dialog.errors.message("summary") == "Summarise the contact"
    assert dialog.summary.hasFocus()

    amira = next(p.person.id for p in view.case.parties if p.person.name == "Amira Okafor")
    _choose(dialog.person, amira)
    _choose(dialog.method, "home_visit")
    dialog.just_now.setChecked(False)  # an earlier visit, entered afterwards
    dialog.at.setDateTime(QDateTime(dialog.at.date().addDays(-1), QTime(16, 15)))
    qtbot.keyClicks(dialog.summary, "Told Amira we have written to the flat above")
    dialog.victim_update.setChecked(True)
    _save(dialog, window, qtbot)

    assert not dialog.isVisible()
    assert ("Contact by home visit with Amira Okafor (victim update): "
            "Told Amira we have written to the flat above") in _timeline(view)
    contacts = app.cases.get_case(view.case.id).contacts
    assert len(contacts) == 1 and contacts[0].victim_update
    assert contacts[0].at.strftime("%d/%m %H:%M") == "01/03 16:15"


def test_a_contact_in_the_future_is_refused_beside_the_date(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "contact_button", window, qtbot)
    assert isinstance(dialog, ContactDialog)
    dialog.just_now.setChecked(False)
    dialog.at.setDateTime(QDateTime(dialog.at.date().addDays(2), QTime(10, 0)))
    qtbot.keyClicks(dialog.summary, "Phoned the complainant")
    dialog.save_button.click()
    settle(qtbot, window)
    assert dialog.errors.message("at") == "A contact cannot be in the future"
    assert dialog.at.hasFocus()
    assert app.cases.get_case(view.case.id).contacts == ()


def test_evidence_needs_a_kind_and_description_and_is_fingerprinted(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = _open(view, "evidence_button", window, qtbot)
    assert isinstance(dialog, EvidenceDialog)
    dialog.save_button.click()
    settle(qtbot, window)
    assert dialog.errors.summary.messages == ["Choose the kind of evidence", "Describe the evidence"]
    assert dialog.errors.message("description") == "Describe the evidence"
    assert dialog.kind.hasFocus()

    _choose(dialog.kind, "recording")
    qtbot.keyClicks(dialog.description, "Phone recording of music at 2am, 28 Feb")
    dialog.file.setText(str(tmp_path / "missing.m4a"))
    dialog.save_button.click()
    settle(qtbot, window)
    assert dialog.errors.message("file_name").startswith("That file cannot be read")
    assert dialog.errors.message("description") == ""
    assert app.cases.get_case(view.case.id).evidence == ()

    recording = tmp_path / "music-2am.m4a"
    recording.write_bytes(b"not really audio")
    dialog.file.setText(str(recording))
    dialog.shareable.setChecked(True)
    dialog.save_button.click()
    settle(qtbot, window)
    assert not dialog.isVisible()
    assert "Recording: Phone recording of music at 2am, 28 Feb (shareable)" in view.evidence.text()
    [item] = app.cases.get_case(view.case.id).evidence
    assert item.file_name == "music-2am.m4a"
    assert item.sha256 == hashlib.sha256(b"not really audio").hexdigest()


def test_signposting_from_the_directory_shows_under_referrals(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "referral_button", window, qtbot)
    assert isinstance(dialog, ReferralDialog)
    assert dialog.kind.currentData() == "signposting"
    dialog.save_button.click()
    settle(qtbot, window)
    assert dialog.errors.summary.messages == ["Name the service"]
    assert dialog.service.hasFocus()

    _choose(dialog.service, "victim_support")
    assert "08 08 16 89 111" in dialog.service_note.text()  # the number to give the resident
    amira = next(p.person.id for p in view.case.parties if p.person.name == "Amira Okafor")
    _choose(dialog.person, amira)
    dialog.save_button.click()
    settle(qtbot, window)
    assert not dialog.isVisible()
    assert "Signposting: Victim Support for Amira Okafor" in view.referrals.text()


def test_a_referral_to_a_service_not_in_the_directory_can_be_typed_and_saved_with_enter(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "referral_button", window, qtbot)
    assert isinstance(dialog, ReferralDialog)
    _choose(dialog.kind, "referral")
    qtbot.keyClicks(dialog.service, "Leeds Youth Service")
    qtbot.keyClick(dialog.service, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert not dialog.isVisible()
    [referral] = app.cases.get_case(view.case.id).referrals
    assert (referral.kind, referral.service) == ("referral", "Leeds Youth Service")
    assert "Referral: Leeds Youth Service" in view.referrals.text()


def _fill_intervention(dialog: InterventionDialog, kind: str, qtbot: QtBot,
                       window: MainWindow) -> None:
    _choose(dialog.kind, kind)
    settle(qtbot, window)  # the ladder is asked on the worker
    qtbot.keyClicks(dialog.proportionate_reason, "Noise most nights for a month")


def test_the_next_step_up_the_ladder_saves_without_a_warning(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "intervention_button", window, qtbot)
    assert isinstance(dialog, InterventionDialog)
    dialog.save_button.click()
    settle(qtbot, window)
    assert dialog.errors.summary.messages == [
        "Choose the intervention", "Explain why this step is reasonable and proportionate"]
    assert dialog.kind.hasFocus()

    _fill_intervention(dialog, "advice", qtbot, window)
    assert not dialog.ladder.isVisible() and not dialog.go_on.isVisible()
    dialog.save_button.click()
    settle(qtbot, window)
    assert not dialog.isVisible()
    assert "Intervention: Advice from 02 Mar 2026" in view.referrals.text()
    assert "Advice" in [view.timeline.item(i, 2).text() for i in range(view.timeline.rowCount())]

    dialog = _open(view, "intervention_button", window, qtbot)
    assert isinstance(dialog, InterventionDialog)
    _fill_intervention(dialog, "warning_letter", qtbot, window)
    assert not dialog.ladder.isVisible()
    dialog.save_button.click()
    settle(qtbot, window)
    assert not dialog.isVisible()
    assert [i.kind for i in app.cases.get_case(view.case.id).interventions] == [
        "advice", "warning_letter"]


def test_a_jump_up_the_ladder_warns_in_the_form_and_needs_an_explanation(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    app.casework.add_intervention(InterventionInput(
        case_id=view.case.id, kind="advice", started_on=app.unit.today(),
        proportionate_reason="First report"))
    dialog = _open(view, "intervention_button", window, qtbot)
    assert isinstance(dialog, InterventionDialog)
    _fill_intervention(dialog, "civil_injunction", qtbot, window)
    assert dialog.ladder.isVisible()
    assert "Civil injunction skips Warning letter, Mediation" in dialog.ladder.text()
    assert dialog.go_on.isVisible() and not dialog.go_on.isChecked()

    dialog.save_button.click()
    settle(qtbot, window)
    assert dialog.isVisible()
    assert dialog.errors.summary.messages == [UNEXPLAINED]
    assert dialog.errors.message("tried_before") == UNEXPLAINED
    assert dialog.tried_before.hasFocus()
    ARTEFACTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(ARTEFACTS / "intervention-ladder.png"))
    assert [i.kind for i in app.cases.get_case(view.case.id).interventions] == ["advice"]

    qtbot.keyClicks(dialog.tried_before, "Threats of violence to the complainant; police agree")
    dialog.save_button.click()
    settle(qtbot, window)
    assert not dialog.isVisible()
    saved = app.cases.get_case(view.case.id).interventions
    assert [i.kind for i in saved] == ["advice", "civil_injunction"]
    assert saved[1].tried_before == "Threats of violence to the complainant; police agree"


def test_a_jump_up_the_ladder_can_go_on_once_the_officer_confirms(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "intervention_button", window, qtbot)
    assert isinstance(dialog, InterventionDialog)
    _fill_intervention(dialog, "abc", qtbot, window)
    assert "skips Advice, Warning letter, Mediation." in dialog.ladder.text()
    _choose(dialog.kind, "advice")  # a change of mind takes the warning away
    settle(qtbot, window)
    assert not dialog.ladder.isVisible()
    _choose(dialog.kind, "abc")
    settle(qtbot, window)
    assert dialog.ladder.isVisible()
    dialog.go_on.setChecked(True)
    dialog.save_button.click()
    settle(qtbot, window)
    assert not dialog.isVisible()
    assert [i.kind for i in app.cases.get_case(view.case.id).interventions] == ["abc"]
    decided = [r.detail for r in audit_rows(app) if r.action == "intervention.added"]
    assert len(decided) == 1
    assert "confirmed going on past the ladder warning" in decided[0]
    assert "skips Advice, Warning letter, Mediation" in decided[0]


def test_escape_cancels_a_form_without_saving(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "contact_button", window, qtbot)
    qtbot.keyClicks(dialog.summary, "Half-typed note")  # type: ignore[attr-defined]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert not dialog.isVisible()
    assert app.cases.get_case(view.case.id).contacts == ()


def test_a_half_filled_form_hides_behind_the_app_lock_and_comes_back_after(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    lock_window(window, app, window.ops, ask_pin=officer_types("4821", "4821"))
    settle(qtbot, window)
    dialog = _open(view, "contact_button", window, qtbot)
    qtbot.keyClicks(dialog.summary, "Amira says he threatened her")  # type: ignore[attr-defined]
    lock = window.app_lock
    assert lock is not None
    lock.lock_now()
    assert lock.showing_lock
    assert not dialog.isVisible()  # no victim's words over a locked window
    qtbot.keyClicks(lock.pin, "4821")  # and the form does not block the PIN box
    qtbot.keyClick(lock.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.showing_lock)  # checked on the database lane
    assert dialog.isVisible()
    assert dialog.summary.toPlainText() == "Amira says he threatened her"  # type: ignore[attr-defined]


def test_the_add_buttons_are_gone_once_the_case_is_closed(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    buttons = [view.contact_button, view.evidence_button, view.intervention_button,
               view.referral_button]
    assert all(b.isVisible() for b in buttons)
    app.cases.close_case(ClosureInput(case_id=view.case.id, outcome="resolved",
                                      reason="Noise stopped"))
    view.load(view.case.id)
    settle(qtbot, window)
    assert view.closed_label.text().startswith("Closed")
    assert not any(b.isVisible() for b in buttons)


@pytest.mark.parametrize("button, least", [
    ("contact_button", 9), ("evidence_button", 7), ("intervention_button", 12),
    ("referral_button", 7),
])
def test_every_control_in_the_forms_has_an_accessible_name(
    window: MainWindow, view: CaseView, qtbot: QtBot, button: str, least: int
) -> None:
    dialog = _open(view, button, window, qtbot)
    missing, seen = unnamed(dialog)
    assert seen >= least, f"only {seen} controls found"
    assert missing == []


def test_tab_order_follows_the_intervention_form_top_to_bottom(
    window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "intervention_button", window, qtbot)
    assert isinstance(dialog, InterventionDialog)
    assert dialog.kind.hasFocus()  # the first field, not the Save button
    _fill_intervention(dialog, "cpn", qtbot, window)
    order = _tab_order(dialog.kind)
    expected = ["Step", "Person", "Started or served on", "Expires on: has an expiry date",
                "Review on: has a review date", "Why it is proportionate",
                "What was tried before", "Go on without an explanation", "Notes",
                "Save intervention", "Cancel"]
    positions = [order.index(name) for name in expected]
    assert positions == sorted(positions), order


def test_choosing_whom_a_contact_is_with_shows_what_to_adjust_for_them(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    """Before picking how to reach someone, the officer sees their reasonable
    adjustments and how they asked to be contacted."""
    assert view.case is not None
    dean = next(p.person for p in view.case.parties if p.person.name == "Dean Walsh")
    app.people.update_person(dean.id, PersonInput(
        given_name="Dean", family_name="Walsh", adjustments=["interpreter"],
        contact_preferences="Text first; no calls before 10am"))
    view._reload()
    settle(qtbot, window)
    dialog = _open(view, "contact_button", window, qtbot)
    assert isinstance(dialog, ContactDialog)
    assert not dialog.needs.isVisible()  # nobody chosen yet
    _choose(dialog.person, dean.id)
    assert dialog.needs.isVisible()
    assert "Interpreter" in dialog.needs.text()
    assert "Text first; no calls before 10am" in dialog.needs.text()
    _choose(dialog.person, None)
    assert not dialog.needs.isVisible()
