"""The command line: summary, panel-pack and letter; and the panel pack's contents page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from asb_desktop.app import App, create_profile, open_profile
from asb_desktop.cli.main import main
from tests.conftest import FakeClock, noise_report
from tests.documents.conftest import PROTECTED_CONTACT, audit_rows, build_case, pdf_text
from tests.documents.fit_cases import build_da_case


@pytest.fixture
def two_cases(app: App, clock: FakeClock) -> tuple[str, str]:
    first = build_case(app, clock).case.reference
    second = build_case(app, clock, incidents=6).case.reference
    return first, second


def _audit(app: App) -> list[tuple[str, str]]:
    fresh = open_profile(app.folder)
    try:
        return [(r.action, r.detail) for r in audit_rows(fresh)]
    finally:
        fresh.close()


def test_summary_command_writes_the_pdf_and_audits_the_audience(
    app: App, two_cases: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "summary.pdf"
    code = main(["--profile", str(app.folder), "summary", two_cases[0].lower(), "--out", str(out),
                 "--audience", "perpetrator"])
    assert code == 0
    text = " ".join(pdf_text(out.read_bytes()))
    assert two_cases[0] in text and "Alleged perpetrator" in text
    assert "Wrote" in capsys.readouterr().out
    ((action, detail),) = _audit(app)
    assert action == "document.exported" and "audience perpetrator" in detail


def test_panel_pack_has_a_contents_page_pointing_at_each_case(
    app: App, two_cases: tuple[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "pack.pdf"
    code = main(["--profile", str(app.folder), "panel-pack", *two_cases, "--out", str(out),
                 "--date", "2026-03-16", "--confirm-past"])
    assert code == 0
    pages = pdf_text(out.read_bytes())
    contents = " ".join(pages[0].split())
    assert "Panel pack: meeting of 16 Mar 2026" in contents and "Contents" in contents
    # Each contents line is a reference and, at the right margin, a page number.
    listed = re.findall(r"ASB-\d\d-\w{4}-\d{4}", contents.split("Contents", 1)[1])
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\s*$", pages[0], re.M)]
    assert listed == list(two_cases) and len(numbers) == 2
    for ref, page in zip(listed, numbers, strict=True):
        assert pages[page - 1].startswith(f"Case summary: {ref}")
    flat = " ".join(" ".join(pages).split())
    for value in PROTECTED_CONTACT:
        assert value not in flat
    assert all(p.count("OFFICIAL-SENSITIVE") >= 2 for p in pages)
    ((action, detail),) = _audit(app)
    assert action == "document.exported" and "Panel pack for 2026-03-16" in detail
    assert all(ref in detail for ref in two_cases) and "audience panel" in detail


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["summary", "ASB-99-XXXX-0001", "--out", "{tmp}/a.pdf"], "There is no case ASB-99-XXXX-0001"),
        (["summary", "{ref}", "--out", "{tmp}/a.txt"], "--out must name a .pdf file"),
        (["summary", "{ref}", "--out", "{tmp}/missing/a.pdf"], "does not exist"),
        (["panel-pack", "{ref}", "--out", "{tmp}/p.pdf", "--date", "16/03/2026"], "--date must be a date"),
        (["letter", "warning", "--out", "{tmp}/w.pdf"], "needs --case REF"),
        (["letter", "acknowledgement", "--report", "nope", "--out", "{tmp}/w.pdf"], "no longer in this"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(
    app: App, two_cases: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    argv: list[str], message: str,
) -> None:
    args = [a.format(tmp=tmp_path, ref=two_cases[0]) for a in argv]
    code = main(["--profile", str(app.folder), *args])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and err.count("\n") == 1
    assert not list(tmp_path.glob("*.pdf"))
    assert _audit(app) == []


def test_bad_audience_is_refused_by_the_parser(app: App, two_cases: tuple[str, str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--profile", str(app.folder), "summary", two_cases[0], "--out", "x.pdf",
              "--audience", "press"])
    assert exc.value.code == 2


LANDLORD_TOML = """
[landlord]
name = "Larch Housing"
address = "2 Mill Lane, Eastbrook, LS6 9ZZ"
phone = "0113 496 0123"
email = "asb@larch.example.org"
complaints = "Write to complaints@larch.example.org."
"""


def test_letter_command(app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = app.reports.log_report(noise_report())
    out = tmp_path / "ack.pdf"
    argv = ["--profile", str(app.folder), "letter", "acknowledgement", "--report", report.id,
            "--out", str(out)]
    # A real profile with no landlord details is told what to fill in, and writes nothing.
    assert main(argv) == 2
    assert "[landlord]" in capsys.readouterr().err and not out.exists()
    (app.folder / "settings.toml").write_text(LANDLORD_TOML, "utf-8")
    assert main(argv) == 0
    text = " ".join(pdf_text(out.read_bytes()))
    assert "Dear Amira Okafor" in text and "Larch Housing" in text and "0113 496 0123" in text
    assert "to the reporter" in capsys.readouterr().out


def test_summary_is_redacted_unless_the_full_record_is_asked_for(
    app: App, two_cases: tuple[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "default.pdf"
    assert main(["--profile", str(app.folder), "summary", two_cases[0], "--out", str(out)]) == 0
    text = " ".join(" ".join(pdf_text(out.read_bytes())).split())
    assert "Multi-agency panel" in text
    for value in PROTECTED_CONTACT:
        assert value not in text


def test_the_guard_on_the_command_line(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    lead = create_profile(tmp_path / "lead", "Pat Lead", "supervisor", clock=clock)
    try:
        ref = build_da_case(lead, clock).case.reference
    finally:
        lead.close()
    (tmp_path / "lead" / "settings.toml").write_text(LANDLORD_TOML, "utf-8")
    base = ["--profile", str(tmp_path / "lead")]
    pack = tmp_path / "pack.pdf"
    assert main([*base, "panel-pack", ref, "--out", str(pack), "--date", "2030-01-07"]) == 2
    err = capsys.readouterr().err
    assert "MARAC is the usual forum" in err and "add --confirm-da" in err and not pack.exists()
    assert main([*base, "panel-pack", ref, "--out", str(pack), "--date", "2030-01-07", "--confirm-da",
                 "--why", f"{ref}=Threats after the injunction", "--ask", f"{ref}=Police to flag"]) == 0
    assert "Threats after the injunction" in " ".join(pdf_text(pack.read_bytes()))
    letter = tmp_path / "warning.pdf"
    assert main([*base, "letter", "warning", "--case", ref, "--out", str(letter)]) == 2
    assert "Give --override-reason TEXT" in capsys.readouterr().err and not letter.exists()
    assert main([*base, "letter", "warning", "--case", ref, "--out", str(letter),
                 "--override-reason", "Agreed at MARAC with the police and IDVA"]) == 0
    out = capsys.readouterr().out
    assert "to the alleged perpetrator" in out and "Deliver the letter by hand" in out
