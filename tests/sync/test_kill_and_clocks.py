"""A push killed part-way, clocks that are wrong or jump back, and deletes."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from asb_desktop.app import open_profile
from asb_desktop.controllers.sync import SyncController
from asb_desktop.domain.inputs import CaseInput, ReferralInput
from asb_desktop.store import meta
from asb_desktop.store.models import Referral
from asb_desktop.sync.keys import SERVICE, keyring_user
from tests.conftest import noise_report
from tests.keyrings import FILE_ENV, MemoryKeyring
from tests.sync.conftest import TEST_SCRYPT_N, Device, count, snapshot, sync_all

ROOT = Path(__file__).resolve().parents[2]
KEYRING_VARS = (FILE_ENV, "PYTHON_KEYRING_BACKEND")


def _share_id(d: Device) -> str:
    with d.app.unit.read() as s:
        return meta.get(s, "sync.share_id") or ""


def test_a_push_killed_at_any_step_loses_nothing_and_sends_nothing_twice(
    team: list[Device], memory_keyring: MemoryKeyring
) -> None:
    a, b, _ = team
    share_id = _share_id(a)
    password = memory_keyring.get_password(SERVICE, keyring_user(share_id))
    assert password
    folder = a.app.folder
    for at in range(1, 12):
        for n in range(3):
            a.app.reports.log_report(noise_report(description=f"Before kill {at}.{n}"))
            a.clock.advance(minutes=1)
        a.app.close()
        done = subprocess.run(
            [sys.executable, str(Path(__file__).with_name("kill_child.py")), str(folder), str(at)],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin",
                 **{k: os.environ[k] for k in KEYRING_VARS}},
        )
        a.app = open_profile(folder, clock=a.clock)
        a.sync = SyncController(a.app.unit, None, TEST_SCRYPT_N)
        if done.returncode == 0:
            assert "finished" in done.stdout
            break
        assert done.returncode == -9, done.stderr
        a.sync.sync_now()
        b.sync.sync_now()
        assert count(b.app, "reports") == count(a.app, "reports") == 3 * at
    assert at > 4, "the kill reached every step of a push"
    with b.app.store.engine.connect() as conn:
        ids = conn.execute(sa.text("SELECT change_id FROM changes WHERE device_id=:d"),
                           {"d": a.app.unit.actor.device_id}).scalars().all()
    assert len(ids) == len(set(ids))
    sync_all(team)
    assert snapshot(a.app) == snapshot(b.app)


def _case(d: Device) -> str:
    r = d.app.reports.log_report(noise_report())
    return d.app.cases.open_case(CaseInput(report_ids=[r.id], summary="Noise")).id


def test_the_later_edit_wins_despite_clocks_a_day_out_or_jumping_back(team: list[Device]) -> None:
    a, b, c = team
    case_id = _case(a)
    sync_all(team)
    a.clock.advance(days=1)  # A's clock runs a day fast
    a.app.cases.set_risk(case_id, "high", "Skewed clock edit")
    sync_all(team)
    c.clock.advance(days=-1)  # C's clock runs a day slow, yet edits after seeing A's edit
    c.app.cases.set_risk(case_id, "low", "Edited after seeing A's change")
    sync_all(team)
    assert {d.app.cases.get_case(case_id).risk_level for d in team} == {"low"}
    b.clock.set(b.clock.now() - timedelta(days=3))  # B's clock jumps back
    b.app.cases.set_risk(case_id, "medium", "Clock went back")
    sync_all(team)
    assert {d.app.cases.get_case(case_id).risk_level for d in team} == {"medium"}
    assert all(d.sync.conflicts() == [] for d in team)
    assert snapshot(a.app) == snapshot(b.app) == snapshot(c.app)


def _delete_referral(d: Device, referral_id: str) -> None:
    with d.app.unit.write("referral.removed") as tx:
        row = tx.session.get(Referral, referral_id)
        assert row is not None
        tx.session.delete(row)
        tx.audit("referral", referral_id, "Removed")


def _edit_referral(d: Device, referral_id: str, notes: str) -> None:
    with d.app.unit.write("referral.edited") as tx:
        row = tx.session.get(Referral, referral_id)
        assert row is not None
        row.notes = notes
        tx.audit("referral", referral_id, "Edited")


def test_deletes_travel_and_an_edit_beats_a_concurrent_delete(team: list[Device]) -> None:
    a, b, c = team
    case_id = _case(a)
    first = a.app.casework.add_referral(ReferralInput(case_id=case_id, kind="signposting",
                                                      service="Victim Support"))
    second = a.app.casework.add_referral(ReferralInput(case_id=case_id, kind="signposting",
                                                       service="Mediation"))
    sync_all(team)
    assert count(c.app, "referrals") == 2
    _delete_referral(a, first)
    sync_all(team)
    assert [count(d.app, "referrals", id=first) for d in team] == [0, 0, 0]
    a.clock.advance(hours=1)
    _delete_referral(a, second)
    b.clock.advance(hours=2)
    _edit_referral(b, second, "Appointment made")
    sync_all(team)
    for d in team:
        assert count(d.app, "referrals", id=second, notes="Appointment made") == 1
    assert snapshot(a.app) == snapshot(b.app) == snapshot(c.app)
