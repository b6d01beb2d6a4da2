"""Damaged, replayed and foreign bundles, foreign or missing shares, gaps."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from asb_desktop.app import create_profile
from asb_desktop.controllers.sync import SyncController
from asb_desktop.controllers.team_devices import TeamDevicesController
from asb_desktop.sync import keys
from asb_desktop.sync.bundle import decode, digest
from asb_desktop.sync.errors import NotConnected, SyncError
from asb_desktop.sync.pull import apply_bundle
from tests.conftest import FakeClock, noise_report
from tests.sync.conftest import PASSPHRASE, TEST_SCRYPT_N, Device, count, snapshot, sync_all


def _bundle(share: Path, d: Device, seq: int) -> Path:
    return share / "devices" / d.app.unit.actor.device_id / f"{seq:010d}.asbb"


def _share_id(d: Device) -> str:
    with d.app.unit.read() as s:
        from asb_desktop.store import meta

        return meta.get(s, "sync.share_id") or ""


def test_every_truncation_and_bit_flip_is_quarantined_and_never_half_applied(
    team: list[Device], share: Path
) -> None:
    a, b, _ = team
    a.app.reports.log_report(noise_report())
    a.sync.sync_now()
    path = _bundle(share, a, 1)
    good = path.read_bytes()
    assert len(good) < 4000, "a small bundle"
    clean = snapshot(b.app)
    damaged = [good[:cut] for cut in range(len(good))]
    damaged += [good[:i] + bytes([good[i] ^ (1 << (i % 8))]) + good[i + 1 :]
                for i in range(len(good))]
    for data in damaged:
        path.write_bytes(data)
        report = b.sync.sync_now()
        assert len(report.quarantined) == 1 and report.pulled_changes == 0
        assert snapshot(b.app) == clean
    assert "integrity check" in " ".join(b.sync.status(1).held_back)
    path.write_bytes(good)
    report = b.sync.sync_now()
    assert report.complete and count(b.app, "reports") == 1
    assert b.sync.status(1).held_back == []


def test_replayed_copied_and_unknown_version_bundles_are_refused(
    team: list[Device], share: Path
) -> None:
    a, b, c = team
    for n in range(2):
        a.clock.advance(minutes=5)
        a.app.reports.log_report(noise_report(description=f"Report {n}"))
        a.sync.sync_now()
    # An old bundle replayed under the next number.
    shutil.copy(_bundle(share, a, 1), _bundle(share, a, 3))
    report = b.sync.sync_now()
    assert report.pulled_bundles == 2
    assert "replayed" in report.quarantined[0]
    _bundle(share, a, 3).unlink()
    # A bundle copied into another device's folder.
    (share / "devices" / c.app.unit.actor.device_id).mkdir(exist_ok=True)
    shutil.copy(_bundle(share, a, 1), _bundle(share, c, 1))
    report = b.sync.sync_now()
    assert "copied or replayed" in report.quarantined[0]
    _bundle(share, c, 1).unlink()
    # A bundle from a newer format.
    a.app.reports.log_report(noise_report(description="Third"))
    a.sync.sync_now()
    data = bytearray(_bundle(share, a, 3).read_bytes())
    good = bytes(data)
    data[4] = 9
    _bundle(share, a, 3).write_bytes(bytes(data))
    report = b.sync.sync_now()
    assert "cannot read" in report.quarantined[0] and "update asb-desktop" in report.quarantined[0]
    _bundle(share, a, 3).write_bytes(good)
    assert b.sync.sync_now().complete
    assert count(b.app, "reports") == 3


def test_importing_the_same_bundle_twice_changes_nothing(team: list[Device], share: Path) -> None:
    a, b, _ = team
    a.app.reports.log_report(noise_report())
    a.sync.sync_now()
    b.sync.sync_now()
    before = snapshot(b.app)
    data = _bundle(share, a, 1).read_bytes()
    share_id = _share_id(a)
    bundle = decode(data, keys.load_key(share_id), share_id, a.app.unit.actor.device_id, 1, "")
    again = apply_bundle(b.app.unit, bundle, digest(data))
    assert (again.changes, again.conflicts, again.set_aside, again.dropped) == (0, 0, 0, 0)
    assert snapshot(b.app) == before


def test_a_gap_stops_that_device_until_it_fills(team: list[Device], share: Path) -> None:
    a, b, c = team
    for n in range(3):
        a.clock.advance(minutes=5)
        a.app.reports.log_report(noise_report(description=f"Report {n}"))
        a.sync.sync_now()
    c.app.reports.log_report(noise_report(description="From C"))
    c.sync.sync_now()
    parked = share.parent / "parked.asbb"
    shutil.move(_bundle(share, a, 2), parked)
    report = b.sync.sync_now()
    assert any("Waiting for bundle 2" in m for m in report.waiting)
    assert count(b.app, "reports") == 2  # A's first and C's, not A's third
    shutil.move(parked, _bundle(share, a, 2))
    assert b.sync.sync_now().complete
    assert count(b.app, "reports") == 4


def test_missing_empty_or_foreign_share_is_not_connected_and_deletes_nothing(
    team: list[Device], share: Path, tmp_path: Path
) -> None:
    a, b, c = team
    a.app.reports.log_report(noise_report())
    sync_all(team)
    before = snapshot(b.app)
    shutil.move(share, tmp_path / "away")
    with pytest.raises(NotConnected):
        b.sync.sync_now()
    assert not b.sync.status(1).online
    share.mkdir()  # an empty folder where the share was (an unmounted drive)
    with pytest.raises(NotConnected, match="no asb-desktop share marker"):
        b.sync.sync_now()
    assert list(share.iterdir()) == [], "nothing was written into the empty mount point"
    share.rmdir()
    other = tmp_path / "other-team"
    c.sync.init_share(other, "another team's passphrase")
    shutil.move(other, share)
    with pytest.raises(NotConnected, match="another team"):
        b.sync.sync_now()
    assert snapshot(b.app) == before
    shutil.rmtree(share)
    shutil.move(tmp_path / "away", share)
    b.app.reports.log_report(noise_report(description="After the drive came back"))
    assert b.sync.sync_now().complete


def test_join_refuses_a_wrong_passphrase_and_a_clashing_device_code(
    team: list[Device], share: Path
) -> None:
    a, b, _ = team
    with pytest.raises(SyncError, match="not this share"):
        b.sync.join_share(share, "not the passphrase at all")
    enrolment = share / "devices" / a.app.unit.actor.device_id / "device.json"
    record = json.loads(enrolment.read_text())
    record["device_code"] = b.app.profile.device_code()
    enrolment.write_text(json.dumps(record))
    with pytest.raises(SyncError, match="already uses the case-reference code"):
        b.sync.join_share(share, PASSPHRASE)


def test_share_without_passphrase_shows_an_enrolment_code_that_joins(
    team: list[Device], tmp_path: Path
) -> None:
    a, b, _ = team
    code = a.sync.init_share(tmp_path / "second", None)
    assert code and len(code.replace("-", "")) == 24
    b.sync.join_share(tmp_path / "second", code)
    a.app.reports.log_report(noise_report())
    a.sync.sync_now()
    b.sync.sync_now()
    assert count(b.app, "reports") == 1


def test_joining_an_older_share_raises_its_passphrase_cost_and_nobody_is_cut_off(
    team: list[Device], share: Path,
) -> None:
    """The fixture's share was set up at a low scrypt cost. A laptop joining with a
    controller that asks for more rewrites the marker at the higher cost: the team key
    is unchanged (wrapped under the new passphrase key), so every laptop goes on
    syncing, the passphrase still lets the next laptop in, and a wrong one is refused."""
    a, b, c = team
    before = json.loads((share / "asb-share.json").read_text())
    assert before["scrypt_n"] == TEST_SCRYPT_N and "wrapped" not in before
    clock = FakeClock()
    app = create_profile(share.parent / "dee", "Dee Officer", "officer", clock=clock)
    try:
        SyncController(app.unit, None, TEST_SCRYPT_N * 4).join_share(share, PASSPHRASE)
        after = json.loads((share / "asb-share.json").read_text())
        assert after["scrypt_n"] == TEST_SCRYPT_N * 4 and after["salt"] != before["salt"]
        assert after["share_id"] == before["share_id"] and "wrapped" in after
        TeamDevicesController(c.app.unit).enrol(app.unit.actor.device_id)
        a.app.reports.log_report(noise_report(description="After the cost went up"))
        for d in team:
            assert d.sync.sync_now().complete
        assert count(b.app, "reports") == 1
        late = create_profile(share.parent / "eve", "Eve Officer", "officer", clock=clock)
        with pytest.raises(SyncError, match="not this share's"):
            SyncController(late.unit, None, TEST_SCRYPT_N).join_share(share, "a wrong passphrase!")
        SyncController(late.unit, None, TEST_SCRYPT_N).join_share(share, PASSPHRASE)
        late.close()
    finally:
        app.close()
