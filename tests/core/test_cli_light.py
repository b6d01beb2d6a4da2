"""A light command line: ``--version`` imports nothing of the app, and each command
imports what it needs rather than every command's dependencies."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from asb_desktop import __version__
from asb_desktop.app import App
from asb_desktop.cli.main import build_parser

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


def test_help_lists_every_command_without_importing_the_app() -> None:
    out, modules = _modules_after("--help")
    for command in ("init", "demo", "cases", "sync", "summary", "purge", "due"):
        assert f"    {command} " in out, command
    assert not [m for m in modules if m.startswith(HEAVY)]


def test_the_light_help_says_what_the_commands_themselves_register(
        capsys: pytest.CaptureFixture[str]) -> None:
    """The one-line list is kept by hand so ``--help`` can skip importing the commands;
    it must read exactly as the parser they build would."""
    build_parser().print_help()
    full = capsys.readouterr().out
    build_parser(listing=True).print_help()
    assert capsys.readouterr().out == full
