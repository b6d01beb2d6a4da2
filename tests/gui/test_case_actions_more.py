"""More of what an officer does from the case page: give the case a new lead
officer (a restricted case stays restricted, and only its lead officer or a
supervisor may move it), signpost a party to a service from the directory
(a service for the other side is refused) with the person's earlier
referrals shown as they are chosen; and, for supervisors, the equality
monitoring counts on the Caseload review tab."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.access import AccessController
from asb_desktop.domain.inputs import CaseInput
from asb_desktop.gui.cases.assign_dialog import NO_OFFICER, AssignDialog
from asb_desktop.gui.cases.case_view import CaseView
from asb_desktop.gui.cases.casework_forms import ReferralDialog
from asb_desktop.gui.common import errors as gui_errors
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.review.closure_review import STRAND_HEADERS
from asb_desktop.gui.review.review_charts import table_text
from tests.conftest import FakeClock, noise_report
from tests.core.support import audit_rows, counts
from tests.gui.conftest import settle
from tests.gui.test_accessibility import unnamed
from tests.gui.test_case_risk import shoot
from tests.gui.test_casework_forms import _choose, _open, _save, view

__all__ = ["view"]


def _error_boxes() -> list[QMessageBox]:
    return [b for b in gui_errors._open if b.isVisible()]


def _assign(view: CaseView, window: MainWindow, qtbot: QtBot) -> AssignDialog:
    dialog = _open(view, "assign_button", window, qtbot)
    assert isinstance(dialog, AssignDialog)
    qtbot.waitUntil(lambda: dialog.officer.count() > 1)  # the team arrived
    return dialog


def test_the_lead_officer_gives_the_case_to_a_colleague_with_a_reason(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    jo = app.profile.add_user("Jo Colleague", "officer")
    dialog = _assign(view, window, qtbot)
    assert not dialog.note.isVisible()  # not a restricted case
    assert [dialog.officer.itemText(i) for i in range(dialog.officer.count())] == [
        "Choose…", "Jo Colleague (officer)"]  # not the lead officer already
    _save(dialog, window, qtbot)
    assert dialog.errors.summary.messages == [NO_OFFICER, "Give the reason for reassigning the case"]
    assert dialog.officer.hasFocus()
    _choose(dialog.officer, jo.id)
    qtbot.keyClicks(dialog.reason, "Sam is on leave for three weeks")
    assert unnamed(dialog)[0] == []
    shoot(dialog, "assign-lead-officer")
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()
    settle(qtbot, window)
    assert view.case is not None and view.case.lead_officer is not None
    assert view.case.lead_officer.name == "Jo Colleague"
    assert "Lead officer: Jo Colleague" in view.summary.text()
    assert any(r.detail.endswith("reassigned to Jo Colleague: Sam is on leave for three weeks")
               for r in audit_rows(app))


def test_a_restricted_case_keeps_its_old_lead_named_and_refuses_a_named_officer(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    assert view.case is not None
    case_id = view.case.id
    jo = app.profile.add_user("Jo Colleague", "officer")
    kim = app.profile.add_user("Kim Other", "officer")
    AccessController(app.unit).set_restricted(case_id, True, "Victim's relative works here")
    view._reload()
    settle(qtbot, window)
    dialog = _assign(view, window, qtbot)
    assert dialog.note.isVisible() and "Sam Officer stays named on it" in dialog.note.text()
    _choose(dialog.officer, jo.id)
    qtbot.keyClicks(dialog.reason, "Jo covers the estate now")
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()
    settle(qtbot, window)
    assert _error_boxes() == []  # Sam can still open the case he handed over
    case = app.cases.get_case(case_id)
    assert case.restricted and case.lead_officer is not None and case.lead_officer.id == jo.id
    assert view.case is not None and view.case.lead_officer == case.lead_officer

    # Sam is now only named on it: he may work it but not choose who leads it.
    before = counts(app)
    dialog = _assign(view, window, qtbot)
    _choose(dialog.officer, kim.id)
    qtbot.keyClicks(dialog.reason, "Kim knows the family")
    _save(dialog, window, qtbot)
    qtbot.waitUntil(lambda: len(_error_boxes()) == 1)
    [box] = _error_boxes()
    assert "Only the lead officer of" in box.text() and "nothing was saved" in box.text()
    box.done(0)
    assert dialog.isVisible() and counts(app) == before
    assert app.cases.get_case(case_id).lead_officer.id == jo.id  # type: ignore[union-attr]


def _referral(view: CaseView, window: MainWindow, qtbot: QtBot) -> ReferralDialog:
    dialog = _open(view, "referral_button", window, qtbot)
    assert isinstance(dialog, ReferralDialog)
    qtbot.waitUntil(lambda: dialog.service.count() > 0)  # the directory arrived
    return dialog


def _pick(dialog: ReferralDialog, name: str) -> None:
    dialog.service.setCurrentIndex(dialog.service.findText(name))


def test_signposting_from_the_directory_checks_the_service_is_for_that_side(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    assert view.case is not None
    dean = next(p.person.id for p in view.case.parties if p.person.name == "Dean Walsh")
    dialog = _referral(view, window, qtbot)
    _choose(dialog.person, dean)
    qtbot.waitUntil(dialog.earlier.isVisible)
    assert dialog.earlier.text() == "No referrals or signposting for this person yet."
    _pick(dialog, "Victim Support")
    assert dialog.directory_key() == "victim_support"
    _save(dialog, window, qtbot)
    qtbot.waitUntil(lambda: len(_error_boxes()) == 1)
    [box] = _error_boxes()
    assert box.text() == ("Victim Support is not a service for alleged perpetrators; "
                          "choose another from the directory.")
    box.done(0)
    assert dialog.isVisible() and app.cases.get_case(view.case.id).referrals == ()
    dialog.activateWindow()  # back to the form once the message is closed
    qtbot.waitUntil(dialog.isActiveWindow)

    _pick(dialog, "Respect Phoneline")
    assert "0808 802 4040" in dialog.service_note.text()
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()
    settle(qtbot, window)
    [made] = app.cases.get_case(view.case.id).referrals
    assert (made.kind, made.service, made.person) == ("signposting", "Respect Phoneline",
                                                      "Dean Walsh")
    assert "Respect Phoneline for Dean Walsh" in view.referrals.text()

    # Chosen again, on this case or another, the person's referrals show at once.
    dialog = _referral(view, window, qtbot)
    _choose(dialog.person, dean)
    qtbot.waitUntil(lambda: "Respect Phoneline" in dialog.earlier.text())
    assert dialog.earlier.text() == "Already for this person: 02 Mar 2026 signposting: Respect Phoneline"
    shoot(dialog, "signpost-earlier-referrals")
    # A service typed in by hand is not from the directory: recorded as typed.
    dialog.service.setEditText("Local food bank")
    assert dialog.directory_key() is None
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()
    assert len(app.cases.get_case(view.case.id).referrals) == 2


def test_supervisors_see_hate_incidents_by_strand_on_the_review(
    tmp_path: Path, clock: FakeClock, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    sup = create_profile(tmp_path / "sup", "Pat Supervisor", "supervisor", clock=clock)
    try:
        hate = sup.reports.log_report(noise_report(categories=["hate_incident"],
                                                   hate_strands=["race", "religion"]))
        sup.reports.log_report(noise_report(categories=["hate_incident"], hate_strands=["race"]))
        sup.cases.open_case(CaseInput(report_ids=[hate.id]))
        window = make_window(sup)
        tab = window.review_tab
        assert tab is not None
        window.tabs.setCurrentWidget(tab)
        settle(qtbot, window)
        strands = tab.looking_back.strands
        assert [strands.horizontalHeaderItem(i).text() for i in range(4)] == STRAND_HEADERS
        rows = {r[0]: r[1:] for r in table_text(strands)}
        assert rows == {"Disability": ["0", "0", "0"], "Race": ["2", "1", "1"],
                        "Religion": ["1", "1", "1"], "Sexual orientation": ["0", "0", "0"],
                        "Transgender identity": ["0", "0", "0"]}
        assert "since" in tab.looking_back.strand_caption.text()
        shoot(tab.looking_back, "review-equality-and-lessons")
    finally:
        sup.close()
