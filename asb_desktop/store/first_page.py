"""The caseload's first page read straight from the file, before SQLAlchemy and
the controllers are imported.

Importing the full core takes about half a second; an officer opening the app
wants their cases on screen before that. This reader opens the file read-only
with the key, checks it is exactly the schema this version writes, and reads
the page the window opens on: the signed-in user's own open cases, highest
risk first, in the same order and with the same cells as
``CasesController.caseload`` (a test holds the two equal). Anything unusual
(a file to migrate, a damaged file, a missing user) returns ``None`` and the
normal start-up deals with it and says what is wrong.

Only the user's own cases are read, so nothing here needs the access rules:
a lead officer may open every case they lead, restricted or not.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import sqlcipher3

from asb_desktop.domain.caseload import CaseRow, FirstPage, case_row
from asb_desktop.store.schema import SCHEMA_HEADS, key_pragma

# The order of CASE_SORTS["risk"], descending, with the caseload's tie-breaks.
_PAGE = """
SELECT c.id, c.reference, c.parties_summary, c.categories, c.risk_level, u.name, c.status,
       c.next_action_due, c.opened_at, c.closed_at, c.restricted
FROM cases AS c LEFT OUTER JOIN users AS u ON u.id = c.lead_officer_id
WHERE c.status = 'open' AND c.lead_officer_id = ?
ORDER BY c.risk_rank DESC, c.next_action_due IS NULL, c.next_action_due ASC, c.opened_at, c.id
LIMIT ?
"""
#: Every caseload total is counted up to this many, or a little past the page asked
#: for (``controllers.case_views.case_page``): counting 40,000 open cases walked
#: them all for a label. A total this large reads "1,000 or more".
CASELOAD_COUNT_CAP = 1000
_COUNT = ("SELECT count(*) FROM (SELECT 1 FROM cases WHERE status = 'open' "
          "AND lead_officer_id = ? LIMIT ?)")


def _row(values: tuple[object, ...], today: date) -> CaseRow:
    """The stored text turned into the types SQLAlchemy would have given."""
    (cid, ref, parties, cats, risk, officer, status, due, opened, closed, restricted) = values
    return case_row(
        id=str(cid), reference=str(ref), parties=str(parties or ""),
        categories=json.loads(str(cats)) if cats else (), risk_level=str(risk),
        officer=str(officer or ""), status=str(status),
        next_action_due=date.fromisoformat(str(due)) if due else None,
        opened_at=datetime.fromisoformat(str(opened)),
        closed_at=datetime.fromisoformat(str(closed)) if closed else None,
        restricted=bool(restricted), today=today,
    )


def read_first_page(db: Path, key: bytes, today: date, limit: int = 100) -> FirstPage | None:
    """The first page, or None when the normal start-up should handle this file."""
    if not db.exists():
        return None
    try:
        conn = sqlcipher3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True,
                                  check_same_thread=False)
    except sqlcipher3.Error:
        return None
    try:
        conn.execute(key_pragma(key))
        conn.execute("PRAGMA query_only = ON")
        heads = {str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version")}
        if heads != SCHEMA_HEADS:
            return None
        facts = dict(conn.execute(
            "SELECT key, value FROM meta WHERE key IN ('user_id', 'demo')").fetchall())
        user = conn.execute("SELECT id, name, role FROM users WHERE id = ?",
                            (facts.get("user_id"),)).fetchone()
        if user is None:
            return None
        rows = conn.execute(_PAGE, (user[0], limit)).fetchall()
        cap = max(CASELOAD_COUNT_CAP, limit + 1)
        total = int(conn.execute(_COUNT, (user[0], cap)).fetchone()[0])
        return FirstPage(
            user_id=str(user[0]), user_name=str(user[1]), role=str(user[2]),
            demo=facts.get("demo") == "1", rows=tuple(_row(r, today) for r in rows), total=total,
        )
    except (sqlcipher3.Error, ValueError, TypeError):
        return None
    finally:
        conn.close()
