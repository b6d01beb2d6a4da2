"""Document subcommands: summary, panel-pack, letter. Each export is audited.

The domestic-abuse guard speaks here as in the window: a refused output says
which option a supervisor gives (``--override-reason``), and a pack that needs
confirming says which ``--confirm-*`` option to add.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from asb_desktop.app import App, open_profile
from asb_desktop.cli.keys import cli_keys
from asb_desktop.cli.window import profile_dir
from asb_desktop.controllers.documents import (
    OVERRIDE_LETTER,
    OVERRIDE_SUMMARY,
    ConfirmationNeeded,
    DocumentsController,
    OverrideNeeded,
)
from asb_desktop.controllers.errors import UserError
from asb_desktop.documents.guard import CONFIRMATIONS
from asb_desktop.documents.letters import LetterKind
from asb_desktop.documents.redaction import Audience, PanelBrief


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audiences = [a.value for a in Audience]
    p = sub.add_parser("summary", help="write a case summary PDF, redacted for its audience")
    p.add_argument("reference", help="case reference, e.g. ASB-26-ABCD-0001")
    p.add_argument("--out", required=True, type=Path, help="PDF file to write")
    # Redacted by default: the full record has to be asked for by name.
    p.add_argument("--audience", choices=audiences, default=Audience.PANEL.value,
                   help="who will read it (default panel; internal is the full record)")
    _override_option(p)
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("panel-pack", help="write several case summaries for a panel meeting")
    p.add_argument("references", nargs="+", metavar="REF", help="case references")
    p.add_argument("--out", required=True, type=Path, help="PDF file to write")
    p.add_argument("--date", required=True, help="meeting date, YYYY-MM-DD")
    p.add_argument("--audience", choices=audiences, default=Audience.PANEL.value,
                   help="who will read it (default panel)")
    p.add_argument("--marac", action="store_true", help="the meeting is a MARAC")
    p.add_argument("--why", action="append", default=[], metavar="REF=TEXT",
                   help="why this case is at panel (once per case)")
    p.add_argument("--ask", action="append", default=[], metavar="REF=TEXT",
                   help="what the panel is asked to do for this case (once per case)")
    p.add_argument("--confirm-da", action="store_true",
                   help="include domestic-abuse cases although the meeting is not a MARAC")
    p.add_argument("--confirm-past", action="store_true", help="the meeting date has passed: make it anyway")
    _override_option(p)
    p.set_defaults(func=cmd_panel_pack)

    p = sub.add_parser("letter", help="write a letter from a template")
    p.add_argument("kind", choices=[k.value for k in LetterKind])
    p.add_argument("--out", required=True, type=Path, help="PDF file to write")
    p.add_argument("--report", help="report id (acknowledgement, non_asb_advice, refer_back)")
    p.add_argument("--case", help="case reference (warning, closure)")
    _override_option(p)
    p.set_defaults(func=cmd_letter)


def _override_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--override-reason", metavar="TEXT",
                   help="supervisors only: why this may go to the alleged perpetrator of a "
                        "domestic-abuse or restricted case (recorded in the audit log)")


@contextmanager
def _guarded() -> Iterator[None]:
    """The guard's refusals, with the option that answers them."""
    try:
        yield
    except OverrideNeeded as exc:
        hint = " Give --override-reason TEXT." if exc.supervisor else ""
        raise UserError(f"{exc}{hint}") from None
    except ConfirmationNeeded as exc:
        flags = " ".join(CONFIRMATIONS[k] for k in exc.keys)
        raise UserError(f"{exc} To go ahead, add {flags}.") from None


def _override(docs: DocumentsController, args: argparse.Namespace, refs: list[str], what: str) -> None:
    """Record the supervisor's override for each case that needs one, before building."""
    if not args.override_reason:
        return
    for ref in refs:
        case = docs.find_case(ref)
        if docs.override_needed(case, what):
            docs.record_override(case.id, what, args.override_reason)


def _briefs(args: argparse.Namespace) -> dict[str, PanelBrief]:
    def pairs(values: list[str], option: str) -> dict[str, str]:
        out = {}
        for value in values:
            ref, sep, text = value.partition("=")
            if not sep or not text.strip():
                raise UserError(f"{option} takes REF=TEXT, for example {option} ASB-26-ABCD-0001='...'")
            out[ref.strip().upper()] = text.strip()
        return out

    why, ask = pairs(args.why, "--why"), pairs(args.ask, "--ask")
    unknown = sorted((set(why) | set(ask)) - {r.strip().upper() for r in args.references})
    if unknown:
        raise UserError(f"--why/--ask name a case not in the pack: {', '.join(unknown)}")
    return {ref: PanelBrief(why.get(ref, ""), ask.get(ref, "")) for ref in set(why) | set(ask)}


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
        docs = documents_for(app)
        with _guarded():
            if args.audience == Audience.PERPETRATOR.value:
                _override(docs, args, [args.reference], OVERRIDE_SUMMARY)
            path = docs.export_summary(args.reference, args.audience, args.out)
    finally:
        app.close()
    audience = Audience(args.audience).label
    print(f"Wrote {path} (for: {audience}). The export is recorded in the audit log.")
    return 0


def cmd_panel_pack(args: argparse.Namespace) -> int:
    _check_out(args.out)
    try:
        meeting = date.fromisoformat(args.date)
    except ValueError:
        raise UserError(f"--date must be a date like 2026-03-16, not {args.date!r}") from None
    briefs = _briefs(args)
    chosen = (("domestic_abuse", args.confirm_da), ("past_meeting", args.confirm_past))
    confirm = [key for key, on in chosen if on]
    app = open_profile(profile_dir(args), keys=cli_keys())
    try:
        docs = documents_for(app)
        with _guarded():
            if args.audience == Audience.PERPETRATOR.value:
                _override(docs, args, args.references, OVERRIDE_SUMMARY)
            path = docs.export_panel_pack(args.references, meeting, args.out, args.audience,
                                          marac=args.marac, confirm=confirm, briefs=briefs)
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
        with _guarded():
            if args.case and kind is LetterKind.WARNING:
                _override(docs, args, [args.case], OVERRIDE_LETTER)
            letter = docs.letter(kind, report_id=args.report, case_id=case_id)
        path = docs.export_letter(letter, args.out)
    finally:
        app.close()
    size = " in large print" if letter.large_print else ""
    print(f"Wrote {path}: {kind.label} to the {letter.recipient_label}{size}.")
    if letter.address_withheld:
        print("The address is left off: this home is shared with a protected party. "
              "Deliver the letter by hand or by a route agreed with the victim's support worker.")
    return 0
