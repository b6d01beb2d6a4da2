"""Store benchmarks: interactive save, caseload first page, full-text search, demo build.

Each figure is printed beside a raw sqlite3 baseline doing the same work in the
same run, so a slow machine shows up in both columns. Usage:

    .venv/bin/python bench/store.py [--cases 20000] [--reuse] [--quick]

``--reuse`` keeps a cached demo profile instead of timing a fresh build.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from asb_desktop.app import open_profile
from asb_desktop.controllers.cases import CaseFilter
from asb_desktop.controllers.reports import ReportFilter
from asb_desktop.domain.inputs import PersonInput, ReportInput
from asb_desktop.store.search import fts_query
from bench import open_profile as open_bench
from bench.common import (
    QUICK_CASES,
    copy_profile,
    demo_profile,
    line,
    raw_connection,
    timings,
)

CASELOAD_SQL = (
    "SELECT c.id, c.reference, c.parties_summary, c.categories, c.risk_level, u.name, c.status, "
    "c.next_action_due, c.opened_at, c.closed_at, c.restricted FROM cases c "
    "LEFT JOIN users u ON u.id = c.lead_officer_id WHERE c.status = 'open' "
    "ORDER BY c.risk_rank DESC, c.next_action_due IS NULL, "
    "c.next_action_due, c.opened_at, c.id LIMIT 100"
)
FTS_SQL = "SELECT ref_id FROM search_index WHERE search_index MATCH ? LIMIT 100"


#: Divides every run count under ``--quick``.
_QUICK = {"on": False}


def _runs(full: int) -> int:
    return 3 if _QUICK["on"] else full


def bench_save(folder: Path) -> None:
    app = open_profile(folder)
    counter = iter(range(10**9))

    def save() -> None:
        n = next(counter)
        app.reports.log_report(
            ReportInput(
                new_reporter=PersonInput(given_name="Bench", family_name=f"Reporter{n}"),
                categories=["noise"],
                description="Loud music late at night from the flat above",
                location="12 Larch Close",
            )
        )

    ours = timings(save, runs=_runs(200))
    app.close()
    raw = raw_connection(folder / "profile.db")

    def raw_save() -> None:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "INSERT INTO changes (change_id, entity, entity_id, op, fields, hlc, device_id, "
            "pushed) VALUES (?, 'bench', ?, 'upsert', '{}', '0', 'bench', 1)",
            (str(uuid.uuid4()), str(uuid.uuid4())),
        )
        raw.execute("COMMIT")

    base = timings(raw_save, runs=_runs(200))
    raw.execute("DELETE FROM changes WHERE entity = 'bench'")
    raw.close()
    print(line("save a report through the controller", ours, base, "p95 <= 20 ms"))


def bench_caseload(folder: Path) -> None:
    app = open_profile(folder)
    ours = timings(lambda: app.cases.caseload(CaseFilter(status="open"), sort="risk"), runs=_runs(100))
    app.close()
    raw = raw_connection(folder / "profile.db")
    opened = raw.execute("SELECT count(*) FROM cases WHERE status = 'open'").fetchone()[0]
    print(f"  (open cases: {opened}, first page 100 rows)")
    base = timings(lambda: raw.execute(CASELOAD_SQL).fetchall(), runs=_runs(100))
    raw.close()
    print(line("caseload first page by risk and due date", ours, base, "<= 20 ms"))


def bench_search(folder: Path) -> None:
    """Two kinds of query: what officers type (a resident's full name, a few dozen hits),
    and a single broad word that matches thousands of the demo's stock phrases. The
    window searches as the officer types without writing (the search is audited once,
    when they settle); the command line audits each search, measured too."""
    app = open_profile(folder)
    selective = ["amira okafor", "tomasz nowak", "zoe khan", "liam begum", "priya patel"]
    broad = ["graffiti", "mattress", "stairwell", "kestrel", "music"]
    for label, words, target, audit in (
        ("search as typed: a full name (page + capped count)", selective, "<= 10 ms", False),
        ("search as typed: one broad word", broad, "(no target)", False),
        ("search audited each call (command line): full name", selective, "(no target)", True),
    ):
        it = iter(words * 1000)
        ours = timings(lambda it=it, audit=audit: app.reports.list_reports(
            ReportFilter(text=next(it)), audit=audit), runs=_runs(100))
        hits = [app.reports.list_reports(ReportFilter(text=w), limit=1).total for w in words]
        raw = raw_connection(folder / "profile.db")
        it2 = iter(words * 1000)
        base = timings(
            lambda it2=it2, raw=raw: raw.execute(
                FTS_SQL, (fts_query(next(it2), "report"),)
            ).fetchall(),
            runs=_runs(100),
        )
        raw.close()
        print(line(label, ours, base, target) + f"   hits {min(hits)}-{max(hits)}")
    app.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--quick", action="store_true",
                        help="a tiny profile and few runs, to check the bench runs (figures mean nothing)")
    args = parser.parse_args()
    if args.quick:
        args.cases, _QUICK["on"] = QUICK_CASES, True
    cached, seconds = demo_profile(args.cases, fresh=not args.reuse)
    if seconds is not None:
        print(f"{'asb-desktop demo --cases ' + str(args.cases):<44} {seconds:7.1f} s"
              f"{'':<46}target <= 60 s")
    c = raw_connection(cached / "profile.db")
    n_reports = c.execute("SELECT count(*) FROM reports").fetchone()[0]
    c.close()
    print(f"profile: {args.cases} cases, {n_reports} reports, "
          f"{(cached / 'profile.db').stat().st_size / 2**20:.0f} MiB")
    with tempfile.TemporaryDirectory() as tmp:
        work = copy_profile(cached, Path(tmp) / "p")
        bench_caseload(work)
        bench_search(work)
        bench_save(work)
    print()
    if args.quick:
        open_bench.ROUNDS = 1
    open_bench.report()


if __name__ == "__main__":
    main()
