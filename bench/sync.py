"""Sync benchmarks, in one run:

1. push and pull of 10,000 changes (target <= 5 s);
2. an incremental sync (100 changes out, 100 in) on a profile whose change log
   holds 1,000,000 rows against one holding 1,000 (target ratio <= 1.5: cost
   follows the changes, not the history);
3. bytes written to the share for 100 changed reports against the size of the
   profile file, the naive "copy the database" baseline (target <= 1/50).

Usage: ``.venv/bin/python bench/sync.py [--history 1000000]``. The history rows
are bulk-inserted with sqlite3 (as if imported long ago); everything else goes
through controllers and the real sync code on a real temporary folder.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import keyring
from keyring.backend import KeyringBackend

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.demo import DemoController
from asb_desktop.controllers.sync import SyncController
from asb_desktop.domain.inputs import CaseInput, PersonInput, ReportInput
from asb_desktop.store.models import Contact, Person, Report

PASSPHRASE = "benchmark team passphrase"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def profile(where: Path, name: str, demo: bool = False) -> tuple[App, SyncController]:
    app = create_profile(where / name, f"{name.title()} Officer", "officer", demo=demo)
    return app, SyncController(app.unit, None, 2**12)


def report_input(n: int) -> ReportInput:
    return ReportInput(new_reporter=PersonInput(given_name="Bench", family_name=f"R{n}"),
                       categories=["noise"], description=f"Bench report {n}")


def bulk_changes(app: App, total: int) -> None:
    """About ``total`` change rows from ordinary writes: people and contacts on one case."""
    report = app.reports.log_report(report_input(0))
    case_id = app.cases.open_case(CaseInput(report_ids=[report.id], summary="Bench")).id
    now = app.unit.now()
    with app.unit.write("bench.bulk") as tx:
        for n in range(total // 2):
            tx.session.add(Person(given_name="Bulk", family_name=f"P{n}", created_at=now))
            tx.session.add(Contact(case_id=case_id, at=now, method="phone",
                                   summary=f"Contact {n}"))
        tx.audit("case", case_id, "bench")


def bench_bulk(where: Path, total: int) -> None:
    a, sa_ = profile(where, "bulk-a")
    b, sb = profile(where, "bulk-b")
    sa_.init_share(where / "share-bulk", PASSPHRASE)
    sb.join_share(where / "share-bulk", PASSPHRASE)
    bulk_changes(a, total)
    start = time.perf_counter()
    sent = sa_.sync_now()
    mid = time.perf_counter()
    got = sb.sync_now()
    end = time.perf_counter()
    print(f"push+pull of {sent.pushed_changes:,} changes: {end - start:.2f} s "
          f"(push {mid - start:.2f} s, pull {end - mid:.2f} s; received {got.pulled_changes:,})"
          "   target <= 5 s")
    a.close()
    b.close()


def add_history(app: App, rows: int) -> None:
    """Old change rows from a long-gone device, written straight into the file."""
    app.store.engine.dispose()
    conn = sqlite3.connect(app.store.path)
    device = str(uuid.uuid4())
    base_ms = 1_600_000_000_000
    fields = json.dumps({"address": "1 Old Street", "postcode": "LS1 1AA"})

    def gen() -> Any:
        for n in range(rows):
            yield (str(uuid.uuid4()), "properties", str(uuid.uuid4()), "upsert", fields,
                   f"{base_ms + n:013d}.000000.{device}", device, None, 1)

    with conn:
        conn.executemany(
            "INSERT INTO changes (change_id, entity, entity_id, op, fields, hlc, device_id, "
            "user_id, pushed) VALUES (?,?,?,?,?,?,?,?,?)", gen())
    conn.close()


def incremental(where: Path, history: int, tag: str) -> float:
    a, sa_ = profile(where, f"inc-a-{tag}")
    b, sb = profile(where, f"inc-b-{tag}")
    add_history(b, history)
    sa_.init_share(where / f"share-{tag}", PASSPHRASE)
    sb.join_share(where / f"share-{tag}", PASSPHRASE)
    times = []
    for rnd in range(5):
        for n in range(50):  # 50 reports, two changes each (reporter and report)
            a.reports.log_report(report_input(rnd * 100 + n))
            b.reports.log_report(report_input(rnd * 100 + n))
        sa_.sync_now()
        start = time.perf_counter()
        report = sb.sync_now()
        times.append(time.perf_counter() - start)
        assert report.pulled_changes >= 100 and report.pushed_changes >= 100, report
    a.close()
    b.close()
    return statistics.median(times)


def bench_bytes(where: Path) -> None:
    a, sa_ = profile(where, "bytes-a", demo=True)
    DemoController(a.unit).fill(200, seed=3)
    sa_.init_share(where / "share-bytes", PASSPHRASE)
    sa_.sync_now()  # the history goes out once, like the first sync of a new device
    with a.unit.read() as s:
        ids = [r.id for r in s.query(Report).limit(100)]
    for rid in ids:
        with a.unit.write("report.edited") as tx:
            row = tx.session.get(Report, rid)
            assert row is not None
            row.description = row.description + " Further detail from a follow-up call."
            row.location = row.location + " (rear)"
            tx.audit("report", rid, "Report corrected")
    sent = sa_.sync_now()
    with a.store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    size = sum(p.stat().st_size for p in a.folder.glob("profile.db*"))
    ratio = sent.pushed_bytes / size
    print(f"100 changed reports: {sent.pushed_bytes:,} bytes to the share "
          f"({sent.pushed_changes} changes) vs profile file {size:,} bytes: 1/{1 / ratio:,.0f}"
          "   target <= 1/50")
    a.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--history", type=int, default=1_000_000)
    parser.add_argument("--changes", type=int, default=10_000)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    print(f"asb-desktop sync benchmark, {datetime.now():%Y-%m-%d %H:%M}")
    with tempfile.TemporaryDirectory(prefix="asb-bench-sync-") as tmp:
        where = Path(tmp)
        bench_bulk(where, args.changes)
        small = incremental(where, 1_000, "small")
        big = incremental(where, args.history, "big")
        print(f"incremental sync of 100 out + 100 in: history {args.history:,} rows "
              f"{big * 1000:.0f} ms, history 1,000 rows {small * 1000:.0f} ms, "
              f"ratio {big / small:.2f}   target <= 1.5")
        bench_bytes(where)


if __name__ == "__main__":
    main()
