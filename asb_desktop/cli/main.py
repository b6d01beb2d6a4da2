"""``asb-desktop``: the command line, and the entry point that opens the window.

Each group of subcommands lives in its own module with a ``register`` function;
``COMMAND_MODULES`` lists them. Problems the user can fix print one line and
exit non-zero; anything else is a bug and prints a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from asb_desktop import __version__
from asb_desktop.cli.window import open_window, profile_dir

# Nothing else from the app is imported at module level: ``--version`` prints from
# here alone, and each command imports what it needs (bench/cli.py times it).

#: Modules that add subcommands; each has ``register(subparsers) -> None`` and
#: sets ``func`` on its parsers (called with the parsed args, returns an exit code).
COMMAND_MODULES = [
    "asb_desktop.cli.core_commands",
    "asb_desktop.cli.policy_commands",
    "asb_desktop.cli.document_commands",
    "asb_desktop.cli.sync_commands",
    "asb_desktop.cli.security_commands",
    "asb_desktop.cli.tenancy_commands",
]

EXIT_USER_ERROR = 2

#: Every subcommand and its one line, in the order the modules register them: what
#: ``asb-desktop --help`` lists without importing any of them (and so the whole app).
#: A test checks it against the parser the modules build.
COMMANDS = {
    "init": "create a profile for you on this device",
    "demo": "fill a new profile with a synthetic, clearly marked caseload",
    "cases": "list cases",
    "check": "run integrity checks on the profile",
    "due": "what is due on a case, or every case with something overdue",
    "settings": "check the policy settings and show where they came from",
    "summary": "write a case summary PDF, redacted for its audience",
    "panel-pack": "write several case summaries for a panel meeting",
    "letter": "write a letter from a template",
    "share": "set up or join the team's sync share",
    "sync": "send this device's changes and receive the team's, once",
    "conflicts": "list safety-critical fields edited on two devices",
    "retention": "list closed cases due for purge (supervisors)",
    "purge": "erase closed cases past retention, for good (supervisors)",
    "hold": "place a legal hold, so a case is never purged (supervisors)",
    "release": "lift a case's legal hold (supervisors)",
    "sar": "export everything held about one person (subject access)",
    "import": "import tenancies from the housing system's CSV export",
    "visits": "tenancy visits; --due for overdue and due this week",
    "visit-pack": "the day's visit pack (a PDF sheet per visit)",
    "export": "export tenancies, visits or cases as CSV for analysts",
}


def build_parser(command: str | None = None, listing: bool = False) -> argparse.ArgumentParser:
    """The whole command line; with ``command``, modules are imported in order only
    until one registers it, so ``asb-desktop cases`` does not import the sync or
    document commands (nor what they import) to list cases. ``listing``: only the
    names and one-liners (``COMMANDS``), for the top-level ``--help``."""
    parser = argparse.ArgumentParser(
        prog="asb-desktop",
        description="Offline case management for ASB, hate incidents and domestic abuse.",
    )
    parser.add_argument("--version", action="version", version=f"asb-desktop {__version__}")
    parser.add_argument(
        "--profile",
        type=Path,
        default=None,
        help="profile folder (default: $ASB_DESKTOP_PROFILE or the per-user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if listing:
        for name, words in COMMANDS.items():
            sub.add_parser(name, help=words)
        return parser
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
        if command is not None and command in sub.choices:
            break
    return parser


def _global_options(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]] | None:
    """``--profile`` and the rest of the words, read before any command module is
    imported; None when even that cannot be read (argparse then says why)."""
    quick = argparse.ArgumentParser(add_help=False)
    quick.add_argument("--profile", type=Path, default=None)
    try:
        return quick.parse_known_args(list(argv))
    except SystemExit:
        return None


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand asked for; None for ``--help``, ``--version`` or a mistake,
    which need (or print) the whole list."""
    read = _global_options(argv)
    if read is None or not read[1] or read[1][0].startswith("-"):
        return None
    return read[1][0]


def _window_only(argv: Sequence[str]) -> Path | None:
    """The profile folder when the command line asks only for the window
    (nothing, or just ``--profile``), so the window can start before the
    subcommands (and the whole core they import) are loaded."""
    read = _global_options(argv)
    if read is None or read[1] or importlib.util.find_spec("asb_desktop.gui.start.launch") is None:
        return None
    return profile_dir(read[0])


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    folder = _window_only(words)
    if folder is not None:
        return open_window(folder)
    command = _command(words)
    if command is None and "--version" in words:  # nothing else to import for this
        print(f"asb-desktop {__version__}")
        raise SystemExit(0)  # as argparse's own --version does
    if command is None and words and set(words) <= {"-h", "--help"}:
        build_parser(listing=True).print_help()
        raise SystemExit(0)  # as argparse's own --help does
    from asb_desktop.controllers.errors import ValidationError
    from asb_desktop.domain.errors import ForTheUser

    parser = build_parser(command)
    args = parser.parse_args(words)
    func = getattr(args, "func", None)
    try:
        if func is None:
            from asb_desktop.cli.core_commands import start_app

            return start_app(args)
        result: int = func(args)
        return result
    except ValidationError as exc:
        for field, message in exc.errors.items():
            print(f"asb-desktop: {field}: {message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except ForTheUser as exc:  # a controller's or the profile file's own words
        print(f"asb-desktop: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (say, ``| head``) went away: stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
