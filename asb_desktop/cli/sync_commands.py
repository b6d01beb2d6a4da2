"""Sync subcommands: ``share init``, ``share join``, ``share status``, ``share devices``,
``share enrol``, ``share revoke``, ``sync``
(with ``sync archive``, ``sync reenrol`` and ``sync set-aside``) and ``conflicts``.

Exit codes of ``sync``: 0 everything sent and received; 1 synced, but some
bundles are held back (named on stderr); 3 the share is not connected (nothing
changed); 2, as for every command, a problem the user can fix.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TypeVar

from asb_desktop.app import App, open_profile
from asb_desktop.cli.keys import cli_keys
from asb_desktop.cli.window import profile_dir
from asb_desktop.controllers.errors import UserError
from asb_desktop.controllers.sync import field_words
from asb_desktop.sync.errors import NotConnected

T = TypeVar("T")

PASSPHRASE_ENV = "ASB_SHARE_PASSPHRASE"
EXIT_HELD_BACK = 1
EXIT_NOT_CONNECTED = 3


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    share = sub.add_parser("share", help="set up or join the team's sync share")
    ssub = share.add_subparsers(dest="share_command", metavar="ACTION", required=True)
    p = ssub.add_parser("init", help="make a folder the team's share and enrol this device")
    p.add_argument("dir", type=Path)
    p.add_argument("--generate", action="store_true",
                   help="make a random enrolment code (shown once) instead of asking for a passphrase")
    p.set_defaults(func=cmd_share_init)
    p = ssub.add_parser("join", help="enrol this device on the team's share")
    p.add_argument("dir", type=Path)
    p.set_defaults(func=cmd_share_join)
    p = ssub.add_parser("status", help="whether the share is reachable and what waits to sync")
    p.add_argument("--timeout", type=float, default=5.0)
    p.set_defaults(func=cmd_share_status)
    p = ssub.add_parser("devices", help="the team's laptops: enrolled, waiting, removed")
    p.set_defaults(func=cmd_share_devices)
    p = ssub.add_parser("enrol", help="(supervisors) enrol a waiting laptop on the team")
    p.add_argument("device", help="the laptop's device id, or its first characters")
    p.add_argument("--role", choices=["officer", "supervisor"], default=None,
                   help="its user's role (default: the role it asked for)")
    p.set_defaults(func=cmd_share_enrol)
    p = ssub.add_parser("revoke", help="(supervisors) remove a lost or stolen laptop from the team")
    p.add_argument("device", help="the laptop's device id, or its first characters")
    p.add_argument("--reason", required=True, help="why (lost, stolen, officer has left)")
    p.set_defaults(func=cmd_share_revoke)

    p = sub.add_parser("sync", help="send this device's changes and receive the team's, once")
    p.set_defaults(func=cmd_sync)
    sync_actions = p.add_subparsers(dest="sync_command", metavar="ACTION")
    a = sync_actions.add_parser(
        "archive", help="(supervisors) move bundles the newest team snapshot covers into the "
                        "share's archive folder")
    a.set_defaults(func=cmd_sync_archive)
    r = sync_actions.add_parser(
        "reenrol", help="make this laptop a new device on the team share, after sync found its "
                        "profile is a copy of another laptop's")
    r.set_defaults(func=cmd_sync_reenrol)
    s = sync_actions.add_parser(
        "set-aside", help="(supervisors) list the changes from other devices that sync could not "
                          "apply here or dropped after a retention purge")
    s.add_argument("--kind", choices=["unappliable", "refused", "purged"], default=None,
                   help="only changes that could not be applied, or only those dropped after a purge")
    s.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    s.set_defaults(func=cmd_sync_set_aside)

    p = sub.add_parser("conflicts", help="list safety-critical fields edited on two devices")
    p.set_defaults(func=cmd_conflicts)


def _passphrase(prompt: str) -> str:
    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env
    return getpass.getpass(prompt)


def cmd_share_init(args: argparse.Namespace) -> int:
    app = open_profile(profile_dir(args), keys=cli_keys())
    try:
        phrase = None if args.generate else _passphrase("Team enrolment passphrase: ")
        shown = app.sync.init_share(args.dir, phrase)
    finally:
        app.close()
    print(f"{args.dir} is now the team share, and this device is enrolled.")
    if shown:
        print("Enrolment code (shown once; give it to colleagues to join, keep it safe):")
        print(f"    {shown}")
    return 0


def cmd_share_join(args: argparse.Namespace) -> int:
    app = open_profile(profile_dir(args), keys=cli_keys())
    try:
        app.sync.join_share(args.dir, _passphrase("Team enrolment passphrase: "))
    finally:
        app.close()
    print(f"This device is enrolled on the team share at {args.dir}.")
    return 0


def cmd_share_status(args: argparse.Namespace) -> int:
    app = open_profile(profile_dir(args), keys=cli_keys())
    try:
        st = app.sync.status(args.timeout)
        copied = app.device.copied()
    finally:
        app.close()
    if not st.enrolled:
        print("Not set up to sync. Use 'asb-desktop share join DIR'.")
        return EXIT_NOT_CONNECTED
    print(f"Share: {st.share_path}")
    print(st.message)
    print(f"Changes waiting to be sent: {st.unsent_changes}")
    print(f"Conflicts to decide: {st.open_conflicts}")
    print(f"Last sync: {st.last_sync or 'never'}")
    for reason in st.held_back:
        print(f"Held back: {reason}")
    if st.set_aside:
        print(f"Set aside: {st.set_aside} change(s) could not be applied here; a supervisor can "
              "list them with 'asb-desktop sync set-aside'.")
    if copied:
        print(f"Sync stopped: {copied}")
    return 0 if st.online else EXIT_NOT_CONNECTED


def cmd_share_devices(args: argparse.Namespace) -> int:
    found = _on_share(args, lambda app: (app.team_devices.devices(), app.team_devices.fingerprint()))
    if found is None:
        return EXIT_NOT_CONNECTED
    devices, mine = found
    print(f"{'Device':<10} {'Whose':<24} {'Role':<11} {'Code':<15} Status")
    for d in devices:
        here = " (this laptop)" if d.this_device else ""
        print(f"{d.device_id[:8]:<10} {d.user_name[:24]:<24} {d.role:<11} {d.fingerprint:<15} "
              f"{d.status}{here}")
    print(f"This laptop's code: {mine}")
    return 0


def _device_id(app: App, given: str) -> str:
    """A device named by the first characters of its id, as ``share devices`` prints it."""
    matches = [d.device_id for d in app.team_devices.devices() if d.device_id.startswith(given)]
    if len(matches) != 1:
        raise UserError(f"{'No' if not matches else 'More than one'} laptop on the share has a "
                        f"device id starting {given!r}; see 'asb-desktop share devices'.")
    return matches[0]


def cmd_share_enrol(args: argparse.Namespace) -> int:
    done = _on_share(args, lambda app: app.team_devices.enrol(_device_id(app, args.device), args.role))
    if done is None:
        return EXIT_NOT_CONNECTED
    print(f"Enrolled {done.user_name}'s laptop ({done.device_id[:8]}, code {done.fingerprint}) "
          f"as {done.role}. Check the code with its officer.")
    return 0


def cmd_share_revoke(args: argparse.Namespace) -> int:
    def revoke(app: App) -> bool:
        app.team_devices.revoke(_device_id(app, args.device), args.reason)
        return True

    if _on_share(args, revoke) is None:
        return EXIT_NOT_CONNECTED
    print("Removed. Its bundles from now on are not applied on any laptop of the team.")
    return 0


def _on_share(args: argparse.Namespace, work: Callable[[App], T]) -> T | None:
    """Run ``work`` on the profile; None (after saying so) when the share is not connected."""
    app = open_profile(profile_dir(args), keys=cli_keys())
    try:
        return work(app)
    except NotConnected as exc:
        print(f"asb-desktop: {exc}", file=sys.stderr)
        return None
    finally:
        app.close()


def cmd_sync(args: argparse.Namespace) -> int:
    report = _on_share(args, lambda app: app.sync.sync_now())
    if report is None:
        return EXIT_NOT_CONNECTED
    print(report.summary())
    for message in report.quarantined + report.waiting:
        print(f"asb-desktop: held back: {message}", file=sys.stderr)
    return 0 if report.complete else EXIT_HELD_BACK


def cmd_sync_archive(args: argparse.Namespace) -> int:
    """Keeps the share small once a snapshot holds what the old bundles did; moves, never deletes."""
    done = _on_share(args, lambda app: app.sync.archive())
    if done is None:
        return EXIT_NOT_CONNECTED
    print(f"Moved {done.bundles} bundle(s) and {done.snapshots} older snapshot(s) covered by the "
          f"team snapshot {done.snapshot} into the share's archive folder.")
    return 0


def cmd_sync_reenrol(args: argparse.Namespace) -> int:
    """The fix ``sync`` names when it stops on a copied profile; see ``DeviceController.reenrol``."""
    done = _on_share(args, lambda app: app.device.reenrol())
    if done is None:
        return EXIT_NOT_CONNECTED
    print(done.summary())
    return 0


def cmd_sync_set_aside(args: argparse.Namespace) -> int:
    """What the window's "Changes set aside" dialog shows, for a supervisor at a terminal.

    Only field names, never values, are printed: the whole change stays in the
    profile, where it is encrypted, rather than in a terminal's scrollback.
    """
    app = open_profile(profile_dir(args), keys=cli_keys())
    try:
        rows = app.sync.set_aside(args.kind)
    finally:
        app.close()
    if args.json:
        for row in rows:
            out = asdict(row)
            out["at"] = row.at.isoformat(timespec="seconds")
            out["fields"] = list(row.fields)
            print(json.dumps(out))
        return 0
    if not rows:
        print("No changes have been set aside by sync.")
        return 0
    print(f"{'Set aside on':<18} {'From':<24} {'Record':<20} {'Case':<16} What happened")
    for r in rows:
        print(f"{r.at:%d %b %Y %H:%M}  {r.device[:24]:<24} {r.record[:20]:<20} "
              f"{r.case_reference or '-':<16} {r.kind_words}")
        print(f"    Why: {r.reason}")
        if r.fields:
            print(f"    Fields it set: {field_words(r.fields)}")
    kept = sum(1 for r in rows if r.kind in ("unappliable", "refused"))
    print(f"{len(rows)} change(s) set aside; {kept} could not be applied or were refused, and "
          "are kept whole in this profile for a supervisor.")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    app = open_profile(profile_dir(args), keys=cli_keys())
    try:
        conflicts = app.sync.conflicts()
    finally:
        app.close()
    if not conflicts:
        print("No conflicts to decide.")
    for c in conflicts:
        print(f"{c.case_reference}  {c.label}:")
        for ch in c.choices:
            print(f"    {ch.shown:<20} set by {ch.who} at {ch.when:%d %b %Y %H:%M}")
    return 0
