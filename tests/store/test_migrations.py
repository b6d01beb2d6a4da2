"""A profile at the first schema is upgraded to the current one with its data intact."""

from __future__ import annotations

from pathlib import Path

from asb_desktop.app import open_profile
from asb_desktop.controllers.cases import CaseFilter
from asb_desktop.controllers.reports import ReportFilter
from asb_desktop.security.keys import ProfileKeys
from asb_desktop.store.engine import is_plaintext, open_engine
from asb_desktop.store.migrate import current_revisions, head_revisions, upgrade
from tests.conftest import FakeClock

USER, DEVICE, PERSON, REPORT, CASE = (f"{i:08d}-0000-4000-8000-000000000000" for i in range(1, 6))


def _first_schema_profile(folder: Path) -> None:
    """Write a profile as version 0001 of the schema would have, with raw SQL."""
    folder.mkdir()
    store = open_engine(folder / "profile.db")
    upgrade(store, None, target="0001")
    assert current_revisions(store) == {"0001"}
    with store.engine.begin() as c:
        x = c.exec_driver_sql
        x("INSERT INTO users VALUES (?, 'Sam Officer', 'officer', 1, '2025-01-06 09:00:00')",
          (USER,))
        x("INSERT INTO devices VALUES (?, 'K7QM', 'laptop', ?, '2025-01-06 09:00:00')",
          (DEVICE, USER))
        for key, value in [("user_id", USER), ("device_id", DEVICE), ("device_code", "K7QM"),
                           ("demo", "0"), ("case_seq:2025", "1")]:
            x("INSERT INTO meta VALUES (?, ?)", (key, value))
        x("INSERT INTO people (id, given_name, family_name, phone, email, address, postcode, "
          "contact_preferences, vulnerabilities, adjustments, adjustment_notes, language, "
          "equality, created_at) VALUES (?, 'Siobhán', 'Ní Bhriain', '07700 900111', '', "
          "'3 Heron Walk', 'EB1 1AB', '', 'Hearing loss', '[\"large_print\"]', '', '', '{}', "
          "'2025-01-06 09:00:00')", (PERSON,))
        x("INSERT INTO cases (id, reference, summary, status, risk_level, risk_rank, risk_reason, "
          "restricted, lead_officer_id, lead_agency, partner_agencies, categories, hate_incident, "
          "hate_strands, parties_summary, next_action_due, opened_at, closure_reason, "
          "satisfaction_comment) VALUES (?, 'ASB-25-K7QM-0001', 'Noise from flat 4', 'open', "
          "'medium', 2, '', 0, ?, '', '[]', '[\"noise\"]', 0, '[]', 'S. Ní Bhriain', NULL, "
          "'2025-01-06 09:00:00', '', '')", (CASE, USER))
        x("INSERT INTO reports (id, received_at, channel, reporter_id, anonymous, incident_time, "
          "location, categories, hate_incident, hate_strands, description, assessment_reason, "
          "proposed_risk, risk_level, risk_reason, case_id, created_at) VALUES (?, "
          "'2025-01-06 09:00:00', 'phone', ?, 0, '', '4 Heron Walk', '[\"noise\"]', 0, '[]', "
          "'Drumming practice every evening', '', 'medium', 'medium', '', ?, "
          "'2025-01-06 09:00:00')", (REPORT, PERSON, CASE))
        x("INSERT INTO audit VALUES ('a1', '2025-01-06 09:00:00', ?, ?, 'report.logged', "
          "'report', ?, '')", (USER, DEVICE, REPORT))
    store.close()


def test_first_schema_profile_upgrades_with_data_intact(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    _first_schema_profile(folder)
    app = open_profile(folder, clock=FakeClock())
    try:
        assert app.backup is not None and app.backup.exists(), "a backup is made before migrating"
        assert not is_plaintext(folder / "profile.db"), "a profile from before encryption is encrypted"
        with app.store.engine.connect() as conn:
            versions = {r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}
        assert versions == head_revisions()

        case = app.cases.find_by_reference("ASB-25-K7QM-0001")
        assert case.summary == "Noise from flat 4"
        report = app.reports.get_report(REPORT)
        assert report.description == "Drumming practice every evening"
        assert report.reporter is not None and report.reporter.adjustments == ("large_print",)
        # Rows that existed before search was added are searchable after the upgrade.
        assert app.reports.list_reports(ReportFilter(text="drumming")).total == 1
        assert app.reports.list_reports(ReportFilter(text="siobhan")).total == 1
        assert app.cases.caseload(CaseFilter(text="K7QM")).total == 1
        # And the profile carries on: the next case continues the device's sequence.
        assert app.unit.actor.name == "Sam Officer"
    finally:
        app.close()


def test_backup_holds_the_data_as_it_was_before_the_upgrade(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    _first_schema_profile(folder)
    app = open_profile(folder, clock=FakeClock())
    backup = app.backup
    app.close()
    assert backup is not None
    assert not is_plaintext(backup), "the backup is encrypted like the profile"
    store = open_engine(backup, ProfileKeys().key_for(folder))
    try:
        assert current_revisions(store) == {"0001"}
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT description FROM reports").scalar() == (
                "Drumming practice every evening"
            )
    finally:
        store.close()


def test_the_fast_path_heads_match_the_migration_scripts() -> None:
    from asb_desktop.store.migrate import SCHEMA_HEADS

    assert set(SCHEMA_HEADS) == head_revisions(), "update SCHEMA_HEADS in store/migrate.py"


def test_opening_an_up_to_date_profile_does_not_load_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    from asb_desktop.app import create_profile

    create_profile(tmp_path / "p", "Sam Officer", "officer").close()
    script = (
        "import sys\nfrom asb_desktop.app import open_profile\n"
        f"open_profile({str(tmp_path / 'p')!r}).close()\n"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=Path(__file__).parents[2], timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
