"""How a supervisor keeps the share small: bundles the newest team snapshot covers
move into ``archive/``, where they stay as the team's full record."""

from __future__ import annotations

from dataclasses import dataclass, field

from asb_desktop.store.unit import Actor
from asb_desktop.sync.errors import SyncError
from asb_desktop.sync.snapshot_file import ARCHIVE, SNAPSHOTS, SnapshotShare, Vouch, newest_valid
from asb_desktop.sync.transport import BUNDLE_SUFFIX, DEVICES, FolderTransport

#: Snapshots kept in ``snapshots/`` when a supervisor archives (a damaged newest
#: one still leaves one to start from).
KEEP_SNAPSHOTS = 2


@dataclass
class Archived:
    snapshot: str
    bundles: int = 0
    snapshots: int = 0
    kept: dict[str, int] = field(default_factory=dict)


def archive_covered(transport: FolderTransport, key: bytes, share_id: str, actor: Actor,
                    vouch: Vouch | None = None) -> Archived:
    """Move bundles the newest valid snapshot covers into ``archive/<device>/``.

    Moved, never deleted: the archive is the team's full record. Each device's
    newest bundle stays where it is even when covered, because a device that
    crashed between writing a bundle and recording it finds its place by that
    file; without it, it would reuse the number and break its chain. Snapshots
    older than the newest ``KEEP_SNAPSHOTS`` go to ``archive/snapshots/``.
    """
    if not actor.is_supervisor:
        raise SyncError("Only a supervisor can archive the team's old bundles. Nothing was moved.")
    share = SnapshotShare.of(transport)
    opened, problems = newest_valid(share, key, share_id, vouch)
    if opened is None:
        why = f" ({problems[0]})" if problems else ""
        raise SyncError("There is no team snapshot to archive against yet" + why
                        + "; bundles are only archived once a snapshot covers them. Nothing was moved.")
    done = Archived(opened.name)
    for device in transport.devices():
        seqs = transport.list(device)
        covered = opened.header.covers.get(device, 0)
        if not seqs:
            continue
        top = max(seqs)
        folder = transport.root / DEVICES / device
        for n in seqs:
            if n <= covered and n < top and share.move(
                    folder / f"{n:010d}{BUNDLE_SUFFIX}", transport.root / ARCHIVE / device):
                done.bundles += 1
        done.kept[device] = len([n for n in seqs if n > covered or n == top])
    names = share.names()
    keep = names[: names.index(opened.name) + 1]
    keep = keep if len(keep) >= KEEP_SNAPSHOTS else names[:KEEP_SNAPSHOTS]
    for name in names:
        if name not in keep and share.move(share.folder / name, transport.root / ARCHIVE / SNAPSHOTS):
            done.snapshots += 1
    return done
