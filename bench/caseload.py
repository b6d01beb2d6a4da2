"""The caseload at a large landlord's scale: filter-as-you-type on 20,000 and on
100,000 cases, and how the cost grows between them.

Each keystroke of eight words officers type (``ok``, ``oka``, ``okaf``... as in
bench/gui.py) asks ``CasesController.caseload`` for the first page of open
cases, highest risk first, with the total. Beside it, the same prefixes as a
raw FTS5 query on the same encrypted file (the floor for any text filter), and
the plain first page with no text. Targets: filter p95 <= 30 ms at 20k,
<= 40 ms at 100k, growth <= 1.5x. Also prints SQLite's plan for the pages, which
must not sort in a temporary B-tree.

    .venv/bin/python bench/caseload.py [--cases 20000] [--large 100000] [--quick]

Profiles are built once with ``asb-desktop demo`` and cached (bench.common).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa

from asb_desktop.app import open_profile
from asb_desktop.controllers.cases import CaseFilter
from asb_desktop.store.search import fts_query
from bench.common import QUICK_CASES, copy_profile, demo_profile, p95, raw_connection, timings

WORDS = ["okafor", "smith", "noise", "larch", "harass", "walker", "begum", "music"]
FILTERS = [w[:n] for w in WORDS for n in range(2, len(w) + 1)]
FTS_SQL = "SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT 100"


def plans(app: Any) -> list[str]:
    """SQLite's plan for each query the caseload runs for a first page and a filter."""
    seen: list[str] = []

    def grab(_conn: Any, _cursor: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, params))  # type: ignore[arg-type]

    sa.event.listen(app.store.engine, "before_cursor_execute", grab)
    try:
        app.cases.caseload(CaseFilter(status="open"), "risk")
        app.cases.caseload(CaseFilter(status=None), "risk")
        app.cases.caseload(CaseFilter(text="noise", status="open"), "risk")
        app.cases.caseload(CaseFilter(text="okafor", status="open"), "risk")
    finally:
        sa.event.remove(app.store.engine, "before_cursor_execute", grab)
    out = []
    with app.store.engine.connect() as conn:
        for statement, params in seen:  # type: ignore[misc]
            if "FROM cases" not in statement:
                continue
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
            out.extend(str(r[-1]) for r in rows)
    return out


def measure(folder: Path, rounds: int) -> dict[str, Any]:
    app = open_profile(folder)
    try:
        first = timings(lambda: app.cases.caseload(CaseFilter(status="open"), "risk"), rounds * 10)
        typing: list[float] = []
        for _ in range(rounds):
            for text in FILTERS:
                typing += timings(
                    lambda text=text: app.cases.caseload(CaseFilter(text=text, status="open"),
                                                         "risk", True, 0, 100),
                    1, warmup=0)
        temp = [p for p in plans(app) if "TEMP B-TREE" in p]
    finally:
        app.close()
    raw = raw_connection(folder / "profile.db")
    try:
        open_total = raw.execute("SELECT count(*) FROM cases WHERE status = 'open'").fetchone()[0]
        base: list[float] = []
        for _ in range(rounds):
            for text in FILTERS:
                q = fts_query(text)
                base += timings(lambda q=q: raw.execute(FTS_SQL, (q,)).fetchall(), 1, warmup=0)
    finally:
        raw.close()
    return {"open": open_total, "first": first, "typing": typing, "base": base, "temp": temp}


def show(cases: int, m: dict[str, Any], target: float) -> None:
    typed = m["typing"]
    print(f"{cases:>7,} cases ({m['open']:,} open)")
    print(f"  first page, no text        median {statistics.median(m['first']):6.2f} ms  "
          f"p95 {p95(m['first']):6.2f} ms")
    print(f"  filter as you type         median {statistics.median(typed):6.2f} ms  "
          f"p95 {p95(typed):6.2f} ms   (raw FTS5 prefix, 100 rows: median "
          f"{statistics.median(m['base']):5.2f}, p95 {p95(m['base']):5.2f})   target p95 <= "
          f"{target:.0f} ms {'PASS' if p95(typed) <= target else 'MISS'}")
    print(f"  temporary B-trees in the caseload's plans: {len(m['temp'])}"
          + "".join(f"\n    {p}" for p in m["temp"]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true",
                        help="tiny profiles and one round, to check the bench runs")
    args = parser.parse_args()
    if args.quick:
        args.cases, args.large, args.rounds = QUICK_CASES, QUICK_CASES * 2, 1
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n, target in ((args.cases, 30.0), (args.large, 40.0)):
            cached, built = demo_profile(n)
            if built is not None:
                print(f"(built the {n:,}-case demo profile in {built:.0f} s)")
            results[n] = measure(copy_profile(cached, Path(tmp) / f"p{n}"), args.rounds)
            show(n, results[n], target)
    small, large = (p95(results[n]["typing"]) for n in (args.cases, args.large))
    growth = large / small
    print(f"growth of filter p95 from {args.cases:,} to {args.large:,} cases: {growth:.2f}x "
          f"({small:.1f} -> {large:.1f} ms)   target <= 1.5x {'PASS' if growth <= 1.5 else 'MISS'}")


if __name__ == "__main__":
    main()
