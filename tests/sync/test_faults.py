"""The share failing at every step of a push and of a pull: a clear error,
nothing half-applied, nothing lost, and the next sync completes."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from asb_desktop.sync.errors import SyncError
from tests.conftest import noise_report
from tests.sync.conftest import Device, count, snapshot, sync_all
from tests.sync.faults import FaultFS

MODES = ["vanish", "readonly", "full"]


def _reports_from(d: Device, other: Device) -> int:
    with d.app.store.engine.connect() as conn:
        return int(conn.execute(sa.text(
            "SELECT count(*) FROM changes WHERE entity='reports' AND device_id=:o"),
            {"o": other.app.unit.actor.device_id}).scalar_one())


def _applied_consistently(d: Device) -> None:
    """Every imported change row has its row applied: no change without its data."""
    with d.app.store.engine.connect() as conn:
        orphans = conn.execute(sa.text(
            "SELECT count(*) FROM changes c LEFT JOIN reports r ON r.id = c.entity_id "
            "WHERE c.entity='reports' AND c.op='upsert' AND r.id IS NULL")).scalar_one()
    assert orphans == 0


@pytest.mark.parametrize("mode", MODES)
def test_push_survives_the_share_failing_at_every_step(
    team: list[Device], share: Path, mode: str
) -> None:
    a, b, _ = team
    step = 1
    while True:
        a.clock.advance(minutes=10)
        a.app.reports.log_report(noise_report(description=f"Report before fault {step}"))
        fs = FaultFS(share, mode, step)
        a.set_fs(fs)
        try:
            a.sync.sync_now()
        except SyncError as exc:
            assert "share" in str(exc).lower()
        fs.heal()
        a.set_fs(None)
        if not fs.hit:
            break
        # Nothing lost: the report is still on A, and once the share is back it arrives on B.
        a.sync.sync_now()
        b.sync.sync_now()
        assert count(b.app, "reports") == count(a.app, "reports") == step
        _applied_consistently(b)
        own = share / "devices" / a.app.unit.actor.device_id
        assert not list(own.glob(".tmp-*")), "a failed write's temporary file is cleared up"
        step += 1
    assert step > 5, "the fault reached every step of a push"
    sync_all(team)
    assert snapshot(a.app) == snapshot(b.app)


@pytest.mark.parametrize("mode", MODES)
def test_pull_survives_the_share_failing_at_every_step(
    team: list[Device], share: Path, mode: str
) -> None:
    a, b, c = team
    step = 1
    while True:
        for n in range(2):  # two bundles from A, one from C, waiting for B
            a.clock.advance(minutes=10)
            a.app.reports.log_report(noise_report(description=f"A {step}.{n}"))
            a.sync.sync_now()
        c.app.reports.log_report(noise_report(description=f"C {step}"))
        c.sync.sync_now()
        before = count(b.app, "reports")
        fs = FaultFS(share, mode, step)
        b.set_fs(fs)
        try:
            b.sync.sync_now()
        except SyncError as exc:
            assert "share" in str(exc).lower() or "connected" in str(exc).lower()
        fs.heal()
        b.set_fs(None)
        after = count(b.app, "reports")
        assert before <= after <= before + 3
        _applied_consistently(b)
        b.sync.sync_now()
        assert count(b.app, "reports") == before + 3
        if not fs.hit:
            break
        step += 1
    assert step > 5
    sync_all(team)
    assert snapshot(a.app) == snapshot(b.app) == snapshot(c.app)
