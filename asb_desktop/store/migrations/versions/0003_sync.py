"""Sync bookkeeping tables, and the index sync reads one row's history by.

``ix_changes_entity_row`` finds one row's change history (per-field clocks,
bases, tombstones) without scanning the log, so an import costs what it
brings, not the size of the history. (What to push is found through
``ix_changes_pushed`` from 0002.)

Revision ID: 0003_sync
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_sync"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_peers",
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("device_id", name="pk_sync_peers"),
    )
    op.create_table(
        "sync_received",
        sa.Column("change_id", sa.String(36), nullable=False),
        sa.Column("bases", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("change_id", name="pk_sync_received"),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("base", sa.String(64), nullable=False),
        sa.Column("candidates", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_sync_conflicts"),
        sa.UniqueConstraint(
            "entity", "entity_id", "field", "base", name="uq_sync_conflicts_entity"
        ),
    )
    op.create_index("ix_sync_conflicts_status", "sync_conflicts", ["status"])
    op.create_table(
        "sync_quarantine",
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "seq", name="pk_sync_quarantine"),
    )
    op.execute("CREATE INDEX ix_changes_entity_row ON changes (entity, entity_id)")


def downgrade() -> None:
    op.execute("DROP INDEX ix_changes_entity_row")
    op.drop_table("sync_quarantine")
    op.drop_index("ix_sync_conflicts_status", table_name="sync_conflicts")
    op.drop_table("sync_conflicts")
    op.drop_table("sync_received")
    op.drop_table("sync_peers")
