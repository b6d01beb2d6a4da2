"""A light command line: ``--version`` imports nothing of the app, and each command
imports what it needs rather than every command's dependencies."""

from __future__ import annotations

import os
import subprocess
import sys

from asb_desktop import __version__
from asb_desktop.app import App

HEAVY = ("sqlalchemy", "asb_desktop.app", "cryptography", "asb_desktop.controllers.cases")


def _modules_after(*args: str) -> tuple[str, set[str]]:
    """What a fresh ``asb-desktop ARGS`` prints, and every module it imported."""
    code = ("import sys\nfrom asb_desktop.cli.main import main\ntry:\n    main(sys.argv[1:])\n"
            "except SystemExit:\n    pass\nprint('MODULES', ' '.join(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=os.environ, timeout=120)
    assert done.returncode == 0, done.stderr
    out, _, modules = done.stdout.rpartition("MODULES ")
    return out, set(modules.split())


def test_version_imports_nothing_of_the_app() -> None:
    out, modules = _modules_after("--version")
    assert out.strip() == f"asb-desktop {__version__}"
    assert not [m for m in modules if m.startswith(HEAVY)]


def test_listing_cases_does_not_import_the_other_commands(app: App) -> None:
    app.close()
    out, modules = _modules_after("--profile", str(app.folder), "cases")
    assert "0 of 0 case(s) shown" in out
    assert "asb_desktop.cli.core_commands" in modules
    others = ("asb_desktop.cli.sync_commands", "asb_desktop.cli.document_commands",
              "asb_desktop.cli.security_commands", "asb_desktop.cli.policy_commands")
    assert not [m for m in others if m in modules]


def test_help_still_lists_every_command() -> None:
    done = subprocess.run([sys.executable, "-m", "asb_desktop", "--help"], capture_output=True,
                          text=True, env=os.environ, timeout=120)
    assert done.returncode == 0
    for command in ("init", "demo", "cases", "sync", "summary", "purge", "due"):
        assert f"    {command} " in done.stdout, command
