"""Which case each indexed case or report row belongs to, by index rowid.

A caseload search for two letters can match most reports. Finding their
cases through the reports table meant one lookup by text id per report
(a quarter of a second on 100,000 reports); this narrow table answers the
same question by integer rowid, straight from the full-text index's hits.

It is kept by triggers on ``search_map`` (whose rows come and go with every
indexed row, whichever trigger or sync merge wrote them) and on a report
moving to another case, so it cannot drift from the index.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CASE_OF = (
    "coalesce((SELECT case_id FROM reports WHERE id = {ref}), "
    "(SELECT id FROM cases WHERE id = {ref}))"
)


def upgrade() -> None:
    op.execute(
        "CREATE TABLE search_case_link ("
        "fts_rowid INTEGER PRIMARY KEY, case_id VARCHAR(36) NOT NULL)"
    )
    op.execute(
        "CREATE TRIGGER search_map_case_ai AFTER INSERT ON search_map BEGIN\n"
        "  INSERT INTO search_case_link(fts_rowid, case_id) "
        f"SELECT new.fts_rowid, linked FROM (SELECT {_CASE_OF.format(ref='new.ref_id')} AS linked) "
        "WHERE linked IS NOT NULL;\nEND"
    )
    op.execute(
        "CREATE TRIGGER search_map_case_ad AFTER DELETE ON search_map BEGIN\n"
        "  DELETE FROM search_case_link WHERE fts_rowid = old.fts_rowid;\nEND"
    )
    op.execute(
        "CREATE TRIGGER reports_case_link_au AFTER UPDATE OF case_id ON reports BEGIN\n"
        "  DELETE FROM search_case_link WHERE fts_rowid = "
        "(SELECT fts_rowid FROM search_map WHERE ref_id = new.id);\n"
        "  INSERT INTO search_case_link(fts_rowid, case_id) "
        "SELECT fts_rowid, new.case_id FROM search_map "
        "WHERE ref_id = new.id AND new.case_id IS NOT NULL;\nEND"
    )
    op.execute(
        "INSERT INTO search_case_link(fts_rowid, case_id) "
        "SELECT m.fts_rowid, r.case_id FROM search_map m JOIN reports r ON r.id = m.ref_id "
        "WHERE r.case_id IS NOT NULL"
    )
    op.execute(
        "INSERT INTO search_case_link(fts_rowid, case_id) "
        "SELECT m.fts_rowid, c.id FROM search_map m JOIN cases c ON c.id = m.ref_id"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER reports_case_link_au")
    op.execute("DROP TRIGGER search_map_case_ad")
    op.execute("DROP TRIGGER search_map_case_ai")
    op.execute("DROP TABLE search_case_link")
