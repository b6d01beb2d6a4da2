"""Risk on a case from the window: the risk questionnaire scored as the
officer answers, a change of risk level with its reason, and domestic abuse
from the safe-to-talk step through DASH to the MARAC referral."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.domain.rules.policy_exchange import RiskAssessmentInput
from asb_desktop.gui.cases.case_view import CaseView
from asb_desktop.gui.cases.casework_forms import CaseworkDialog
from asb_desktop.gui.cases.risk_dialogs import (
    DashDialog,
    MaracDialog,
    RiskAssessmentDialog,
    RiskLevelDialog,
)
from asb_desktop.gui.common.widgets import when_text
from asb_desktop.gui.main_window import MainWindow
from tests.conftest import ARTEFACTS
from tests.core.support import audit_rows
from tests.gui.conftest import settle
from tests.gui.test_accessibility import unnamed
from tests.gui.test_casework_forms import _choose, _open, _save, view

__all__ = ["view"]  # the case fixture, shared with the other casework form tests


def shoot(dialog: QDialog, name: str) -> None:
    """After the layout has caught up with the last change, as the officer sees it."""
    QApplication.processEvents()
    ARTEFACTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(ARTEFACTS / f"{name}.png"))


def refused_then_saved(dialog: CaseworkDialog, window: MainWindow, qtbot: QtBot,
                       refused: dict[str, str], fix: Callable[[], None], shot: str) -> None:
    """Save as it stands and see each field's message; put it right, photograph
    the form, save again and see it close."""
    _save(dialog, window, qtbot)
    assert {key: dialog.errors.message(key) for key in refused} == refused
    fix()
    shoot(dialog, shot)
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()


def _complainant(view: CaseView) -> str:
    assert view.case is not None
    return next(p.person.id for p in view.case.parties if p.role == "complainant")


def test_a_risk_assessment_scores_as_the_officer_answers_and_meets_the_review_target(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    assert view.case is not None
    app.risk.record_risk_assessment(RiskAssessmentInput(
        case_id=view.case.id, questionnaire="victim", answers={"targeted": True},
        assessed_on=date(2025, 12, 1)))
    view._reload()
    settle(qtbot, window)
    assert "Overdue" in view.due.text() and "Review the risk assessment" in view.due.text()

    dialog = _open(view, "assess_button", window, qtbot)
    assert isinstance(dialog, RiskAssessmentDialog)
    _save(dialog, window, qtbot)
    assert dialog.errors.summary.messages == ["Choose the questionnaire you asked"]

    _choose(dialog.questionnaire, "victim")
    _choose(dialog.person, _complainant(view))
    _save(dialog, window, qtbot)
    assert dialog.isVisible()
    assert dialog.errors.message("answers") == "Answer the questions with the person"

    _choose(dialog.answers["violence_or_threats"], True)
    _choose(dialog.answers["hostility"], True)
    assert dialog.score.text().startswith("6 of ")
    assert "medium risk" in dialog.score.text()
    _choose(dialog.answers["feels_unsafe_home"], True)
    _choose(dialog.answers["getting_worse"], True)
    _choose(dialog.answers["targeted"], True)
    _choose(dialog.answers["lasting_months"], False)
    assert dialog.score.text().startswith("12 of ") and "high risk" in dialog.score.text()
    shoot(dialog, "risk-assessment")
    _save(dialog, window, qtbot)

    assert not dialog.isVisible()
    assert "score 12, High" in view.risks.text() and "Amira Okafor" in view.risks.text()
    assert "Review it by" in view.risk_section.note.text()
    assert "Review the risk assessment" in view.due.text()
    assert "Overdue" not in view.due.text()
    assert app.cases.get_case(view.case.id).risk_level == "high"


def test_lowering_the_risk_level_needs_a_reason(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "level_button", window, qtbot)
    assert isinstance(dialog, RiskLevelDialog)
    _choose(dialog.level, "high")
    refused_then_saved(
        dialog, window, qtbot, {"risk_reason": "Give the reason for changing the risk level"},
        lambda: dialog.reason.setPlainText("Threats to the complainant's children reported by police"),
        "risk-level")
    assert view.case is not None and view.case.risk_level == "high"
    assert "High risk" in view.summary.text()
    assert any("Threats to the complainant" in r.detail for r in audit_rows(app))


def test_dash_asks_safe_to_talk_first_and_not_safe_now_sets_a_try_again_action(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "dash_button", window, qtbot)
    assert isinstance(dialog, DashDialog)
    assert not dialog.score.isVisible(), "no DASH question before the safe-to-talk step"
    _save(dialog, window, qtbot)
    assert dialog.errors.summary.messages == ["Say whether it was safe for the person to talk"]
    dialog.not_safe.setChecked(True)
    assert not dialog.score.isVisible()
    assert dialog.save_button.text() == "&Save: try again later"
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()
    assert view.case is not None
    assert any("Try again to talk safely" in a.description for a in view.case.actions)
    assert not view.case.risk_assessments


def test_dash_at_the_threshold_asks_for_marac_and_the_referral_meets_its_target(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "dash_button", window, qtbot)
    assert isinstance(dialog, DashDialog)
    _choose(dialog.person, _complainant(view))
    dialog.safe.setChecked(True)
    assert dialog.score.isVisible()
    _save(dialog, window, qtbot)
    assert dialog.errors.message("safe_contact") == "Record which contact details are safe to use"
    assert dialog.errors.message("score").startswith("Enter the number of yes answers")
    dialog.safe_phone.setText("07700 900999")
    dialog.safe_time.setText("weekdays 10am to 2pm")
    dialog.score.setValue(15)
    assert dialog.referred.isVisible() and "MARAC referral is due" in dialog.outcome.text()
    shoot(dialog, "dash")
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()

    assert view.case is not None
    assert "DASH for Amira Okafor: score 15, High · MARAC referral due, not yet made" in \
        view.risks.text()
    assert "Make the MARAC referral" in view.due.text()
    assert "Safe contact only: Phone: 07700 900999; Time: weekdays 10am to 2pm" in \
        view.parties.text()
    assert view.risk_section.marac_button.isVisible()
    assert "consider restricting" in view.risk_section.suggestion.text()

    marac_dialog = _open(view, "marac_button", window, qtbot)
    assert isinstance(marac_dialog, MaracDialog)
    refused_then_saved(
        marac_dialog, window, qtbot, {"referred_by": "Record who made the MARAC referral"},
        lambda: marac_dialog.referred_by.setText("Sam Officer"), "marac-referral")
    assert "Make the MARAC referral" not in view.due.text()
    assert not view.risk_section.marac_button.isVisible()
    today = when_text(app.unit.today())
    assert f"score 15, High · MARAC referral made {today} by Sam Officer" in view.risks.text()


def test_a_referral_made_at_once_is_saved_with_the_dash(
    app: App, window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    dialog = _open(view, "dash_button", window, qtbot)
    assert isinstance(dialog, DashDialog)
    dialog.safe.setChecked(True)
    dialog.safe_phone.setText("07700 900999")
    dialog.score.setValue(9)
    assert not dialog.referred.isVisible()
    dialog.judgement.setChecked(True)
    _save(dialog, window, qtbot)
    assert dialog.errors.message("judgement_reason") == "Explain the professional judgement"
    dialog.judgement_reason.setPlainText("Escalating threats and a recent separation")
    assert dialog.referred.isVisible()
    dialog.referred.setChecked(True)
    dialog.referred_by.setText("Sam Officer")
    _save(dialog, window, qtbot)
    assert not dialog.isVisible()
    assert view.case is not None
    today = when_text(app.unit.today())
    assert f"score 9, High · MARAC referral made {today} by Sam Officer" in view.risks.text()
    assert "Make the MARAC referral" not in view.due.text()


def test_every_control_in_the_risk_forms_has_an_accessible_name(
    window: MainWindow, view: CaseView, qtbot: QtBot
) -> None:
    for button in ("assess_button", "dash_button", "level_button"):
        dialog = _open(view, button, window, qtbot)
        if isinstance(dialog, RiskAssessmentDialog):
            _choose(dialog.questionnaire, "victim")
        if isinstance(dialog, DashDialog):
            dialog.safe.setChecked(True)
        missing, _seen = unnamed(dialog)
        assert missing == [], button
        dialog.reject()
