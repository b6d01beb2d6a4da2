"""Covering indexes for searching the caseload.

A search's first step (which open cases match, in caseload order, and how
many) reads only these columns, so it never touches the wide case rows;
and a person's cases are found without reading each party row. Measured by
bench/gui.py on a 20,000-case encrypted profile.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX ix_cases_search_cover "
        "ON cases (status, id, risk_rank, next_action_due, opened_at)"
    )
    op.execute("CREATE INDEX ix_case_parties_person_case ON case_parties (person_id, case_id)")


def downgrade() -> None:
    op.execute("DROP INDEX ix_case_parties_person_case")
    op.execute("DROP INDEX ix_cases_search_cover")
