"""Who may open a restricted case besides its lead officer and supervisors, and
which cases are held back from retention purges."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from asb_desktop.store.models.base import Base, fk, id_column


class CaseAccess(Base):
    """An officer named on a restricted case; synced so every device obeys it."""

    __tablename__ = "case_access"
    __table_args__ = (sa.UniqueConstraint("case_id", "user_id"),)
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = fk("cases.id", nullable=False)
    user_id: Mapped[str] = fk("users.id", nullable=False)
    granted_at: Mapped[datetime]
    granted_by: Mapped[str | None] = fk("users.id", index=False)
    reason: Mapped[str] = mapped_column(default="")


class LegalHold(Base):
    """A case that must not be purged whatever its age, until the hold is lifted."""

    __tablename__ = "legal_holds"
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = fk("cases.id", nullable=False)
    placed_at: Mapped[datetime]
    placed_by: Mapped[str | None] = fk("users.id", index=False)
    reason: Mapped[str] = mapped_column(default="")
    lifted_at: Mapped[datetime | None]
