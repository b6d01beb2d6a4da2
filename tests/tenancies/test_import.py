"""Importing the housing system's tenancy export: what an officer sees come in."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from asb_desktop.app import App
from asb_desktop.controllers.tenancy_import import FileNotReadable, TenancyImportController
from asb_desktop.domain.inputs import PersonInput
from tests.conftest import FakeClock
from tests.tenancies.exports import HEADERS, many, row, write

TODAY = date(2026, 3, 2)


def rows_of(app: App, sql: str) -> list[tuple[object, ...]]:
    with app.store.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


def count(app: App, table: str) -> int:
    return int(rows_of(app, f"SELECT count(*) FROM {table}")[0][0])


def test_a_good_file_brings_in_tenancies_tenants_and_their_visits(
    app: App, imports: TenancyImportController, tmp_path: Path,
) -> None:
    f = write(tmp_path / "export.csv", [
        row("T-100", TODAY - timedelta(days=10), second="Kofi Mensah", second_dob="01/02/1985"),
        row("T-101", date(1998, 4, 6), tenure="Secure", address="3 Elm Road", given="Pat",
            family="Long", dob="09/09/1950"),
        row("T-102", TODAY + timedelta(days=7), tenure="assured shorthold", address="5 Ash Way",
            given="Li", family="Wei", dob=""),
    ])
    result = imports.import_file(f)
    assert (result.added, result.unchanged, result.refused, result.exit_code) == (3, 0, (), 0)
    tenancies = {t.reference: t for t in app.visits.find_tenancies("")}
    assert tenancies["T-100"].tenure_type == "starter"
    assert tenancies["T-102"].tenure_type == "assured"
    assert sorted(p.name for p in tenancies["T-100"].tenants) == ["Amira Okafor", "Kofi Mensah"]
    assert tenancies["T-100"].tenants[0].date_of_birth in (date(1988, 7, 14), date(1985, 2, 1))
    visits = {(v.tenancy_reference, v.kind): v.due_date
              for v in app.visits.list_visits(limit=50).rows}
    # A sign-up visit at the start, a settling-in visit six weeks on; none for a 1998 tenancy.
    assert visits == {
        ("T-100", "sign_up"): TODAY - timedelta(days=10),
        ("T-100", "post_tenancy"): TODAY - timedelta(days=10) + timedelta(weeks=6),
        ("T-102", "sign_up"): TODAY + timedelta(days=7),
        ("T-102", "post_tenancy"): TODAY + timedelta(days=7) + timedelta(weeks=6),
    }
    assert result.visits_scheduled == 4
    audit = rows_of(app, "SELECT detail FROM audit WHERE action = 'tenancies.imported'")
    assert audit == [("Tenancies imported from export.csv: 3 added, 0 updated, 0 unchanged, "
                      "0 refused; 4 visits scheduled, 0 cancelled",)]


def test_bad_rows_are_refused_with_line_column_and_reason_and_the_good_ones_come_in(
    app: App, imports: TenancyImportController, tmp_path: Path,
) -> None:
    start = TODAY - timedelta(days=3)
    f = write(tmp_path / "export.csv", [
        row("T-1", start),
        row("", start),                                     # line 3
        [*row("T-3", start)[:7], "31/02/2026", *row("T-3", start)[8:]],  # line 4
        row("T-4", start, tenure="Mansion"),                # line 5
        row("T-1", start, address="99 Other Street"),       # line 6
        row("T-6", start, end=start - timedelta(days=1)),   # line 7
        row("T-7", start, dob="1988-13-45"),                # line 8
        row("T-8", start),
    ])
    result = imports.import_file(f)
    assert result.added == 2 and result.exit_code == 1
    assert [str(r) for r in result.refused] == [
        "line 3, Tenancy Ref: the tenancy reference is missing",
        "line 4, Tenancy Start Date: '31/02/2026' is not a real date",
        "line 5, Tenure Type: 'Mansion' is not a tenure this knows",
        "line 6, Tenancy Ref: tenancy T-1 appears earlier in the file with a different address",
        "line 7, Tenancy End Date: the end date is before the start date",
        "line 8, Tenant 1 DOB: '1988-13-45' is not a real date",
    ]
    assert {t.reference for t in app.visits.find_tenancies("")} == {"T-1", "T-8"}


def test_strict_refuses_the_whole_file_and_a_dry_run_changes_nothing(
    app: App, imports: TenancyImportController, tmp_path: Path,
) -> None:
    before = count(app, "changes"), count(app, "audit")
    bad = write(tmp_path / "bad.csv", [row("T-1", TODAY), row("", TODAY)])
    strict = imports.import_file(bad, strict=True)
    assert strict.strict_refused and strict.exit_code == 1 and len(strict.refused) == 1
    good = write(tmp_path / "good.csv", [row("T-1", TODAY), row("T-2", TODAY)])
    dry = imports.import_file(good, dry_run=True)
    assert dry.added == 2 and dry.visits_scheduled == 4 and dry.dry_run
    assert count(app, "tenancies") == 0 and count(app, "tenancy_visits") == 0
    assert (count(app, "changes"), count(app, "audit")) == before


@pytest.mark.parametrize(("encoding", "bom", "named"), [
    ("cp1252", False, "Windows-1252"), ("utf-8", True, "UTF-8 with BOM"), ("utf-8", False, "UTF-8"),
])
def test_officers_files_are_read_in_the_encoding_they_come_in(
    app: App, imports: TenancyImportController, tmp_path: Path, encoding: str, bom: bool,
    named: str,
) -> None:
    f = write(tmp_path / "export.csv", [
        row("T-1", TODAY, given="Zoë", family="O’Brien", address="Flat 2, Café Row £"),
    ], encoding=encoding, bom=bom)
    result = imports.import_file(f)
    assert result.encoding == named and result.added == 1
    tenancy = app.visits.find_tenancies("T-1")[0]
    assert tenancy.tenants[0].name == "Zoë O’Brien"
    assert tenancy.address == "Flat 2, Café Row £, Leeds"
    # The search index finds the accented name without its accent.
    assert [p.name for p in app.people.find_people("zoe")] == ["Zoë O’Brien"]


def test_importing_the_same_file_again_changes_nothing(
    app: App, imports: TenancyImportController, tmp_path: Path,
) -> None:
    f = write(tmp_path / "export.csv", [row(f"T-{i}", TODAY - timedelta(days=i)) for i in range(30)])
    imports.import_file(f)
    before = {t: count(app, t) for t in ("tenancies", "people", "tenancy_members",
                                         "tenancy_visits", "changes", "audit")}
    again = imports.import_file(f)
    assert (again.added, again.updated, again.unchanged, again.exit_code) == (0, (), 30, 0)
    assert {t: count(app, t) for t in before} == before


def test_a_changed_row_updates_its_tenancy_and_says_so(
    app: App, imports: TenancyImportController, clock: FakeClock, tmp_path: Path,
) -> None:
    start = TODAY - timedelta(days=20)
    imports.import_file(write(tmp_path / "v1.csv", [row("T-1", start), row("T-2", start)]))
    people = count(app, "people")
    clock.advance(days=10)
    ended = TODAY + timedelta(days=20)  # ends before the settling-in visit falls due
    result = imports.import_file(write(tmp_path / "v2.csv", [
        row("T-1", start, tenure="Secure", phone="07700 900999",
            second="Kofi Mensah", second_dob="01/02/1985"),
        row("T-2", start, end=ended),
    ]))
    assert result.unchanged == 0 and result.exit_code == 0
    assert [str(u) for u in result.updated] == [
        "line 2: T-1: tenure starter → secure; Amira Okafor: phone updated; tenant Kofi Mensah added",
        "line 3: T-2: end date none → 22/03/2026; post-tenancy visit cancelled (tenancy ended)",
    ]
    assert result.visits_cancelled == 1
    # Amira is matched (same tenancy, name and date of birth), not added again.
    assert count(app, "people") == people + 1
    t1 = app.visits.find_tenancies("T-1")[0]
    assert {p.name: p.phone for p in t1.tenants}["Amira Okafor"] == "07700 900999"
    statuses = {(v.tenancy_reference, v.kind): v.status
                for v in app.visits.list_visits(limit=50).rows}
    assert statuses[("T-2", "post_tenancy")] == "cancelled"
    assert statuses[("T-2", "sign_up")] == "due", "due before the tenancy ends: still to do"


def test_tenants_already_in_the_profile_are_matched_not_duplicated(
    app: App, imports: TenancyImportController, tmp_path: Path,
) -> None:
    known = app.people.add_person(PersonInput(given_name="Amira", family_name="Okafor",
                                              date_of_birth=date(1988, 7, 14),
                                              postcode="LS6 2QT", adjustments=["interpreter"]))
    imports.import_file(write(tmp_path / "e.csv", [row("T-1", TODAY)]))
    tenancy = app.visits.find_tenancies("T-1")[0]
    assert [p.id for p in tenancy.tenants] == [known.id]
    assert count(app, "people") == 1


def test_a_mapping_saved_under_a_name_is_reused(
    app: App, imports: TenancyImportController, tmp_path: Path,
) -> None:
    odd = ["AgreementNo", "Addr", "PC", "Type", "From", "Lead"]
    f = write(tmp_path / "orchard.csv", [["A1", "4 Birch Lane", "LS1 1AA", "Flexible", "01/03/2026",
                                          "Sam Lee"]], headers=odd)
    with pytest.raises(FileNotReadable, match="no column is mapped to Tenancy reference"):
        imports.import_file(f)
    imports.save_mapping("Orchard", {"reference": "AgreementNo", "address1": "Addr",
                                     "postcode": "PC", "tenure": "Type", "start_date": "From",
                                     "tenant1_name": "Lead"})
    assert list(imports.mappings()) == ["Orchard"]
    result = imports.import_file(f, mapping_name="Orchard")
    assert result.added == 1
    tenancy = app.visits.find_tenancies("A1")[0]
    assert (tenancy.tenure_type, tenancy.tenants[0].name) == ("fixed_term", "Sam Lee")
    with pytest.raises(FileNotReadable, match="no column mapping named 'Civica'"):
        imports.import_file(f, mapping_name="Civica")


def test_common_headers_are_recognised_without_a_mapping(
    app: App, imports: TenancyImportController, tmp_path: Path,
) -> None:
    f = write(tmp_path / "e.csv", [row("T-1", TODAY, second="Amira Okafor", second_dob="14/07/1988")])
    assert imports.import_file(f).added == 1
    assert [p.name for p in app.visits.find_tenancies("T-1")[0].tenants] == ["Amira Okafor"], \
        "one person named twice on a row is one tenant"
    preview = imports.preview(f)
    assert preview.missing == ()
    assert preview.mapping["reference"] == "Tenancy Ref"
    assert preview.mapping["tenant1_given"] == "Tenant 1 Forename"
    assert preview.rows[0][0] == "T-1" and preview.headers == tuple(HEADERS)


@pytest.mark.parametrize(("data", "words"), [
    (b"\x00\x01\x02PK\x03\x04binary", "binary data"),
    (b"", "empty"),
    (b"just one column\nrow\n", "no header row"),
])
def test_a_file_that_cannot_be_read_is_refused_whole(
    app: App, imports: TenancyImportController, tmp_path: Path, data: bytes, words: str,
) -> None:
    f = tmp_path / "x.csv"
    f.write_bytes(data)
    with pytest.raises(FileNotReadable, match=words):
        imports.import_file(f)
    assert count(app, "tenancies") == 0


def test_fifty_thousand_rows_are_checked_with_progress(
    app: App, imports: TenancyImportController, tmp_path: Path,
) -> None:
    f = many(tmp_path / "big.csv", 50_000, TODAY)
    told: list[tuple[int, int, str]] = []
    result = imports.import_file(f, dry_run=True, progress=lambda *a: told.append(a))
    assert (result.rows, result.added, result.refused) == (50_000, 50_000, ())
    assert told[0][0] < told[-2][0] and told[-2][1] >= 50_000, "progress moves forward"
    assert count(app, "tenancies") == 0
