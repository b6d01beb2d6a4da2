"""Changes sync set aside instead of holding a bundle back for them.

Before this, one change that could not be applied (a contact added offline to
a case a supervisor's laptop had since purged) held back its whole bundle,
and every later bundle from that device, on every sync for good. Such changes
are now recorded here and the rest applies.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_set_aside",
        sa.Column("change_id", sa.String(36), primary_key=True),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("change", sa.JSON(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_sync_set_aside_kind", "sync_set_aside", ["kind"])


def downgrade() -> None:
    op.drop_index("ix_sync_set_aside_kind", "sync_set_aside")
    op.drop_table("sync_set_aside")
