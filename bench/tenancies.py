"""Importing tenancies from a housing system's CSV export, beside raw sqlite-utils.

The baseline is sqlite-utils' own ``insert_all`` of the same rows (read from
the same file) into a plain table on the same encrypted profile file, in the
same run: what the bulk write costs before any checking, matching of
tenants, visit scheduling, change rows for sync or audit. Targets: the import
at most 3x the baseline and under 15 s for 50,000 tenancies; importing the
unchanged file again at most a third of the first import.

    .venv/bin/python bench/tenancies.py            # 50,000 tenancies
    .venv/bin/python bench/tenancies.py --quick    # a tiny run: does it still work?
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlite_utils

from asb_desktop.app import create_profile
from asb_desktop.controllers.tenancy_import import TenancyImportController
from bench.common import raw_connection

HEADERS = ["Tenancy Ref", "Property Ref", "Address Line 1", "Address Line 2", "Town", "Postcode",
           "Tenure Type", "Tenancy Start Date", "Tenancy End Date", "Tenant 1 Name",
           "Tenant 1 DOB", "Tenant 1 Phone", "Tenant 2 Name", "Tenant 2 DOB"]
TENURES = ["Secure", "Assured", "Starter", "Introductory", "Flexible", "Licence"]


def write_export(path: Path, rows: int, today: date) -> None:
    """A housing system's export: half the tenancies with a second tenant, start
    dates spread over twenty years (the recent ones get visits)."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(HEADERS)
        for i in range(rows):
            start = today - timedelta(days=(i * 37) % 7300)
            second = i % 2 == 1
            out.writerow([
                f"TEN{i:07d}", f"PR{i:07d}", f"{i % 300 + 1} Larch Close", f"Flat {i % 12 + 1}",
                "Leeds", f"LS{i % 28 + 1} {i % 9 + 1}QT", TENURES[i % len(TENURES)],
                start.strftime("%d/%m/%Y"), "", f"Jane Tenant{i}",
                f"{i % 28 + 1:02d}/{i % 12 + 1:02d}/{1950 + i % 50}", f"07700 9{i % 100000:05d}",
                f"John Tenant{i}" if second else "",
                f"{i % 27 + 1:02d}/{i % 11 + 1:02d}/{1952 + i % 48}" if second else "",
            ])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--quick", action="store_true", help="tiny size; figures mean nothing")
    args = parser.parse_args()
    rows = 200 if args.quick else args.rows
    now = datetime(2026, 3, 2, 9, 30)

    class Clock:
        def now(self) -> datetime:
            return now

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "profile"
        export = Path(tmp) / "tenancies.csv"
        write_export(export, rows, now.date())
        app = create_profile(folder, "Bench Officer", "officer", clock=Clock())
        try:
            # Baseline: the same rows, read the same way, into a plain table on the
            # same file, before the import (so its file growth is paid here too).
            conn = raw_connection(folder / "profile.db")
            start = time.perf_counter()
            with export.open(newline="", encoding="utf-8") as fh:
                sqlite_utils.Database(conn, execute_plugins=False)["raw_tenancies"].insert_all(
                    csv.DictReader(fh), batch_size=500)
            raw = time.perf_counter() - start
            conn.execute("DROP TABLE raw_tenancies")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the import starts from a clean log
            conn.close()
            imports = TenancyImportController(app.unit)
            start = time.perf_counter()
            first = imports.import_file(export)
            took = time.perf_counter() - start
            start = time.perf_counter()
            again = imports.import_file(export)
            second = time.perf_counter() - start
        finally:
            app.close()
    assert first.added == rows and not first.refused, first
    assert again.unchanged == rows and again.added == 0, again
    ratio, share = took / raw, second / took
    print(f"{rows:,} tenancies ({first.visits_scheduled:,} visits scheduled)")
    print(f"{'raw sqlite-utils insert_all (baseline)':<44} {raw * 1000:9.0f} ms")
    print(f"{'import through the controller':<44} {took * 1000:9.0f} ms   {ratio:.2f}x raw"
          f"   target <= 3x and < 15 s: {'PASS' if ratio <= 3 and took < 15 else 'MISS'}")
    print(f"{'re-import of the unchanged file':<44} {second * 1000:9.0f} ms   {share:.2f} of first"
          f"   target <= 1/3: {'PASS' if share <= 1 / 3 else 'MISS'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
