"""Runs ``asb-desktop import tenancies`` for the kill test, as a user would type it."""

from __future__ import annotations

import sys

from asb_desktop.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
