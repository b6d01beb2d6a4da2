"""Indexes in the caseload's own order, so a page of any size of caseload is read
straight from an index instead of sorting every open case.

The caseload sorts by risk (highest first), then the next action due (soonest
first, nothing due last), then when the case was opened. ``ix_cases_caseload``
held (status, risk_rank DESC, next_action_due), which is not that order: nothing
due sorts first in an index, and the tie-breaks were missing. So SQLite walked
every open case into a temporary tree on each page: 83 ms p95 at 20,000 cases
and 628 ms at 94,000 for filter-as-you-type.

``next_action_due IS NULL`` is the sort key that puts "nothing due" last; it is
computed by SQLite from the column itself, so it can never be out of step with
the column and no writer (controller, sync merge, demo) has to keep a second
column. ``risk_rank`` is NOT NULL, so it needs no such term. ``ix_cases_all_page``
serves the same order over every status ("All cases"), and the officer's index
from 0007 is rebuilt without the pointless ``risk_rank IS NULL`` term.

A search leaves out cases the user may not open (``access.hidden_cases``:
restricted cases they neither lead nor were given). That list was found by
reading every case on each keystroke; ``ix_cases_restricted`` holds only the
restricted ones, so it costs what there is of them.

A broad search (a prefix with thousands of index hits) walks the caseload in
order and asks of each case whether one of its own index rows is a hit:
``ix_search_case_link_case`` finds a case's index rows.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The caseload's risk order with its tie-breaks, as ``controllers.cases`` sorts.
ORDER = "risk_rank DESC, next_action_due IS NULL, next_action_due, opened_at, id"


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_cases_caseload")
    op.execute("DROP INDEX IF EXISTS ix_cases_officer_page")
    op.execute(f"CREATE INDEX ix_cases_page ON cases (status, {ORDER})")
    op.execute(f"CREATE INDEX ix_cases_all_page ON cases ({ORDER})")
    op.execute(f"CREATE INDEX ix_cases_officer_page ON cases (lead_officer_id, status, {ORDER})")
    op.execute("CREATE INDEX ix_cases_restricted ON cases (id, lead_officer_id) WHERE restricted IS 1")
    op.execute("CREATE INDEX ix_search_case_link_case ON search_case_link (case_id, fts_rowid)")


def downgrade() -> None:
    op.execute("DROP INDEX ix_search_case_link_case")
    op.execute("DROP INDEX ix_cases_restricted")
    op.execute("DROP INDEX ix_cases_officer_page")
    op.execute("DROP INDEX ix_cases_all_page")
    op.execute("DROP INDEX ix_cases_page")
    op.execute(
        "CREATE INDEX ix_cases_officer_page ON cases (lead_officer_id, status, "
        "risk_rank IS NULL, risk_rank DESC, next_action_due IS NULL, next_action_due, "
        "opened_at, id)"
    )
    op.execute("CREATE INDEX ix_cases_caseload ON cases (status, risk_rank DESC, next_action_due)")
