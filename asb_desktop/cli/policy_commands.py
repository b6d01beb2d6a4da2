"""Policy subcommands: ``due`` (what is due on a case, or every overdue case) and
``settings`` (check the landlord's settings file and show where each part came from).

``settings`` works without a profile so a landlord can check an edited file
before handing it to officers.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from asb_desktop.app import open_profile
from asb_desktop.cli.keys import cli_keys
from asb_desktop.cli.window import profile_dir
from asb_desktop.controllers.errors import UserError
from asb_desktop.documents.resources import logo_path
from asb_desktop.domain.landlord import Landlord
from asb_desktop.domain.rules.targets import Due
from asb_desktop.domain.settings import SettingsError, load_policy


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("due", help="what is due on a case, or every case with something overdue")
    p.add_argument("reference", nargs="?", help="case reference (default: every overdue case)")
    p.set_defaults(func=cmd_due)

    p = sub.add_parser("settings", help="check the policy settings and show where they came from")
    p.add_argument("--folder", type=Path, default=None,
                   help="folder holding a settings.toml to check (default: the profile folder)")
    p.set_defaults(func=cmd_settings)


def _line(d: Due) -> str:
    when = "paused" if d.paused else (d.due_on.isoformat() if d.due_on else "")
    flag = "OVERDUE" if d.overdue else ""
    return f"  {when:<10}  {flag:<7}  {d.label}"


def cmd_due(args: argparse.Namespace) -> int:
    app = open_profile(profile_dir(args), keys=cli_keys())
    try:
        if args.reference:
            case = app.cases.find_by_reference(args.reference)
            items = app.policy.case_obligations(case.id)
            print(f"{case.reference} ({case.risk_level} risk): {len(items)} due")
            for d in items:
                print(_line(d))
            return 0
        everything = app.policy.open_case_obligations()
        late = {cid: [d for d in items if d.overdue] for cid, items in everything.items()}
        late = {cid: items for cid, items in late.items() if items}
        print(f"{len(late)} of {len(everything)} open cases have something overdue")
        def oldest(kv: tuple[str, list[Due]]) -> date:
            return min(d.due_on for d in kv[1] if d.due_on is not None)

        for cid, items in sorted(late.items(), key=oldest)[:50]:
            print(app.cases.get_case(cid).reference)
            for d in items:
                print(_line(d))
        return 0
    finally:
        app.close()


def cmd_settings(args: argparse.Namespace) -> int:
    folder = args.folder or profile_dir(args)
    try:
        policy = load_policy(folder)
    except SettingsError as exc:
        raise UserError(f"The policy settings cannot be used: {exc}") from exc
    print("Policy settings are valid. Read from:")
    for source in policy.source:
        print(f"  {source}")
    t = policy.targets
    print("Targets (working days, high/medium/low):")
    for name, days in (("acknowledge", t.acknowledge_days), ("first contact", t.first_contact_days),
                       ("action plan", t.action_plan_days), ("victim update", t.victim_update_by_risk),
                       ("risk review", t.risk_review_days)):
        print(f"  {name:<14} {days['high']}/{days['medium']}/{days['low']}")
    print("ASB Case Review thresholds:")
    for th in policy.case_review.thresholds:
        print(f"  {th.name}: {th.description or th.complaints}")
    print(f"DASH: MARAC referral at {policy.dash.marac_threshold} of {policy.dash.questions}")
    print(f"Libraries: {len(policy.advice)} advice texts, {len(policy.services)} support services, "
          f"{len(policy.questionnaires)} risk questionnaires")
    _print_landlord(policy.landlord, folder)
    return 0


def _print_landlord(landlord: Landlord, folder: Path) -> None:
    """What every letter will carry, and what is still missing before one can be made."""
    print("Landlord on letters ([landlord]):")
    for key in ("name", "address", "phone", "email", "web", "complaints", "signature", "logo"):
        value = " ".join(str(getattr(landlord, key)).split())
        print(f"  {key:<10} {value or '(not set)'}")
    if landlord.logo and logo_path(landlord.logo, [folder / "templates"]) is None:
        print(f"  The logo {landlord.logo} is not in {folder / 'templates' / 'logos'}: "
              "letters will print the letterhead without it.")
    missing = landlord.missing()
    if missing:
        print(f"  Letters cannot be made from a real profile until these are set: {', '.join(missing)}. "
              "A demonstration profile uses a made-up landlord.")
