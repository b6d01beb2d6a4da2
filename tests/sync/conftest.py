"""Three devices of one team syncing through a real temporary folder.

Each device is a real profile (created once per session and byte-copied per
test, so every test starts from the same three devices) with its own fake
clock. The OS keyring is replaced by an in-memory backend: the only fakes are
at the edge of the process (clock, keyring, and, where a test says so, the
share's file system).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from asb_desktop.app import App, create_profile, open_profile
from asb_desktop.controllers.sync import SyncController
from asb_desktop.controllers.team_devices import WAITING, TeamDevicesController
from asb_desktop.domain.inputs import ClosureInput, ContactInput, PersonInput
from asb_desktop.store.models import Base
from asb_desktop.sync.transport import ShareFS
from tests.conftest import FakeClock
from tests.keyrings import MemoryKeyring

PASSPHRASE = "correct horse battery staple"
#: Scrypt cost for tests: the real default is 2**15; this keeps tests fast.
TEST_SCRYPT_N = 2**10


@pytest.fixture(autouse=True)
def _fresh_team_keys(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    return memory_keyring


@dataclass
class Device:
    app: App
    clock: FakeClock
    sync: SyncController

    def set_fs(self, fs: ShareFS | None) -> None:
        self.sync = SyncController(self.app.unit, fs, TEST_SCRYPT_N)


@pytest.fixture(scope="session")
def template_profiles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    base = tmp_path_factory.mktemp("devices")
    folders = []
    for name, role in (("Ada Officer", "officer"), ("Ben Officer", "officer"),
                       ("Cat Supervisor", "supervisor")):
        folder = base / name.split()[0].lower()
        create_profile(folder, name, role, clock=FakeClock()).close()
        folders.append(folder)
    return folders


def open_devices(template: list[Path], where: Path) -> list[Device]:
    devices = []
    for folder in template:
        target = where / folder.name
        shutil.copytree(folder, target)
        clock = FakeClock()
        app = open_profile(target, clock=clock)
        devices.append(Device(app, clock, SyncController(app.unit, None, TEST_SCRYPT_N)))
    return devices


@pytest.fixture
def share(tmp_path: Path) -> Path:
    return tmp_path / "share"


def enrolled_team(template: list[Path], where: Path) -> list[Device]:
    """The three devices opened in ``where`` on a share there: A set it up, B and C
    joined it and A enrolled them (for tests that make their own, per example)."""
    devices = open_devices(template, where)
    devices[0].sync.init_share(where / "share", PASSPHRASE)
    for d in devices[1:]:
        d.sync.join_share(where / "share", PASSPHRASE)
    enrol_all(devices, devices[0])
    return devices


def enrol_all(devices: list[Device], by: Device) -> None:
    """``by`` (the laptop that set the share up, or a supervisor's) enrols every laptop
    waiting on the share, as a supervisor does from Sync ▸ Team devices."""
    roster = TeamDevicesController(by.app.unit, by.sync._fs)
    for d in roster.devices():
        if d.status == WAITING:
            roster.enrol(d.device_id)


@pytest.fixture
def team(template_profiles: list[Path], tmp_path: Path, share: Path) -> Iterator[list[Device]]:
    """Three enrolled devices: A set the share up, B and C joined it and A enrolled them."""
    devices = open_devices(template_profiles, tmp_path)
    devices[0].sync.init_share(share, PASSPHRASE)
    for d in devices[1:]:
        d.sync.join_share(share, PASSPHRASE)
    enrol_all(devices, devices[0])
    yield devices
    for d in devices:
        d.app.close()


def sync_all(devices: list[Device], rounds: int = 2) -> None:
    for _ in range(rounds):
        for d in devices:
            report = d.sync.sync_now()
            assert report.complete, (report.waiting, report.quarantined)


def synced_tables() -> list[sa.Table]:
    return [m.local_table for m in Base.registry.mappers  # type: ignore[misc]
            if getattr(m.class_, "__synced__", True)]


def snapshot(app: App) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced table's rows, as a person would see them (sync's own audit lines aside)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with app.store.engine.connect() as conn:
        for table in sorted(synced_tables(), key=lambda t: t.name):
            q = sa.select(table)
            if table.name == "audit":
                q = q.where(table.c.action != "sync.imported")
            out[table.name] = sorted(tuple(r) for r in conn.execute(q))
    return out


def count(app: App, table: str, **where: Any) -> int:
    t = Base.metadata.tables[table]
    q = sa.select(sa.func.count()).select_from(t)
    for k, v in where.items():
        q = q.where(t.c[k] == v)
    with app.store.engine.connect() as conn:
        return int(conn.execute(q).scalar_one())


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, 0)


def offline_work_meets_purge(team: list[Device], case_id: str, contact: str,
                             witness: PersonInput) -> None:
    """The race from the field: A closes the case while B, offline, records a contact
    and adds a witness to it; C hears of the closure, the case passes retention and C
    purges it; then B reaches the share with its offline work."""
    from asb_desktop.controllers.retention import RetentionController

    a, b, c = team
    a.clock.advance(hours=1)
    a.app.cases.close_case(ClosureInput(case_id, outcome="resolved", reason="Stopped"))
    b.clock.advance(hours=2)
    b.app.casework.record_contact(ContactInput(case_id=case_id, summary=contact))
    b.app.cases.add_party(case_id, "witness", new=witness)
    assert a.sync.sync_now().complete
    assert c.sync.sync_now().complete
    for d in team:
        d.clock.advance(days=6 * 366 + 1)
    RetentionController(c.app.unit).purge([case_id])
    assert b.sync.sync_now().complete
