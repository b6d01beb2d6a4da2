"""The benchmarks still run: ``bench/sync.py --quick`` (tiny sizes, figures
meaningless) must finish and print every measure, so a change that breaks a
benchmark is caught by the suite rather than the next time someone measures.

The other scripts in bench/ have no quick mode; they build 20,000-case profiles.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]

#: The start of each measure's line in the summary table, in the order printed.
SYNC_MEASURES = [
    "join from snapshot",
    "push+pull of ",
    "no-op sync, ",
    "incremental sync, ",
    "landlord no-op sync ",
    "landlord morning pull ",
    "bytes for ",
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
