"""Sync bookkeeping: what this profile has imported from each device, the
clock stamps imported changes were based on, conflicts waiting for a person,
bundles held back as damaged, and changes set aside. None of it travels (``__synced__ = False``):
every replica derives it from the bundles it has read."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from asb_desktop.store.models.base import Base, id_column


class SyncPeer(Base):
    """Per-device watermark: the last bundle applied and its hash (the chain's next link)."""

    __tablename__ = "sync_peers"
    __synced__ = False
    device_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    last_seq: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(sa.String(64), default="")
    updated_at: Mapped[datetime | None]


class SyncReceived(Base):
    """For an imported change: the stamps its author had seen for the fields it set.

    Conflict detection needs "edited from the same earlier value"; a local
    change's base is derivable from local order, an imported one's is not.
    """

    __tablename__ = "sync_received"
    __synced__ = False
    change_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    bases: Mapped[dict[str, Any]] = mapped_column(default=dict)


class SyncConflict(Base):
    """One safety-critical field edited on two devices from the same earlier value."""

    __tablename__ = "sync_conflicts"
    __table_args__ = (sa.UniqueConstraint("entity", "entity_id", "field", "base"),)
    __synced__ = False
    id: Mapped[str] = id_column()
    entity: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[str] = mapped_column(sa.String(36))
    field: Mapped[str] = mapped_column(sa.String(40))
    base: Mapped[str] = mapped_column(sa.String(64))
    candidates: Mapped[list[Any]] = mapped_column(sa.JSON, default=list)
    status: Mapped[str] = mapped_column(sa.String(10), default="open", index=True)
    found_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]


class SyncQuarantine(Base):
    """A bundle that failed verification; that device's import waits behind it."""

    __tablename__ = "sync_quarantine"
    __synced__ = False
    device_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True)
    reason: Mapped[str] = mapped_column(default="")
    at: Mapped[datetime]


class SyncSetAside(Base):
    """A change that arrived and could not take effect here, kept out of the way.

    Sync never holds a bundle back because of one change in it: a change to a
    row a retention purge erased (``kind`` "purged") is dropped with only its
    address kept, never its values; any other change the profile cannot take
    (``kind`` "unappliable") is kept whole, with the reason, for a supervisor.
    """

    __tablename__ = "sync_set_aside"
    __synced__ = False
    change_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(sa.String(36))
    seq: Mapped[int] = mapped_column(default=0)
    entity: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[str] = mapped_column(sa.String(36))
    kind: Mapped[str] = mapped_column(sa.String(12), index=True)
    reason: Mapped[str] = mapped_column(default="")
    change: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON(none_as_null=True), default=None)
    at: Mapped[datetime]


class CaseKey(Base):
    """A key a restricted case's rows travel under, as this laptop holds it.

    Made by the laptop that first sends such rows, and wrapped for each laptop
    allowed to open the case; ``granted`` lists the laptops this one has wrapped
    it for, so naming an officer wraps every key of the case for their laptops."""

    __tablename__ = "case_keys"
    __synced__ = False
    key_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    key: Mapped[bytes] = mapped_column(sa.LargeBinary())
    granted: Mapped[list[str]] = mapped_column(sa.JSON(), default=list)
    made_at: Mapped[datetime]


class SyncSealed(Base):
    """A restricted case's rows that arrived sealed for other laptops, kept as they came
    (ciphertext) so that, if this laptop's user is named on the case later, the
    case's history opens here without anyone sending it again."""

    __tablename__ = "sync_sealed"
    __synced__ = False
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    key_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    device_id: Mapped[str] = mapped_column(sa.String(36))
    seq: Mapped[int] = mapped_column(default=0)
    section: Mapped[dict[str, Any]] = mapped_column(sa.JSON())
    at: Mapped[datetime]
