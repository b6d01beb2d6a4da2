"""Retention and subject access subcommands: retention, purge, hold, release, sar.

Purging is the one command that cannot be undone, so it does nothing without
``--yes``; the cases named are checked again as they are purged. Every command
here is audited by its controller, and all but ``sar`` are a supervisor's.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from asb_desktop.app import App, open_profile
from asb_desktop.cli.keys import cli_keys
from asb_desktop.cli.window import profile_dir
from asb_desktop.controllers.errors import UserError

_NOT_COMPACTED = (
    "The profile file could not be rebuilt just now (another program has it open). The records "
    "are deleted, but older copies may remain in the file's free space: close the app and run "
    "'asb-desktop retention --compact'."
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("retention", help="list closed cases due for purge (supervisors)")
    p.add_argument("--compact", action="store_true",
                   help="rebuild the profile file so nothing purged lingers in its free space")
    p.set_defaults(func=cmd_retention)

    p = sub.add_parser("purge", help="erase closed cases past retention, for good (supervisors)")
    p.add_argument("references", nargs="+", metavar="REF", help="case references")
    p.add_argument("--yes", action="store_true", help="confirm: the cases cannot be recovered")
    p.set_defaults(func=cmd_purge)

    p = sub.add_parser("hold", help="place a legal hold, so a case is never purged (supervisors)")
    p.add_argument("reference", metavar="REF", help="case reference")
    p.add_argument("--reason", default="", help="why the case must be kept")
    p.set_defaults(func=cmd_hold)

    p = sub.add_parser("release", help="lift a case's legal hold (supervisors)")
    p.add_argument("reference", metavar="REF", help="case reference")
    p.add_argument("--reason", default="", help="why the hold is no longer needed")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("sar", help="export everything held about one person (subject access)")
    p.add_argument("person_id", metavar="PERSON_ID", help="the person's id")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--json", type=Path, metavar="PATH", help="write a JSON file")
    out.add_argument("--pdf", type=Path, metavar="PATH", help="write a PDF")
    p.add_argument("--third-parties", action="store_true",
                   help="include other people's details (supervisors; withheld by default)")
    p.set_defaults(func=cmd_sar)


def _open(args: argparse.Namespace) -> App:
    return open_profile(profile_dir(args), keys=cli_keys())


def cmd_retention(args: argparse.Namespace) -> int:
    app = _open(args)
    try:
        retention = app.retention
        if args.compact:
            if not retention.compact():
                raise UserError(_NOT_COMPACTED)
            print("The profile file is rebuilt; nothing purged remains in its free space.")
            return 0
        due = retention.due()
        held = retention.holds()
        years = app.unit.policy.retention_years
    finally:
        app.close()
    if due:
        print(f"{'Reference':<18} {'Closed':<11} {'Due since':<11} Years closed")
        for d in due:
            print(f"{d.reference:<18} {d.closed_on.isoformat():<11} {d.due_on.isoformat():<11} "
                  f"{d.years_closed}")
    print(f"{len(due)} case(s) closed more than {years} years ago are due for purge. "
          f"{len(held)} case(s) on legal hold are not listed.")
    if due:
        print("Purge with: asb-desktop purge REF... --yes")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    refs = list(dict.fromkeys(r.strip().upper() for r in args.references))
    if not args.yes:
        raise UserError(f"Purging erases {', '.join(refs)} for good; add --yes to confirm.")
    app = _open(args)
    try:
        retention = app.retention
        result = retention.purge([retention.find(r) for r in refs])
    finally:
        app.close()
    print(f"Purged {', '.join(result.references)}: {result.rows} record(s), including "
          f"{result.people} person(s) who appeared in no other record. "
          "The purge is recorded in the audit log.")
    if not result.file_compacted:
        print(_NOT_COMPACTED)
    return 0


def cmd_hold(args: argparse.Namespace) -> int:
    return _hold(args, place=True)


def cmd_release(args: argparse.Namespace) -> int:
    return _hold(args, place=False)


def _hold(args: argparse.Namespace, place: bool) -> int:
    app = _open(args)
    try:
        retention = app.retention
        case_id = retention.find(args.reference)
        if place:
            retention.place_hold(case_id, args.reason)
        else:
            retention.lift_hold(case_id, args.reason)
    finally:
        app.close()
    print(f"{args.reference.strip().upper()}: legal hold {'placed' if place else 'lifted'}.")
    return 0


def cmd_sar(args: argparse.Namespace) -> int:
    out: Path = args.json or args.pdf
    suffix = ".json" if args.json else ".pdf"
    if out.suffix.lower() != suffix:
        raise UserError(f"--{suffix[1:]} must name a {suffix} file, not {out}")
    app = _open(args)
    try:
        sar = app.subject_access
        export = sar.export_json if args.json else sar.export_pdf
        path = export(args.person_id, out, include_third_parties=args.third_parties)
    finally:
        app.close()
    who = "included" if args.third_parties else "replaced by [third party]"
    print(f"Wrote {path}: subject access export; other people's details {who}. "
          "The export is recorded in the audit log.")
    return 0
