"""The benchmarks still run: each script in bench/ runs once at a tiny size
(``--quick``; figures meaningless) and must finish, so a change that breaks a
benchmark is caught by the suite rather than the next time someone measures.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]

#: Each bench and the arguments that make it tiny. ``sync.py`` has its own test below.
QUICK_RUNS = {
    "store.py": ["--quick"],
    "rules.py": ["--quick"],
    "review.py": ["--quick"],
    "open_profile.py": ["--quick"],
    "cli.py": ["--quick"],
    "caseload.py": ["--quick"],
    "documents.py": ["--runs", "1"],
    "tenancies.py": ["--quick"],
    "gui.py": ["--quick"],
}
#: Scripts in bench/ that are not benches (review_window.py is the window part of
#: review.py), and benches run elsewhere: sync.py by the test below.
NOT_HERE = {"__init__.py", "common.py", "sync.py", "review_window.py"}

#: The start of each measure's line in the summary table, in the order printed.
SYNC_MEASURES = [
    "join from snapshot",
    "push+pull of ",
    "no-op sync, ",
    "incremental sync, ",
    "landlord no-op sync ",
    "landlord morning pull ",
    "bytes for ",
    "push+pull of ",  # part 7: the same, signed and checked against the roster
]


def test_the_sync_benchmark_runs_in_quick_mode(tmp_path: Path) -> None:
    # The session's environment (test keyring for child processes, PYTHONPATH) is
    # inherited; the bench itself keeps team and profile keys in its own memory keyring.
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "sync.py"), "--quick"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    table = done.stdout.split("\nmeasure ", 1)
    assert len(table) == 2, done.stdout[-3000:]
    rows = [line for line in table[1].splitlines()[1:] if line.strip()]
    assert [next((m for m in SYNC_MEASURES if r.startswith(m)), r) for r in rows] == SYNC_MEASURES
    for row in rows:
        assert "PASS" in row or "MISS" in row, row


def test_every_bench_is_run_by_the_suite() -> None:
    scripts = {p.name for p in (ROOT / "bench").glob("*.py")}
    assert scripts - NOT_HERE == set(QUICK_RUNS)


@pytest.mark.parametrize("script", sorted(QUICK_RUNS))
def test_each_benchmark_runs_at_a_tiny_size(script: str, tmp_path: Path) -> None:
    # TMPDIR keeps the bench's cached demo profile inside this test's folder, with
    # its key in the session's test keyring, so no cache from another run is reused.
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), *QUICK_RUNS[script]],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " ms" in done.stdout, done.stdout[-3000:]
