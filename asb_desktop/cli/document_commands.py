"""Document subcommands: summary, panel-pack, letter. Each export is audited."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from asb_desktop.app import App, open_profile
from asb_desktop.cli.keys import cli_keys
from asb_desktop.cli.main import profile_dir
from asb_desktop.controllers.documents import DocumentsController
from asb_desktop.controllers.errors import UserError
from asb_desktop.documents.letters import LetterKind
from asb_desktop.documents.printable import Audience


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audiences = [a.value for a in Audience]
    p = sub.add_parser("summary", help="write a case summary PDF, redacted for its audience")
    p.add_argument("reference", help="case reference, e.g. ASB-26-ABCD-0001")
    p.add_argument("--out", required=True, type=Path, help="PDF file to write")
    # Redacted by default: the full record has to be asked for by name.
    p.add_argument("--audience", choices=audiences, default=Audience.PANEL.value,
                   help="who will read it (default panel; internal is the full record)")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("panel-pack", help="write several case summaries for a panel meeting")
    p.add_argument("references", nargs="+", metavar="REF", help="case references")
    p.add_argument("--out", required=True, type=Path, help="PDF file to write")
    p.add_argument("--date", required=True, help="meeting date, YYYY-MM-DD")
    p.add_argument("--audience", choices=audiences, default=Audience.PANEL.value,
                   help="who will read it (default panel)")
    p.set_defaults(func=cmd_panel_pack)

    p = sub.add_parser("letter", help="write a letter from a template")
    p.add_argument("kind", choices=[k.value for k in LetterKind])
    p.add_argument("--out", required=True, type=Path, help="PDF file to write")
    p.add_argument("--report", help="report id (acknowledgement, non_asb_advice, refer_back)")
    p.add_argument("--case", help="case reference (warning, closure)")
    p.set_defaults(func=cmd_letter)


def documents_for(app: App) -> DocumentsController:
    """The profile's own ``templates`` folder overrides the packaged letters."""
    return DocumentsController(app.unit, template_dirs=[app.folder / "templates"])


def _check_out(out: Path) -> None:
    if out.suffix.lower() != ".pdf":
        raise UserError(f"--out must name a .pdf file, not {out}")


def cmd_summary(args: argparse.Namespace) -> int:
    _check_out(args.out)
    app = open_profile(profile_dir(args), keys=cli_keys())
    try:
        path = documents_for(app).export_summary(args.reference, args.audience, args.out)
    finally:
        app.close()
    print(f"Wrote {path} ({args.audience} audience). The export is recorded in the audit log.")
    return 0


def cmd_panel_pack(args: argparse.Namespace) -> int:
    _check_out(args.out)
    try:
        meeting = date.fromisoformat(args.date)
    except ValueError:
        raise UserError(f"--date must be a date like 2026-03-16, not {args.date!r}") from None
    app = open_profile(profile_dir(args), keys=cli_keys())
    try:
        path = documents_for(app).export_panel_pack(args.references, meeting, args.out, args.audience)
    finally:
        app.close()
    print(f"Wrote {path}: {len(args.references)} case(s) for the meeting on {meeting.isoformat()}.")
    return 0


def cmd_letter(args: argparse.Namespace) -> int:
    _check_out(args.out)
    kind = LetterKind(args.kind)
    if kind.about_report and not args.report:
        raise UserError(f"The {kind.value} letter needs --report REPORT_ID")
    if not kind.about_report and not args.case:
        raise UserError(f"The {kind.value} letter needs --case REF")
    app = open_profile(profile_dir(args), keys=cli_keys())
    try:
        docs = documents_for(app)
        case_id = docs.find_case(args.case).id if args.case else None
        letter = docs.letter(kind, report_id=args.report, case_id=case_id)
        path = docs.export_letter(letter, args.out)
    finally:
        app.close()
    size = " in large print" if letter.large_print else ""
    print(f"Wrote {path}: {kind.label} to the {letter.recipient_role}{size}.")
    return 0
