"""The profile file: durable settings, refusing what it cannot safely open."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from asb_desktop.app import App, open_profile
from asb_desktop.controllers.errors import UserError
from asb_desktop.store.engine import open_engine
from asb_desktop.store.errors import StoreError, StoreTooNew, StoreUnreadable
from asb_desktop.store.migrate import head_revisions, upgrade
from tests.conftest import FakeClock, noise_report


def test_every_connection_is_durable_with_foreign_keys(app: App) -> None:
    with app.store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_profile_written_by_a_newer_version_is_refused_untouched(
    app: App, clock: FakeClock
) -> None:
    app.reports.log_report(noise_report())
    with app.store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM alembic_version")
        conn.exec_driver_sql("INSERT INTO alembic_version VALUES ('9999_future')")
    app.close()
    before = (app.folder / "profile.db").read_bytes()
    with pytest.raises(StoreTooNew, match="newer version"):
        open_profile(app.folder, clock=clock)
    assert (app.folder / "profile.db").read_bytes() == before
    assert not list(app.folder.glob("*.backup-*"))


def test_a_database_that_is_not_a_profile_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "profile.db"
    store = open_engine(path)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE payroll (name TEXT)")
    with pytest.raises(StoreError, match="not an asb-desktop profile"):
        upgrade(store, None)
    store.close()


def test_a_file_that_is_not_sqlite_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "profile.db"
    path.write_bytes(b"this is a word-processor document, not a database" * 100)
    with pytest.raises(StoreUnreadable, match=r"cannot be read|needs its key"):
        open_engine(path)
    assert path.read_bytes().startswith(b"this is a word-processor document")


def test_opening_a_missing_profile_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no profile"):
        open_profile(tmp_path / "nowhere")


def test_an_up_to_date_profile_is_not_backed_up_again(app: App, clock: FakeClock) -> None:
    app.close()
    again = open_profile(app.folder, clock=clock)
    assert again.backup is None
    again.close()


def test_schema_is_at_every_head_after_creation(app: App) -> None:
    with app.store.engine.connect() as conn:
        versions = {r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}
    assert versions == head_revisions()


def test_models_and_migrations_agree(app: App) -> None:
    """A model change without a migration would break every existing profile."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from asb_desktop.store.models import Base

    with app.store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # FTS shadow tables and search_map are created by raw SQL in a migration on purpose.
    real = [
        d for d in diff
        if not (d[0] == "remove_table" and str(d[1].name).startswith("search_"))
        and not (
            d[0] == "remove_index"
            and str(d[1].name) in {"ix_cases_caseload", "ix_changes_pushed", "ix_contacts_victim_updates",
                                  "ix_changes_entity_row", "ix_cases_search_cover",
                                  "ix_case_parties_person_case", "ix_cases_restricted",
                                  "ix_search_case_link_case"}
        )
    ]
    assert real == []


def test_search_index_follows_edits(app: App) -> None:
    report = app.reports.log_report(noise_report(description="Dog barking at the Willowmead flats"))
    with app.store.sessions() as s:
        hits = s.execute(
            sa.text("SELECT ref_id FROM search_index WHERE search_index MATCH 'willowmead'")
        ).scalars().all()
    assert hits == [report.id]


def test_letters_without_decomposition_are_found_both_ways(app: App) -> None:
    from asb_desktop.controllers.reports import ReportFilter
    from asb_desktop.domain.inputs import PersonInput

    app.reports.log_report(noise_report(new_reporter=PersonInput(given_name="Łukasz",
                                                                 family_name="Søndergård")))
    for typed in ("lukasz", "Łukasz", "sondergard", "Søndergård"):
        assert app.reports.list_reports(ReportFilter(text=typed)).total == 1, typed


def test_the_index_and_the_query_fold_the_same_letters() -> None:
    import importlib.util

    from asb_desktop.store import search
    from asb_desktop.store.migrate import MIGRATIONS

    spec = importlib.util.spec_from_file_location(
        "m0002", MIGRATIONS / "versions" / "0002_search_and_caseload.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.FOLDS == search.FOLDS
