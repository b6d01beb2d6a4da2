"""The core is a library: a script can log a report, open a case and read the caseload
with no display and without PySide6 ever being imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import importlib, pkgutil, sys, tempfile
from pathlib import Path
import asb_desktop
for mod in pkgutil.walk_packages(asb_desktop.__path__, "asb_desktop."):
    if mod.name.startswith("asb_desktop.gui") or ".migrations" in mod.name or mod.name.endswith("__main__"):
        continue
    importlib.import_module(mod.name)
from asb_desktop.app import create_profile
from asb_desktop.domain.inputs import CaseInput, PersonInput, ReportInput
app = create_profile(Path(tempfile.mkdtemp()) / "p", "Sam Officer", "officer")
r = app.reports.log_report(ReportInput(
    new_reporter=PersonInput(given_name="Ada", family_name="Lane"),
    categories=["noise"], description="Music at night"))
case = app.cases.open_case(CaseInput(report_ids=[r.id]))
assert app.cases.caseload().total == 1
qt = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6"})
print("QT:" + ",".join(qt))
"""


def test_core_modules_and_a_workflow_never_import_qt() -> None:
    root = Path(__file__).parents[1]
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=root, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "QT:", result.stdout
