"""Searching the caseload by words in a report finds the report's case, however
the report came to be on that case; the index-to-case link never drifts."""

from __future__ import annotations

from pathlib import Path

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.cases import CaseFilter
from asb_desktop.controllers.demo import DemoController
from asb_desktop.domain.inputs import CaseInput
from tests.conftest import FakeClock, noise_report


def _found(app: App, text: str) -> list[str]:
    page = app.cases.caseload(CaseFilter(text=text, status=None))
    return [r.reference for r in page.rows]


def _link_is_exact(app: App) -> None:
    """The link table holds exactly the case of every indexed case and report."""
    with app.store.engine.connect() as conn:
        link = set(conn.exec_driver_sql("SELECT fts_rowid, case_id FROM search_case_link").all())
        want = set(conn.exec_driver_sql(
            "SELECT m.fts_rowid, r.case_id FROM search_map m JOIN reports r ON r.id = m.ref_id "
            "WHERE r.case_id IS NOT NULL UNION "
            "SELECT m.fts_rowid, c.id FROM search_map m JOIN cases c ON c.id = m.ref_id").all())
    assert link == want


def test_a_report_is_found_under_its_case_once_it_has_one(app: App) -> None:
    first = app.reports.log_report(noise_report(description="Bins set alight behind Quillon House"))
    assert _found(app, "quillon") == []
    case = app.cases.open_case(CaseInput(report_ids=[first.id]))
    assert _found(app, "quillon") == [case.reference]
    later = app.reports.log_report(noise_report(description="Scooters racing on Tamberlane path"))
    assert _found(app, "tamberlane") == []
    app.reports.attach_to_case(later.id, case.id)
    assert _found(app, "tamber") == [case.reference]
    assert _found(app, case.reference) == [case.reference]
    _link_is_exact(app)


def test_the_link_matches_the_index_after_a_demo_caseload(tmp_path: Path) -> None:
    app = create_profile(tmp_path / "demo", "Demo Officer", "officer", demo=True, clock=FakeClock())
    try:
        DemoController(app.unit).fill(cases=25, seed=3)
        _link_is_exact(app)
    finally:
        app.close()


def test_warming_the_search_reads_and_writes_nothing_visible(app: App) -> None:
    report = app.reports.log_report(noise_report(description="Graffiti on Pellow Court garages"))
    case = app.cases.open_case(CaseInput(report_ids=[report.id]))
    with app.store.engine.connect() as conn:
        audit_before = conn.exec_driver_sql("SELECT count(*) FROM audit").scalar()
    assert app.cases.warm_search() > 0
    with app.store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM audit").scalar() == audit_before
    assert _found(app, "pellow") == [case.reference]
