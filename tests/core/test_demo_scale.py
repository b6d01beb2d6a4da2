"""The demo at a large landlord's scale: references that cannot collide however many
cases are made, and case summaries written by the same rule as every edit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.cases import CaseFilter
from asb_desktop.controllers.demo import DemoController
from asb_desktop.domain.inputs import PersonInput
from tests.conftest import FakeClock


@pytest.fixture
def demo(tmp_path: Path, clock: FakeClock) -> Iterator[App]:
    a = create_profile(tmp_path / "demo", "Demo Officer", "officer", demo=True, clock=clock)
    yield a
    a.close()


def _tenancy_references(app: App) -> list[str]:
    with app.store.engine.connect() as conn:
        return list(conn.execute(sa.text("SELECT reference FROM tenancies ORDER BY reference"))
                    .scalars())


def test_tenancy_references_are_counted_so_refills_never_collide(demo: App) -> None:
    for _ in range(3):
        DemoController(demo.unit).fill(cases=40, seed=1)  # the same seed each time
    refs = _tenancy_references(demo)
    code = demo.profile.device_code()
    assert len(refs) == 30
    assert refs == [f"T-{code}-{n:06d}" for n in range(1, 31)]


def test_the_demos_parties_summary_is_the_one_an_edit_writes(demo: App) -> None:
    DemoController(demo.unit).fill(cases=20, seed=5)
    rows = demo.cases.caseload(CaseFilter(status="open"), limit=100).rows
    assert rows and all(" v " in r.parties for r in rows if r.parties != "Restricted")
    for row in rows[:5]:
        # Adding a witness makes the case recompute its summary, which leaves out witnesses:
        # the words on screen must not change.
        demo.cases.add_party(row.id, "witness", new=PersonInput(given_name="Wendy", family_name="Hall"))
        again = next(r for r in demo.cases.caseload(CaseFilter(status="open"), limit=100).rows
                     if r.id == row.id)
        assert again.parties == row.parties
