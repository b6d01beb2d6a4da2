"""The command line: import tenancies, visits, visit-pack and export, with their exit
statuses; and a large import killed half-way leaving the profile as it was."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from asb_desktop.app import App, create_profile, open_profile
from asb_desktop.cli.main import main
from tests.conftest import ROOT
from tests.tenancies.exports import many, row, write


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A profile on the real clock, as the command line opens it."""
    create_profile(tmp_path / "profile", "Sam Officer", "officer").close()
    return tmp_path / "profile"


def cli(folder: Path, *args: str) -> int:
    return main(["--profile", str(folder), *args])


def test_import_exit_statuses_and_what_it_prints(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    today = date.today()
    good = write(tmp_path / "good.csv", [row("T-1", today), row("T-2", today - timedelta(days=3))])
    assert cli(folder, "import", "tenancies", str(good), "--dry-run") == 0
    assert "2 added" in capsys.readouterr().out
    assert cli(folder, "import", "tenancies", str(good)) == 0
    out = capsys.readouterr().out
    assert out.startswith("good.csv (UTF-8, 2 rows): 2 added, 0 updated, 0 unchanged, 0 refused;")
    assert cli(folder, "import", "tenancies", str(good)) == 0
    assert "0 added, 0 updated, 2 unchanged" in capsys.readouterr().out

    bad = write(tmp_path / "bad.csv", [row("T-3", today), row("T-4", today, tenure="")])
    assert cli(folder, "import", "tenancies", str(bad), "--strict") == 1
    assert "nothing imported (--strict): 1 of 2 rows were refused" in capsys.readouterr().out
    assert cli(folder, "import", "tenancies", str(bad), "--json") == 1
    result = json.loads(capsys.readouterr().out)
    assert result["added"] == 1
    assert result["refused"] == [{"line": 3, "column": "Tenure Type",
                                  "reason": "the tenure is missing"}]

    junk = tmp_path / "photo.csv"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert cli(folder, "import", "tenancies", str(junk)) == 2
    err = capsys.readouterr().err.strip()
    assert err == "asb-desktop: photo.csv: The file is not a CSV text file (it holds binary data)."
    assert cli(folder, "import", "tenancies", str(tmp_path / "missing.csv")) == 2
    assert cli(folder, "import", "tenancies", str(good), "--mapping", "Nope") == 2


def test_visits_due_per_officer_and_the_exports(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    today = date.today()
    f = write(tmp_path / "e.csv", [row("T-late", today - timedelta(days=10)),
                                   row("T-soon", today, address="5 Ash Way")])
    assert cli(folder, "import", "tenancies", str(f)) == 0
    capsys.readouterr()
    assert cli(folder, "visits", "--due", "--json") == 0
    due = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(d["tenancy"], d["kind"], d["state"]) for d in due] == [
        ("T-late", "sign_up", "overdue"), ("T-soon", "sign_up", "this_week")]
    assert {d["officer"] for d in due} == {"Sam Officer"}
    assert cli(folder, "visits", "--due", "--officer", "sam officer") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Sam Officer: 1 overdue, 1 due this week"
    assert cli(folder, "visits", "--officer", "Nobody", "--due") == 2

    pack = tmp_path / "pack.pdf"
    assert cli(folder, "visit-pack", "--date", today.isoformat(), "--out", str(pack)) == 0
    assert "1 visit(s)" in capsys.readouterr().out and pack.read_bytes().startswith(b"%PDF")
    assert cli(folder, "visit-pack", "--date", "02/03/2026", "--out", str(pack)) == 2

    out_csv = tmp_path / "visits.csv"
    assert cli(folder, "export", "visits", "--csv", str(out_csv)) == 0
    lines = out_csv.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == ("tenancy_reference,postcode,kind,status,due_date,visit_date,officer,"
                        "terms_explained,acknowledged")
    assert len(lines) == 5


def test_a_large_import_killed_half_way_leaves_the_profile_as_it_was(
    folder: Path, tmp_path: Path,
) -> None:
    f = many(tmp_path / "big.csv", 50_000, date.today())
    app = open_profile(folder)
    before = _tables(app)
    app.close()
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("kill_import.py")), "--profile",
         str(folder), "import", "tenancies", str(f)],
        cwd=ROOT, env=os.environ.copy(), stderr=subprocess.PIPE, text=True)
    assert child.stderr is not None
    for line in child.stderr:
        if line.startswith("Saving"):  # inside the transaction, rows being written
            child.send_signal(signal.SIGKILL)
            break
    assert child.wait(timeout=300) == -signal.SIGKILL
    app = open_profile(folder)
    try:
        assert _tables(app) == before
        assert all(f.ok for f in app.checks.run())
    finally:
        app.close()


def _tables(app: App) -> dict[str, int]:
    with app.store.engine.connect() as conn:
        return {t: int(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one())
                for t in ("tenancies", "properties", "people", "tenancy_members",
                          "tenancy_visits", "changes", "audit")}
