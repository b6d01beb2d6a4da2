"""Reports as received, their assessment, and advice for non-ASB reports."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from asb_desktop.store.models.base import Base, fk, id_column


class Report(Base):
    """A report is never deleted (commitment 4): it is assessed, linked and kept, until
    the case it belongs to is purged at the end of its retention period."""

    __tablename__ = "reports"
    id: Mapped[str] = id_column()
    received_at: Mapped[datetime] = mapped_column(index=True)
    channel: Mapped[str] = mapped_column(sa.String(30))
    reporter_id: Mapped[str | None] = fk("people.id")
    anonymous: Mapped[bool] = mapped_column(default=False)
    incident_date: Mapped[date | None]
    incident_time: Mapped[str] = mapped_column(sa.String(20), default="")
    location: Mapped[str] = mapped_column(default="")
    property_id: Mapped[str | None] = fk("properties.id")
    categories: Mapped[list[str]] = mapped_column(default=list)
    hate_incident: Mapped[bool] = mapped_column(default=False)
    hate_strands: Mapped[list[str]] = mapped_column(default=list)
    description: Mapped[str] = mapped_column(default="")
    assessment: Mapped[str | None] = mapped_column(sa.String(30))
    asb_limb: Mapped[str | None] = mapped_column(sa.String(40))
    assessment_reason: Mapped[str] = mapped_column(default="")
    assessed_at: Mapped[datetime | None]
    assessed_by: Mapped[str | None] = fk("users.id", index=False)
    proposed_risk: Mapped[str] = mapped_column(sa.String(10), default="low")
    risk_level: Mapped[str] = mapped_column(sa.String(10), default="low")
    risk_reason: Mapped[str] = mapped_column(default="")
    acknowledge_by: Mapped[date | None]
    case_id: Mapped[str | None] = fk("cases.id")
    visit_id: Mapped[str | None] = fk("tenancy_visits.id")
    created_at: Mapped[datetime]
    created_by: Mapped[str | None] = fk("users.id", index=False)


class Advice(Base):
    """Self-resolution advice given for a non-ASB report (commitment 13)."""

    __tablename__ = "advice"
    id: Mapped[str] = id_column()
    report_id: Mapped[str] = fk("reports.id", nullable=False)
    person_id: Mapped[str | None] = fk("people.id")
    advice_key: Mapped[str] = mapped_column(sa.String(60), default="")
    advice_text: Mapped[str] = mapped_column(default="")
    given_at: Mapped[datetime]
    given_by: Mapped[str | None] = fk("users.id", index=False)
