"""Full-text search (FTS5) over reports, notes and names; the caseload index.

Matching runs on ``terms``: title and body folded by ``FOLDS`` (letters such
as Ł, Ø and ß that SQLite's accent removal leaves alone), so "lukasz" finds
Łukasz; the search code folds the query the same way. ``title`` and ``body``
are kept unindexed, for display.

``kind`` is an indexed column so a search narrows to one kind inside the
MATCH expression (``kind:report AND ...``) instead of reading every hit's
stored row. The FTS table keeps its own copy of the text and is fed by triggers, so rows
written by the controllers and rows merged by sync are indexed alike. Its
rowids come from ``search_map`` (an INTEGER PRIMARY KEY, stable under VACUUM)
rather than the source tables' implicit rowids, which VACUUM may renumber.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Letters that Unicode decomposition does not reduce to a base letter. The search
# code holds the same table; a test checks that both fold alike.
FOLDS = [
    ("Ł", "L"), ("ł", "l"), ("Ø", "O"), ("ø", "o"), ("Đ", "D"), ("đ", "d"), ("Ð", "D"),
    ("ð", "d"), ("Ħ", "H"), ("ħ", "h"), ("ß", "ss"), ("Æ", "AE"), ("æ", "ae"), ("Œ", "OE"),
    ("œ", "oe"), ("ı", "i"), ("Þ", "Th"), ("þ", "th"),
]


def _fold(expr: str) -> str:
    for letter, plain in FOLDS:
        expr = f"replace({expr}, '{letter}', '{plain}')"
    return expr


# (kind, table, title expression, body expression, columns whose change re-indexes)
SOURCES = [
    ("report", "reports", "{r}.location", "{r}.description", "location, description"),
    (
        "person",
        "people",
        "trim({r}.given_name || ' ' || {r}.family_name)",
        "{r}.postcode",
        "given_name, family_name, postcode",
    ),
    ("contact", "contacts", "''", "{r}.summary", "summary"),
    ("case", "cases", "{r}.reference", "{r}.summary", "reference, summary"),
]


def _insert(kind: str, title: str, body: str, row: str) -> str:
    t, b = title.format(r=row), body.format(r=row)
    terms = _fold(f"{t} || ' ' || {b}")
    return (
        f"INSERT INTO search_map(ref_id) VALUES ({row}.id);\n"
        f"  INSERT INTO search_index(rowid, kind, ref_id, title, body, terms) VALUES ("
        f"(SELECT fts_rowid FROM search_map WHERE ref_id = {row}.id), "
        f"'{kind}', {row}.id, {t}, {b}, {terms});"
    )


def _delete(row: str) -> str:
    return (
        "DELETE FROM search_index WHERE rowid = "
        f"(SELECT fts_rowid FROM search_map WHERE ref_id = {row}.id);\n"
        f"  DELETE FROM search_map WHERE ref_id = {row}.id;"
    )


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "kind, ref_id UNINDEXED, title UNINDEXED, body UNINDEXED, terms, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    op.execute(
        "CREATE TABLE search_map ("
        "fts_rowid INTEGER PRIMARY KEY AUTOINCREMENT, ref_id VARCHAR(36) NOT NULL UNIQUE)"
    )
    for kind, table, title, body, cols in SOURCES:
        op.execute(
            f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN\n"
            f"  {_insert(kind, title, body, 'new')}\nEND"
        )
        op.execute(
            f"CREATE TRIGGER {table}_search_au AFTER UPDATE OF {cols} ON {table} BEGIN\n"
            f"  {_delete('old')}\n  {_insert(kind, title, body, 'new')}\nEND"
        )
        op.execute(
            f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN\n"
            f"  {_delete('old')}\nEND"
        )
        # Index what a profile at the first schema already holds.
        op.execute(f"INSERT INTO search_map(ref_id) SELECT id FROM {table}")
        t, b = title.format(r="r"), body.format(r="r")
        terms = _fold(f"{t} || ' ' || {b}")
        op.execute(
            "INSERT INTO search_index(rowid, kind, ref_id, title, body, terms) "
            f"SELECT m.fts_rowid, '{kind}', r.id, {t}, {b}, {terms} "
            f"FROM {table} r JOIN search_map m ON m.ref_id = r.id"
        )
    op.execute(
        "CREATE INDEX ix_cases_caseload ON cases (status, risk_rank DESC, next_action_due)"
    )
    op.execute("CREATE INDEX ix_changes_pushed ON changes (pushed, seq)")


def downgrade() -> None:
    op.execute("DROP INDEX ix_changes_pushed")
    op.execute("DROP INDEX ix_cases_caseload")
    for _kind, table, *_ in SOURCES:
        for suffix in ("ai", "au", "ad"):
            op.execute(f"DROP TRIGGER {table}_search_{suffix}")
    op.execute("DROP TABLE search_map")
    op.execute("DROP TABLE search_index")
