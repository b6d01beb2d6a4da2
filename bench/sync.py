"""Sync benchmarks, each figure printed beside its baseline from the same run.

1. A new device joining a team of ``--cases`` cases (default 20,000, about two
   years of demo history): from the team snapshot, from every bundle (the
   baseline before snapshots), and a plain copy of the profile file.
   Target: snapshot join <= 3x the copy.
2. 10,000 changes pushed and pulled. Target <= 5 s.
3. A no-op sync with 500 bundles on the share, timed in-process
   (``SyncController.sync_now``, profile already open), beside the start-up of
   the Python interpreter with the CLI imported. Target <= 0.3 s.
4. An incremental sync (100 changes out, 100 in) with 1,000,000 rows of history
   against 1,000. Target ratio <= 1.5.
5. A landlord on one share: 300 devices x 50 changes a working day x 20 days.
   One device's no-op sync (target <= 1 s) and its morning pull of the previous
   day's changes (target <= 5 s).
6. Bytes written to the share for 100 edited reports against the size of the
   profile file, the naive "copy the database" baseline (target <= 1/50).
7. 10,000 changes pushed and pulled with each bundle signed by its laptop and
   checked against the team's roster, change by change against what its user
   may do, beside the same push and pull unsigned and unchecked. Target <= 1.3x.

Usage: ``.venv/bin/python bench/sync.py [--cases 20000] [--quick]``. Everything
runs through the controllers and ``SyncController`` on a real temporary
folder, except bulk history: the landlord's bundles are made with the real
bundle encoder, and old change-log rows are inserted through the profile's own
(encrypted) engine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import keyring
import sqlalchemy as sa
from keyring.backend import KeyringBackend

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.demo import DemoController
from asb_desktop.controllers.sync import SyncController
from asb_desktop.controllers.team_devices import TeamDevicesController
from asb_desktop.domain.hlc import Stamp
from asb_desktop.domain.inputs import CaseInput, PersonInput, ReportInput
from asb_desktop.store.models import Base, Contact, Person, Report, SyncPeer
from asb_desktop.sync import bundle as wire
from asb_desktop.sync import device_keys, roster, snapshot
from asb_desktop.sync import keys as team_keys
from asb_desktop.sync.device_keys import DeviceKeys, b64
from asb_desktop.sync.pull import pull
from asb_desktop.sync.push import push
from asb_desktop.sync.service import connect, enrolment
from asb_desktop.sync.transport import FolderTransport
from asb_desktop.sync.trust import establish

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


@dataclass
class Row:
    label: str
    value: float
    unit: str
    baseline: str
    target: str
    ok: bool | None


ROWS: list[Row] = []


def record(label: str, value: float, unit: str, baseline: str, target: str, ok: bool | None) -> None:
    ROWS.append(Row(label, value, unit, baseline, target, ok))
    verdict = "" if ok is None else ("PASS" if ok else "MISS")
    print(f"  {label}: {value:.3f} {unit}  [{baseline}]  target {target} {verdict}", flush=True)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def profile(where: Path, name: str, demo: bool = False, role: str = "officer",
            snapshots: bool = True) -> tuple[App, SyncController]:
    title = "Supervisor" if role == "supervisor" else "Officer"
    app = create_profile(where / name, f"{name.title()} {title}", role, demo=demo)
    return app, SyncController(app.unit, None, 2**12, snapshots=snapshots)


def report_input(n: int) -> ReportInput:
    return ReportInput(new_reporter=PersonInput(given_name="Bench", family_name=f"R{n}"),
                       categories=["noise"], description=f"Bench report {n}")


def checkpoint(app: App) -> None:
    with app.store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def copy_with_fsync(src: Path, dst: Path) -> None:
    """What copying a profile onto a new laptop costs: read, write, make it durable."""
    with src.open("rb") as fin, dst.open("wb") as fout:
        shutil.copyfileobj(fin, fout, 1 << 20)
        fout.flush()
        os.fsync(fout.fileno())


# -- 1. joining --------------------------------------------------------------------


def bench_join(where: Path, cases: int) -> None:
    print(f"\n1. A new device joins a team of {cases:,} cases", flush=True)
    team, steam = profile(where, "team", demo=True, role="supervisor")
    secs, _ = timed(lambda: DemoController(team.unit).fill(cases, seed=7))
    print(f"  (built the team's {cases:,} demo cases in {secs:.0f} s)", flush=True)
    steam.init_share(where / "share-join", PASSPHRASE)
    secs, first = timed(steam.sync_now)
    with team.store.engine.connect() as conn:
        changes = conn.exec_driver_sql("SELECT count(*) FROM changes").scalar_one()
    print(f"  (the team's first sync: {first.pushed_changes:,} changes in {first.pushed_bundles} "
          f"bundles, snapshot {'written' if first.snapshot_written else 'NOT written'} "
          f"in {secs:.1f} s all told)", flush=True)
    snap_file = next((where / "share-join" / "snapshots").glob("*.asbs"))
    checkpoint(team)
    db = team.store.path
    size = db.stat().st_size
    copy_secs = min(timed(lambda: copy_with_fsync(db, where / "copy.db"))[0] for _ in range(3))
    (where / "copy.db").unlink()
    new, snew = profile(where, "joiner-snapshot")
    snew.join_share(where / "share-join", PASSPHRASE)
    TeamDevicesController(team.unit).enrol(new.unit.actor.device_id)
    join_snap, got = timed(snew.sync_now)
    assert got.snapshot_loaded, got.notices
    old, sold = profile(where, "joiner-bundles", snapshots=False)
    sold.join_share(where / "share-join", PASSPHRASE)
    TeamDevicesController(team.unit).enrol(old.unit.actor.device_id)
    join_bundles, got_old = timed(sold.sync_now)
    assert got_old.complete
    for t in ("cases", "reports", "people", "contacts"):
        with new.store.engine.connect() as a, old.store.engine.connect() as b:
            na = a.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
            nb = b.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
        assert na == nb, (t, na, nb)
    print(f"  (profile file {size / 1e6:.0f} MB, {changes:,} changes; snapshot file "
          f"{snap_file.stat().st_size / 1e6:.0f} MB)")
    record("join from snapshot", join_snap, "s",
           f"from all bundles {join_bundles:.1f} s; copy of profile file {copy_secs:.2f} s; "
           f"ratio to copy {join_snap / copy_secs:.1f}x", "<= 3x copy", join_snap <= 3 * copy_secs)
    for app in (team, new, old):
        app.close()


# -- 2. 10,000 changes --------------------------------------------------------------


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
    print(f"\n2. {total:,} changes pushed and pulled", flush=True)
    a, sa_ = profile(where, "bulk-a", snapshots=False)  # bundles are what is measured
    b, sb = profile(where, "bulk-b", snapshots=False)
    sa_.init_share(where / "share-bulk", PASSPHRASE)
    sb.join_share(where / "share-bulk", PASSPHRASE)
    bulk_changes(a, total)
    push, sent = timed(sa_.sync_now)
    pull, got = timed(sb.sync_now)
    assert got.pulled_changes >= total
    record(f"push+pull of {sent.pushed_changes:,} changes", push + pull, "s",
           f"push {push:.2f} s, pull {pull:.2f} s", "<= 5 s", push + pull <= 5)
    a.close()
    b.close()


# -- 7. what signing and checking cost ---------------------------------------------------


def _push_pull(where: Path, tag: str, total: int, signed: bool) -> tuple[float, float, int]:
    """``total`` changes pushed by one laptop and pulled by another, through the same
    push and pull code, with or without signatures and the roster's checks."""
    a, sa_ = profile(where, f"sign-{tag}-a", snapshots=False)
    b, sb = profile(where, f"sign-{tag}-b", snapshots=False)
    sa_.init_share(where / f"share-sign-{tag}", PASSPHRASE)
    sb.join_share(where / f"share-sign-{tag}", PASSPHRASE)
    bulk_changes(a, total)
    root, share_id, key = _share_key(a)
    ta = connect(root, share_id, None)
    tb = connect(root, share_id, None)
    keys_a = establish(a.unit, ta).keys if signed else None
    trust_b = establish(b.unit, tb) if signed else None
    push_secs, sent = timed(lambda: push(a.unit, ta, key, share_id, signer=keys_a))
    pull_secs, got = timed(lambda: pull(b.unit, tb, key, share_id, trust=trust_b))
    assert got.changes >= total and not got.waiting and not got.quarantined, got
    a.close()
    b.close()
    return push_secs, pull_secs, sent.changes


def bench_signing(where: Path, total: int) -> None:
    print(f"\n7. Signing and checking {total:,} changes, push and pull", flush=True)
    plain_push, plain_pull, n = _push_pull(where, "plain", total, signed=False)
    signed_push, signed_pull, _ = _push_pull(where, "signed", total, signed=True)
    ratio = (signed_push + signed_pull) / (plain_push + plain_pull)
    record(f"push+pull of {n:,} changes, signed and checked", signed_push + signed_pull, "s",
           f"unsigned {plain_push + plain_pull:.2f} s (push {plain_push:.2f}, pull "
           f"{plain_pull:.2f}); signed push {signed_push:.2f}, pull {signed_pull:.2f}; "
           f"ratio {ratio:.2f}x", "<= 1.3x", ratio <= 1.3)


# -- 3 and 5: bundles made directly ----------------------------------------------------------


class Team:
    """Synthetic devices writing real bundles (the real encoder, signed with each
    device's own key) onto a real share, enrolled on its roster by ``anchor``, the
    laptop that set the share up (entries written in one pass, as a supervisor
    enrolling them one by one over months would have)."""

    def __init__(self, share: Path, share_id: str, key: bytes, devices: int, anchor: App) -> None:
        self.share, self.share_id, self.key = share, share_id, key
        self.devices = [str(uuid.UUID(int=(i + 1) << 64 | 0xA5B)) for i in range(devices)]
        self.seq = dict.fromkeys(self.devices, 0)
        self.prev = dict.fromkeys(self.devices, "")
        self.keys = {d: DeviceKeys.new() for d in self.devices}
        self.user = anchor.unit.actor.user_id
        transport = FolderTransport(share)
        found = roster.read(transport)
        signer = device_keys.ensure(anchor.unit)
        head, head_hash = found.head, found.head_hash
        for n, d in enumerate(self.devices):
            head += 1
            # Every synthetic laptop is the anchor's user's: its changes must be written as
            # the user their laptop is enrolled for, and that user must exist here.
            entry = dict(roster.entry_for(d, self.user, f"Bench laptop {n}", anchor.unit.actor.role,
                                          self.keys[d].public),
                         seq=head, prev=head_hash, by=anchor.unit.actor.device_id, at="2026-02-01")
            text = json.dumps(entry, sort_keys=True, separators=(",", ":")).encode()
            raw = json.dumps({"entry": entry, "sig": b64(signer.sign.sign(text))}).encode()
            (share / "roster" / f"{head:010d}.json").write_bytes(raw)
            head_hash = hashlib.sha256(raw).hexdigest()

    def put(self, device: str, changes: list[wire.WireChange]) -> None:
        n = self.seq[device] + 1
        data = wire.encode(wire.Bundle(self.share_id, device, n, self.prev[device], {}, changes),
                           self.key, self.keys[device])
        folder = self.share / "devices" / device
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{n:010d}.asbb").write_bytes(data)
        self.seq[device], self.prev[device] = n, wire.digest(data)


def working_day(device: str, day: int, count: int, cases: list[str], people: list[str],
                user: str | None) -> Iterator[wire.WireChange]:
    """What an officer's day looks like in the change log: each write is a note on a
    case, a corrected phone number or a case summary, with its audit row."""
    start = datetime(2026, 1, 5) + timedelta(days=day)
    for n in range(count // 2):
        at = start + timedelta(minutes=9 * 60 + n * 10)
        ms = int(at.timestamp() * 1000)
        stamp = Stamp(ms, 0, device).encode()
        kind = n % 5
        row = str(uuid.uuid4())
        case = cases[(day * 7919 + n * 104729 + hash(device)) % len(cases)]
        if kind < 3:
            entity, entity_id = "contacts", row
            fields: dict[str, Any] = {
                "case_id": case, "person_id": None, "at": at.isoformat(timespec="microseconds"),
                "method": "phone", "direction": "outgoing", "victim_update": kind == 1,
                "shareable": False, "created_by": user,
                "summary": f"Spoke to the complainant about the noise on day {day}, call {n}."}
            action = "contact.recorded"
        elif kind == 3:
            entity, entity_id = "people", people[(day * 31 + n * 17 + hash(device)) % len(people)]
            fields = {"phone": f"07700 9{day:02d}{n:03d}"}
            action = "person.updated"
        else:
            entity, entity_id = "cases", case
            fields = {"summary": f"Noise and shouting; reviewed on day {day}"}
            action = "case.updated"
        yield wire.WireChange(str(uuid.uuid4()), entity, entity_id, "upsert", fields, stamp,
                              device, user)
        yield wire.WireChange(
            str(uuid.uuid4()), "audit", str(uuid.uuid4()), "upsert",
            {"at": at.isoformat(timespec="microseconds"), "user_id": user, "device_id": device,
             "action": action, "entity": entity, "entity_id": entity_id,
             "detail": f"{action} by a colleague"},
            Stamp(ms, 1, device).encode(), device, user)


def _ids(app: App, table: str) -> list[str]:
    with app.store.engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql(f"SELECT id FROM {table} ORDER BY id")]


def _share_key(app: App) -> tuple[Path, str, bytes]:
    root, share_id = enrolment(app.unit)
    return root, share_id, team_keys.load_key(share_id)


def start_up() -> float:
    """Python with the command line imported: what every ``asb-desktop sync`` pays first."""
    runs = []
    for _ in range(3):
        secs, _ = timed(lambda: subprocess.run(
            [sys.executable, "-c", "import asb_desktop.cli.main"], check=True))
        runs.append(secs)
    return min(runs)


def bench_noop(where: Path, quick: bool) -> None:
    devices, per = (10, 5) if quick else (50, 10)
    print(f"\n3. A no-op sync with {devices * per} bundles on the share", flush=True)
    me, sme = profile(where, "noop", demo=True, role="supervisor")
    DemoController(me.unit).fill(50, seed=5)
    sme.init_share(where / "share-noop", PASSPHRASE)
    sme.sync_now()
    root, share_id, key = _share_key(me)
    team = Team(root, share_id, key, devices, me)
    cases, people = _ids(me, "cases"), _ids(me, "people")
    for day in range(per):
        for d in team.devices:
            team.put(d, list(working_day(d, day, 10, cases, people, team.user)))
    sme.sync_now()  # takes them all in once
    runs = [timed(sme.sync_now)[0] for _ in range(5)]
    noop = statistics.median(runs)
    boot = start_up()
    record(f"no-op sync, {devices * per} bundles (in-process)", noop, "s",
           f"interpreter + CLI import {boot:.2f} s, not included", "<= 0.3 s", noop <= 0.3)
    me.close()


# -- 4. incremental sync against history ---------------------------------------------------


def add_history(app: App, rows: int) -> None:
    """Old change rows from a long-gone device, through the profile's own keyed engine."""
    device = str(uuid.uuid4())
    base_ms = 1_600_000_000_000
    fields = json.dumps({"address": "1 Old Street", "postcode": "LS1 1AA"})
    insert = ("INSERT INTO changes (change_id, entity, entity_id, op, fields, hlc, device_id, "
              "user_id, pushed) VALUES (?,?,?,?,?,?,?,?,?)")
    batch: list[tuple[Any, ...]] = []
    with app.store.engine.begin() as conn:
        for n in range(rows):
            batch.append((str(uuid.uuid4()), "properties", str(uuid.uuid4()), "upsert", fields,
                          Stamp(base_ms + n, 0, device).encode(), device, None, 1))
            if len(batch) == 50_000:
                conn.exec_driver_sql(insert, batch)
                batch = []
        if batch:
            conn.exec_driver_sql(insert, batch)


def incremental(where: Path, history: int, tag: str, rounds: int) -> float:
    a, sa_ = profile(where, f"inc-a-{tag}")
    b, sb = profile(where, f"inc-b-{tag}")
    add_history(b, history)
    sa_.init_share(where / f"share-{tag}", PASSPHRASE)
    sb.join_share(where / f"share-{tag}", PASSPHRASE)
    sa_.sync_now()
    sb.sync_now()  # first contact (and any snapshot it is due to write) is not what is timed
    times = []
    for rnd in range(rounds):
        for n in range(50):  # 50 reports, two changes each (reporter and report)
            a.reports.log_report(report_input(rnd * 100 + n))
            b.reports.log_report(report_input(rnd * 100 + n))
        sa_.sync_now()
        secs, report = timed(sb.sync_now)
        times.append(secs)
        assert report.pulled_changes >= 100 and report.pushed_changes >= 100, report
    a.close()
    b.close()
    return statistics.median(times)


def bench_incremental(where: Path, history: int, quick: bool) -> None:
    print(f"\n4. Incremental sync with {history:,} rows of history against 1,000", flush=True)
    rounds = 2 if quick else 5
    small = incremental(where, 1_000, "small", rounds)
    big = incremental(where, history, "big", rounds)
    record(f"incremental sync, {history:,} history", big / small, "x", f"{big * 1000:.0f} ms vs "
           f"{small * 1000:.0f} ms with 1,000", "ratio <= 1.5", big / small <= 1.5)


# -- 5. the landlord ------------------------------------------------------------------------


def bench_landlord(where: Path, devices: int, per_day: int, days: int, cases: int) -> None:
    print(f"\n5. A landlord: {devices} devices x {per_day} changes a day x {days} days "
          f"on one share ({cases:,} cases)", flush=True)
    me, sme = profile(where, "landlord", demo=True, role="supervisor")
    DemoController(me.unit).fill(cases, seed=11)
    sme.init_share(where / "share-landlord", PASSPHRASE)
    sme.sync_now()  # the team's data goes out, and the first team snapshot with it
    root, share_id, key = _share_key(me)
    team = Team(root, share_id, key, devices, me)
    case_ids, people = _ids(me, "cases"), _ids(me, "people")
    start = time.perf_counter()
    history: list[wire.WireChange] = []
    for day in range(days - 1):
        for d in team.devices:
            changes = list(working_day(d, day, per_day, case_ids, people, team.user))
            team.put(d, changes)
            history += changes
    # This laptop took those in day by day over the past weeks: its change log and
    # watermarks say so (bulk-inserted; applying them one by one is what day 20 times).
    rows = Base.metadata.tables["changes"]
    with me.store.engine.begin() as conn:
        conn.execute(sa.insert(rows), [
            {"change_id": c.change_id, "entity": c.entity, "entity_id": c.entity_id, "op": c.op,
             "fields": c.fields, "hlc": c.hlc, "device_id": c.device_id, "user_id": c.user_id,
             "pushed": True} for c in history])
        conn.execute(sa.insert(Base.metadata.tables["sync_received"]),
                     [{"change_id": c.change_id, "bases": {}} for c in history])
        conn.execute(sa.insert(SyncPeer.__table__), [
            {"device_id": d, "last_seq": team.seq[d], "last_hash": team.prev[d],
             "updated_at": datetime(2026, 2, 1)} for d in team.devices])
    del history
    print(f"  (made {sum(team.seq.values()):,} bundles and the history in "
          f"{time.perf_counter() - start:.0f} s)", flush=True)
    sme.sync_now()
    noop = statistics.median([timed(sme.sync_now)[0] for _ in range(3)])
    boot = start_up()
    record(f"landlord no-op sync ({sum(team.seq.values()):,} bundles on the share)", noop, "s",
           f"in-process; start-up {boot:.2f} s not included", "<= 1 s", noop <= 1)
    for d in team.devices:
        team.put(d, list(working_day(d, days - 1, per_day, case_ids, people, team.user)))
    morning, got = timed(sme.sync_now)
    assert got.complete and got.pulled_bundles == devices, got
    record(f"landlord morning pull ({got.pulled_changes:,} changes, {got.pulled_bundles} bundles)",
           morning, "s", "in-process", "<= 5 s", morning <= 5)
    me.close()


# -- 6. bytes on the wire -------------------------------------------------------------------


def bench_bytes(where: Path, cases: int) -> None:
    print("\n6. Bytes to the share for 100 edited reports against the profile file", flush=True)
    a, sa_ = profile(where, "bytes-a", demo=True, role="supervisor")
    DemoController(a.unit).fill(cases, seed=3)
    sa_.init_share(where / "share-bytes", PASSPHRASE)
    sa_.sync_now()  # the history goes out once, like the first sync of a new device
    with a.unit.read() as s:
        ids = list(s.scalars(sa.select(Report.id).limit(100)))
    for rid in ids:
        with a.unit.write("report.edited") as tx:
            row = tx.session.get(Report, rid)
            assert row is not None
            row.description = row.description + " Further detail from a follow-up call."
            row.location = row.location + " (rear)"
            tx.audit("report", rid, "Report corrected")
    sent = sa_.sync_now(snapshots=False)
    checkpoint(a)
    size = sum(p.stat().st_size for p in a.folder.glob("profile.db*"))
    ratio = sent.pushed_bytes / size
    record(f"bytes for {len(ids)} edited reports, times smaller than the file", 1 / ratio, "x",
           f"{sent.pushed_bytes:,} B vs profile file {size:,} B", ">= 50 x", ratio <= 1 / 50)
    a.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--history", type=int, default=1_000_000)
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--devices", type=int, default=300)
    parser.add_argument("--per-day", type=int, default=50)
    parser.add_argument("--days", type=int, default=20)
    parser.add_argument("--landlord-cases", type=int, default=5_000)
    parser.add_argument("--quick", action="store_true",
                        help="tiny sizes, to check the benchmark still runs (figures mean nothing)")
    parser.add_argument("--only", default="1234567", help="which parts to run, e.g. 15")
    args = parser.parse_args()
    if args.quick:
        args.cases, args.history, args.changes = 200, 5_000, 1_000
        args.devices, args.per_day, args.days, args.landlord_cases = 10, 10, 3, 50
        snapshot.SNAPSHOT_CHANGES = 500  # so the tiny team still writes one
    keyring.set_keyring(MemoryKeyring())
    print(f"asb-desktop sync benchmark, {datetime.now():%Y-%m-%d %H:%M}"
          + (" (--quick: sizes too small to mean anything)" if args.quick else ""))
    with tempfile.TemporaryDirectory(prefix="asb-bench-sync-", dir=os.environ.get("TMPDIR")) as tmp:
        where = Path(tmp)
        if "1" in args.only:
            bench_join(where, args.cases)
        if "2" in args.only:
            bench_bulk(where, args.changes)
        if "3" in args.only:
            bench_noop(where, args.quick)
        if "4" in args.only:
            bench_incremental(where, args.history, args.quick)
        if "5" in args.only:
            bench_landlord(where, args.devices, args.per_day, args.days, args.landlord_cases)
        if "6" in args.only:
            bench_bytes(where, 50 if args.quick else 200)
        if "7" in args.only:
            bench_signing(where, args.changes)
    print("\n" + f"{'measure':<58} {'figure':>10}  {'target':<12} result   baseline / notes")
    for r in ROWS:
        verdict = "-" if r.ok is None else ("PASS" if r.ok else "MISS")
        print(f"{r.label:<58} {r.value:>8.3f} {r.unit:<2} {r.target:<12} {verdict:<8} {r.baseline}")
    if not all(r.ok for r in ROWS if r.ok is not None) and not args.quick:
        sys.exit(1)


if __name__ == "__main__":
    main()
