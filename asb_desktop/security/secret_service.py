"""The profile key read straight from the Secret Service, for the caseload's
first page at start-up.

The app keeps its keys through ``keyring``, and the usual start-up reads the
key that way. On Linux, though, importing keyring and letting it choose a
backend costs about a tenth of a second (it scans installed plugins, and its
helpers import urllib and email): most of what an officer waits between the
window appearing and their cases appearing. keyring's default backend there
keeps the entry in the Secret Service through ``secretstorage``, so this asks
``secretstorage`` for the same entry, by the same attributes, directly.

It can only make the start quicker, never different. When keyring has been
told to use another backend or collection (``PYTHON_KEYRING_BACKEND``,
``KEYRING_PROPERTY_*`` or its keyringrc.cfg), when the store is locked
(unlocking would pop up a prompt), when the entry is not there, or on any
error, it returns None and the caller takes the usual road through keyring,
which explains any problem properly.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from asb_desktop.security.keyinfo import KEYINFO_NAME, PASSPHRASE_ENV, read_info

log = logging.getLogger(__name__)


def _keyring_configured() -> bool:
    """Whether keyring has been pointed at a backend of the user's choosing."""
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return True
    if any(name.startswith("KEYRING_PROPERTY_") for name in os.environ):
        return True  # e.g. a preferred collection other than the default one
    root = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return (Path(root) / "python_keyring" / "keyringrc.cfg").exists()


def quick_profile_key(folder: Path) -> bytes | None:
    """The key of the profile in ``folder`` from the Secret Service, or None."""
    if not sys.platform.startswith("linux") or os.environ.get(PASSPHRASE_ENV):
        return None
    try:
        if _keyring_configured():
            return None
        info = read_info(Path(folder) / KEYINFO_NAME)
        if info.get("mode") != "keyring":
            return None
        import secretstorage  # only here: it is the slow part kept off other paths

        connection = secretstorage.dbus_init()
        try:
            collection = secretstorage.get_default_collection(connection)
            if collection.is_locked():
                return None
            attributes = {"service": str(info["service"]), "username": str(info["entry"])}
            for item in collection.search_items(attributes):
                if item.is_locked():
                    return None
                return bytes.fromhex(item.get_secret().decode("utf-8"))
            return None
        finally:
            connection.close()
    except Exception as exc:  # the usual road through keyring says what is wrong
        log.debug("No quick key from the Secret Service: %s", exc)
        return None
