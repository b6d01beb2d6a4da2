"""The synthetic caseload for demonstrations and training: never in a real profile."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.cases import CaseFilter
from asb_desktop.controllers.demo import DemoController
from asb_desktop.controllers.errors import UserError
from asb_desktop.domain.references import is_case_reference
from tests.conftest import FakeClock
from tests.core.support import audit_rows, counts, open_noise_case


@pytest.fixture
def demo(tmp_path: Path, clock: FakeClock) -> Iterator[App]:
    a = create_profile(tmp_path / "demo", "Demo Officer", "officer", demo=True, clock=clock)
    yield a
    a.close()


def _caseload(app: App) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    """What an officer sees of each case, with the reference's device code left out."""
    rows = app.cases.caseload(CaseFilter(status=None), sort="reference", limit=1000).rows
    code = app.profile.device_code()
    return [(r.reference.replace(f"-{code}-", "-"), r.parties, r.risk_level, r.status, r.categories)
            for r in sorted(rows, key=lambda r: r.reference)]


def test_demo_data_is_refused_in_a_real_profile(app: App) -> None:
    before = counts(app)
    with pytest.raises(UserError, match="never a real one"):
        DemoController(app.unit).fill(cases=50, seed=3)
    assert counts(app) == before
    assert app.profile.users()[0].name == "Sam Officer"
    assert len(app.profile.users()) == 1


def test_demo_fills_a_demo_profile_with_a_whole_caseload(demo: App) -> None:
    summary = DemoController(demo.unit).fill(cases=50, seed=3)
    assert demo.profile.is_demo()
    assert summary.cases == 50
    everything = CaseFilter(status=None)
    assert demo.cases.caseload(everything).total == 50
    assert demo.reports.list_reports().total == summary.reports >= 50
    assert demo.visits.list_visits().total == summary.visits > 0
    rows = counts(demo)
    assert rows["case_parties"] >= 100  # a complainant and an alleged perpetrator at least
    assert rows["actions"] >= 50
    page = demo.cases.caseload(everything, limit=50)
    assert all(is_case_reference(r.reference) for r in page.rows)
    assert len({r.reference for r in page.rows}) == 50
    # Restricted cases led by other officers show only "Restricted" to this officer.
    assert all(" v " in r.parties or r.parties == "Restricted" for r in page.rows)
    assert {r.status for r in page.rows} <= {"open", "closed"}
    assert {"demo.filled"} == {a for a in _audit_actions(demo) if a.startswith("demo")}
    assert [f for f in demo.checks.run() if not f.ok] == []


def _audit_actions(app: App) -> set[str]:
    return {r.action for r in audit_rows(app)}


def test_demo_cases_open_in_full_and_are_searchable(demo: App) -> None:
    DemoController(demo.unit).fill(cases=20, seed=3)
    row = demo.cases.caseload(CaseFilter(status=None)).rows[0]
    detail = demo.cases.find_by_reference(row.reference)
    assert detail.reports and detail.parties and detail.actions
    perpetrator = next(p.person for p in detail.parties if p.role == "alleged_perpetrator")
    surname = perpetrator.name.split()[-1]
    found = demo.cases.caseload(CaseFilter(status=None, text=surname), limit=1000)
    assert detail.id in {r.id for r in found.rows}


def test_the_same_seed_gives_the_same_caseload(tmp_path: Path, clock: FakeClock) -> None:
    seen = []
    for name in ("first", "second"):
        a = create_profile(tmp_path / name, "Demo Officer", "officer", demo=True, clock=clock)
        try:
            DemoController(a.unit).fill(cases=30, seed=3)
            seen.append((a.profile.device_code(), _caseload(a)))
        finally:
            a.close()
    (code_a, first), (code_b, second) = seen
    assert code_a != code_b
    assert len(first) == 30
    assert first == second


def test_a_different_seed_gives_a_different_caseload(tmp_path: Path, clock: FakeClock) -> None:
    seen = []
    for seed in (3, 4):
        a = create_profile(tmp_path / f"seed{seed}", "Demo Officer", "officer", demo=True, clock=clock)
        try:
            DemoController(a.unit).fill(cases=30, seed=seed)
            seen.append([parties for _ref, parties, *_ in _caseload(a)])
        finally:
            a.close()
    assert seen[0] != seen[1]


def test_filling_a_demo_profile_again_adds_to_it_without_reusing_references(demo: App) -> None:
    for _ in range(3):
        DemoController(demo.unit).fill(cases=15, seed=1)
    refs = [r.reference for r in demo.cases.caseload(CaseFilter(status=None), limit=1000).rows]
    assert len(refs) == 45
    assert len(set(refs)) == 45
    assert demo.visits.list_visits().total == 9
    assert [f for f in demo.checks.run() if not f.ok] == []


def test_a_case_opened_after_the_demo_gets_a_fresh_reference(demo: App) -> None:
    DemoController(demo.unit).fill(cases=40, seed=3)
    before = {r.reference for r in demo.cases.caseload(CaseFilter(status=None), limit=1000).rows}
    case = open_noise_case(demo)
    assert case.reference not in before
    assert is_case_reference(case.reference)


def test_nothing_in_the_demo_is_logged_after_the_moment_it_was_made(
    demo: App, clock: FakeClock
) -> None:
    import sqlalchemy as sa

    clock.set(clock.now().replace(hour=9, minute=5))  # early: most of today is still to come
    DemoController(demo.unit).fill(cases=300, seed=5)
    with demo.store.sessions() as s:
        latest = s.execute(sa.text(
            "SELECT max(received_at), max(assessed_at) FROM reports")).one()
    assert all(str(t) <= clock.now().isoformat(sep=" ") for t in latest), latest
