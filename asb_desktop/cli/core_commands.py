"""Core subcommands: init, demo, cases, check; and starting the app."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from asb_desktop.cli.window import profile_dir
from asb_desktop.controllers.errors import UserError
from asb_desktop.domain.enums import CaseStatus, Role

# The app (SQLAlchemy, every controller, sync, cryptography) is imported inside
# each command, not here: registering these commands is part of every
# ``asb-desktop`` run, including ``--help``, which should not pay for it.


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help="create a profile for you on this device")
    p.add_argument("--name", required=True, help="your name as colleagues know it")
    p.add_argument("--role", choices=[r.value for r in Role], default=Role.OFFICER.value)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="fill a new profile with a synthetic, clearly marked caseload")
    p.add_argument("--cases", type=int, default=200, help="number of cases (default 200)")
    p.add_argument("--seed", type=int, default=1, help="random seed, for a repeatable caseload")
    p.add_argument(
        "--role", choices=[r.value for r in Role], default=None,
        help="the demo user's role (default officer); a supervisor also sees the caseload review",
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("cases", help="list cases")
    p.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    p.add_argument(
        "--status", choices=[*(s.value for s in CaseStatus), "all"], default="open",
        help="which cases (default open)",
    )
    p.add_argument("--officer", default=None, help="lead officer's name")
    p.add_argument("--limit", type=int, default=100)
    p.set_defaults(func=cmd_cases)

    p = sub.add_parser("check", help="run integrity checks on the profile")
    p.set_defaults(func=cmd_check)


def start_app(args: argparse.Namespace) -> int:
    """No subcommand: open the window if the GUI is installed, else summarise the profile."""
    if importlib.util.find_spec("asb_desktop.gui.start.launch") is not None:
        from asb_desktop.cli.window import open_window

        return open_window(profile_dir(args))
    from asb_desktop.app import profile_exists

    folder = profile_dir(args)
    if not profile_exists(folder):
        print(f"No profile in {folder}. Create one with 'asb-desktop init --name NAME' "
              "or try 'asb-desktop demo'.")
        return 0
    return cmd_cases(argparse.Namespace(**vars(args), json=False, status="open", officer=None,
                                        limit=20))


def cmd_init(args: argparse.Namespace) -> int:
    from asb_desktop.app import create_profile
    from asb_desktop.cli.keys import cli_keys

    app = create_profile(profile_dir(args), args.name, args.role, keys=cli_keys())
    print(f"Profile created in {app.folder} for {args.name} ({args.role}).")
    app.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Fill a demo profile, making it first (as ``DEMO_USER[role]``) if the folder is empty.

    A second run adds cases to the same profile; asking for another role there is
    refused rather than ignored, since the profile's user cannot change role."""
    from asb_desktop.app import create_profile, open_profile, profile_exists
    from asb_desktop.cli.keys import cli_keys
    from asb_desktop.controllers.demo import DEMO_USER, DemoController

    if args.cases < 1:
        raise UserError("--cases must be at least 1")
    folder = profile_dir(args)
    if profile_exists(folder):
        app = open_profile(folder, keys=cli_keys())
        actor = app.unit.actor
        if not app.profile.is_demo():
            app.close()
            raise UserError(
                f"{folder} holds a real profile; demo data is never mixed into one. "
                "Choose another folder with --profile."
            )
        if args.role and args.role != actor.role:
            app.close()
            raise UserError(
                f"{folder} holds a demo profile for {actor.name} ({actor.role}). "
                f"For a {args.role}, choose another folder with --profile."
            )
    else:
        role = args.role or Role.OFFICER.value
        app = create_profile(folder, DEMO_USER[role], role, demo=True, keys=cli_keys())
        actor = app.unit.actor
    started = time.perf_counter()
    try:
        summary = DemoController(app.unit).fill(args.cases, args.seed, progress=_progress)
    finally:
        app.close()
    print(
        f"\rDemo profile in {folder} for {actor.name} ({actor.role}): {summary.cases} cases, "
        f"{summary.reports} reports, {summary.visits} visits "
        f"({time.perf_counter() - started:.1f} s). All names and streets are invented."
    )
    return 0


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\rCreating demo caseload: {done}/{total}", end="", file=sys.stderr)


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def cmd_cases(args: argparse.Namespace) -> int:
    from asb_desktop.app import open_profile
    from asb_desktop.cli.keys import cli_keys
    from asb_desktop.controllers.cases import CaseFilter

    app = open_profile(profile_dir(args), keys=cli_keys())
    try:
        officer_id = None
        if args.officer:
            matches = [u for u in app.profile.users() if u.name.lower() == args.officer.lower()]
            if not matches:
                raise UserError(f"No officer called {args.officer!r} in this profile.")
            officer_id = matches[0].id
        status = None if args.status == "all" else args.status
        page = app.cases.caseload(CaseFilter(status=status, officer_id=officer_id),
                                  limit=args.limit)
    finally:
        app.close()
    if args.json:
        for row in page.rows:
            print(json.dumps({k: _plain(v) for k, v in asdict(row).items()}))
        return 0
    print(f"{'Reference':<18} {'Risk':<7} {'Status':<11} {'Next due':<11} {'Officer':<18} Parties")
    for r in page.rows:
        due = r.next_action_due.isoformat() if r.next_action_due else "-"
        flag = "!" if r.overdue else " "
        print(f"{r.reference:<18} {r.risk_level:<7} {r.status:<11} {due:<10}{flag} "
              f"{r.officer[:18]:<18} {r.parties}")
    print(f"{len(page.rows)} of {page.total} case(s) shown. '!' marks an overdue action.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from asb_desktop.app import open_profile
    from asb_desktop.cli.keys import cli_keys

    app = open_profile(profile_dir(args), keys=cli_keys())
    try:
        findings = app.checks.run()
    finally:
        app.close()
    for f in findings:
        print(f"{'ok  ' if f.ok else 'FAIL'} {f.check}: {f.detail}")
    return 0 if all(f.ok for f in findings) else 1
