"""The composition root: builds paths, store, clock and controllers once and
hands them down. Nothing else constructs these, and nothing reaches for globals."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from asb_desktop.controllers.audit import AuditController
from asb_desktop.controllers.cases import CasesController
from asb_desktop.controllers.casework import CaseworkController
from asb_desktop.controllers.checks import ChecksController
from asb_desktop.controllers.device import DeviceController
from asb_desktop.controllers.errors import PassphraseNotRight, UserError
from asb_desktop.controllers.people import PeopleController
from asb_desktop.controllers.policy import PolicyController, RiskController
from asb_desktop.controllers.profile import ProfileController
from asb_desktop.controllers.reports import ReportsController
from asb_desktop.controllers.retention import RetentionController
from asb_desktop.controllers.review import ReviewController
from asb_desktop.controllers.sync import SyncController
from asb_desktop.controllers.team_devices import TeamDevicesController
from asb_desktop.controllers.visits import VisitsController
from asb_desktop.domain.changes import Changed
from asb_desktop.domain.policy import Policy
from asb_desktop.domain.settings import SettingsError, load_policy
from asb_desktop.files import PRIVATE_FOLDER, make_private
from asb_desktop.paths import DB_NAME as DB_NAME  # re-exported: callers know it from here
from asb_desktop.paths import profile_exists as profile_exists
from asb_desktop.security.keys import (
    KEYINFO_NAME,
    ProfileKeyError,
    ProfileKeys,
    WrongPassphrase,
)
from asb_desktop.store import meta
from asb_desktop.store.encrypt import encrypt_in_place
from asb_desktop.store.engine import Store, is_plaintext, open_engine
from asb_desktop.store.migrate import upgrade
from asb_desktop.store.models import User
from asb_desktop.store.unit import Actor, Clock, SystemClock, Unit

if TYPE_CHECKING:
    from asb_desktop.controllers.exports import ExportsController
    from asb_desktop.controllers.subject_access import SubjectAccessController
    from asb_desktop.controllers.tenancy_import import TenancyImportController


@dataclass
class App:
    """Everything a front end needs, built once per profile."""

    folder: Path
    store: Store
    unit: Unit
    backup: Path | None = None
    profile: ProfileController = field(init=False)
    people: PeopleController = field(init=False)
    reports: ReportsController = field(init=False)
    cases: CasesController = field(init=False)
    audit: AuditController = field(init=False)
    casework: CaseworkController = field(init=False)
    visits: VisitsController = field(init=False)
    checks: ChecksController = field(init=False)
    review: ReviewController = field(init=False)
    policy: PolicyController = field(init=False)
    risk: RiskController = field(init=False)
    sync: SyncController = field(init=False)
    retention: RetentionController = field(init=False)
    device: DeviceController = field(init=False)

    def __post_init__(self) -> None:
        self.profile = ProfileController(self.unit)
        self.people = PeopleController(self.unit)
        self.reports = ReportsController(self.unit)
        self.cases = CasesController(self.unit)
        self.audit = AuditController(self.unit)
        self.casework = CaseworkController(self.unit)
        self.visits = VisitsController(self.unit)
        self.checks = ChecksController(self.unit)
        self.review = ReviewController(self.unit)
        self.policy = PolicyController(self.unit)
        self.risk = RiskController(self.unit)
        self.sync = SyncController(self.unit)
        self.retention = RetentionController(self.unit)
        self.device = DeviceController(self.unit)
        self.team_devices = TeamDevicesController(self.unit)

    @cached_property
    def subject_access(self) -> SubjectAccessController:
        """Built on first use: it brings in the PDF stack, which the window does
        not need to show its first page."""
        from asb_desktop.controllers.subject_access import SubjectAccessController

        return SubjectAccessController(self.unit)

    @cached_property
    def tenancy_import(self) -> TenancyImportController:
        """Built on first use, like ``subject_access``: it brings in sqlite-utils."""
        from asb_desktop.controllers.tenancy_import import TenancyImportController

        return TenancyImportController(self.unit)

    @cached_property
    def exports(self) -> ExportsController:
        """CSV exports and the visit pack; built on first use (sqlite-utils, reportlab)."""
        from asb_desktop.controllers.exports import ExportsController

        return ExportsController(self.unit)

    def take_changed(self) -> Changed:
        """What was written since the last call, so each view can decide whether to
        redraw (the window asks after every job it ran)."""
        return self.unit.take_changed()

    def close(self) -> None:
        self.store.close()


def landlord_policy(folder: Path) -> Policy:
    """The shipped policy settings with the profile folder's own laid over them."""
    try:
        return load_policy(folder)
    except SettingsError as exc:
        raise UserError(f"The policy settings cannot be used: {exc}") from exc


def _open_store(folder: Path, key: bytes | None) -> tuple[Store, Path | None]:
    store = open_engine(folder / DB_NAME, key)
    try:
        saved = upgrade(store, key)
    except Exception:
        store.close()
        raise
    return store, saved


def create_profile(
    folder: Path,
    user_name: str,
    role: str,
    demo: bool = False,
    clock: Clock | None = None,
    policy: Policy | None = None,
    keys: ProfileKeys | None = None,
) -> App:
    """Make a new profile folder for one user on this device, always encrypted."""
    folder = Path(folder)
    policy = policy or landlord_policy(folder)
    keys = keys or ProfileKeys()
    if profile_exists(folder):
        raise UserError(f"There is already a profile in {folder}.")
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    make_private(folder, folder=True)  # an existing, empty folder too
    try:
        key = keys.new_key(folder)
    except ProfileKeyError as exc:
        raise UserError(str(exc)) from exc
    try:
        store, _ = _open_store(folder, key)
    except Exception:
        keys.forget(folder)
        raise
    actor = Actor(str(uuid.uuid4()), str(uuid.uuid4()), user_name.strip(), role)
    unit = Unit(store, actor, clock or SystemClock(), policy)
    try:
        ProfileController(unit).bootstrap(user_name, role, os.uname().nodename, demo)
    except Exception:
        store.close()
        for f in folder.glob(DB_NAME + "*"):
            f.unlink()
        keys.forget(folder)
        raise
    return App(folder, store, unit)


def _encrypt_plain_profile(folder: Path, keys: ProfileKeys) -> bytes | None:
    """A profile made before encryption (plain file, no key record) is encrypted
    on first open, backups included, rather than ever being used in the clear."""
    db = folder / DB_NAME
    if (folder / KEYINFO_NAME).exists() or not is_plaintext(db):
        return None
    key = keys.new_key(folder)
    try:
        for plain in [db, *sorted(folder.glob(f"{db.stem}.backup-*.db"))]:
            if is_plaintext(plain):
                encrypt_in_place(plain, key)
    except Exception:
        if is_plaintext(db):
            keys.forget(folder)
        raise
    return key


def open_profile(
    folder: Path,
    clock: Clock | None = None,
    policy: Policy | None = None,
    keys: ProfileKeys | None = None,
) -> App:
    """Open an existing profile with its key; a missing or wrong key is refused, not guessed."""
    folder = Path(folder)
    keys = keys or ProfileKeys()
    policy = policy or landlord_policy(folder)
    if not profile_exists(folder):
        raise UserError(
            f"There is no profile in {folder}. Start the app to create one, or run "
            "'asb-desktop demo' for a demonstration profile."
        )
    try:
        key = _encrypt_plain_profile(folder, keys) or keys.key_for(folder)
    except WrongPassphrase as exc:
        raise PassphraseNotRight(str(exc)) from exc
    except ProfileKeyError as exc:
        raise UserError(str(exc)) from exc
    store, saved = _open_store(folder, key)
    with store.sessions() as s:
        user_id = meta.get(s, "user_id")
        device_id = meta.get(s, "device_id")
        user = s.get(User, user_id) if user_id else None
    if user is None or not device_id:
        store.close()
        raise UserError(f"The profile in {folder} has no signed-in user; it may be damaged.")
    actor = Actor(user.id, device_id, user.name, user.role)
    unit = Unit(store, actor, clock or SystemClock(), policy)
    return App(folder, store, unit, backup=saved)
