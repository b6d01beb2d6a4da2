"""Join the four 0003 branches into one line of history.

The policy, review, security and sync tables were added side by side. With
one head again, the next schema change has a single parent and a profile's
``alembic_version`` holds one row, so "is this profile up to date?" is one
comparison. This revision changes no table.

Revision ID: 0004
Revises: 0003_policy, 0003_review, 0003_security, 0003_sync
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0004"
down_revision: str | Sequence[str] | None = (
    "0003_policy", "0003_review", "0003_security", "0003_sync",
)
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to build: the revision only records that the branches meet."""


def downgrade() -> None:
    """Nothing to take down: the branches' own downgrades undo their tables."""
