"""The command line's start-up, beside the interpreter's own (``python -c pass``).

``asb-desktop --version`` and ``--help`` should import nothing heavy (target:
``--version`` <= 3x ``python -c pass``); ``asb-desktop cases`` on a 20,000-case
profile imports what listing cases needs and opens the encrypted file (target
<= 0.5 s). Each figure is the median of several runs of a fresh process.

    .venv/bin/python bench/cli.py [--cases 20000] [--runs 7] [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import QUICK_CASES, demo_profile

CLI = [sys.executable, "-m", "asb_desktop"]


def seconds(argv: list[str], runs: int) -> float:
    out = []
    for _ in range(runs + 1):  # the first run warms the file cache and is dropped
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        out.append(time.perf_counter() - start)
    return statistics.median(out[1:])


def modules(argv: list[str]) -> int:
    """How many modules the command imports (``python -X importtime`` lines)."""
    done = subprocess.run([sys.executable, "-X", "importtime", *argv[1:]], check=True,
                          capture_output=True, text=True)
    return sum(1 for line in done.stderr.splitlines() if line.startswith("import time:")) - 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="a tiny profile and two runs")
    args = parser.parse_args()
    if args.quick:
        args.cases, args.runs = QUICK_CASES, 2
    folder, built = demo_profile(args.cases)
    if built is not None:
        print(f"(built the {args.cases:,}-case demo profile in {built:.0f} s)")
    subprocess.run([*CLI, "--profile", str(folder), "check"], check=False,
                   stdout=subprocess.DEVNULL)  # brings the schema up to date before timing
    base = seconds([sys.executable, "-c", "pass"], args.runs)
    print(f"{'python -c pass':<36} {base * 1000:7.0f} ms")
    for label, argv, target in (
        ("asb-desktop --version", [*CLI, "--version"], 3 * base),
        ("asb-desktop --help", [*CLI, "--help"], 3 * base),
        (f"asb-desktop cases ({args.cases:,} cases)",
         [*CLI, "--profile", str(folder), "cases"], 0.5),
    ):
        took = seconds(argv, args.runs)
        verdict = ""
        if target is not None:
            verdict = f"target <= {target * 1000:.0f} ms {'PASS' if took <= target else 'MISS'}"
        print(f"{label:<36} {took * 1000:7.0f} ms  {took / base:5.1f}x python  "
              f"{modules(argv):4d} modules   {verdict}")


if __name__ == "__main__":
    main()
