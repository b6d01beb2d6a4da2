"""First start with no profile: a demo profile, a real one, or quit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from asb_desktop.app import App, create_profile, profile_exists
from asb_desktop.controllers.cases import CaseFilter
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.start import main as gui_main
from asb_desktop.gui.start.main import build_window, prepare
from asb_desktop.gui.start.passphrase import PassphraseDialog
from asb_desktop.gui.start.startup import StartupDialog
from asb_desktop.security.keys import ProfileKeys
from tests.keyrings import NoKeyring


def _answer(monkeypatch: pytest.MonkeyPatch, choose: str, name: str = "",
            role: str = "officer") -> None:
    def exec_(self: StartupDialog) -> int:
        if choose == "quit":
            return QDialog.DialogCode.Rejected.value
        (self.demo if choose == "demo" else self.real).setChecked(True)
        self.name.setText(name)
        self.role.setCurrentIndex(self.role.findData(role))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(StartupDialog, "exec", exec_)


def _start(folder: Path, qtbot: QtBot) -> tuple[OpsRunner, dict[str, object]]:
    ops = OpsRunner()
    got: dict[str, object] = {}
    assert prepare(folder, ops, lambda app, demo: got.update(app=app, demo=demo),
                   lambda exc: got.update(error=exc))
    qtbot.waitUntil(lambda: bool(got), timeout=60000)
    assert "error" not in got, got.get("error")
    return ops, got


def test_first_start_can_make_a_clearly_marked_demo_profile(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gui_main, "DEMO_CASES", 15)
    _answer(monkeypatch, "demo")
    ops, got = _start(tmp_path / "profile", qtbot)
    app = got["app"]
    assert isinstance(app, App)
    try:
        assert got["demo"] is True and app.profile.is_demo()
        assert app.cases.caseload(CaseFilter(status=None)).total == 15
        app.profile.set_lock_pin("4821", "4821")  # chosen earlier, so not asked again here
        window = build_window(app, ops, True)
        qtbot.addWidget(window)
        assert window.windowTitle().endswith("DEMO DATA")
        assert window.status.demo_label.isVisible()
        qtbot.waitUntil(ops.idle)
        assert window.app_lock is not None, "the started window is behind the app lock"
    finally:
        app.close()


def test_first_start_can_make_a_real_profile_with_no_demo_data(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer(monkeypatch, "real", name="Priya Shah", role="supervisor")
    _ops, got = _start(tmp_path / "profile", qtbot)
    app = got["app"]
    assert isinstance(app, App)
    try:
        assert got["demo"] is False and not app.profile.is_demo()
        assert (app.unit.actor.name, app.unit.actor.role) == ("Priya Shah", "supervisor")
        assert app.cases.caseload(CaseFilter(status=None)).total == 0
    finally:
        app.close()


def test_a_real_profile_needs_a_name(qtbot: QtBot) -> None:
    dialog = StartupDialog("/somewhere")
    qtbot.addWidget(dialog)
    dialog.real.click()
    dialog.go.click()
    assert dialog.problem.text() == "Enter your name"
    assert dialog.result() != QDialog.DialogCode.Accepted.value


def test_quitting_at_first_start_creates_nothing(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer(monkeypatch, "quit")
    assert not prepare(tmp_path / "profile", OpsRunner(), lambda a, d: None, lambda e: None)
    assert not profile_exists(tmp_path / "profile")


RIGHT = "bins by the back gate 44"


def _passphrase_profile(folder: Path) -> None:
    keys = ProfileKeys(backend=NoKeyring(), ask_passphrase=lambda _reason: RIGHT)
    create_profile(folder, "Sam Officer", "officer", keys=keys).close()


def _officer_types_passphrases(monkeypatch: pytest.MonkeyPatch, typed: list[str | None],
                               problems: list[str]) -> None:
    """Each time the dialog opens the officer reads any problem shown, then types
    the next passphrase (None: presses Cancel)."""
    answers = iter(typed)

    def exec_(self: PassphraseDialog) -> int:
        problems.append("" if self.error.isHidden() else self.error.text())
        phrase = next(answers)
        if phrase is None:
            return QDialog.DialogCode.Rejected.value
        self.phrase.setText(phrase)
        self._check()
        return int(self.result())

    monkeypatch.setattr(PassphraseDialog, "exec", exec_)


def test_a_mistyped_passphrase_is_asked_for_again_and_then_opens(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "profile"
    _passphrase_profile(folder)
    problems: list[str] = []
    _officer_types_passphrases(monkeypatch, ["bins by the back gate 45", RIGHT], problems)
    _ops, got = _start(folder, qtbot)
    app = got["app"]
    assert isinstance(app, App)
    app.close()
    assert problems == ["", "That passphrase is not right. Nothing has been changed."]


def test_cancelling_after_a_mistyped_passphrase_quits_quietly(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "profile"
    _passphrase_profile(folder)
    before = {f.name: f.read_bytes() for f in folder.iterdir()}
    problems: list[str] = []
    _officer_types_passphrases(monkeypatch, ["bins by the back gate 45", None], problems)
    got: dict[str, object] = {}
    assert prepare(folder, OpsRunner(), lambda app, demo: got.update(app=app),
                   lambda exc: got.update(error=exc), cancelled=lambda: got.update(quit=True))
    qtbot.waitUntil(lambda: bool(got), timeout=60000)
    assert got == {"quit": True}, "no error box, no window: the officer chose to stop"
    assert len(problems) == 2
    assert {f.name: f.read_bytes() for f in folder.iterdir()} == before
