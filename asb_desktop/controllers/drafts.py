"""Half-filled forms kept so that a crash, a forced close or a power cut does
not lose what an officer typed on a doorstep.

Drafts are local scratch, not records: they are never synced, never audited
and never part of a case. So this controller writes through
``unit.store.write_sessions()`` directly instead of ``unit.write()``, which
would demand an audit row and capture change-log rows for the share. The
store itself is the profile's (encrypted) database, so a draft is protected
like everything else and never sits in a loose file.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from asb_desktop.store.models import Draft
from asb_desktop.store.unit import Unit


class DraftsController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    def save(self, form: str, payload: dict[str, Any]) -> None:
        """Replace the draft for ``form``; one draft per form is all a person can resume."""
        with self._unit.store.write_sessions() as s, s.begin():
            row = s.get(Draft, form)
            if row is None:
                s.add(Draft(form=form, payload=dict(payload), saved_at=self._unit.now()))
            else:
                row.payload = dict(payload)
                row.saved_at = self._unit.now()

    def load(self, form: str) -> tuple[dict[str, Any], datetime] | None:
        """The payload and when it was saved, or None when there is nothing to resume."""
        with self._unit.store.sessions() as s, s.begin():
            row = s.get(Draft, form)
            if row is None:
                return None
            return dict(row.payload), row.saved_at

    def newest(self, prefix: str) -> tuple[str, dict[str, Any], datetime] | None:
        """The most recent draft whose form name starts with ``prefix`` (forms kept
        per record, such as one per visit), so a start-up can offer it first."""
        with self._unit.store.sessions() as s, s.begin():
            row = s.scalars(
                sa.select(Draft).where(Draft.form.startswith(prefix, autoescape=True))
                .order_by(Draft.saved_at.desc()).limit(1)
            ).first()
            if row is None:
                return None
            return row.form, dict(row.payload), row.saved_at

    def discard(self, form: str) -> None:
        with self._unit.store.write_sessions() as s, s.begin():
            row = s.get(Draft, form)
            if row is not None:
                s.delete(row)
