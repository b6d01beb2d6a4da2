"""Policy records: report acknowledgements, paused target clocks, DASH details,
ASB Case Review requests and refer-backs to earlier non-ASB advice.

Revision ID: 0003_policy
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_policy"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.Column[str]:
    return sa.Column("id", sa.String(length=36), nullable=False)


def _ref(name: str, nullable: bool = True) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=36), nullable=nullable)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def _index(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "report_acknowledgements",
        _id(),
        _ref("report_id", nullable=False),
        sa.Column("acknowledged_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        _ref("recorded_by"),
        _fk("report_acknowledgements", "recorded_by", "users"),
        _fk("report_acknowledgements", "report_id", "reports"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_acknowledgements")),
    )
    _index("report_acknowledgements", "report_id")

    op.create_table(
        "target_pauses",
        _id(),
        _ref("case_id", nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(), nullable=False),
        _ref("recorded_by"),
        _fk("target_pauses", "case_id", "cases"),
        _fk("target_pauses", "recorded_by", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_pauses")),
    )
    _index("target_pauses", "case_id")

    op.create_table(
        "dash_details",
        _id(),
        _ref("risk_assessment_id", nullable=False),
        _ref("case_id", nullable=False),
        sa.Column("safe_to_talk", sa.Boolean(), nullable=False),
        sa.Column("safe_contact", sa.String(), nullable=False),
        sa.Column("judgement_high", sa.Boolean(), nullable=False),
        sa.Column("judgement_reason", sa.String(), nullable=False),
        sa.Column("marac_referred_on", sa.Date(), nullable=True),
        sa.Column("marac_referred_by", sa.String(), nullable=False),
        _fk("dash_details", "case_id", "cases"),
        _fk("dash_details", "risk_assessment_id", "risk_assessments"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dash_details")),
    )
    _index("dash_details", "case_id", "risk_assessment_id")

    op.create_table(
        "case_review_requests",
        _id(),
        _ref("case_id"),
        _ref("applicant_id"),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("thresholds_met", sa.JSON(), nullable=False),
        sa.Column("acknowledge_by", sa.Date(), nullable=False),
        sa.Column("decision_by", sa.Date(), nullable=False),
        sa.Column("review_by", sa.Date(), nullable=False),
        sa.Column("outcome_by", sa.Date(), nullable=False),
        sa.Column("acknowledged_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("threshold_met", sa.Boolean(), nullable=True),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _ref("created_by"),
        _fk("case_review_requests", "applicant_id", "people"),
        _fk("case_review_requests", "case_id", "cases"),
        _fk("case_review_requests", "created_by", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_review_requests")),
    )
    _index("case_review_requests", "applicant_id", "case_id")

    op.create_table(
        "refer_backs",
        _id(),
        _ref("report_id", nullable=False),
        _ref("advice_id", nullable=False),
        sa.Column("response", sa.String(), nullable=False),
        sa.Column("letter", sa.String(), nullable=False),
        sa.Column("given_at", sa.DateTime(), nullable=False),
        _ref("given_by"),
        _fk("refer_backs", "advice_id", "advice"),
        _fk("refer_backs", "given_by", "users"),
        _fk("refer_backs", "report_id", "reports"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refer_backs")),
    )
    _index("refer_backs", "advice_id", "report_id")


def downgrade() -> None:
    for table, columns in (
        ("refer_backs", ("advice_id", "report_id")),
        ("case_review_requests", ("applicant_id", "case_id")),
        ("dash_details", ("case_id", "risk_assessment_id")),
        ("target_pauses", ("case_id",)),
        ("report_acknowledgements", ("report_id",)),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))
        op.drop_table(table)
