"""Audit, change log and profile metadata: what makes audit and sync complete."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from asb_desktop.store.models.base import Base, id_column


class AuditEntry(Base):
    """Who did what, on which device, when. Written in the same transaction as the
    change it describes; append-only: no controller deletes one, and only a
    retention purge rewrites one, replacing its wording (see ``store.purge``).

    Rows whose action is in ``LOCAL_ACTIONS`` record what this device itself
    did with the share (a bundle imported); they have no change row and never
    travel, since every device records its own."""

    __tablename__ = "audit"
    id: Mapped[str] = id_column()
    at: Mapped[datetime] = mapped_column(index=True)
    user_id: Mapped[str | None] = mapped_column(sa.String(36))
    device_id: Mapped[str] = mapped_column(sa.String(36))
    action: Mapped[str] = mapped_column(sa.String(60))
    entity: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    detail: Mapped[str] = mapped_column(default="")


#: Audit actions that stay on the device that wrote them (see ``AuditEntry``).
LOCAL_ACTIONS = ("sync.imported",)


class Change(Base):
    """One captured write: the fields one transaction set on one row.

    Every field in ``fields`` carries this row's clock, so per-field
    last-writer-wins needs nothing more. ``seq`` is the local order the push
    reads from; ``pushed_seq`` marks rows already safely on the share.
    """

    __tablename__ = "changes"
    __synced__ = False
    seq: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(sa.String(36), unique=True)
    entity: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[str] = mapped_column(sa.String(36))
    op: Mapped[str] = mapped_column(sa.String(10))
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    hlc: Mapped[str] = mapped_column(sa.String(64), index=True)
    device_id: Mapped[str] = mapped_column(sa.String(36))
    user_id: Mapped[str | None] = mapped_column(sa.String(36))
    pushed: Mapped[bool] = mapped_column(default=False)


class Meta(Base):
    """Profile facts: device id and code, signed-in user, sequences, demo marker."""

    __tablename__ = "meta"
    __synced__ = False
    key: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    value: Mapped[str] = mapped_column(default="")


class Draft(Base):
    """A half-filled form, kept in the (encrypted) store rather than a loose file."""

    __tablename__ = "drafts"
    __synced__ = False
    form: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    saved_at: Mapped[datetime]
