"""The visit schedule rules, the day's visit pack and the analysts' exports."""

from __future__ import annotations

import csv
import io
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from asb_desktop.app import App
from asb_desktop.controllers.exports import ExportsController
from asb_desktop.controllers.tenancy_import import TenancyImportController
from asb_desktop.domain.inputs import CaseInput, PersonInput
from asb_desktop.domain.visits import ASB_TERMS, VisitSchedule, planned_visits
from tests.conftest import ARTEFACTS, FakeClock, noise_report
from tests.security.casefile import colleague
from tests.tenancies.exports import HEADERS, row, write

TODAY = date(2026, 3, 2)  # a Monday


def test_visits_follow_the_landlords_rules() -> None:
    rules = VisitSchedule(post_tenancy_weeks=8, schedule_within_days=30)
    start = TODAY - timedelta(days=5)
    assert planned_visits(start, None, TODAY, rules) == [
        ("sign_up", start), ("post_tenancy", start + timedelta(weeks=8))]
    assert planned_visits(TODAY - timedelta(days=31), None, TODAY, rules) == [], "before the window"
    assert planned_visits(date(1998, 4, 6), None, TODAY, rules) == []
    assert planned_visits(start, TODAY, TODAY, rules) == [], "already ended"
    ends_soon = planned_visits(start, TODAY + timedelta(days=10), TODAY, rules)
    assert ends_soon == [("sign_up", start)], "no settling-in visit after the tenancy ends"
    no_sign_up = VisitSchedule(sign_up_visit=False)
    assert [k for k, _ in planned_visits(start, None, TODAY, no_sign_up)] == ["post_tenancy"]


def test_the_profile_settings_choose_the_weeks_and_the_window(tmp_path: Path, clock: FakeClock) -> None:
    from asb_desktop.app import create_profile

    folder = tmp_path / "landlord"
    folder.mkdir()
    (folder / "settings.toml").write_text(
        "[visits]\npost_tenancy_weeks = 4\nschedule_within_days = 7\n", encoding="utf-8")
    app = create_profile(folder, "Sam Officer", "officer", clock=clock)
    try:
        f = write(tmp_path / "e.csv", [row("T-new", TODAY - timedelta(days=2)),
                                       row("T-old", TODAY - timedelta(days=8))])
        TenancyImportController(app.unit).import_file(f)
        visits = {(v.tenancy_reference, v.kind): v.due_date
                  for v in app.visits.list_visits().rows}
        assert visits == {("T-new", "sign_up"): TODAY - timedelta(days=2),
                          ("T-new", "post_tenancy"): TODAY - timedelta(days=2) + timedelta(weeks=4)}
    finally:
        app.close()


def test_due_this_week_and_overdue_per_officer(app: App, tmp_path: Path, clock: FakeClock) -> None:
    colleague(app, "Lee Lead", "officer")
    # The housing officer column names who visits: T-2 goes to Lee, the rest to the importer.
    f = write(tmp_path / "e.csv", [
        [*row("T-1", TODAY - timedelta(days=3)), ""],                      # sign-up overdue
        [*row("T-2", TODAY + timedelta(days=6), address="2 Ash Way"), "Lee Lead"],  # Sunday
        [*row("T-3", TODAY + timedelta(days=7), address="3 Ash Way"), ""],  # next Monday
    ], headers=[*HEADERS, "Housing Officer"])
    TenancyImportController(app.unit).import_file(f)
    mine = app.visits.due_visits()
    assert [(d.tenancy_reference, d.kind, d.state) for d in mine] == [("T-1", "sign_up", "overdue")]
    team = app.visits.due_visits(everyone=True)
    assert [(d.officer, d.tenancy_reference, d.state) for d in team] == [
        ("Lee Lead", "T-2", "this_week"), ("Sam Officer", "T-1", "overdue")]
    assert [d.tenancy_reference for d in app.visits.due_visits(officer="lee lead")] == ["T-2"]
    clock.advance(days=7)
    assert {d.tenancy_reference: d.state for d in app.visits.due_visits(everyone=True)} == {
        "T-1": "overdue", "T-2": "overdue", "T-3": "this_week"}


@pytest.fixture
def round_of_visits(app: App, tmp_path: Path) -> tuple[str, str]:
    """Today's visit to 12 Larch Close: a tenant needing an interpreter, an open
    case there this officer can see, and a restricted one led by a colleague."""
    app.people.add_person(PersonInput(
        given_name="Amira", family_name="Okafor", date_of_birth=date(1988, 7, 14),
        postcode="LS6 2QT", adjustments=["interpreter", "text_not_calls"], language="Somali"))
    TenancyImportController(app.unit).import_file(write(tmp_path / "e.csv", [
        row("T-1", TODAY, second="Kofi Mensah", second_dob="01/02/1985"),
        row("T-2", TODAY, address="7 Birch Lane", given="Ola", family="Berg", dob="02/02/1990"),
    ]))
    seen = app.cases.open_case(CaseInput(report_ids=[app.reports.log_report(noise_report()).id],
                                         summary="Music from flat 3 late at night"))
    lead = colleague(app, "Lee Lead", "officer")
    hidden_report = app.reports.log_report(noise_report(
        new_reporter=PersonInput(given_name="Zofia", family_name="Wiśniewska"),
        description="Threats through the letterbox"))
    hidden = app.cases.open_case(CaseInput(report_ids=[hidden_report.id], restricted=True,
                                           summary="Threats to Zofia",
                                           lead_officer_id=lead.actor.user_id))
    return seen.reference, hidden.reference


def test_the_days_visit_pack_shows_each_visit_as_the_officer_may_see_it(
    app: App, round_of_visits: tuple[str, str], tmp_path: Path,
) -> None:
    seen, hidden = round_of_visits
    exports = ExportsController(app.unit)
    out = tmp_path / "pack.pdf"
    assert exports.export_visit_pack(TODAY, out) == 2
    reader = PdfReader(out)
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) == 3, "a cover page and a sheet per visit"
    for n, text in enumerate(pages, 1):
        assert "OFFICIAL-SENSITIVE" in text and f"Page {n} of 3" in text
    sheet = pages[1]
    assert "12 Larch Close, Leeds" in sheet and "Sign-up visit" in sheet
    assert "Amira Okafor" in sheet and "Interpreter" in sheet and "Somali" in sheet
    assert "Kofi Mensah" in sheet
    for term in ASB_TERMS.values():
        assert term.split(",")[0][:40] in sheet.replace("\n", " ")
    assert seen in sheet and "Music from flat 3" in sheet
    assert hidden in sheet and "Restricted" in sheet
    assert "Zofia" not in "".join(pages) and "Threats" not in "".join(pages)
    assert seen not in pages[2], "no case at 7 Birch Lane"
    fonts = {str(f.get("/BaseFont")) for p in reader.pages
             for f in p["/Resources"]["/Font"].get_object().values()}
    # Text is set in embedded DejaVu subsets; reportlab's canvas names Helvetica
    # as each page's starting font, which no text here is drawn in.
    assert {f for f in fonts if "+" not in f} <= {"/Helvetica"}, fonts
    assert any("DejaVuSans" in f for f in fonts)
    ARTEFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(out),
                    str(ARTEFACTS / "visit-pack")], check=False)
    with app.store.engine.connect() as conn:
        details = [r[0] for r in conn.exec_driver_sql("SELECT detail FROM audit")]
    assert any(d.startswith("Visit pack for 2026-03-02 (2 visits) exported to") for d in details)


def test_exports_for_analysts_mask_what_the_user_may_not_see(
    app: App, round_of_visits: tuple[str, str],
) -> None:
    seen, hidden = round_of_visits
    exports = ExportsController(app.unit)
    text, n = exports.csv_text("cases")
    rows = {r["reference"]: r for r in csv.DictReader(io.StringIO(text))}
    assert n == 2 and rows[seen]["risk_level"] and rows[seen]["restricted"] == "no"
    assert rows[hidden]["restricted"] == "Restricted"
    assert all(rows[hidden][k] == "" for k in ("status", "categories", "opened", "lead_officer"))
    assert "Zofia" not in text and "Threats" not in text
    tenancies, count = exports.csv_text("tenancies")
    assert count == 2 and "Amira" not in tenancies, "no names leave in an export"
    assert next(iter(csv.DictReader(io.StringIO(tenancies))))["visits_due"] == "2"


def test_a_mistake_in_the_visit_settings_is_named(tmp_path: Path) -> None:
    from asb_desktop.domain.settings import SettingsError, load_policy

    (tmp_path / "settings.toml").write_text("[visits]\npost_tenancy_weeks = 0\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"\[visits\]: post_tenancy_weeks: must be a whole number"):
        load_policy(tmp_path)
    (tmp_path / "settings.toml").write_text('[visits]\nsign_up_visit = "yes"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="sign_up_visit: must be true or false"):
        load_policy(tmp_path)
    assert load_policy().visits == VisitSchedule(post_tenancy_weeks=6, schedule_within_days=90)
