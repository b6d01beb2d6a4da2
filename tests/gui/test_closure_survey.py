"""Closing a case from the case view: the landlord's satisfaction survey is
asked (or recorded as declined, or nobody reached), and the lessons learned
join the log supervisors read across closed cases."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from asb_desktop.app import App, create_profile
from asb_desktop.domain.inputs import CaseInput, ClosureInput
from asb_desktop.gui.cases.case_view import CaseView
from asb_desktop.gui.cases.closure_dialog import NO_SCORE, NO_SURVEY_CHOICE, ClosureDialog
from asb_desktop.gui.main_window import MainWindow
from tests.conftest import FakeClock, noise_report
from tests.core.support import audit_rows
from tests.gui.conftest import settle
from tests.gui.test_accessibility import unnamed
from tests.gui.test_case_risk import shoot
from tests.gui.test_casework_forms import _choose, _open, _save, view

__all__ = ["view"]


def _closure(view: CaseView, window: MainWindow, qtbot: QtBot) -> ClosureDialog:
    dialog = _open(view, "close_button", window, qtbot)
    assert isinstance(dialog, ClosureDialog)
    qtbot.waitUntil(lambda: len(dialog.answers) == 3)  # the landlord's questions arrived
    return dialog


def test_the_survey_is_asked_at_closure_and_kept_with_the_case(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _closure(view, window, qtbot)
    assert not dialog.score.isVisible()  # until the officer says the survey was asked
    _save(dialog, window, qtbot)
    assert dialog.errors.summary.messages == [NO_SURVEY_CHOICE]
    assert dialog.survey.hasFocus()
    assert app.cases.get_case(view.case.id).status == "open"  # type: ignore[union-attr]

    _choose(dialog.survey, "answered")
    qtbot.waitUntil(dialog.score.isVisible)
    questions = app.policy.survey_questions()
    assert dialog.score.accessibleName() == f"{questions[0]} (1 to 5)"
    assert [a.accessibleName() for a in dialog.answers] == list(questions[1:])
    _choose(dialog.outcome, "resolved")
    qtbot.keyClicks(dialog.reason, "Noise stopped after mediation")
    _save(dialog, window, qtbot)
    assert dialog.errors.message("satisfaction") == NO_SCORE
    assert dialog.score.hasFocus()

    _choose(dialog.score, 4)
    qtbot.keyClicks(dialog.answers[0], "Yes, every week")
    qtbot.keyClicks(dialog.answers[2], "Call back sooner after the first report")
    qtbot.keyClicks(dialog.lessons, "Mediation offered in week one would have saved a month")
    assert unnamed(dialog)[0] == []
    shoot(dialog, "closure-survey")
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()

    case = app.cases.get_case(view.case.id)  # type: ignore[union-attr]
    assert (case.status, case.outcome, case.satisfaction) == ("closed", "resolved", 4)
    assert case.lessons == ("Mediation offered in week one would have saved a month",)
    assert case.satisfaction_comment.startswith("Closure survey: answered.")
    assert f"{questions[1]}\nYes, every week" in case.satisfaction_comment
    assert f"{questions[2]}\n(no answer)" in case.satisfaction_comment
    settle(qtbot, window)
    shown = view.closed_label.text()
    assert "Satisfaction: 4 out of 5." in shown and "Yes, every week" in shown
    assert "Lessons learned: Mediation offered in week one" in shown
    assert not view.close_button.isVisible()
    assert any(r.detail.startswith("Closed ") for r in audit_rows(app))


def test_a_declined_survey_is_recorded_without_a_score(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _closure(view, window, qtbot)
    _choose(dialog.survey, "declined")
    assert not dialog.score.isVisible()
    _choose(dialog.outcome, "no_further_action")
    qtbot.keyClicks(dialog.reason, "Complainant moved away")
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()
    case = app.cases.get_case(view.case.id)  # type: ignore[union-attr]
    assert case.satisfaction is None  # not counted in the satisfaction figures
    assert case.satisfaction_comment == "Closure survey: the complainant declined."
    assert case.lessons == ()
    settle(qtbot, window)
    assert "the complainant declined" in view.closed_label.text()


def test_supervisors_read_the_lessons_across_closed_cases_and_open_one(
    tmp_path: Path, clock: FakeClock, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    sup = create_profile(tmp_path / "sup", "Pat Supervisor", "supervisor", clock=clock)
    try:
        refs = {}
        for lesson in ("Offer mediation early", "Check the CCTV retention first", ""):
            case = sup.cases.open_case(CaseInput(report_ids=[sup.reports.log_report(
                noise_report()).id]))
            sup.cases.close_case(ClosureInput(case.id, "resolved", "Done", lessons_learned=lesson))
            refs[lesson] = case
        window = make_window(sup)
        tab = window.review_tab
        assert tab is not None
        window.tabs.setCurrentWidget(tab)
        settle(qtbot, window)
        dialog = tab.looking_back.open_lessons()
        settle(qtbot, window)
        assert dialog.table.rowCount() == 2  # a closure with no lesson adds none
        texts = {dialog.table.item(r, 3).text() for r in range(2)}
        assert texts == {"Offer mediation early", "Check the CCTV retention first"}
        qtbot.keyClicks(dialog.search, "cctv")
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
        assert dialog.table.item(0, 1).text() == refs["Check the CCTV retention first"].reference
        qtbot.keyClicks(dialog.search, " nothing-like-this")
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
        assert dialog.count.text() == "No lessons match — clear the search"
        dialog.search.clear()
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 2)
        shoot(dialog, "lessons-learned")
        dialog.table.selectRow(0)
        dialog.table.activated.emit(dialog.table.currentIndex())
        settle(qtbot, window)
        assert not dialog.isVisible()
        assert window.tabs.currentWidget() is window.cases_tab
        opened = window.cases_tab.view.case
        assert opened is not None and opened.id == dialog.rows[0].case_id
    finally:
        sup.close()
