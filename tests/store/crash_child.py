"""Saves reports through the controller in a loop, printing each id once its save returned.

Run by test_crash.py, which kills this process with SIGKILL at random moments.
"""

from __future__ import annotations

import sys
from pathlib import Path

from asb_desktop.app import open_profile
from asb_desktop.domain.inputs import PersonInput, ReportInput


def main() -> None:
    app = open_profile(Path(sys.argv[1]))
    n = 0
    while True:
        n += 1
        report = app.reports.log_report(
            ReportInput(
                new_reporter=PersonInput(given_name="Crash", family_name=f"Test{n}"),
                categories=["noise"],
                description=f"Saved in a loop, number {n}",
            )
        )
        sys.stdout.write(report.id + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
