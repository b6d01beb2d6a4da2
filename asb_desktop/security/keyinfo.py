"""The ``profile.keyinfo`` record beside the database: how the key is held.

Kept apart from ``security.keys`` so the quick first page at start-up can read
it without importing keyring and cryptography (see ``security.secret_service``).
It holds nothing secret.
"""

from __future__ import annotations

import json
from pathlib import Path

from asb_desktop.files import write_atomically

KEYINFO_NAME = "profile.keyinfo"
SERVICE = "asb-desktop-profile"
PASSPHRASE_ENV = "ASB_DESKTOP_PASSPHRASE"


class ProfileKeyError(Exception):
    """Base for key problems; every message is written for the officer."""


class KeyInfoDamaged(ProfileKeyError):
    """The record beside the database cannot be read, so no key can be found
    from it; unlike a mistyped passphrase, retrying cannot help."""


def write_info(path: Path, info: dict[str, object]) -> None:
    write_atomically(path, json.dumps(info).encode("utf-8"))


def read_info(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KeyInfoDamaged(f"{path} cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise KeyInfoDamaged(f"{path} is damaged.")
    return data
