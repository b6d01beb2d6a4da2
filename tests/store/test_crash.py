"""A save the officer saw succeed survives the process being killed at any moment."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from asb_desktop.app import create_profile, open_profile
from asb_desktop.store.models import Change, Report

KILLS = 100
CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).parents[2]


def _run_and_kill(folder: Path, rng: random.Random) -> list[str]:
    """Start a saving child, let it save a random number of reports, SIGKILL it mid-stream."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    assert proc.stdout is not None
    printed: list[str] = []
    target = rng.randint(1, 6)
    deadline = time.monotonic() + 60
    buffer = b""
    while len(printed) < target and time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 1.0)
        if not ready:
            if proc.poll() is not None:
                raise AssertionError(proc.stderr.read().decode() if proc.stderr else "child died")
            continue
        chunk = os.read(proc.stdout.fileno(), 4096)
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        printed += [line.decode() for line in lines if line]
    # Kill somewhere inside the next save: before, during or after its commit.
    time.sleep(rng.uniform(0, 0.004))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    rest = proc.stdout.read()
    printed += [line.decode() for line in (buffer + rest).split(b"\n") if line]
    proc.stdout.close()
    if proc.stderr:
        proc.stderr.close()
    return printed


def test_every_acknowledged_save_survives_sigkill(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    create_profile(folder, "Sam Officer", "officer").close()
    rng = random.Random(20261125)
    acknowledged: list[str] = []
    for _ in range(KILLS):
        acknowledged += _run_and_kill(folder, rng)
    app = open_profile(folder)
    try:
        with app.store.sessions() as s:
            saved = set(s.scalars(sa.select(Report.id)))
            captured = set(
                s.scalars(sa.select(Change.entity_id).where(Change.entity == "reports"))
            )
            integrity = s.connection().exec_driver_sql("PRAGMA integrity_check").scalar()
        assert len(acknowledged) >= KILLS
        missing = set(acknowledged) - saved
        assert not missing, f"{len(missing)} acknowledged report(s) lost after SIGKILL"
        assert saved <= captured, "a saved report has no change row: it would never sync"
        assert integrity == "ok"
        assert all(f.ok for f in app.checks.run())
    finally:
        app.close()
