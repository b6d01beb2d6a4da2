"""Facts for the window's status bar: how much is waiting to reach the share
and when a sync last ran. Read-only and cheap, so the bar can poll it."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from asb_desktop.controllers.sync import LAST_SYNC_KEY
from asb_desktop.store import meta
from asb_desktop.store.models import Change
from asb_desktop.store.unit import Unit


class StatusController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    def pending_changes(self) -> int:
        """Changes captured on this device that have not yet been pushed to the share."""
        with self._unit.read() as s:
            return s.scalar(
                sa.select(sa.func.count()).select_from(Change).where(
                    Change.pushed.is_(False), Change.device_id == self._unit.actor.device_id
                )
            ) or 0

    def last_sync_at(self) -> datetime | None:
        """When sync last finished; None when this profile has never synced."""
        with self._unit.read() as s:
            raw = meta.get(s, LAST_SYNC_KEY)
        if not raw:
            return None
        try:
            return datetime.fromisoformat(raw)
        except ValueError:
            return None
