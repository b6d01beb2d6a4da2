"""Small timing helpers shared by the benchmark scripts (figures, not pass/fail)."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3

from asb_desktop.security.keys import ProfileKeyError, ProfileKeys

#: Built demo profiles, kept between runs. Under the temporary folder so a test
#: that runs a bench with its own TMPDIR never touches (or reuses) the real cache.
CACHE = Path(tempfile.gettempdir()) / "asb-bench"

#: Sizes for ``--quick``: enough rows for every query to return something, so a
#: bench that no longer runs is caught by the test suite (the figures mean nothing).
QUICK_CASES = 60


def timings(fn: Callable[[], object], runs: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def line(label: str, ours: list[float], base: list[float] | None, target: str) -> str:
    text = f"{label:<44} median {statistics.median(ours):7.2f} ms  p95 {p95(ours):7.2f} ms"
    if base:
        text += f"   (raw SQL: median {statistics.median(base):6.2f}, p95 {p95(base):6.2f})"
    return f"{text}   target {target}"


def raw_connection(path: Path) -> Any:
    """The same SQLite build the app uses (sqlcipher3) on the same encrypted file with
    its key, without SQLAlchemy or controllers: the baseline each figure stands beside."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    key = ProfileKeys().key_for(path.parent)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


def _key_available(folder: Path) -> bool:
    """A cached profile whose key is no longer in this keyring (another D-Bus
    session's gnome-keyring, another test run) cannot be opened: rebuild it."""
    try:
        ProfileKeys().key_for(folder)
    except ProfileKeyError:
        return False
    return True


def demo_profile(cases: int, fresh: bool = False) -> tuple[Path, float | None]:
    """A cached demo profile of ``cases`` cases; returns (folder, seconds if built now)."""
    folder = CACHE / f"demo-{cases}"
    if (folder / "profile.db").exists() and not fresh and _key_available(folder):
        return folder, None
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "asb_desktop", "--profile", str(folder), "demo",
         "--cases", str(cases)],
        check=True, stdout=subprocess.DEVNULL,
    )
    return folder, time.perf_counter() - start


def copy_profile(src: Path, dst: Path) -> Path:
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst)
    return dst
