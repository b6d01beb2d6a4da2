"""Which case a row belongs to, read in batches.

Arrival checks (who may write to which case) and sealing (which restricted
case a change belongs to) both ask this of thousands of changes at once: a
row names its case directly (``case_id``) or through the report it hangs off
(advice, refer-backs, acknowledgements). Arrival also knows links the profile
does not hold yet, from the changes arriving with them; they are passed in
and never read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.store.models import Base

#: Rows with no case of their own: their case is their report's.
BY_REPORT = ("advice", "refer_backs", "report_acknowledgements")
#: Ids per ``IN (…)``: well under SQLite's limit on bound parameters.
CHUNK = 500


def column_of(s: Session, table: str, column: str, ids: Iterable[str]) -> dict[str, Any]:
    """One column of the rows with these ids (rows not in the profile are left out)."""
    t = Base.metadata.tables[table]
    out: dict[str, Any] = {}
    wanted = sorted(set(ids))
    for i in range(0, len(wanted), CHUNK):
        for row_id, value in s.execute(sa.select(t.c.id, t.c[column]).where(
                t.c.id.in_(wanted[i : i + CHUNK]))):
            out[row_id] = value
    return out


def link_column(table: str) -> str | None:
    """The column that leads a row of ``table`` to its case, if any."""
    t = Base.metadata.tables.get(table)
    if t is None or table == "cases":
        return None
    if "case_id" in t.c:
        return "case_id"
    return "report_id" if table in BY_REPORT else None


def case_of_rows(
    s: Session, wanted: Mapping[str, Iterable[str]],
    known: Mapping[tuple[str, str], str | None] | None = None,
    known_reports: Mapping[str, str | None] | None = None,
) -> dict[tuple[str, str], str | None]:
    """(table, row id) -> case id, for the rows in ``wanted`` (read from the profile)
    and in ``known`` (their link column's value, from arriving changes);
    ``known_reports`` are reports' cases that override the profile's."""
    links: dict[tuple[str, str], str | None] = dict(known or {})
    for table, ids in wanted.items():
        column = link_column(table)
        if column is not None:
            links.update({(table, row_id): value
                          for row_id, value in column_of(s, table, column, ids).items()})
    report_ids = {v for (table, _), v in links.items() if table in BY_REPORT and v}
    report_case: dict[str, str | None] = column_of(s, "reports", "case_id", report_ids)
    report_case.update(known_reports or {})
    return {key: (report_case.get(value) if value else None) if key[0] in BY_REPORT else value
            for key, value in links.items()}
