"""FTS5 queries. Officers type names and words, not FTS syntax, so input is
turned into quoted prefix terms that are ANDed together."""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.orm import Session

_TOKEN = re.compile(r"\w+", re.UNICODE)

#: The same letters the search index folds (migration 0002); accents that
#: decompose (é, ë, ñ...) are removed by the FTS tokenizer on both sides.
FOLDS = [
    ("Ł", "L"), ("ł", "l"), ("Ø", "O"), ("ø", "o"), ("Đ", "D"), ("đ", "d"), ("Ð", "D"),
    ("ð", "d"), ("Ħ", "H"), ("ħ", "h"), ("ß", "ss"), ("Æ", "AE"), ("æ", "ae"), ("Œ", "OE"),
    ("œ", "oe"), ("ı", "i"), ("Þ", "Th"), ("þ", "th"),
]


def fold(text: str) -> str:
    for letter, plain in FOLDS:
        text = text.replace(letter, plain)
    return text


def fts_query(text: str, kind: str | None = None) -> str | None:
    """``"smith"* "high"*`` from ``Smith, high``; None when there is nothing to search.

    With ``kind``, the row must also be of that kind, decided inside the index.
    """
    tokens = _TOKEN.findall(fold(text))
    if not tokens:
        return None
    words = " ".join(f'"{t}"*' for t in tokens[:12])
    if kind is None:
        return f"terms:({words})"
    return f'kind:"{kind}" AND terms:({words})'



def matching_ids(kind: str, text: str) -> sa.Select[tuple[str]] | None:
    """A subquery of ids of ``kind`` rows matching ``text``, for ``IN (...)`` filters.

    The ids come from ``search_map`` by rowid: reading them from the index's
    own stored rows drags in every hit's title and body too (28 ms against
    5 ms for a common surname on a 20,000-case profile)."""
    query = fts_query(text, kind)
    if query is None:
        return None
    search_index = sa.table("search_index", sa.column("rowid"))
    search_map = sa.table("search_map", sa.column("fts_rowid"), sa.column("ref_id"))
    hits = sa.select(search_index.c.rowid).where(
        sa.text("search_index MATCH :q").bindparams(sa.bindparam("q", query, unique=True))
    )
    return sa.select(search_map.c.ref_id).where(search_map.c.fts_rowid.in_(hits))


def index_rowids(text: str) -> sa.Select[tuple[int]] | None:
    """Rowids of every index row matching ``text``: integers, so joining them to
    another table costs a fraction of joining the text ids."""
    query = fts_query(text)
    if query is None:
        return None
    search_index = sa.table("search_index", sa.column("rowid"))
    return sa.select(search_index.c.rowid).where(
        sa.text("search_index MATCH :q").bindparams(sa.bindparam("q", query, unique=True))
    )


def index_size(session: Session) -> int:
    """About how many rows the search index holds (its newest rowid; no count)."""
    return int(session.execute(sa.text("SELECT max(fts_rowid) FROM search_map")).scalar() or 0)


def hit_count(session: Session, text: str, cap: int) -> int:
    """How many index rows match ``text``, counted up to ``cap``: cheap (rowids
    only), so a caller can choose how to use the hits before it reads them."""
    query = fts_query(text)
    if query is None:
        return 0
    return int(session.execute(
        sa.text("SELECT count(*) FROM (SELECT rowid FROM search_index "
                "WHERE search_index MATCH :q LIMIT :n)"),
        {"q": query, "n": cap},
    ).scalar() or 0)


def search(session: Session, text: str, limit: int = 50) -> list[tuple[str, str, str, str]]:
    """(kind, ref_id, title, snippet) best first."""
    query = fts_query(text)
    if query is None:
        return []
    rows = session.execute(
        sa.text(
            "SELECT kind, ref_id, title, snippet(search_index, 4, '[', ']', '…', 12) "
            "FROM search_index WHERE search_index MATCH :q ORDER BY rank LIMIT :n"
        ),
        {"q": query, "n": limit},
    ).all()
    return [(r[0], r[1], r[2], r[3]) for r in rows]
