"""Indexes for the supervisors' review: victim updates per case.

The overdue-victim-update watch list asks, for every open case, when the
complainant was last updated; a partial index over victim-update contacts
answers that from the index alone.

Revision ID: 0003_review
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003_review"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX ix_contacts_victim_updates ON contacts (case_id, at) WHERE victim_update = 1"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_contacts_victim_updates")
