"""Opening the supervisor's review on a 20,000-case profile (target: 1 s or less).

Prints the time to compute every figure, watch list and workload row the review
view shows, beside the same aggregates as raw SQL in the same run. When the
window is installed, ``--window`` also times building the view with its charts.

    .venv/bin/python bench/review.py [--cases 20000] [--window] [--quick]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from asb_desktop.app import open_profile
from asb_desktop.controllers.review import ReviewController
from bench.common import QUICK_CASES, demo_profile, raw_connection

RAW = [
    "SELECT lead_officer_id, count(*), sum(risk_level = 'high'), min(opened_at) FROM cases "
    "WHERE status != 'closed' GROUP BY lead_officer_id",
    "SELECT substr(received_at, 1, 7), j.value, count(*) FROM reports, json_each(reports.categories) j "
    "WHERE received_at >= ? GROUP BY 1, 2",
    "SELECT risk_level, status, count(*) FROM cases WHERE opened_at >= ? GROUP BY 1, 2",
    "SELECT count(*) FROM cases WHERE status != 'closed' AND coalesce((SELECT max(at) FROM contacts "
    "WHERE contacts.case_id = cases.id AND victim_update = 1), opened_at) < ?",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--window", action="store_true", help="also build the Qt review view")
    parser.add_argument("--quick", action="store_true",
                        help="a tiny profile, to check the bench runs (figures mean nothing)")
    args = parser.parse_args()
    if args.quick:
        args.cases = QUICK_CASES
    cached, _ = demo_profile(args.cases)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "p"
        shutil.copytree(cached, folder)
        raw = raw_connection(folder / "profile.db")  # the copy keeps the same key entry
        uid = raw.execute("SELECT value FROM meta WHERE key = 'user_id'").fetchone()[0]
        raw.execute("UPDATE users SET role = 'supervisor' WHERE id = ?", (uid,))
        raw.commit()
        app = open_profile(folder)
        review = ReviewController(app.unit)
        today = app.unit.today()
        start = today - timedelta(days=365)

        def everything() -> None:
            review.workload()
            review.watch_counts()
            review.figures(start, today, homes=12000)
            review.quality_by_officer()
            review.watch_list("high_risk")

        runs = []
        for _ in range(5):
            t = time.perf_counter()
            everything()
            runs.append(time.perf_counter() - t)
        since = start.isoformat()
        base = []
        for _ in range(5):
            t = time.perf_counter()
            for sql in RAW:
                raw.execute(sql, () if "?" not in sql else (since,)).fetchall()
            base.append(time.perf_counter() - t)
        print(f"review data on {args.cases} cases: median {statistics.median(runs) * 1000:.0f} ms, "
              f"max {max(runs) * 1000:.0f} ms (raw SQL for the main aggregates: "
              f"{statistics.median(base) * 1000:.0f} ms)   target <= 1000 ms with charts")
        if args.window:
            from bench.review_window import time_review_view

            print(time_review_view(app, date.today()))
        raw.close()
        app.close()


if __name__ == "__main__":
    main()
