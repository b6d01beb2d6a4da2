"""How the command line gets a profile's passphrase when there is no keyring:
it asks at the terminal, and never echoes; with no terminal it refuses and
says how to give one (``ASB_DESKTOP_PASSPHRASE``, the weaker option)."""

from __future__ import annotations

import getpass
import sys

from asb_desktop.security.keys import PASSPHRASE_ENV, KeyUnavailable, ProfileKeys


def _ask(reason: str) -> str:
    if not sys.stdin.isatty():
        raise KeyUnavailable(f"{reason} Set {PASSPHRASE_ENV} to give it without a terminal.")
    sys.stderr.write(reason + "\n")
    return getpass.getpass("Profile passphrase: ")


def cli_keys() -> ProfileKeys:
    """Three tries at the prompt, as with sudo: enough for a typo, not for guessing."""
    return ProfileKeys(ask_passphrase=_ask, passphrase_tries=3)
