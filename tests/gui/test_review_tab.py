"""The supervisor's Caseload review tab, driven with qtbot on a known caseload.

The caseload is the one worked by hand in ``tests/review/test_review_figures.py``:
- C (vandalism, low), Helen's, opened Mon 22 Dec 2025, first contact after 11
  working days, closed Fri 30 Jan 2026 (39 days), satisfaction 2;
- A (noise, medium), Priya's, opened Mon 5 Jan 2026, first contact after 2
  working days, still open, one action due 20 Feb (overdue on 2 Mar);
- B (hate incident, race, high), Helen's, opened Mon 2 Feb 2026, first
  contact the next working day, closed Mon 23 Feb (21 days), satisfaction 5.
Today is Mon 2 Mar 2026.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCharts import QStackedBarSeries
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from asb_desktop.app import App, open_profile
from asb_desktop.documents.redaction import PanelBrief
from asb_desktop.domain.review import QUALITY_CHECKLIST
from asb_desktop.gui.common import errors as gui_errors
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.style import apply_style
from asb_desktop.gui.review.review_charts import table_text
from asb_desktop.gui.review.review_dialogs import QualityReviewDialog, ReassignDialog
from asb_desktop.gui.review.review_output import PackChoices
from asb_desktop.gui.review.review_tab import ReviewTab
from tests.conftest import ARTEFACTS
from tests.documents.conftest import pdf_text
from tests.gui.test_accessibility import unnamed
from tests.review.caseload import Caseload, build_caseload

TODAY = date(2026, 3, 2)


@pytest.fixture
def caseload(tmp_path: Path) -> Iterator[Caseload]:
    yield from build_caseload(tmp_path / "sup")


@pytest.fixture
def make_tab(qtbot: QtBot, qapp: QApplication) -> Iterator[object]:
    made: list[ReviewTab] = []
    apply_style(qapp)

    def make(app: App) -> ReviewTab:
        tab = ReviewTab(app, OpsRunner())
        qtbot.addWidget(tab)
        tab.resize(1360, 900)
        tab.show()
        tab.start()
        made.append(tab)
        settle(qtbot, tab)
        return tab

    yield make
    for tab in made:
        tab._ops.wait_all()


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def settle(qtbot: QtBot, tab: ReviewTab, timeout: int = 10000) -> None:
    qtbot.waitUntil(lambda: tab.is_loaded() and tab._ops.idle(), timeout=timeout)


@pytest.fixture
def tab(caseload: Caseload, make_tab: object) -> ReviewTab:
    return make_tab(caseload.app)  # type: ignore[operator, no-any-return]


def _show_period(qtbot: QtBot, tab: ReviewTab, start: date, end: date, homes: int) -> None:
    tab.start_date.setDate(QDate(start.year, start.month, start.day))
    tab.end_date.setDate(QDate(end.year, end.month, end.day))
    tab.homes.setValue(homes)
    click(tab.show_figures)
    assert tab.busy.isVisibleTo(tab)  # the supervisor sees the figures are coming
    settle(qtbot, tab)
    assert not tab.busy.isVisibleTo(tab)


def _values(tab: ReviewTab) -> dict[str, str]:
    return {k: label.text() for k, label in tab.figures.values.items()}


# -- figures ---------------------------------------------------------------------------------


def test_figures_for_the_period_match_the_hand_worked_ones(
    qtbot: QtBot, tab: ReviewTab, caseload: Caseload
) -> None:
    _show_period(qtbot, tab, date(2025, 12, 1), date(2026, 2, 28), 2000)
    assert _values(tab) == {
        "cases_opened": "3", "hate_cases_opened": "1",
        "nm01_asb": "1.5", "nm01_hate": "0.5",
        "first_contact_days": "4.67", "first_contact_target": "66.7%",
        "days_to_close": "30", "satisfied": "50%",
    }
    assert table_text(tab.figures.months.table) == [
        ["Dec 2025", "1", "1"], ["Jan 2026", "1", "1"], ["Feb 2026", "1", "1"]]
    assert table_text(tab.figures.risk.table) == [
        ["High", "0", "0", "1"], ["Medium", "1", "0", "0"], ["Low", "0", "0", "1"]]
    assert table_text(tab.figures.satisfaction.table) == [
        ["1", "0"], ["2", "1"], ["3", "0"], ["4", "0"], ["5", "1"], ["Satisfied (4 or 5)", "50%"]]
    strands = dict((r[0], r[1]) for r in table_text(tab.figures.strands.table))
    assert strands == {"Disability": "0", "Race": "1", "Religion": "0",
                       "Sexual orientation": "0", "Transgender identity": "0"}
    # The charts carry the same numbers (and say them to a screen reader).
    assert "score 2: 1" in tab.figures.satisfaction.view.accessibleDescription()
    series = tab.figures.months.view.chart().series()[0]
    assert isinstance(series, QStackedBarSeries)
    bars = series.barSets()
    assert {b.label(): [b.at(i) for i in range(b.count())] for b in bars} == {
        "Hate incident": [0, 0, 1], "Noise": [0, 1, 0], "Vandalism": [1, 0, 0]}


def test_the_default_period_is_the_last_twelve_months_and_matches_the_controller(
    tab: ReviewTab, caseload: Caseload
) -> None:
    assert tab.start_date.date() == QDate(2025, 4, 1)
    assert tab.end_date.date() == QDate(2026, 3, 2)
    assert tab.homes.value() == 10_000
    f = caseload.review.figures(date(2025, 4, 1), TODAY, 10_000)
    shown = _values(tab)
    assert shown["nm01_asb"] == f"{f.nm01_asb_per_1000:g}" == "0.3"
    assert shown["nm01_hate"] == f"{f.nm01_hate_per_1000:g}" == "0.1"
    assert shown["cases_opened"] == str(f.cases_opened)
    months = table_text(tab.figures.months.table)  # Apr 2025 to Mar 2026, quiet ones as 0
    assert [m[0] for m in (months[0], months[-1])] == ["Apr 2025", "Mar 2026"]
    assert len(months) == 12


def test_a_period_that_ends_before_it_starts_is_explained_beside_the_field(
    qtbot: QtBot, tab: ReviewTab
) -> None:
    tab.start_date.setDate(QDate(2026, 2, 1))
    tab.end_date.setDate(QDate(2026, 1, 1))
    click(tab.show_figures)
    assert tab.figure_errors.summary.isVisibleTo(tab)
    assert tab.figure_errors.message("end") == "The end of the period must be on or after its start"


def test_no_homes_is_refused_by_the_controller_and_shown_beside_the_field(
    qtbot: QtBot, tab: ReviewTab
) -> None:
    tab.homes.setValue(0)
    click(tab.show_figures)
    settle(qtbot, tab)
    assert tab.figure_errors.message("homes") == "Enter the number of homes the landlord manages"
    assert tab.figure_errors.summary.messages == ["Enter the number of homes the landlord manages"]


def test_export_writes_the_figures_shown_to_the_chosen_file(
    qtbot: QtBot, tab: ReviewTab, tmp_path: Path
) -> None:
    _show_period(qtbot, tab, date(2025, 12, 1), date(2026, 2, 28), 2000)
    out = tmp_path / "figures.csv"
    tab.ask_save_path = lambda *_a: str(out)
    click(tab.figures.risk.export)
    settle(qtbot, tab)
    text = out.read_text(encoding="utf-8")
    assert "2025-12-01 to 2026-02-28" in text
    assert '"NM01 ASB cases per 1,000 homes",1.5' in text
    assert "high,closed,1" in text
    assert f"Figures saved to {out}." == tab.figures_status.text()


# -- watch lists, workload and drilling down ----------------------------------------------------


def test_watch_counts_and_workload_are_the_controllers(tab: ReviewTab, caseload: Caseload) -> None:
    for w in caseload.review.watch_counts():
        assert tab.watch_buttons[w.key].text() == f"{w.count}\n{w.label}"
    assert tab.watch_buttons["overdue_actions"].accessibleName() == "Cases with overdue actions: 1"
    days = (TODAY - date(2026, 1, 5)).days
    assert table_text(tab.workload_table) == [["Priya Raman", "1", "0", "1", str(days)]]


def test_a_count_drills_down_to_its_cases_and_back(
    qtbot: QtBot, tab: ReviewTab, caseload: Caseload
) -> None:
    button = tab.watch_buttons["overdue_actions"]
    click(button)
    settle(qtbot, tab)
    assert tab.pages.currentIndex() == 1
    assert tab.breadcrumb.text() == "Review › Cases with overdue actions › All officers"
    assert [r.id for r in tab.cases.rows()] == [caseload.a]
    assert tab.case_count.text() == "1 case"
    QTest.keyClick(tab.case_table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert tab.pages.currentIndex() == 0
    assert button.hasFocus()  # back where the supervisor left off


def test_a_workload_cell_drills_down_for_that_officer(
    qtbot: QtBot, tab: ReviewTab, caseload: Caseload
) -> None:
    tab.workload_table.cellClicked.emit(0, 2)  # Priya's high-risk count
    settle(qtbot, tab)
    assert tab.breadcrumb.text() == "Review › High-risk cases › Priya Raman"
    assert tab.cases.rows() == []
    QTest.keyClick(tab.case_table, Qt.Key.Key_Backspace)
    assert tab.pages.currentIndex() == 0
    tab.workload_table.cellClicked.emit(0, 1)  # her open cases
    settle(qtbot, tab)
    assert tab.breadcrumb.text() == "Review › Open cases › Priya Raman"
    assert [r.id for r in tab.cases.rows()] == [caseload.a]


def test_counts_for_one_officer(qtbot: QtBot, tab: ReviewTab, caseload: Caseload) -> None:
    tab.watch_officer.setCurrentIndex(tab.watch_officer.findText("Helen Marsh"))
    settle(qtbot, tab)
    assert tab.watch_buttons["open"].text() == "0\nOpen cases"
    tab.watch_officer.setCurrentIndex(tab.watch_officer.findText("Priya Raman"))
    settle(qtbot, tab)
    assert tab.watch_buttons["open"].text() == "1\nOpen cases"
    click(tab.watch_buttons["open"])
    settle(qtbot, tab)
    assert tab.breadcrumb.text() == "Review › Open cases › Priya Raman"


def test_double_clicking_a_case_asks_the_window_to_open_it(
    qtbot: QtBot, tab: ReviewTab, caseload: Caseload
) -> None:
    tab.drill("open", None, "All officers")
    settle(qtbot, tab)
    rect = tab.case_table.visualRect(tab.cases.index(0, 0))
    with qtbot.waitSignal(tab.case_requested, timeout=2000) as got:
        QTest.mouseClick(tab.case_table.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, rect.center())
        QTest.mouseDClick(tab.case_table.viewport(), Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier, rect.center())
    assert got.args == [caseload.a]


# -- acting on cases -----------------------------------------------------------------------------


def _drill_open_for_priya(qtbot: QtBot, tab: ReviewTab) -> None:
    tab.workload_table.cellClicked.emit(0, 1)
    settle(qtbot, tab)
    tab.case_table.selectRow(0)


def test_reassigning_a_case_takes_it_off_the_officers_list(
    qtbot: QtBot, tab: ReviewTab, caseload: Caseload
) -> None:
    _drill_open_for_priya(qtbot, tab)
    dialog = tab.reassign()
    assert isinstance(dialog, ReassignDialog)
    assert dialog.officer.currentText() == "Helen Marsh (supervisor)"
    click(dialog.save_button)
    settle(qtbot, tab)
    assert dialog.errors.message("reason") == "Give the reason for reassigning"
    assert dialog.isVisible()
    dialog.reason.setText("Priya on leave until 4 May")
    click(dialog.save_button)
    settle(qtbot, tab)
    assert not dialog.isVisible()
    assert tab.cases.rows() == []
    assert tab.drill_status.text() == "1 case reassigned."
    QTest.keyClick(tab.case_table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert tab.pages.currentIndex() == 0
    settle(qtbot, tab)
    assert [r[0] for r in table_text(tab.workload_table)] == ["Helen Marsh"]
    lead = caseload.app.cases.get_case(caseload.a).lead_officer
    assert lead is not None and lead.id == caseload.helen


def test_a_quality_review_shows_its_score_and_adds_the_officers_action(
    qtbot: QtBot, tab: ReviewTab, caseload: Caseload
) -> None:
    _drill_open_for_priya(qtbot, tab)
    dialog = tab.quality_review()
    assert isinstance(dialog, QualityReviewDialog)
    click(dialog.save_button)
    settle(qtbot, tab)
    assert dialog.errors.summary.messages == ["Answer every item of the checklist"]
    for key in QUALITY_CHECKLIST:
        (dialog.no if key == "partners" else dialog.yes)[key].setChecked(True)
    row = dialog.new_action()
    row.text.setText("Refer to the police ASB team")
    row.due.setDate(QDate(2026, 3, 16))
    dialog.comments.setPlainText("Good record; bring in partners.")
    click(dialog.save_button)
    settle(qtbot, tab)
    assert dialog.score == 89  # 8 of 9
    assert dialog.score_label.text().startswith("Review saved. Quality score: 89%")
    assert dialog.score_label.isVisible()
    actions = {a.description for a in caseload.app.cases.get_case(caseload.a).actions}
    assert "Quality review: Refer to the police ASB team" in actions
    assert table_text(tab.quality_table) == [["Priya Raman", "1", "89%", "02 Mar 2026"]]


def test_an_action_due_in_the_past_is_shown_beside_its_row(
    qtbot: QtBot, tab: ReviewTab
) -> None:
    _drill_open_for_priya(qtbot, tab)
    dialog = tab.quality_review()
    assert dialog is not None
    for key in QUALITY_CHECKLIST:
        dialog.yes[key].setChecked(True)
    row = dialog.new_action()
    row.text.setText("Update the complainant")
    row.due.setDate(QDate(2026, 2, 1))
    click(dialog.save_button)
    settle(qtbot, tab)
    assert dialog.errors.message("actions.0") == "An action's due date must be today or later"
    assert dialog.score is None


def test_a_panel_pack_of_the_chosen_cases_is_saved_and_opened(
    qtbot: QtBot, tab: ReviewTab, caseload: Caseload, tmp_path: Path
) -> None:
    _drill_open_for_priya(qtbot, tab)
    out = tmp_path / "pack.pdf"
    opened: list[Path] = []
    tab.ask_save_path = lambda *_a: str(out)
    tab.open_file = opened.append
    asked: list[list[str]] = []
    tab.ask_pack_choices = lambda _parent, refs: asked.append(refs) or PackChoices(
        briefs={ref: PanelBrief("Repeat reports since the last meeting", "Police to patrol")
                for ref in refs})
    tab.confirm_pack = lambda _parent, _question: True
    tab.panel_date.setDate(QDate(2026, 3, 10))
    click(tab.panel_button)
    settle(qtbot, tab, 30000)
    assert out.read_bytes().startswith(b"%PDF")
    assert opened == [out] and len(asked) == 1
    assert tab.drill_status.text().startswith(f"Panel pack saved to {out}")
    assert "Repeat reports since the last meeting" in " ".join(pdf_text(out.read_bytes()))


def test_a_past_meeting_date_is_asked_about_and_nothing_is_saved_if_declined(
    qtbot: QtBot, tab: ReviewTab, caseload: Caseload, tmp_path: Path
) -> None:
    _drill_open_for_priya(qtbot, tab)
    out = tmp_path / "pack.pdf"
    tab.ask_save_path = lambda *_a: str(out)
    tab.ask_pack_choices = lambda _parent, _refs: PackChoices(marac=True)
    questions: list[str] = []
    tab.confirm_pack = lambda _parent, question: questions.append(str(question)) is not None
    tab.panel_date.setDate(QDate(2025, 1, 6))
    click(tab.panel_button)
    settle(qtbot, tab, 30000)
    assert len(questions) == 1 and "has passed" in questions[0]
    assert not out.exists() and tab.drill_status.text() == "The panel pack was not saved."


def test_without_the_documents_part_a_panel_pack_is_plainly_unavailable(
    qtbot: QtBot, tab: ReviewTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("asb_desktop.gui.review.review_tab.panel_packs_available", lambda: False)
    _drill_open_for_priya(qtbot, tab)
    asked: list[str] = []

    def ask(_parent: QWidget, title: str, _suggested: str, _filters: str) -> str:
        asked.append(title)
        return ""

    tab.ask_save_path = ask
    click(tab.panel_button)
    assert tab.drill_status.text() == "Panel packs are not available in this build."
    assert asked == []


def test_nothing_chosen_means_nothing_to_act_on(qtbot: QtBot, tab: ReviewTab) -> None:
    _drill_open_for_priya(qtbot, tab)
    tab.case_table.clearSelection()
    assert not tab.reassign_button.isEnabled()
    assert not tab.quality_button.isEnabled()
    assert not tab.panel_button.isEnabled()
    assert tab.reassign() is None
    assert tab.drill_status.text() == "Choose the cases to reassign first."


def test_an_officer_is_told_the_review_is_for_supervisors(
    qtbot: QtBot, app: App, make_tab: object
) -> None:
    dialogs_before = len(gui_errors._open)
    tab: ReviewTab = make_tab(app)  # type: ignore[operator]
    # Nothing was asked of the controller, so no refusal dialogs were opened.
    assert len(gui_errors._open) == dialogs_before
    assert tab.watch_buttons["open"].text() == "…\nOpen cases"
    assert not tab.pages.isEnabled()
    assert tab.figures_status.text().startswith("The caseload review is for supervisors")


# -- keyboard and screen readers -------------------------------------------------------------------


def test_every_control_on_the_tab_and_its_dialogs_has_an_accessible_name(
    qtbot: QtBot, tab: ReviewTab
) -> None:
    missing, seen = unnamed(tab)
    assert seen >= 25, f"only {seen} controls found"
    assert missing == []
    _drill_open_for_priya(qtbot, tab)
    for dialog in (tab.quality_review(), tab.reassign()):
        assert dialog is not None
        if isinstance(dialog, QualityReviewDialog):
            dialog.new_action()
        missing, seen = unnamed(dialog)
        assert seen >= 3 and missing == [], missing
        dialog.close()


def test_the_shortcuts_are_shown_on_the_buttons(tab: ReviewTab) -> None:
    texts = [b.text() for b in tab.findChildren(QPushButton)]
    assert "← &Back to review (Alt+Left)" in texts
    assert "Re&assign… (Ctrl+R)" in texts
    assert "E&xport CSV… (Ctrl+E)" in texts


def test_the_keyboard_alone_drills_down_and_reassigns(qtbot: QtBot, tab: ReviewTab) -> None:
    tab.workload_table.setFocus()
    tab.workload_table.setCurrentCell(0, 3)  # Priya's overdue actions
    QTest.keyClick(tab.workload_table, Qt.Key.Key_Return)
    settle(qtbot, tab)
    assert tab.breadcrumb.text() == "Review › Cases with overdue actions › Priya Raman"
    assert tab.case_table.hasFocus()
    QTest.keyClick(tab.case_table, Qt.Key.Key_Down)  # the first case becomes the chosen one
    QTest.keyClick(tab.case_table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(tab.dialog, ReassignDialog) and tab.dialog.isVisible()
    tab.dialog.close()


def test_an_unnamed_control_would_be_noticed(tab: ReviewTab) -> None:
    stray = QPushButton(tab.figures)
    missing, _ = unnamed(tab)
    assert any("QPushButton" in m for m in missing)
    stray.deleteLater()


# -- a demonstration profile, as a supervisor sees it ---------------------------------------------


def test_screenshot_of_the_review_on_a_demo_profile(
    qtbot: QtBot, make_tab: object, tmp_path: Path
) -> None:
    folder = tmp_path / "demo"
    exe = Path(sys.executable).with_name("asb-desktop")
    subprocess.run([str(exe), "--profile", str(folder), "demo", "--cases", "300"], check=True,
                   capture_output=True, timeout=120)
    officer = open_profile(folder)  # the demo signs in an officer; make them a supervisor
    with officer.store.engine.begin() as db:
        db.exec_driver_sql("UPDATE users SET role = 'supervisor' WHERE id = ?",
                           (officer.unit.actor.user_id,))
    officer.close()
    app = open_profile(folder)
    try:
        tab: ReviewTab = make_tab(app)  # type: ignore[operator]
        shown = tab.figures.figures
        assert shown is not None
        f = app.review.figures(shown.start, shown.end, 10_000)
        assert _values(tab)["cases_opened"] == f"{f.cases_opened:,}"
        assert _values(tab)["nm01_asb"] == f"{f.nm01_asb_per_1000:g}"
        assert sum(int(r[2]) for r in table_text(tab.figures.months.table)) == sum(
            n for _m, _c, _r, n in f.opened_by_month)
        page = tab.findChild(QWidget, "reviewOverview")
        assert page is not None
        tab.resize(1360, page.sizeHint().height() + 8)
        qtbot.wait(50)
        ARTEFACTS.mkdir(exist_ok=True)
        assert page.grab().save(str(ARTEFACTS / "review.png"))
    finally:
        tab._ops.wait_all()
        app.close()
