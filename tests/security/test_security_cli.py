"""``asb-desktop retention | purge | hold | release | sar``, run in-process as typed.

The command line runs on the real clock, so the supervisor's case file is built
on a fake clock set years back: it is long past retention today.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from asb_desktop.app import App, create_profile
from tests.conftest import FakeClock
from tests.core.test_cli import _one_line_error, run
from tests.security.casefile import CaseFile, build


@pytest.fixture
def supervisor_file(tmp_path: Path) -> tuple[str, CaseFile]:
    clock = FakeClock(datetime(2012, 5, 14, 10, 0))
    app = create_profile(tmp_path / "lead", "Pat Lead", "supervisor", clock=clock)
    try:
        casefile = build(app, clock)
    finally:
        app.close()
    return str(app.folder), casefile


def test_hold_release_and_purge(supervisor_file: tuple[str, CaseFile],
                                capsys: pytest.CaptureFixture[str]) -> None:
    folder, casefile = supervisor_file
    ref = casefile.reference
    code, out, _ = run(capsys, "--profile", folder, "retention")
    assert code == 0 and ref in out and "1 case(s) closed more than 6 years ago" in out
    code, _, err = run(capsys, "--profile", folder, "purge", ref)
    assert code == 2 and "add --yes to confirm" in _one_line_error(err)
    code, _, err = run(capsys, "--profile", folder, "hold", ref)
    assert code == 2 and "reason: Give the reason for the legal hold" in _one_line_error(err)
    assert run(capsys, "--profile", folder, "hold", ref, "--reason", "Civil claim")[:2] == (
        0, f"{ref}: legal hold placed.\n")
    code, out, _ = run(capsys, "--profile", folder, "retention")
    assert ref not in out and "1 case(s) on legal hold" in out
    code, _, err = run(capsys, "--profile", folder, "purge", ref.lower(), "--yes")
    assert code == 2 and f"{ref} is on a legal hold" in _one_line_error(err)
    assert run(capsys, "--profile", folder, "release", ref, "--reason", "Settled")[0] == 0
    code, out, _ = run(capsys, "--profile", folder, "purge", ref, "--yes")
    assert code == 0 and out.startswith(f"Purged {ref}:") and "3 person(s)" in out
    code, _, err = run(capsys, "--profile", folder, "hold", ref, "--reason", "Too late")
    assert code == 2 and f"no case {ref}" in _one_line_error(err)
    assert run(capsys, "--profile", folder, "retention", "--compact")[0] == 0


def test_officer_is_refused_with_one_line(app: App, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["retention"], ["purge", "ASB-26-XXXX-0001", "--yes"],
                 ["hold", "ASB-26-XXXX-0001", "--reason", "x"]):
        code, _, err = run(capsys, "--profile", str(app.folder), *argv)
        assert code == 2 and "Only a supervisor" in _one_line_error(err), argv


def test_sar_writes_json_and_pdf(supervisor_file: tuple[str, CaseFile], tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder, casefile = supervisor_file
    out = tmp_path / "sar.json"
    code, said, _ = run(capsys, "--profile", folder, "sar", casefile.victim_id, "--json", str(out))
    assert code == 0 and "replaced by [third party]" in said
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["person"]["family_name"] == "Oyelaran" and "Strongbow" not in out.read_text()
    code, _, _ = run(capsys, "--profile", folder, "sar", casefile.victim_id, "--json", str(out),
                     "--third-parties")
    assert code == 0 and "Strongbow" in out.read_text(encoding="utf-8")
    pdf = tmp_path / "sar.pdf"
    assert run(capsys, "--profile", folder, "sar", casefile.victim_id, "--pdf", str(pdf))[0] == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, "--profile", folder, "sar", casefile.victim_id, "--pdf", str(out))
    assert code == 2 and "must name a .pdf file" in _one_line_error(err)
    code, _, err = run(capsys, "--profile", folder, "sar", "nobody", "--json", str(out))
    assert code == 2 and "no longer in this profile" in _one_line_error(err)
