"""Exports for analysts (CSV) and the day's visit pack (PDF), each audited.

The CSV exports read with sqlite-utils' ``query`` on the profile's own
(encrypted) connection: a row is a dict keyed by column, which is what
``csv.DictWriter`` wants, without building ORM objects for every tenancy.
Cases are exported only as this user may see them: a restricted case the user
may not open keeps its reference and the word Restricted, and no names leave
the profile in any export (analysts count; they do not need residents).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import sqlite_utils

from asb_desktop.controllers.access import RESTRICTED_LABEL, hidden_cases
from asb_desktop.controllers.documents import DocumentsController, export_with_audit
from asb_desktop.controllers.errors import UserError
from asb_desktop.controllers.visits import VisitsController
from asb_desktop.documents.pages import Prepared
from asb_desktop.store.unit import Unit

EXPORTS = ("tenancies", "visits", "cases")

_QUERIES = {
    "tenancies": """
        SELECT t.reference AS tenancy_reference, p.address, p.postcode, t.tenure_type AS tenure,
               t.start_date, t.end_date,
               (SELECT count(*) FROM tenancy_members m WHERE m.tenancy_id = t.id) AS tenants,
               (SELECT count(*) FROM tenancy_visits v
                 WHERE v.tenancy_id = t.id AND v.status = 'due') AS visits_due
        FROM tenancies t JOIN properties p ON p.id = t.property_id
        ORDER BY t.reference""",
    "visits": """
        SELECT t.reference AS tenancy_reference, p.postcode, v.kind, v.status, v.due_date,
               v.visit_date, u.name AS officer,
               json_array_length(v.checklist) AS terms_explained,
               v.acknowledged
        FROM tenancy_visits v JOIN tenancies t ON t.id = v.tenancy_id
        JOIN properties p ON p.id = t.property_id LEFT JOIN users u ON u.id = v.officer_id
        ORDER BY v.due_date, t.reference""",
    "cases": """
        SELECT c.id, c.reference, c.status, c.risk_level, c.categories, c.hate_incident,
               c.hate_strands, c.restricted, date(c.opened_at) AS opened,
               date(c.closed_at) AS closed, c.outcome, c.lead_agency,
               u.name AS lead_officer
        FROM cases c LEFT JOIN users u ON u.id = c.lead_officer_id
        ORDER BY c.opened_at, c.reference""",
}
_MASKED = ("status", "risk_level", "categories", "hate_incident", "hate_strands", "opened",
           "closed", "outcome", "lead_agency", "lead_officer")


def _safe(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class ExportsController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    def csv_text(self, kind: str) -> tuple[str, int]:
        """The export as CSV text and its row count."""
        if kind not in EXPORTS:
            raise UserError(f"Nothing to export called {kind!r}; choose {', '.join(EXPORTS)}.")
        with self._unit.read() as s:
            db = sqlite_utils.Database(s.connection().connection.driver_connection,
                                       execute_plugins=False)
            rows: Iterable[dict[str, Any]] = db.query(_QUERIES[kind])
            if kind == "cases":
                hidden_q = hidden_cases(self._unit.actor)
                hidden = set(s.scalars(hidden_q)) if hidden_q is not None else set()
                rows = _mask_cases(rows, hidden)
            buffer = io.StringIO()
            count = 0
            writer: csv.DictWriter[str] | None = None
            for row in rows:
                if writer is None:
                    writer = csv.DictWriter(buffer, fieldnames=list(row), lineterminator="\r\n")
                    writer.writeheader()
                writer.writerow({k: _safe(v) for k, v in row.items()})
                count += 1
            if writer is None:  # no rows: the header alone still says what the file holds
                names = [d[0] for d in db.execute(_QUERIES[kind] + " LIMIT 0").description]
                buffer.write(",".join(n for n in names if n != "id") + "\r\n")
        return buffer.getvalue(), count

    def export_csv(self, kind: str, out: Path) -> int:
        """Write the export (UTF-8 with a byte-order mark, so Excel reads it
        right) and its audit row together."""
        text, count = self.csv_text(kind)
        self._save(Path(out), ("\ufeff" + text).encode("utf-8"), "export",
                   f"{kind.capitalize()} exported as CSV ({count} rows) to {out}")
        return count

    def visit_pack(self, day: date) -> tuple[bytes, int]:
        """The day's visit pack for the signed-in officer, and how many visits it holds."""
        from asb_desktop.documents.visit_pack import visit_pack_pdf

        sheets = VisitsController(self._unit).visit_pack(day)
        actor = self._unit.actor
        pdf = visit_pack_pdf(sheets, day, actor.name, Prepared(actor.name, self._unit.today()))
        return pdf, len(sheets)

    def export_visit_pack(self, day: date, out: Path) -> int:
        pdf, count = self.visit_pack(day)
        self._save(Path(out), pdf, "visit_pack",
                   f"Visit pack for {day.isoformat()} ({count} visits) exported to {out}")
        return count

    def record_output(self, day: date, how: str, where: str) -> None:
        """A visit pack printed or saved from the preview is audited like any document."""
        DocumentsController(self._unit).record_output(
            how, f"Visit pack for {day.isoformat()}", "visit_pack", None, "officer", where)

    def _save(self, out: Path, data: bytes, entity: str, detail: str) -> None:
        ending = ".csv" if entity != "visit_pack" else ".pdf"
        export_with_audit(self._unit, data, out, entity, None, detail, ending)


def _mask_cases(rows: Iterable[dict[str, Any]], hidden: set[str]) -> Iterator[dict[str, Any]]:
    for row in rows:
        case_id = row.pop("id")
        if case_id in hidden:
            row.update({k: "" for k in _MASKED}, restricted=RESTRICTED_LABEL)
        else:
            row["restricted"] = "yes" if row["restricted"] else "no"
        yield row
