"""The caseload's first page on screen before the rest of the app has loaded,
then the full window in its place."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
import shiboken6
import sqlcipher3
from pytestqt.qtbot import QtBot

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.cases import CaseFilter
from asb_desktop.controllers.demo import DemoController
from asb_desktop.controllers.first_page import first_page
from asb_desktop.domain.inputs import CaseInput
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.start.first_window import FirstWindow
from asb_desktop.gui.start.main import build_window
from asb_desktop.security.keys import KEYINFO_NAME, ProfileKeys
from asb_desktop.store.schema import key_pragma
from tests.conftest import ARTEFACTS, ROOT, FakeClock, noise_report


@pytest.fixture
def demo(tmp_path: Path, clock: FakeClock) -> App:
    """Many officers' cases, some restricted, some overdue, some closed."""
    app = create_profile(tmp_path / "demo", "Demo Officer", "officer", demo=True, clock=clock)
    DemoController(app.unit).fill(cases=200, seed=4)
    # And one restricted case of this officer's own, which the first page must show in full.
    report = app.reports.log_report(noise_report(description="Partner is controlling"))
    app.cases.open_case(CaseInput(report_ids=[report.id], restricted=True,
                                  lead_officer_id=app.unit.actor.user_id))
    return app


def test_the_first_page_is_the_page_the_full_caseload_opens_on(
    demo: App, clock: FakeClock
) -> None:
    try:
        me = demo.unit.actor.user_id
        expected = demo.cases.caseload(CaseFilter(status="open", officer_id=me), "risk", True,
                                       0, 100)
        found = first_page(demo.folder, today=lambda: clock.now().date())
        assert found is not None
        assert (found.user_name, found.role, found.demo) == ("Demo Officer", "officer", True)
        assert found.total == expected.total
        assert list(found.rows) == list(expected.rows)  # same cases, order and cells
        # The page is worth comparing: it holds restricted and overdue cases and
        # not every case in the profile.
        assert any(r.restricted for r in found.rows), found.total
        assert any(r.overdue for r in found.rows)
        everyone = demo.cases.caseload(CaseFilter(status=None), "risk", True, 0, 1000)
        assert found.total < everyone.total
    finally:
        demo.close()


def test_the_first_page_steps_aside_when_it_cannot_read_without_asking(
    app: App, clock: FakeClock
) -> None:
    app.cases.open_case(CaseInput(report_ids=[app.reports.log_report(noise_report()).id]))
    folder = app.folder
    app.close()
    today = clock.now().date()
    found = first_page(folder, today=lambda: today)
    assert found is not None and found.total == 1

    # A file from an older version is migrated by the full start-up, not read here.
    key = ProfileKeys().key_for(folder)
    conn = sqlcipher3.connect(str(folder / "profile.db"))
    conn.execute(key_pragma(key))
    conn.execute("UPDATE alembic_version SET version_num = '0005'")
    conn.commit()
    conn.close()
    before = (folder / "profile.db").read_bytes()
    assert first_page(folder, today=lambda: today) is None

    # No key in the keyring: no guess, no prompt, nothing written.
    info = json.loads((folder / KEYINFO_NAME).read_text())
    keyring.get_keyring().delete_password(info["service"], info["entry"])
    assert first_page(folder, today=lambda: today) is None
    assert (folder / "profile.db").read_bytes() == before


def test_the_first_window_loads_without_sqlalchemy_or_the_controllers() -> None:
    code = (
        "import sys, asb_desktop.cli.main, asb_desktop.gui.start.launch, "
        "asb_desktop.controllers.first_page\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'alembic', 'reportlab') or m in "
        "('asb_desktop.store.models', 'asb_desktop.controllers.cases', 'asb_desktop.app'))\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_full_window_takes_the_first_windows_place(
    demo: App, clock: FakeClock, qtbot: QtBot
) -> None:
    ops = OpsRunner()
    first = FirstWindow(ops, demo.folder)  # closed and deleted by the swap, not by qtbot
    first.move(40, 30)
    first.show()
    first.start()
    qtbot.waitUntil(lambda: first.shown, timeout=10000)
    try:
        assert first.found is not None
        mine = first.found.total
        assert first.model.rowCount() == min(100, mine)
        assert first.statusBar().isVisible()
        assert first.user_label.text() == "Signed in: Demo Officer (officer)"
        assert first.demo_label.isVisible() and first.windowTitle().endswith("DEMO DATA")
        assert first.count_label.text().startswith(f"{mine} open case")
        references = [first.model.index(r, 0).data() for r in range(first.model.rowCount())]
        ARTEFACTS.mkdir(exist_ok=True)
        assert first.grab().save(str(ARTEFACTS / "first-page.png"))

        demo.profile.set_lock_pin("4821", "4821")  # chosen at an earlier start
        geometry = first.geometry()
        window = build_window(demo, ops, True, first)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.isVisible() and (
            not shiboken6.isValid(first) or not first.isVisible()), timeout=10000)
        assert window.isVisible()
        assert window.tabs.currentWidget() is window.cases_tab
        assert window.geometry() == geometry
        model = window.cases_tab.model
        assert [model.index(r, 0).data() for r in range(len(references))] == references
    finally:
        ops.wait_all()
        demo.close()


def test_an_unsaved_report_takes_the_full_window_to_the_reports_tab(
    app: App, qtbot: QtBot
) -> None:
    ops = OpsRunner()
    app.profile.set_lock_pin("4821", "4821")
    window = build_window(app, ops, False)
    qtbot.addWidget(window)
    qtbot.waitUntil(ops.idle)
    assert window.tabs.currentWidget() is window.cases_tab  # the day starts from the caseload
    window.reports_tab.form.description.setPlainText("Shouting on the stairs at 2am")
    window.reports_tab.form.keeper.flush()
    qtbot.waitUntil(ops.idle)
    window.close()
    ops.wait_all()

    again = build_window(app, ops, False)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.reports_tab.form.draft_bar.isVisible(), timeout=10000)
    assert again.tabs.currentWidget() is again.reports_tab
    ops.wait_all()


def test_asb_desktop_with_no_profile_asks_first_and_quitting_creates_nothing(
    tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog

    from asb_desktop.cli.main import main
    from asb_desktop.gui.start.startup import StartupDialog

    asked: list[str] = []

    def quit_at_first_start(self: StartupDialog) -> int:
        asked.append(self.windowTitle())
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(StartupDialog, "exec", quit_at_first_start)
    seen: list[str] = []
    monkeypatch.setattr("asb_desktop.gui.start.launch.FirstWindow.show",
                        lambda self: seen.append("first window"))
    folder = tmp_path / "profile"
    assert main(["--profile", str(folder)]) == 0
    assert asked and seen == []  # no first page to show before the question
    assert not folder.exists() or not any(folder.iterdir())


def test_a_profile_that_cannot_be_read_closes_the_first_window_and_says_why(
    app: App, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from asb_desktop.gui.start.main import begin

    folder = app.folder
    app.close()
    info = json.loads((folder / KEYINFO_NAME).read_text())
    keyring.get_keyring().set_password(info["service"], info["entry"], "00" * 32)  # wrong key
    before = (folder / "profile.db").read_bytes()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _parent, title, text: shown.append((title, text)))
    quits: list[bool] = []
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    monkeypatch.setattr(qapp, "quit", lambda: quits.append(True))

    ops = OpsRunner()
    first = FirstWindow(ops, folder)
    qtbot.addWidget(first)
    first.show()
    first.start()
    qtbot.waitUntil(lambda: first.shown, timeout=10000)
    assert first.found is None and first.count_label.text() == "Opening your profile…"
    state: dict[str, object] = {}
    assert begin(qapp, ops, folder, state, first)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    ops.wait_all()
    assert not first.isVisible() and quits and state["code"] == 2
    title, text = shown[0]
    assert "cannot be read" in text and "Nothing has been changed" in text, (title, text)
    assert (folder / "profile.db").read_bytes() == before


def test_the_rest_of_the_app_loads_even_when_the_quick_read_breaks(
    app: App, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The launcher starts loading the full window on ``settled``: a quick read
    that fails outright must still settle, or the officer is left looking at
    "Getting everything else ready…" for ever."""
    folder = app.folder
    app.close()

    def broken(_folder: Path) -> None:
        raise OSError("the disk went away")

    monkeypatch.setattr("asb_desktop.controllers.first_page.first_page", broken)
    first = FirstWindow(OpsRunner(), folder)
    qtbot.addWidget(first)
    first.show()
    with qtbot.waitSignal(first.settled, timeout=10000):
        first.start()
    assert first.found is None and first.count_label.text() == "Opening your profile…"
