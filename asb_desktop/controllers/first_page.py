"""The caseload's first page for the window to show while the rest of the app
loads (see ``store.first_page``). Light on purpose: importing this must not
import SQLAlchemy, the models or the other controllers (a test checks).

This is only ever a head start. It never asks for a passphrase and never
changes the file; when it cannot answer it returns ``None`` and the usual
start-up opens the profile and explains any problem in its own words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from asb_desktop.domain.caseload import FirstPage
from asb_desktop.domain.clock import SystemClock
from asb_desktop.paths import DB_NAME
from asb_desktop.security.secret_service import quick_profile_key
from asb_desktop.store.first_page import read_first_page

if TYPE_CHECKING:
    from asb_desktop.security.keys import ProfileKeys

log = logging.getLogger(__name__)


def _today() -> date:
    return SystemClock().now().date()


def first_page(
    folder: Path, keys: ProfileKeys | None = None, today: Callable[[], date] = _today,
) -> FirstPage | None:
    """The signed-in user's own open cases, first page, or None to take the usual road.

    With no ``keys`` given, the key is read from the Secret Service directly
    where it can be (``security.secret_service``), and keyring is imported
    only when it cannot."""
    try:
        key = quick_profile_key(folder) if keys is None else None
        if key is None:
            key = _key_through_keyring(folder, keys)
    except Exception as exc:  # the usual start-up reports it properly
        log.debug("No quick first page: %s", exc)
        return None
    return None if key is None else read_first_page(Path(folder) / DB_NAME, key, today())


def _key_through_keyring(folder: Path, keys: ProfileKeys | None) -> bytes | None:
    """The usual road (keyring imported only now), or None for a passphrase,
    which is asked for by the usual start-up, never here."""
    if keys is None:
        from asb_desktop.security.keys import ProfileKeys

        keys = ProfileKeys()
    if keys.passphrase_reason(folder) is not None:
        return None
    return keys.key_for(folder)
