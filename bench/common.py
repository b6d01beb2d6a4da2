"""Small timing helpers shared by the benchmark scripts (figures, not pass/fail)."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

CACHE = Path("/tmp/asb-bench")


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


def demo_profile(cases: int, fresh: bool = False) -> tuple[Path, float | None]:
    """A cached demo profile of ``cases`` cases; returns (folder, seconds if built now)."""
    folder = CACHE / f"demo-{cases}"
    if folder.exists() and not fresh:
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
