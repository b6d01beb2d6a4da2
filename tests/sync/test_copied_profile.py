"""A laptop's profile folder copied to a second machine: two profiles with one
device identity. Sync finds it the first time both copies reach the share,
stops on the copy that finds it (nothing lost), and re-enrolling that copy as
a new device lets every device converge, with no case reference clashing."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from asb_desktop.app import open_profile
from asb_desktop.cli.main import main
from asb_desktop.controllers.device import DeviceController
from asb_desktop.controllers.sync import SyncController
from asb_desktop.domain.inputs import CaseInput
from asb_desktop.store import meta
from asb_desktop.sync import device_keys, keys
from asb_desktop.sync.errors import CopiedProfile, ShareFault
from asb_desktop.sync.push import push
from asb_desktop.sync.service import connect, enrolment
from asb_desktop.sync.transport import LocalFS
from tests.conftest import FakeClock, noise_report
from tests.sync.conftest import TEST_SCRYPT_N, Device, count, enrol_all, snapshot, sync_all


def _folder(share: Path, d: Device) -> Path:
    return share / "devices" / d.app.unit.actor.device_id


def _case(d: Device, text: str) -> str:
    report = d.app.reports.log_report(noise_report(description=text))
    return d.app.cases.open_case(CaseInput(report_ids=[report.id], summary=text)).reference


def _references(d: Device) -> list[str]:
    with d.app.store.engine.connect() as conn:
        return sorted(conn.execute(sa.text("SELECT reference FROM cases")).scalars())


def _code(d: Device) -> str:
    with d.app.unit.read() as s:
        return meta.get(s, "device_code") or ""


@pytest.fixture
def copy_of_a(team: list[Device], tmp_path: Path) -> Iterator[Device]:
    """A's profile folder copied, as IT would, while A's app is closed; both opened."""
    a = team[0]
    _case(a, "Before the copy")
    sync_all(team)
    a.app.close()
    target = tmp_path / "copied-laptop"
    shutil.copytree(a.app.folder, target)
    a.app = open_profile(a.app.folder, clock=a.clock)
    a.sync = SyncController(a.app.unit, None, TEST_SCRYPT_N)
    clock = FakeClock(a.clock.now())
    app = open_profile(target, clock=clock)
    copy = Device(app, clock, SyncController(app.unit, None, TEST_SCRYPT_N))
    assert copy.app.unit.actor.device_id == a.app.unit.actor.device_id
    yield copy
    copy.app.close()


class Counting(LocalFS):
    def __init__(self) -> None:
        self.read_paths: list[Path] = []

    def read(self, path: Path) -> bytes:
        self.read_paths.append(path)
        return super().read(path)


def test_a_copied_profile_is_stopped_then_re_enrolled_and_everyone_converges(
    team: list[Device], copy_of_a: Device, share: Path
) -> None:
    a, b, c = team
    copy = copy_of_a
    a.clock.advance(minutes=5)
    copy.clock.advance(minutes=7)
    mine, theirs = _case(a, "Opened on the original"), _case(copy, "Opened on the copy")
    assert mine == theirs, "both copies number cases from the same code and counter"

    a.sync.sync_now()
    with pytest.raises(CopiedProfile) as found:
        copy.sync.sync_now()
    words = str(found.value)
    assert "copy of another laptop's profile" in words
    assert "Nothing has been lost" in words and "new device" in words
    assert "sync reenrol" in words
    assert copy.app.device.copied() == words
    # The other copy's bundle is the team's now: never moved aside, never adopted.
    assert not list(_folder(share, a).glob("*set-aside*"))
    assert count(copy.app, "changes", pushed=False) > 0

    # Every later sync stops the same way, without reading the device's bundles again.
    counting = Counting()
    copy.set_fs(counting)
    with pytest.raises(CopiedProfile):
        copy.sync.sync_now()
    assert not [p for p in counting.read_paths if p.suffix == ".asbb"]
    copy.set_fs(None)
    assert a.sync.sync_now().complete, "the copy that got there first carries on as before"

    old_id, old_code = copy.app.unit.actor.device_id, _code(copy)
    done = DeviceController(copy.app.unit).reenrol()
    assert done.old_device_id == old_id and done.new_device_id != old_id
    assert copy.app.unit.actor.device_id == done.new_device_id
    assert _code(copy) == done.new_code != old_code
    assert done.renumbered == [(theirs, f"ASB-26-{done.new_code}-0001")]
    assert copy.app.device.copied() is None
    assert "Nothing was lost" in done.summary() and theirs in done.summary()
    with copy.app.store.engine.connect() as conn:
        detail = conn.execute(sa.text(
            "SELECT detail FROM audit WHERE action='device.reenrolled'")).scalar_one()
    assert theirs in detail and done.new_code in detail

    everyone = [*team, copy]
    enrol_all(everyone, team[0])
    sync_all(everyone)
    after = copy.app.reports.log_report(noise_report(description="On the copy, re-enrolled"))
    sync_all(everyone)
    assert snapshot(a.app) == snapshot(b.app) == snapshot(c.app) == snapshot(copy.app)
    refs = _references(b)
    assert len(refs) == len(set(refs)) == 3
    assert mine in refs and done.renumbered[0][1] in refs
    assert all(count(d.app, "sync_set_aside") == 0 for d in everyone)
    with b.app.store.engine.connect() as conn:
        sender = conn.execute(sa.text("SELECT device_id FROM changes WHERE entity='reports' "
                                      "AND entity_id=:i"), {"i": after.id}).scalar_one()
    assert sender == done.new_device_id
    assert a.app.unit.actor.device_id == old_id, "the other copy keeps its identity"


class StaleListing(LocalFS):
    """A share whose folder listing (cached, as SMB clients do) does not yet show the
    other copy's newest bundle, so this copy believes the number is still free."""

    def __init__(self, hidden: Path) -> None:
        self.hidden = hidden

    def listdir(self, path: Path) -> list[str]:
        return [n for n in super().listdir(path) if path / n != self.hidden]

    def exists(self, path: Path) -> bool:
        return path != self.hidden and super().exists(path)


def _raced(a: Device, copy: Device, share: Path) -> Path:
    """Both copies log a report; A sends bundle n first; the copy, not seeing it, writes n too."""
    a.clock.advance(minutes=5)
    copy.clock.advance(minutes=6)
    a.app.reports.log_report(noise_report(description="Sent by the original"))
    copy.app.reports.log_report(noise_report(description="Sent by the copy"))
    a.sync.sync_now()
    newest = max(_folder(share, a).glob("*.asbb"))
    copy.set_fs(StaleListing(newest))
    return newest


def test_two_copies_writing_the_same_number_never_overwrite_and_the_loser_finds_out(
    team: list[Device], copy_of_a: Device, share: Path
) -> None:
    a, _, _ = team
    copy = copy_of_a
    newest = _raced(a, copy, share)
    sent = newest.read_bytes()
    with pytest.raises(ShareFault) as taken:
        copy.sync.sync_now()
    assert "by someone else at the same moment" in str(taken.value)
    assert newest.read_bytes() == sent, "the bundle already there was not overwritten"
    assert not list(_folder(share, a).glob(".tmp-*")), "the failed write left nothing behind"
    copy.set_fs(None)
    with pytest.raises(CopiedProfile):
        copy.sync.sync_now()
    copy.app.device.reenrol()
    enrol_all([*team, copy], team[2])  # the supervisor enrols the new identity
    sync_all([*team, copy])
    assert snapshot(a.app) == snapshot(copy.app) == snapshot(team[1].app)
    assert count(team[1].app, "reports") == 3


def test_on_a_share_without_hard_links_the_overwritten_copy_sends_its_work_again(
    team: list[Device], copy_of_a: Device, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the share cannot make hard links, the rename cannot refuse an existing name:
    if the original's bundle lands between the copy's check and its rename, the copy's
    bundle replaces it. The original finds its bundle gone at its next sync, and after
    re-enrolling sends what was in it again: nothing is lost."""
    real_rename = os.rename
    a, b, c = team
    copy = copy_of_a
    a.clock.advance(minutes=5)
    copy.clock.advance(minutes=6)
    lost = _case(a, "Sent by the original")
    assert _case(copy, "Sent by the copy") == lost
    a.sync.sync_now()
    newest = max(_folder(share, a).glob("*.asbb"))
    sent = newest.read_bytes()
    in_flight = share / "in-flight"
    real_rename(newest, in_flight)  # the original's rename has not landed yet

    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    def lands_first(src: str | Path, dst: str | Path) -> None:
        if Path(dst) == newest and in_flight.exists():
            real_rename(in_flight, newest)  # ...and lands just after the copy's check
        real_rename(src, dst)

    with monkeypatch.context() as m:
        m.setattr(os, "link", no_links)
        m.setattr(os, "rename", lands_first)
        copy.sync.sync_now()
    assert newest.read_bytes() != sent, "the copy's bundle replaced the original's"
    assert copy.sync.sync_now().complete, "the copy that wrote last sees nothing wrong"
    with pytest.raises(CopiedProfile):
        a.sync.sync_now()
    done = a.app.device.reenrol()
    assert done.to_send >= 1
    assert [old for old, _ in done.renumbered] == [lost]
    enrol_all([*team, copy], team[2])  # the supervisor enrols the new identity
    sync_all([*team, copy])
    assert snapshot(a.app) == snapshot(b.app) == snapshot(c.app) == snapshot(copy.app)
    assert count(b.app, "reports") == 3
    refs = _references(b)
    assert len(refs) == len(set(refs)) == 3 and done.renumbered[0][1] in refs
    assert all(count(d.app, "sync_set_aside") == 0 for d in [*team, copy])


def test_a_write_caught_under_the_old_identity_is_still_sent(
    team: list[Device], copy_of_a: Device
) -> None:
    a, b, _ = team
    copy = copy_of_a
    copy.app.reports.log_report(noise_report(description="On the copy"))
    a.app.reports.log_report(noise_report(description="On the original"))
    a.sync.sync_now()
    with pytest.raises(CopiedProfile):
        copy.sync.sync_now()
    old = copy.app.unit.actor.device_id
    copy.app.device.reenrol()
    late = copy.app.reports.log_report(noise_report(description="Saved as the identity changed"))
    with copy.app.store.engine.begin() as conn:  # as if the write began just before the switch
        conn.execute(sa.text("UPDATE changes SET device_id=:old WHERE entity_id=:id"),
                     {"old": old, "id": late.id})
    enrol_all([*team, copy], team[2])  # the supervisor enrols the new identity
    sync_all([*team, copy])
    assert count(b.app, "reports", id=late.id) == 1
    assert snapshot(a.app) == snapshot(b.app) == snapshot(copy.app)


@pytest.mark.parametrize("what", ["junk", "another device's bundle"])
def test_a_foreign_file_under_the_next_number_is_set_aside_and_reported(
    team: list[Device], share: Path, what: str
) -> None:
    a, b, _ = team
    a.app.reports.log_report(noise_report(description="First"))
    sync_all(team)
    b.app.reports.log_report(noise_report(description="From B"))
    b.sync.sync_now()
    foreign = (b"not a bundle at all" if what == "junk"
               else (_folder(share, b) / "0000000001.asbb").read_bytes())
    slot = _folder(share, a) / "0000000002.asbb"
    slot.write_bytes(foreign)
    a.app.reports.log_report(noise_report(description="Second"))
    root, share_id = enrolment(a.app.unit)
    sent = push(a.app.unit, connect(root, share_id, None), keys.load_key(share_id), share_id,
                signer=device_keys.ensure(a.app.unit))
    assert sent.bundles == 1
    assert len(sent.set_aside) == 1 and "0000000002.asbb.set-aside-" in sent.set_aside[0]
    kept = list(_folder(share, a).glob("0000000002.asbb.set-aside-*"))
    assert [p.read_bytes() for p in kept] == [foreign], "moved aside, never deleted"
    assert slot.read_bytes() != foreign
    sync_all(team)
    assert count(b.app, "reports") == 3
    assert snapshot(a.app) == snapshot(b.app)


def test_sync_reenrol_on_the_command_line(
    team: list[Device], copy_of_a: Device, share: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, _ = team
    copy = copy_of_a
    _case(a, "Original")
    _case(copy, "Copy")
    a.sync.sync_now()
    folder = copy.app.folder
    copy.app.close()
    capsys.readouterr()
    assert main(["--profile", str(folder), "sync"]) == 2
    assert "copy of another laptop's profile" in capsys.readouterr().err
    main(["--profile", str(folder), "share", "status"])
    assert "Sync stopped: This laptop's profile is a copy" in capsys.readouterr().out
    assert main(["--profile", str(folder), "sync", "reenrol"]) == 0
    out = capsys.readouterr().out
    assert "now a device of its own" in out and "is now ASB-" in out
    assert main(["--profile", str(folder), "sync"]) == 0
    assert main(["--profile", str(folder), "sync", "reenrol"]) == 2
    assert "does not need to become a new device" in capsys.readouterr().err
    copy.app = open_profile(folder, clock=copy.clock)
    copy.sync = SyncController(copy.app.unit, None, TEST_SCRYPT_N)
    enrol_all([*team, copy], team[2])  # the supervisor enrols the new identity
    sync_all([*team, copy])
    assert snapshot(b.app) == snapshot(copy.app) == snapshot(a.app)
