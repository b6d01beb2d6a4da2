"""The ``asb-desktop`` command line, run in-process as a user would type it."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from asb_desktop import __version__
from asb_desktop.app import open_profile
from asb_desktop.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("asb-desktop: ")
    return lines[0]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"asb-desktop {__version__}"


def test_init_then_cases_lists_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "mine"
    code, out, _ = run(capsys, "--profile", str(folder), "init", "--name", "Sam Officer",
                       "--role", "officer")
    assert code == 0
    assert "Sam Officer (officer)" in out
    app = open_profile(folder)
    try:
        assert [(u.name, u.role) for u in app.profile.users()] == [("Sam Officer", "officer")]
        assert not app.profile.is_demo()
    finally:
        app.close()
    code, out, _ = run(capsys, "--profile", str(folder), "cases")
    assert code == 0
    assert out.strip().splitlines()[-1].startswith("0 of 0 case(s) shown")
    code, out, _ = run(capsys, "--profile", str(folder), "cases", "--json")
    assert (code, out) == (0, "")


def test_init_twice_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(tmp_path / "mine")
    assert run(capsys, "--profile", folder, "init", "--name", "Sam Officer")[0] == 0
    code, _, err = run(capsys, "--profile", folder, "init", "--name", "Someone Else")
    assert code == 2
    assert "already a profile" in _one_line_error(err)


@pytest.fixture
def demo_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "demo"
    code, out, _ = run(capsys, "--profile", str(folder), "demo", "--cases", "20")
    assert code == 0
    assert "20 cases" in out
    assert "invented" in out
    return folder


@pytest.fixture(scope="module")
def shared_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo profile for the commands below that only read it."""
    folder = tmp_path_factory.mktemp("cli") / "demo"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--profile", str(folder), "demo", "--cases", "20"]) == 0
    return folder


def _json_rows(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.strip().splitlines()]


def test_cases_json_prints_one_object_per_open_case(
    shared_demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--profile", str(shared_demo), "cases", "--json")
    assert code == 0
    rows = _json_rows(out)
    assert rows
    for row in rows:
        assert str(row["reference"]).startswith("ASB-")
        assert row["risk_level"] in {"high", "medium", "low"}
        assert row["status"] == "open"
    ranks = [{"high": 3, "medium": 2, "low": 1}[str(r["risk_level"])] for r in rows]
    assert ranks == sorted(ranks, reverse=True)


def test_cases_status_all_includes_closed_cases(
    shared_demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--profile", str(shared_demo), "cases", "--json", "--status", "all")
    everything = _json_rows(out)
    _, out, _ = run(capsys, "--profile", str(shared_demo), "cases", "--json", "--status", "closed")
    closed = _json_rows(out)
    _, out, _ = run(capsys, "--profile", str(shared_demo), "cases", "--json")
    opened = _json_rows(out)
    assert len(everything) == 20
    assert {r["status"] for r in closed} <= {"closed"}
    assert len(opened) + len(closed) == 20
    code, out, _ = run(capsys, "--profile", str(shared_demo), "cases", "--status", "all")
    assert code == 0
    assert out.strip().splitlines()[-1].startswith("20 of 20 case(s) shown")


def test_cases_for_an_officer(shared_demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--profile", str(shared_demo), "cases", "--json", "--status", "all")
    officer = str(_json_rows(out)[0]["officer"])
    code, out, _ = run(capsys, "--profile", str(shared_demo), "cases", "--json", "--status", "all",
                       "--officer", officer.upper())
    assert code == 0
    assert {r["officer"] for r in _json_rows(out)} == {officer}


def test_cases_for_an_unknown_officer_is_a_one_line_error(
    shared_demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--profile", str(shared_demo), "cases", "--officer", "Nobody")
    assert code == 2
    assert out == ""
    assert _one_line_error(err) == "asb-desktop: No officer called 'Nobody' in this profile."


def test_demo_into_a_real_profile_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(tmp_path / "real")
    run(capsys, "--profile", folder, "init", "--name", "Sam Officer")
    code, _, err = run(capsys, "--profile", folder, "demo", "--cases", "5")
    assert code == 2
    assert "real profile" in _one_line_error(err)
    _, out, _ = run(capsys, "--profile", folder, "cases", "--status", "all", "--json")
    assert out == ""


def test_demo_as_a_supervisor_shows_the_review_without_editing_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "supervisor"
    code, out, _ = run(capsys, "--profile", str(folder), "demo", "--cases", "20",
                       "--role", "supervisor")
    assert code == 0
    assert "for Demo Supervisor (supervisor): 20 cases" in out
    app = open_profile(folder)
    try:
        assert app.profile.is_demo()
        assert app.unit.actor.name == "Demo Supervisor"
        assert app.unit.actor.is_supervisor
        assert len(app.review.workload()) >= 4  # the team's caseload, by officer
    finally:
        app.close()
    _, out, _ = run(capsys, "--profile", str(folder), "cases", "--json", "--status", "all",
                    "--officer", "Demo Supervisor")
    assert 0 < len(_json_rows(out)) < 20
    # The profile's user cannot change role: asking for an officer here is refused, not ignored.
    code, _, err = run(capsys, "--profile", str(folder), "demo", "--cases", "5", "--role", "officer")
    assert code == 2
    assert "Demo Supervisor (supervisor)" in _one_line_error(err)
    code, out, _ = run(capsys, "--profile", str(folder), "demo", "--cases", "5")
    assert code == 0
    assert "for Demo Supervisor (supervisor): 5 cases" in out


def test_demo_is_an_officer_by_default(demo_folder: Path) -> None:
    app = open_profile(demo_folder)
    try:
        assert (app.unit.actor.name, app.unit.actor.role) == ("Demo Officer", "officer")
    finally:
        app.close()


def test_demo_needs_at_least_one_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--profile", str(tmp_path / "d"), "demo", "--cases", "0")
    assert code == 2
    assert "--cases" in _one_line_error(err)


def test_demo_run_again_adds_more_cases(demo_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(2):
        code, _, err = run(capsys, "--profile", str(demo_folder), "demo", "--cases", "5")
        assert (code, err) == (0, "")
    _, out, _ = run(capsys, "--profile", str(demo_folder), "cases", "--json", "--status", "all")
    references = [r["reference"] for r in _json_rows(out)]
    assert len(references) == len(set(references)) == 30


def test_check_passes_on_a_healthy_profile(shared_demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--profile", str(shared_demo), "check")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines
    assert all(line.startswith("ok ") for line in lines)
    assert any("SQLite integrity" in line for line in lines)


def test_check_fails_when_a_row_bypassed_the_change_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mine"
    run(capsys, "--profile", str(folder), "init", "--name", "Sam Officer")
    app = open_profile(folder)
    try:
        with app.store.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO users (id, name, role, active, created_at) "
                "VALUES ('raw-user', 'Raw User', 'officer', 1, '2026-03-02 09:30:00')")
    finally:
        app.close()
    code, out, _ = run(capsys, "--profile", str(folder), "check")
    assert code == 1
    assert "FAIL Change log: users: 1 row(s) would never reach the share" in out.splitlines()


@pytest.mark.parametrize("command", [["cases"], ["cases", "--json"], ["check"]])
def test_missing_profile_folder_is_a_clear_one_line_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    missing = tmp_path / "nowhere" / "profile"
    code, out, err = run(capsys, "--profile", str(missing), *command)
    assert code != 0
    assert out == ""
    line = _one_line_error(err)
    assert f"There is no profile in {missing}" in line
    assert not missing.exists()


def test_init_with_a_blank_name_leaves_no_profile_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(tmp_path / "mine")
    code, _, err = run(capsys, "--profile", folder, "init", "--name", "  ")
    assert code == 2
    assert _one_line_error(err) == "asb-desktop: user_name: Enter your name"
    code, _, err = run(capsys, "--profile", folder, "cases")
    assert code == 2
    assert "There is no profile" in err
    assert run(capsys, "--profile", folder, "init", "--name", "Sam Officer")[0] == 0


def test_cases_table_marks_overdue_cases_and_honours_the_limit(
    shared_demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--profile", str(shared_demo), "cases", "--json")
    rows = _json_rows(out)
    assert any(row["overdue"] for row in rows) and not all(row["overdue"] for row in rows)
    code, out, _ = run(capsys, "--profile", str(shared_demo), "cases")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].split()[:3] == ["Reference", "Risk", "Status"]
    body = lines[1:-1]
    assert len(body) == len(rows)
    for row, line in zip(rows, body, strict=True):
        assert line.startswith(str(row["reference"]))
        due = str(row["next_action_due"] or "-")
        flag = line.split(f" {due}", 1)[1][: 11 - len(due)].strip()
        assert flag == ("!" if row["overdue"] else ""), line
    _, out, _ = run(capsys, "--profile", str(shared_demo), "cases", "--limit", "3")
    assert out.strip().splitlines()[-1].startswith(f"3 of {len(rows)} case(s) shown")
