"""Tenancy subcommands: import tenancies, visits, visit-pack, export.

Heavy modules (the import, sqlite-utils, reportlab) are imported inside the
command functions, so building the parser for another command never loads them.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asb_desktop.cli.window import profile_dir
from asb_desktop.domain.errors import UserError

if TYPE_CHECKING:
    from asb_desktop.controllers.tenancy_import import ImportResult

#: Refused rows printed in full; past this, a count (the rest are in --json).
SHOW_REFUSED = 50


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import", help="import tenancies from the housing system's CSV export")
    p.add_argument("what", choices=["tenancies"], help="what the file holds")
    p.add_argument("file", type=Path, help="the CSV file")
    p.add_argument("--mapping", metavar="NAME", help="a saved column mapping to use")
    p.add_argument("--dry-run", action="store_true", help="check and report; change nothing")
    p.add_argument("--strict", action="store_true",
                   help="import nothing if any row is refused")
    p.add_argument("--json", action="store_true", help="the result as JSON")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("visits", help="tenancy visits; --due for overdue and due this week")
    p.add_argument("--due", action="store_true", help="only overdue and due this week")
    p.add_argument("--officer", metavar="NAME", help="only this officer's visits")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_visits)

    p = sub.add_parser("visit-pack", help="the day's visit pack (a PDF sheet per visit)")
    p.add_argument("--date", required=True, help="the day, YYYY-MM-DD")
    p.add_argument("--out", required=True, type=Path, help="PDF file to write")
    p.set_defaults(func=cmd_visit_pack)

    p = sub.add_parser("export", help="export tenancies, visits or cases as CSV for analysts")
    p.add_argument("what", choices=["tenancies", "visits", "cases"])
    p.add_argument("--csv", required=True, type=Path, dest="out", help="CSV file to write")
    p.set_defaults(func=cmd_export)


def _open(args: argparse.Namespace) -> Any:
    from asb_desktop.app import open_profile
    from asb_desktop.cli.keys import cli_keys

    return open_profile(profile_dir(args), keys=cli_keys())


def _progress(done: int, total: int, what: str) -> None:
    if total >= 5000:
        print(f"{what}: {done:,} of {total:,}", file=sys.stderr, flush=True)


def cmd_import(args: argparse.Namespace) -> int:
    from asb_desktop.controllers.tenancy_import import TenancyImportController

    app = _open(args)
    try:
        result = TenancyImportController(app.unit).import_file(
            args.file, mapping_name=args.mapping, dry_run=args.dry_run, strict=args.strict,
            progress=_progress)
    finally:
        app.close()
    if args.json:
        print(json.dumps(_as_json(result)))
    else:
        _print_result(result)
    return result.exit_code


def _print_result(r: ImportResult) -> None:
    if r.strict_refused:
        print(f"{r.file}: nothing imported (--strict): {len(r.refused)} of {r.rows} rows "
              "were refused.")
    else:
        verb = "would be" if r.dry_run else "were"
        print(f"{r.file} ({r.encoding}, {r.rows} rows): {r.added} added, {len(r.updated)} "
              f"updated, {r.unchanged} unchanged, {len(r.refused)} refused; "
              f"{r.visits_scheduled} visits scheduled, {r.visits_cancelled} cancelled"
              + (" (dry run: nothing was changed)" if r.dry_run else "."))
        for u in r.updated[:SHOW_REFUSED]:
            print(f"  updated {u}")
        if len(r.updated) > SHOW_REFUSED:
            print(f"  ... and {len(r.updated) - SHOW_REFUSED} more updated ({verb} changed)")
    for refusal in r.refused[:SHOW_REFUSED]:
        print(f"  refused {refusal}")
    if len(r.refused) > SHOW_REFUSED:
        print(f"  ... and {len(r.refused) - SHOW_REFUSED} more refused (see --json)")


def _as_json(r: ImportResult) -> dict[str, Any]:
    return {
        "file": r.file, "encoding": r.encoding, "rows": r.rows, "added": r.added,
        "updated": [{"line": u.line, "reference": u.reference, "changes": list(u.what)}
                    for u in r.updated],
        "unchanged": r.unchanged,
        "refused": [{"line": x.line, "column": x.column, "reason": x.reason} for x in r.refused],
        "visits_scheduled": r.visits_scheduled, "visits_cancelled": r.visits_cancelled,
        "dry_run": r.dry_run, "strict_refused": r.strict_refused,
    }


def _day(text: str | None) -> str:
    return text or "-"


def cmd_visits(args: argparse.Namespace) -> int:
    from asb_desktop.controllers.visits import VisitFilter

    app = _open(args)
    try:
        if args.due:
            due = app.visits.due_visits(officer=args.officer, everyone=not args.officer)
        else:
            page = app.visits.list_visits(VisitFilter(), limit=100_000)
            rows = [r for r in page.rows
                    if not args.officer or r.officer.lower() == args.officer.strip().lower()]
    finally:
        app.close()
    if args.due:
        if args.json:
            for d in due:
                print(json.dumps({"tenancy": d.tenancy_reference, "address": d.address,
                                  "kind": d.kind, "due": d.due_date.isoformat() if d.due_date
                                  else None, "officer": d.officer, "state": d.state}))
            return 0
        officer = None
        for d in due:
            if d.officer != officer:
                officer = d.officer
                mine = [x for x in due if x.officer == officer]
                late = sum(1 for x in mine if x.state == "overdue")
                print(f"{officer or 'No officer'}: {late} overdue, {len(mine) - late} due this week")
            when = d.due_date.strftime("%d/%m/%Y") if d.due_date else "-"
            flag = "OVERDUE " if d.state == "overdue" else "this week"
            print(f"  {flag:<9} {when}  {d.kind.replace('_', '-'):<13} "
                  f"{d.tenancy_reference:<14} {d.address}")
        if not due:
            print("No visits overdue or due this week.")
        return 0
    if args.json:
        for r in rows:
            print(json.dumps({"tenancy": r.tenancy_reference, "address": r.address,
                              "kind": r.kind, "status": r.status,
                              "due": r.due_date.isoformat() if r.due_date else None,
                              "visited": r.visit_date.isoformat() if r.visit_date else None,
                              "officer": r.officer, "terms_explained": r.terms_explained}))
        return 0
    print(f"{'Status':<10} {'Due':<11} {'Visited':<11} {'Kind':<13} {'Tenancy':<14} "
          f"{'Officer':<16} Address")
    for r in rows:
        print(f"{r.status:<10} {_day(r.due_date and r.due_date.isoformat()):<11} "
              f"{_day(r.visit_date and r.visit_date.isoformat()):<11} "
              f"{r.kind.replace('_', '-'):<13} {r.tenancy_reference:<14} {r.officer[:16]:<16} "
              f"{r.address}")
    print(f"{len(rows)} visit(s).")
    return 0


def cmd_visit_pack(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() != ".pdf":
        raise UserError(f"--out must name a .pdf file, not {args.out}")
    try:
        day = date.fromisoformat(args.date)
    except ValueError:
        raise UserError(f"--date must be a date like 2026-03-16, not {args.date!r}") from None
    from asb_desktop.controllers.exports import ExportsController

    app = _open(args)
    try:
        count = ExportsController(app.unit).export_visit_pack(day, args.out)
    finally:
        app.close()
    print(f"Wrote {args.out}: {count} visit(s) on {day.isoformat()}. "
          "The export is recorded in the audit log.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from asb_desktop.controllers.exports import ExportsController

    app = _open(args)
    try:
        count = ExportsController(app.unit).export_csv(args.what, args.out)
    finally:
        app.close()
    print(f"Wrote {args.out}: {count} {args.what} row(s). The export is recorded in the audit log.")
    return 0
