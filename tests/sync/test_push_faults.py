"""A sync that both sends and receives, broken at every share operation in turn:
the process killed (also between a bundle's final name appearing and its
temporary name going), the share full, read-only or gone. Each time the next
sync completes, nothing is half-applied, no temporary file is left on the
share, and every device ends with the same data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from asb_desktop.app import open_profile
from asb_desktop.controllers.sync import SyncController
from asb_desktop.sync.errors import SyncError
from tests.conftest import noise_report
from tests.keyrings import FILE_ENV, MemoryKeyring
from tests.sync.conftest import TEST_SCRYPT_N, Device, count, snapshot, sync_all
from tests.sync.faults import FaultFS

ROOT = Path(__file__).resolve().parents[2]
KILL_CHILD = Path(__file__).with_name("kill_child.py")


def _leftovers(share: Path) -> list[Path]:
    return [p for p in share.rglob(".tmp-*") if p.is_file()]


def _consistent(d: Device) -> None:
    """Every change row has its data: a bundle is in or out, never half."""
    with d.app.store.engine.connect() as conn:
        orphans = conn.execute(sa.text(
            "SELECT count(*) FROM changes c LEFT JOIN reports r ON r.id = c.entity_id "
            "WHERE c.entity='reports' AND c.op='upsert' AND r.id IS NULL")).scalar_one()
        doubles = conn.execute(sa.text(
            "SELECT count(*) FROM (SELECT change_id FROM changes GROUP BY change_id "
            "HAVING count(*) > 1)")).scalar_one()
    assert orphans == 0 and doubles == 0


def _work_both_ways(team: list[Device], step: int) -> None:
    """A and C send bundles B has not seen; B has its own changes to send."""
    a, b, c = team
    for n in range(2):
        a.clock.advance(minutes=5)
        a.app.reports.log_report(noise_report(description=f"A {step}.{n}"))
        a.sync.sync_now()
    c.clock.advance(minutes=5)
    c.app.reports.log_report(noise_report(description=f"C {step}"))
    c.sync.sync_now()
    for n in range(2):
        b.clock.advance(minutes=5)
        b.app.reports.log_report(noise_report(description=f"B {step}.{n}"))


def _expected(team: list[Device]) -> int:
    """Reports written anywhere in the team so far (each device's own, counted once)."""
    total = 0
    for d in team:
        with d.app.store.engine.connect() as conn:
            total += int(conn.execute(sa.text(
                "SELECT count(*) FROM changes WHERE entity='reports' AND op='upsert' "
                "AND device_id = :me"), {"me": d.app.unit.actor.device_id}).scalar_one())
    return total


def _then_all_is_well(team: list[Device], share: Path, before: int) -> None:
    a, b, _ = team
    after = count(b.app, "reports")
    assert before <= after <= _expected(team), "nothing half-applied, nothing invented"
    _consistent(b)
    report = b.sync.sync_now()
    assert report.complete, (report.waiting, report.quarantined)
    assert not _leftovers(share), "no temporary file is left once a sync has completed"
    assert count(b.app, "reports") == _expected(team)
    a.sync.sync_now()
    assert count(a.app, "reports") == count(b.app, "reports")
    _consistent(a)


@pytest.mark.parametrize("mode", ["vanish", "readonly", "full"])
def test_a_two_way_sync_survives_the_share_failing_at_every_step(
    team: list[Device], share: Path, mode: str
) -> None:
    a, b, c = team
    step = 1
    while True:
        _work_both_ways(team, step)
        before = count(b.app, "reports")
        fs = FaultFS(share, mode, step)
        b.set_fs(fs)
        try:
            b.sync.sync_now()
        except SyncError as exc:
            words = str(exc).lower()
            assert "share" in words or "connected" in words, words
            if mode == "full":
                # The failed write took its partial temporary file away with it.
                assert not _leftovers(share)
        fs.heal()
        b.set_fs(None)
        _then_all_is_well(team, share, before)
        if not fs.hit:
            break
        step += 1
    assert step > 12, "the fault reached the steps of both the push and the pull"
    sync_all(team)
    assert snapshot(a.app) == snapshot(b.app) == snapshot(c.app)


def test_a_two_way_sync_killed_at_every_step_loses_nothing(
    team: list[Device], share: Path, memory_keyring: MemoryKeyring
) -> None:
    a, b, c = team
    folder = b.app.folder
    at = 0
    killed_with_both_names = False
    while True:
        at += 1
        assert at < 80, "the sync finished within a bounded number of steps"
        _work_both_ways(team, at)
        before = count(b.app, "reports")
        b.app.close()
        done = subprocess.run(
            [sys.executable, str(KILL_CHILD), str(folder), str(at), "every"],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin",
                 **{k: os.environ[k] for k in (FILE_ENV, "PYTHON_KEYRING_BACKEND")}},
        )
        own = share / "devices" / b.app.unit.actor.device_id
        temporary = [p for p in own.glob(".tmp-*") if p.is_file()]
        if temporary and any(p.read_bytes() == t.read_bytes()
                             for p in own.glob("*.asbb") for t in temporary):
            killed_with_both_names = True
        b.app = open_profile(folder, clock=b.clock)
        b.sync = SyncController(b.app.unit, None, TEST_SCRYPT_N)
        if done.returncode == 0:
            assert "finished" in done.stdout
            _then_all_is_well(team, share, before)
            break
        assert done.returncode == -9, done.stderr
        _then_all_is_well(team, share, before)
    assert at > 12, "the kill reached the steps of both the push and the pull"
    assert killed_with_both_names, "one kill fell between the link and the unlink of a rename"
    sync_all(team)
    assert snapshot(a.app) == snapshot(b.app) == snapshot(c.app)
