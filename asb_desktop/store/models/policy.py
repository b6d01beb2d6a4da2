"""What the policy rules need recorded: acknowledgements, paused clocks, DASH
details, ASB Case Review requests and refer-backs to earlier advice."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from asb_desktop.store.models.base import Base, fk, id_column


class ReportAcknowledgement(Base):
    """A report acknowledged to the reporter (commitment 4), which stops its target."""

    __tablename__ = "report_acknowledgements"
    id: Mapped[str] = id_column()
    report_id: Mapped[str] = fk("reports.id", nullable=False)
    acknowledged_on: Mapped[date]
    method: Mapped[str] = mapped_column(sa.String(20), default="")
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[str | None] = fk("users.id", index=False)


class TargetPause(Base):
    """A case's target clock stopped for a reason the policy allows; open while ``ended_on`` is empty."""

    __tablename__ = "target_pauses"
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = fk("cases.id", nullable=False)
    started_on: Mapped[date]
    ended_on: Mapped[date | None]
    reason: Mapped[str] = mapped_column(default="")
    recorded_by: Mapped[str | None] = fk("users.id", index=False)


class DashDetail(Base):
    """What a DASH record holds beyond its risk assessment row: safety and the MARAC referral."""

    __tablename__ = "dash_details"
    id: Mapped[str] = id_column()
    risk_assessment_id: Mapped[str] = fk("risk_assessments.id", nullable=False)
    case_id: Mapped[str] = fk("cases.id", nullable=False)
    safe_to_talk: Mapped[bool] = mapped_column(default=False)
    safe_contact: Mapped[str] = mapped_column(default="")
    judgement_high: Mapped[bool] = mapped_column(default=False)
    judgement_reason: Mapped[str] = mapped_column(default="")
    marac_referred_on: Mapped[date | None]
    marac_referred_by: Mapped[str] = mapped_column(default="")


class CaseReviewRequest(Base):
    """An application for an ASB Case Review, with the published dates it runs to."""

    __tablename__ = "case_review_requests"
    id: Mapped[str] = id_column()
    case_id: Mapped[str | None] = fk("cases.id")
    applicant_id: Mapped[str | None] = fk("people.id")
    received_on: Mapped[date]
    thresholds_met: Mapped[list[str]] = mapped_column(default=list)
    acknowledge_by: Mapped[date]
    decision_by: Mapped[date]
    review_by: Mapped[date]
    outcome_by: Mapped[date]
    acknowledged_on: Mapped[date | None]
    decided_on: Mapped[date | None]
    threshold_met: Mapped[bool | None]
    outcome: Mapped[str] = mapped_column(default="")
    notes: Mapped[str] = mapped_column(default="")
    created_at: Mapped[datetime]
    created_by: Mapped[str | None] = fk("users.id", index=False)


class ReferBack(Base):
    """A repeat non-ASB report referred back to the advice given before (commitment 13)."""

    __tablename__ = "refer_backs"
    id: Mapped[str] = id_column()
    report_id: Mapped[str] = fk("reports.id", nullable=False)
    advice_id: Mapped[str] = fk("advice.id", nullable=False)
    response: Mapped[str] = mapped_column(default="")
    letter: Mapped[str] = mapped_column(default="")
    given_at: Mapped[datetime]
    given_by: Mapped[str | None] = fk("users.id", index=False)
