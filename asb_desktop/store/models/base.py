"""Declarative base and the column shapes every table shares."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING)
    type_annotation_map = {
        dict[str, Any]: sa.JSON,
        list[str]: sa.JSON,
        datetime: sa.DateTime(),
        date: sa.Date(),
    }
    # Tables whose rows travel to other devices. Local bookkeeping (change log,
    # sync state, drafts, meta) sets this False and is never captured.
    __synced__ = True


def id_column() -> Mapped[str]:
    return mapped_column(sa.String(36), primary_key=True, default=new_id)


def fk(target: str, nullable: bool = True, index: bool = True) -> Mapped[Any]:
    return mapped_column(
        sa.String(36), sa.ForeignKey(target), nullable=nullable, index=index
    )
