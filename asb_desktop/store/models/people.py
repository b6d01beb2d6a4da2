"""Users, devices, residents, properties and tenancies."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from asb_desktop.store.models.base import Base, fk, id_column


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = id_column()
    name: Mapped[str] = mapped_column(sa.String(120))
    role: Mapped[str] = mapped_column(sa.String(20))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = id_column()
    code: Mapped[str] = mapped_column(sa.String(8), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120), default="")
    user_id: Mapped[str | None] = fk("users.id")
    created_at: Mapped[datetime]


class Person(Base):
    """Anyone in a case: complainant, victim, alleged perpetrator, witness, tenant."""

    __tablename__ = "people"
    id: Mapped[str] = id_column()
    given_name: Mapped[str] = mapped_column(sa.String(120), default="")
    family_name: Mapped[str] = mapped_column(sa.String(120), default="")
    date_of_birth: Mapped[date | None]
    phone: Mapped[str] = mapped_column(default="")
    email: Mapped[str] = mapped_column(default="")
    address: Mapped[str] = mapped_column(default="")
    postcode: Mapped[str] = mapped_column(sa.String(10), default="", index=True)
    contact_preferences: Mapped[str] = mapped_column(default="")
    vulnerabilities: Mapped[str] = mapped_column(default="")
    adjustments: Mapped[list[str]] = mapped_column(default=list)
    adjustment_notes: Mapped[str] = mapped_column(default="")
    language: Mapped[str] = mapped_column(default="")
    # Optional equality monitoring (commitment 10); never required.
    equality: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]
    created_by: Mapped[str | None] = fk("users.id", index=False)

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p) or "(no name)"


class Property(Base):
    __tablename__ = "properties"
    id: Mapped[str] = id_column()
    address: Mapped[str] = mapped_column(default="")
    postcode: Mapped[str] = mapped_column(sa.String(10), default="", index=True)
    created_at: Mapped[datetime]


class Tenancy(Base):
    __tablename__ = "tenancies"
    id: Mapped[str] = id_column()
    reference: Mapped[str] = mapped_column(sa.String(40), unique=True)
    property_id: Mapped[str] = fk("properties.id", nullable=False)
    tenure_type: Mapped[str] = mapped_column(sa.String(30))
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    created_at: Mapped[datetime]


class TenancyMember(Base):
    __tablename__ = "tenancy_members"
    id: Mapped[str] = id_column()
    tenancy_id: Mapped[str] = fk("tenancies.id", nullable=False)
    person_id: Mapped[str] = fk("people.id", nullable=False)
    role: Mapped[str] = mapped_column(sa.String(30), default="tenant")
