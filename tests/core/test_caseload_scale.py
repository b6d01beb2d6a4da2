"""The caseload at any size: pages read in order from an index, counts that stop at
a cap, and a search audited once when the officer settles on it, not per keystroke."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from asb_desktop.app import App
from asb_desktop.controllers.cases import COUNT_CAP, CaseFilter
from asb_desktop.domain.inputs import CaseInput, PersonInput
from tests.conftest import noise_report
from tests.core.support import audit_rows


def _statements(app: App, run: Any) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def grab(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        if "FROM cases" in statement and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, params))

    sa.event.listen(app.store.engine, "before_cursor_execute", grab)
    try:
        run()
    finally:
        sa.event.remove(app.store.engine, "before_cursor_execute", grab)
    return seen


def _plan(app: App, statements: list[tuple[str, Any]]) -> list[str]:
    with app.store.engine.connect() as conn:
        return [str(r[-1]) for st, p in statements
                for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + st, p).all()]


def _cases(app: App, n: int) -> None:
    for i in range(n):
        report = app.reports.log_report(noise_report(
            new_reporter=PersonInput(given_name="Amira", family_name=f"Okafor{i}")))
        app.cases.open_case(CaseInput(report_ids=[report.id], summary=f"Noise {i}"))


def test_caseload_pages_and_searches_never_sort_in_a_temporary_tree(
    app: App, monkeypatch: Any,
) -> None:
    """Open cases (filtered as the officer types, or not), my cases, all cases. (A search
    over every status is left to SQLite: it sorts the matches, not the caseload.)"""
    _cases(app, 3)
    for flt in (CaseFilter(status="open"), CaseFilter(status=None),
                CaseFilter(status="open", officer_id=app.unit.actor.user_id),
                CaseFilter(text="okafor", status="open"), CaseFilter(text="music", status="open")):
        plan = _plan(app, _statements(app, lambda flt=flt: app.cases.caseload(flt, audit=False)))
        assert plan, flt
        assert not [p for p in plan if "TEMP B-TREE" in p], (flt, plan)
    import asb_desktop.controllers.cases as cases

    monkeypatch.setattr(cases, "broad_threshold", lambda _s, _n: 1)  # walk the caseload in order
    flt = CaseFilter(text="music", status="open")
    plan = _plan(app, _statements(app, lambda: app.cases.caseload(flt, audit=False)))
    assert any("ix_cases_page" in p for p in plan), plan
    assert not [p for p in plan if "TEMP B-TREE" in p], plan


def test_typing_a_search_writes_nothing_until_the_officer_settles_on_it(app: App) -> None:
    _cases(app, 2)
    before = len(audit_rows(app))
    for prefix in ("ok", "oka", "okaf", "okafor"):
        page = app.cases.caseload(CaseFilter(text=prefix, status="open"), audit=False)
        assert page.total == 2
    assert len(audit_rows(app)) == before
    app.cases.settle_search("okafor")
    rows = audit_rows(app)[before:]
    assert [(r.action, r.detail, r.user_id) for r in rows] == [
        ("search.cases", "okafor", app.unit.actor.user_id)]


def test_the_command_lines_caseload_still_audits_each_search(app: App) -> None:
    _cases(app, 1)
    before = len(audit_rows(app))
    app.cases.caseload(CaseFilter(text="okafor"))
    assert [r.detail for r in audit_rows(app)[before:]] == ["okafor"]


def test_a_total_stops_at_the_cap_and_grows_as_pages_are_fetched(
    app: App, monkeypatch: Any,
) -> None:
    import asb_desktop.controllers.cases as cases

    _cases(app, 7)
    monkeypatch.setattr(cases, "COUNT_CAP", 3)
    first = app.cases.caseload(CaseFilter(text="music"), limit=2, audit=False)
    assert (len(first.rows), first.total) == (2, 3)  # "at least 3"
    later = app.cases.caseload(CaseFilter(text="music"), offset=4, limit=2, audit=False)
    assert (len(later.rows), later.total) == (2, 7)
    plain = app.cases.caseload(CaseFilter(status="open"), limit=2)
    assert plain.total == 3  # without text too: counted up to the cap
    assert COUNT_CAP >= 1000


def test_a_broad_search_finds_the_same_cases_in_the_same_order(app: App, monkeypatch: Any) -> None:
    import asb_desktop.controllers.cases as cases

    _cases(app, 6)
    other = app.reports.log_report(noise_report(
        description="Dog barking", new_reporter=PersonInput(given_name="Ben", family_name="Jones")))
    app.cases.open_case(CaseInput(report_ids=[other.id], summary="Dog"))
    selective = [app.cases.caseload(CaseFilter(text=t), audit=False) for t in ("music", "okafor3")]
    monkeypatch.setattr(cases, "broad_threshold", lambda _s, _n: 1)  # every search walks instead
    broad = [app.cases.caseload(CaseFilter(text=t), audit=False) for t in ("music", "okafor3")]
    assert [r.id for r in broad[0].rows] == [r.id for r in selective[0].rows]
    assert len(broad[0].rows) == 6
    assert [r.reference for r in broad[1].rows] == [r.reference for r in selective[1].rows]
    assert len(broad[1].rows) == 1
    assert (broad[0].total, broad[1].total) == (6, 1)  # short pages: exact
    full = app.cases.caseload(CaseFilter(text="music"), limit=3, audit=False)
    assert (len(full.rows), full.total) == (3, cases.COUNT_CAP)  # a full page: "at least"
