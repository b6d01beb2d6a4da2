"""Restricted cases travel sealed for the laptops allowed to open them.

``case_keys`` holds the keys a restricted case's rows are sealed with, as this
laptop has them; ``sync_sealed`` keeps rows that arrived sealed for other
laptops, unread, until this laptop's user is named on the case. Neither travels.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_keys",
        sa.Column("key_id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("key", sa.LargeBinary(), nullable=False),
        sa.Column("granted", sa.JSON(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_case_keys_case_id", "case_keys", ["case_id"])
    op.create_table(
        "sync_sealed",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("key_id", sa.String(36), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("section", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_sync_sealed_case_id", "sync_sealed", ["case_id"])
    op.create_index("ix_sync_sealed_key_id", "sync_sealed", ["key_id"])


def downgrade() -> None:
    op.drop_index("ix_sync_sealed_key_id", "sync_sealed")
    op.drop_index("ix_sync_sealed_case_id", "sync_sealed")
    op.drop_table("sync_sealed")
    op.drop_index("ix_case_keys_case_id", "case_keys")
    op.drop_table("case_keys")
