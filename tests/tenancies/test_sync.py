"""Imported tenancies reach the team's other laptops by sync like any other change."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from asb_desktop.controllers.tenancy_import import TenancyImportController
from tests.sync import conftest as sync_fixtures
from tests.sync.conftest import Device, count, snapshot, sync_all
from tests.tenancies.exports import row, write

# The three synced laptops of tests/sync, shared rather than rebuilt.
template_profiles = sync_fixtures.template_profiles
share = sync_fixtures.share
team = sync_fixtures.team
_fresh_team_keys = sync_fixtures._fresh_team_keys


def test_another_device_receives_the_imported_tenancies_tenants_and_visits(
    team: list[Device], tmp_path: Path,
) -> None:
    a, b, c = team
    today = a.clock.now().date()
    rows = [row(f"T-{i}", today - timedelta(days=i), address=f"{i} Elm Road",
                second="Kofi Mensah" if i % 2 else "", second_dob="01/02/1985" if i % 2 else "")
            for i in range(40)]
    imports = TenancyImportController(a.app.unit)
    imports.import_file(write(tmp_path / "v1.csv", rows))
    sync_all(team)
    for d in (b, c):
        assert count(d.app, "tenancies") == 40
        assert count(d.app, "tenancy_members") == 60
        assert count(d.app, "tenancy_visits") == count(a.app, "tenancy_visits") == 80
        # Tenants are searchable on the receiving laptop too.
        assert [p.name for p in d.app.people.find_people("Amira")][:1] == ["Amira Okafor"]
    # A later import's updates (a tenant gone, an end date) travel as well.
    a.clock.advance(hours=1)
    rows[1] = row("T-1", today - timedelta(days=1), address="1 Elm Road", end=today)
    result = imports.import_file(write(tmp_path / "v2.csv", rows))
    assert [u.reference for u in result.updated] == ["T-1"]
    sync_all(team)
    assert snapshot(b.app) == snapshot(a.app) == snapshot(c.app)
    assert count(b.app, "tenancy_members") == 59
    assert count(b.app, "tenancy_visits", status="cancelled") == 2
