"""One sync: check the share is ours, push, then pull. Qt-free; the window runs
it on its share-I/O worker and the command line runs it directly.

With snapshots on, a device that has applied nothing yet (or that is behind
bundles a supervisor archived) starts from the newest team snapshot before it
pulls, and a device that has seen enough change since the newest snapshot
writes the next one after it pulls; see ``snapshot``. Neither is ever a reason
for the sync itself to fail: a snapshot that cannot be used or written is
reported, and the bundles carry on as before."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from asb_desktop.store import meta
from asb_desktop.store.unit import Unit
from asb_desktop.sync import keys
from asb_desktop.sync import snapshot as snapshots_
from asb_desktop.sync.errors import NotConnected, SyncError
from asb_desktop.sync.pull import Progress, pull
from asb_desktop.sync.push import push
from asb_desktop.sync.share import read_marker
from asb_desktop.sync.snapshot_file import SnapshotShare
from asb_desktop.sync.transport import FolderTransport, ShareFS
from asb_desktop.sync.trust import establish

PATH_KEY = "sync.share_path"
SHARE_KEY = "sync.share_id"


@dataclass
class SyncReport:
    pushed_changes: int = 0
    pushed_bundles: int = 0
    pushed_bytes: int = 0
    pulled_changes: int = 0
    pulled_bundles: int = 0
    new_conflicts: int = 0
    #: Other devices' changes that did not take effect here (see ``sync_set_aside``).
    set_aside: int = 0
    waiting: list[str] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)
    #: Changes taken from a team snapshot this sync (a new device's start).
    from_snapshot: int = 0
    snapshot_loaded: str = ""
    snapshot_written: str = ""
    #: Things the officer should know that did not stop the sync.
    notices: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.waiting and not self.quarantined

    def summary(self) -> str:
        text = (f"Sent {self.pushed_changes} change(s), received {self.pulled_changes} "
                f"in {self.pulled_bundles} bundle(s).")
        if self.snapshot_loaded:
            text = (f"Started from the team snapshot ({self.from_snapshot} change(s)). " + text)
        for notice in self.notices:
            text += f" {notice}"
        if self.new_conflicts:
            text += f" {self.new_conflicts} conflict(s) need a decision."
        if self.set_aside:
            text += (f" {self.set_aside} change(s) from other laptops were set aside "
                     "(Sync ▸ Changes set aside…).")
        return text


def enrolment(unit: Unit) -> tuple[Path, str]:
    with unit.read() as s:
        path, share = meta.get(s, PATH_KEY), meta.get(s, SHARE_KEY)
    if not path or not share:
        raise SyncError("This profile is not set up to sync; join the team share first.")
    return Path(path), share


def connect(root: Path, share_id: str, fs: ShareFS | None) -> FolderTransport:
    transport = FolderTransport(root, fs)
    marker = read_marker(transport)
    if marker.share_id != share_id:
        raise NotConnected(
            f"{root} holds another team's share, not the one this profile joined; "
            "not connected, and nothing was changed."
        )
    return transport


def sync_once(unit: Unit, fs: ShareFS | None = None, progress: Progress | None = None,
              snapshots: bool = True) -> SyncReport:
    root, share_id = enrolment(unit)
    transport = connect(root, share_id, fs)
    key = keys.team_key(unit, share_id)
    report = SyncReport()
    trust = establish(unit, transport)
    report.notices += trust.notices
    if progress:
        progress("Sending this device's changes")
    sent = push(unit, transport, key, share_id, signer=trust.keys, roster=trust.roster)
    report.pushed_changes, report.pushed_bundles, report.pushed_bytes = (
        sent.changes, sent.bundles, sent.bytes)
    report.notices += sent.set_aside
    share = SnapshotShare.of(transport)
    if snapshots:
        how = snapshots_.start_point(unit, share)
        if how is not None:
            if progress:
                progress("Starting from the team snapshot")
            joined = snapshots_.join(unit, share, key, share_id, how, trust.vouch())
            report.snapshot_loaded, report.from_snapshot = joined.name, joined.changes
            report.notices += joined.notices
    if progress:
        progress("Receiving other devices' changes")
    got = pull(unit, transport, key, share_id, progress, trust)
    report.pulled_changes, report.pulled_bundles, report.new_conflicts = (
        got.changes, got.bundles, got.conflicts)
    report.waiting, report.quarantined = got.waiting, got.quarantined
    report.notices += got.notices
    report.set_aside = got.set_aside
    if snapshots:
        try:
            written = snapshots_.write_if_due(unit, share, key, share_id, trust)
        except SyncError as exc:
            report.notices.append(str(exc))
        else:
            if written:
                report.snapshot_written = written
                if progress:
                    progress("Wrote a new team snapshot")
    return report
