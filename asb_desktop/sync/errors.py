"""The kinds of trouble sync reports, each with a message an officer can act on.

All are problems of the environment, not bugs: the CLI prints them in one line
and the window shows them in the status area.
"""

from __future__ import annotations

from asb_desktop.domain.errors import UserError


class SyncError(UserError):
    """Sync could not run; nothing was changed."""


class NotConnected(SyncError):
    """The share cannot be reached or is not ours. Never a reason to delete anything."""


class ShareFault(SyncError):
    """Reading or writing the share failed part-way (vanished, read-only, full)."""


class BundleRejected(SyncError):
    """A bundle failed verification: truncated, corrupt, tampered, replayed or too new."""


class KeyMissing(SyncError):
    """This device holds no team key for the share (not enrolled, or keyring reset)."""


class CopiedProfile(SyncError):
    """Two profiles share one device identity (a copied or restored profile folder).

    Sync stops on the copy that finds out, before it touches the device's folder,
    because either copy writing there would bury the other's work. Nothing is
    lost: each copy keeps its own data, and re-enrolling this copy as a new
    device (``DeviceController.reenrol``) lets both sync again.
    """
