"""Cases and everything an officer records on one."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from asb_desktop.store.models.base import Base, fk, id_column


class Case(Base):
    """A case, with a few columns kept up to date by the controllers so that the
    caseload's first page is one indexed query (risk rank, next due, parties)."""

    __tablename__ = "cases"
    # The caseload index (status, risk_rank DESC, next_action_due) is created in
    # migration 0002: SQLite cannot reflect expression indexes for comparison.
    id: Mapped[str] = id_column()
    reference: Mapped[str] = mapped_column(sa.String(24), unique=True)
    summary: Mapped[str] = mapped_column(default="")
    status: Mapped[str] = mapped_column(sa.String(20), default="open")
    risk_level: Mapped[str] = mapped_column(sa.String(10), default="low")
    risk_rank: Mapped[int] = mapped_column(default=1)
    risk_reason: Mapped[str] = mapped_column(default="")
    restricted: Mapped[bool] = mapped_column(default=False)
    lead_officer_id: Mapped[str | None] = fk("users.id")
    lead_agency: Mapped[str] = mapped_column(default="")
    partner_agencies: Mapped[list[str]] = mapped_column(default=list)
    categories: Mapped[list[str]] = mapped_column(default=list)
    hate_incident: Mapped[bool] = mapped_column(default=False)
    hate_strands: Mapped[list[str]] = mapped_column(default=list)
    parties_summary: Mapped[str] = mapped_column(default="")
    next_action_due: Mapped[date | None]
    opened_at: Mapped[datetime] = mapped_column(index=True)
    closed_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(sa.String(40))
    closure_reason: Mapped[str] = mapped_column(default="")
    satisfaction: Mapped[int | None]
    satisfaction_comment: Mapped[str] = mapped_column(default="")
    created_by: Mapped[str | None] = fk("users.id", index=False)


class CaseParty(Base):
    __tablename__ = "case_parties"
    __table_args__ = (sa.UniqueConstraint("case_id", "person_id", "role"),)
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = fk("cases.id", nullable=False)
    person_id: Mapped[str] = fk("people.id", nullable=False)
    role: Mapped[str] = mapped_column(sa.String(30))
    added_at: Mapped[datetime]


class CaseLink(Base):
    __tablename__ = "case_links"
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = fk("cases.id", nullable=False)
    other_case_id: Mapped[str] = fk("cases.id", nullable=False)
    reason: Mapped[str] = mapped_column(default="")


class Action(Base):
    """An action-plan item."""

    __tablename__ = "actions"
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = fk("cases.id", nullable=False)
    description: Mapped[str]
    owner_id: Mapped[str | None] = fk("users.id")
    due_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(sa.String(20), default="open")
    completed_on: Mapped[date | None]
    created_at: Mapped[datetime]


class Intervention(Base):
    __tablename__ = "interventions"
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = fk("cases.id", nullable=False)
    person_id: Mapped[str | None] = fk("people.id")
    kind: Mapped[str] = mapped_column(sa.String(30))
    started_on: Mapped[date | None]
    expires_on: Mapped[date | None]
    review_on: Mapped[date | None]
    proportionate_reason: Mapped[str] = mapped_column(default="")
    tried_before: Mapped[str] = mapped_column(default="")
    notes: Mapped[str] = mapped_column(default="")
    created_at: Mapped[datetime]


class Evidence(Base):
    __tablename__ = "evidence"
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = fk("cases.id", nullable=False)
    kind: Mapped[str] = mapped_column(sa.String(30))
    description: Mapped[str] = mapped_column(default="")
    captured_on: Mapped[date | None]
    file_name: Mapped[str] = mapped_column(default="")
    sha256: Mapped[str] = mapped_column(sa.String(64), default="")
    shareable: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]


class Contact(Base):
    """A contact-log entry; ``victim_update`` marks the regular updates commitment 9 needs."""

    __tablename__ = "contacts"
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = fk("cases.id", nullable=False)
    person_id: Mapped[str | None] = fk("people.id")
    at: Mapped[datetime]
    method: Mapped[str] = mapped_column(sa.String(20))
    direction: Mapped[str] = mapped_column(sa.String(10), default="outgoing")
    summary: Mapped[str] = mapped_column(default="")
    victim_update: Mapped[bool] = mapped_column(default=False)
    shareable: Mapped[bool] = mapped_column(default=False)
    created_by: Mapped[str | None] = fk("users.id", index=False)


class Referral(Base):
    """A referral to, or signposting towards, a support service (commitments 8, 9)."""

    __tablename__ = "referrals"
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = fk("cases.id", nullable=False)
    person_id: Mapped[str | None] = fk("people.id")
    kind: Mapped[str] = mapped_column(sa.String(20))
    service: Mapped[str]
    made_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(default="")


class RiskAssessment(Base):
    __tablename__ = "risk_assessments"
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = fk("cases.id", nullable=False)
    person_id: Mapped[str | None] = fk("people.id")
    tool: Mapped[str] = mapped_column(sa.String(20))
    assessed_on: Mapped[date]
    score: Mapped[int] = mapped_column(default=0)
    level: Mapped[str] = mapped_column(sa.String(10))
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    marac_referral: Mapped[bool] = mapped_column(default=False)
    assessed_by: Mapped[str | None] = fk("users.id", index=False)


class Review(Base):
    __tablename__ = "reviews"
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = fk("cases.id", nullable=False)
    kind: Mapped[str] = mapped_column(sa.String(30))
    reviewed_on: Mapped[date]
    reviewer_id: Mapped[str | None] = fk("users.id", index=False)
    score: Mapped[int | None]
    notes: Mapped[str] = mapped_column(default="")
    next_review_on: Mapped[date | None]


class Lesson(Base):
    """Lessons learned at closure (commitment 12)."""

    __tablename__ = "lessons"
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = fk("cases.id", nullable=False)
    text: Mapped[str]
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[str | None] = fk("users.id", index=False)
