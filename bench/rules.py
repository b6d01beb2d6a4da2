"""Policy-rule benchmarks on a 20,000-case profile: what is due on every open
case, and which cases meet the ASB Case Review threshold (target: each ≤ 1 s).

Each figure is printed beside a raw sqlite3 baseline that runs the same fact
queries with no rules, so the cost of the rules (and of SQLAlchemy) shows
apart from the cost of reading the rows. Usage:

    .venv/bin/python bench/rules.py [--cases 20000] [--runs 5] [--fresh] [--quick]

The profile is built once with ``asb-desktop --profile DIR demo --cases N``
and cached beside the other benches' (``bench.common.demo_profile``); the raw
baseline opens the same encrypted file with its key.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from asb_desktop.app import open_profile
from asb_desktop.domain.inputs import ReportInput
from bench.common import QUICK_CASES, demo_profile, line, raw_connection, timings


def cpu_ms(fn: Any, runs: int) -> float:
    """Median CPU time of ``fn``: steadier than wall time when other work shares the cores."""
    out = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        out.append((time.process_time() - start) * 1000)
    return sorted(out)[len(out) // 2]

OPEN = "SELECT id FROM cases WHERE status != 'closed'"
# The fact queries ``controllers.policy.facts.obligations`` runs, as plain SQL.
OBLIGATION_SQL = [
    "SELECT id, risk_level, date(opened_at), status FROM cases WHERE status != 'closed'",
    "SELECT case_id, date(min(CASE WHEN direction = 'outgoing' THEN at END)), "
    "date(max(CASE WHEN direction = 'outgoing' THEN at END)), "
    "date(max(CASE WHEN victim_update = 1 THEN at END)) "
    f"FROM contacts WHERE case_id IN ({OPEN}) GROUP BY case_id",
    "SELECT r.id, r.case_id, date(r.received_at), r.risk_level, EXISTS "
    "(SELECT 1 FROM report_acknowledgements a WHERE a.report_id = r.id) "
    f"FROM reports r WHERE r.case_id IN ({OPEN})",
    "SELECT id, case_id, description, date(due_date), status, date(created_at) FROM actions "
    f"WHERE case_id IN ({OPEN})",
    f"SELECT case_id, date(assessed_on), level FROM risk_assessments WHERE case_id IN ({OPEN})",
    f"SELECT case_id, started_on, ended_on, reason FROM target_pauses WHERE case_id IN ({OPEN})",
]
COMPLAINTS_SQL = (
    "SELECT id, date(received_at), date(incident_date), reporter_id, location, property_id, "
    "hate_incident, case_id "
    "FROM reports WHERE received_at >= ?"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached profile")
    parser.add_argument("--quick", action="store_true",
                        help="a tiny profile and two runs, to check the bench runs")
    args = parser.parse_args()
    if args.quick:
        args.cases, args.runs = QUICK_CASES, 2

    folder, built = demo_profile(args.cases, args.fresh)
    if built is not None:
        print(f"built the {args.cases}-case profile in {built:.1f} s")
    app = open_profile(folder)  # brings the schema up to date once, with a backup
    conn = raw_connection(folder / "profile.db")
    try:
        open_cases = conn.execute("SELECT count(*) FROM cases WHERE status != 'closed'").fetchone()[0]
        reports = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
        print(f"profile {folder}: {args.cases} cases ({open_cases} open), {reports} reports")

        result: dict[str, Any] = {}

        def all_due() -> None:
            result["due"] = app.policy.open_case_obligations()

        def raw_due() -> None:
            for sql in OBLIGATION_SQL:
                conn.execute(sql).fetchall()

        ours = timings(all_due, args.runs, warmup=1)
        base = timings(raw_due, args.runs, warmup=1)
        print(line("due dates, every open case", ours, base, "≤ 1000 ms"))
        print(f"    CPU time: ours {cpu_ms(all_due, args.runs):.0f} ms, "
              f"raw SQL {cpu_ms(raw_due, args.runs):.0f} ms")
        due = result["due"]
        overdue = sum(1 for items in due.values() if any(d.overdue for d in items))
        print(f"    {len(due)} open cases, {sum(map(len, due.values()))} items due, "
              f"{overdue} cases with something overdue")

        def all_flags() -> None:
            result["flags"] = app.policy.cases_meeting_case_review()

        since = (date.today() - timedelta(days=190)).isoformat()

        def raw_flags() -> None:
            conn.execute(COMPLAINTS_SQL, (since,)).fetchall()
            conn.execute(OPEN).fetchall()

        ours = timings(all_flags, args.runs, warmup=1)
        base = timings(raw_flags, args.runs, warmup=1)
        print(line("case review threshold, every open case", ours, base, "≤ 1000 ms"))
        print(f"    CPU time: ours {cpu_ms(all_flags, args.runs):.0f} ms, "
              f"raw SQL {cpu_ms(raw_flags, args.runs):.0f} ms")
        print(f"    {len(result['flags'])} open cases meet a case review threshold")

        some_case = next(iter(due))
        ours = timings(lambda: app.policy.case_obligations(some_case), args.runs * 4)
        print(line("due dates, one case", ours, None, "≤ 100 ms"))
        flagged = next(iter(result["flags"]))
        ours = timings(lambda: app.policy.case_review_status(flagged), args.runs * 4)
        print(line("case review status, one case", ours, None, "≤ 300 ms"))

        person, location = conn.execute(
            "SELECT reporter_id, location FROM reports WHERE reporter_id IS NOT NULL "
            "ORDER BY received_at DESC LIMIT 1"
        ).fetchone()
        preview = ReportInput(reporter_id=person, categories=["noise"], location=location,
                              description="Music again")
        ours = timings(lambda: app.policy.preview_report_flags(preview), args.runs * 4)
        words = [w for w in location.replace(",", " ").split() if w.isascii()]
        narrowed = (
            COMPLAINTS_SQL + " AND (reporter_id = ? OR ("
            + " AND ".join("location LIKE ?" for _ in words) + "))"
        )
        params = (since, person, *(f"%{w}%" for w in words))

        def raw_preview() -> None:
            conn.execute(narrowed, params).fetchall()
            conn.execute(narrowed.replace("WHERE", "WHERE assessment = 'not_asb' AND"), params).fetchall()

        base = timings(raw_preview, args.runs * 4)
        print(line("report flags preview (one new report)", ours, base, "≤ 300 ms"))
    finally:
        conn.close()
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
