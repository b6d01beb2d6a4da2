"""Named officers on restricted cases, and legal holds against retention purges.

Revision ID: 0003_security
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_security"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_access",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("granted_by", sa.String(36), nullable=True),
        sa.Column("reason", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_case_access_case_id_cases"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_case_access_user_id_users"),
        sa.ForeignKeyConstraint(
            ["granted_by"], ["users.id"], name="fk_case_access_granted_by_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_case_access"),
        sa.UniqueConstraint("case_id", "user_id", name="uq_case_access_case_id"),
    )
    op.create_index("ix_case_access_case_id", "case_access", ["case_id"])
    op.create_index("ix_case_access_user_id", "case_access", ["user_id"])
    op.create_table(
        "legal_holds",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("placed_at", sa.DateTime(), nullable=False),
        sa.Column("placed_by", sa.String(36), nullable=True),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("lifted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_legal_holds_case_id_cases"),
        sa.ForeignKeyConstraint(
            ["placed_by"], ["users.id"], name="fk_legal_holds_placed_by_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_legal_holds"),
    )
    op.create_index("ix_legal_holds_case_id", "legal_holds", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_legal_holds_case_id", "legal_holds")
    op.drop_table("legal_holds")
    op.drop_index("ix_case_access_user_id", "case_access")
    op.drop_index("ix_case_access_case_id", "case_access")
    op.drop_table("case_access")
