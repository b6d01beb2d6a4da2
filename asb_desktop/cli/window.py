"""What every command shares with the entry point: the profile folder asked for,
and the window.

Kept apart from ``cli.main`` so that command modules never import the module
that imports them (``main`` reaches the commands, the commands reach this).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def profile_dir(args: argparse.Namespace) -> Path:
    """``--profile``, else ``$ASB_DESKTOP_PROFILE`` or the per-user data folder."""
    from asb_desktop.paths import default_profile_dir

    return Path(args.profile) if args.profile else default_profile_dir()


def open_window(folder: Path, watch: Callable[[str, object], None] | None = None) -> int:
    """The window; ``watch`` hears of the first page and the full window (for the
    benchmark). Qt is imported only here, so the subcommands never load it."""
    from asb_desktop.gui.start.launch import launch

    return launch(folder, watch)
