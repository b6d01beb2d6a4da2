"""A profile on an unencrypted file, for tests that read the file's bytes.

An encrypted file shows nothing whether or not deleted rows linger in it, so
such a test needs the plain SQLite file the store supports without a key.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from asb_desktop.app import DB_NAME, App, landlord_policy
from asb_desktop.controllers.profile import ProfileController
from asb_desktop.store.engine import open_engine
from asb_desktop.store.migrate import upgrade
from asb_desktop.store.unit import Actor, Clock, Unit


def plain_app(folder: Path, clock: Clock, role: str = "supervisor") -> App:
    folder.mkdir(parents=True)
    store = open_engine(folder / DB_NAME, None)
    upgrade(store, None)
    actor = Actor(str(uuid.uuid4()), str(uuid.uuid4()), "Pat Lead", role)
    unit = Unit(store, actor, clock, landlord_policy(folder))
    ProfileController(unit).bootstrap(actor.name, role, "test device", demo=False)
    return App(folder, store, unit)
