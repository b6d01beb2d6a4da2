"""Tenancy visits: sign-up and post-tenancy visits where ASB terms are explained (commitment 3)."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from asb_desktop.store.models.base import Base, fk, id_column


class TenancyVisit(Base):
    __tablename__ = "tenancy_visits"
    id: Mapped[str] = id_column()
    tenancy_id: Mapped[str] = fk("tenancies.id", nullable=False)
    kind: Mapped[str] = mapped_column(sa.String(20))
    status: Mapped[str] = mapped_column(sa.String(10), default="due", index=True)
    due_date: Mapped[date | None] = mapped_column(index=True)
    visit_date: Mapped[date | None]
    officer_id: Mapped[str | None] = fk("users.id")
    present: Mapped[str] = mapped_column(default="")
    checklist: Mapped[list[str]] = mapped_column(default=list)
    acknowledged: Mapped[bool] = mapped_column(default=False)
    acknowledged_by: Mapped[str] = mapped_column(default="")
    notes: Mapped[str] = mapped_column(default="")
    created_at: Mapped[datetime]
