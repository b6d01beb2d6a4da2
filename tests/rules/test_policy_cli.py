"""The policy commands: what is due on a case, and checking a landlord's settings file."""

from __future__ import annotations

from pathlib import Path

import pytest

from asb_desktop.app import App
from asb_desktop.cli.main import main
from asb_desktop.domain.inputs import CaseInput
from tests.conftest import noise_report


def test_due_lists_a_cases_targets(app: App, capsys: pytest.CaptureFixture[str]) -> None:
    report = app.reports.log_report(noise_report())
    case = app.cases.open_case(CaseInput(report_ids=[report.id]))
    folder = app.folder
    app.close()
    assert main(["--profile", str(folder), "due", case.reference]) == 0
    out = capsys.readouterr().out
    assert case.reference in out and "First contact with the complainant" in out
    assert "2026-03-05" in out  # 3 working days for medium risk from Monday 2 March


def test_settings_check_names_the_broken_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "settings.toml").write_text("[dash]\nmarac_threshold = 40\n")
    assert main(["settings", "--folder", str(tmp_path)]) == 2
    assert "marac_threshold" in capsys.readouterr().err
    (tmp_path / "settings.toml").write_text("[dash]\nmarac_threshold = 12\n")
    assert main(["settings", "--folder", str(tmp_path)]) == 0
    assert "MARAC referral at 12 of 24" in capsys.readouterr().out
