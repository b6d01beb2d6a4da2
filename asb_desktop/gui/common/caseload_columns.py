"""The caseload's columns, shared by the live caseload and the first page
shown while the app loads, so both look the same. Kept free of the
controllers so the first page can be drawn before they are imported."""

from __future__ import annotations

from asb_desktop.domain.caseload import CaseRow
from asb_desktop.domain.enums import CaseStatus, Category
from asb_desktop.gui.common.paged_model import Column
from asb_desktop.gui.common.widgets import RISK_COLOURS, due_text, label_of, risk_text

OVERDUE = RISK_COLOURS["high"]


def _categories(row: CaseRow) -> str:
    return ", ".join(label_of(c, Category) for c in row.categories)


def _status(row: CaseRow) -> str:
    status = label_of(row.status, CaseStatus)
    return f"{status} · Restricted" if row.restricted else status


#: What an officer scans the caseload for comes first, so it fits a 1366 px
#: laptop beside the case without scrolling sideways: the first ``KEY_COLUMNS``.
COLUMNS: list[Column[CaseRow]] = [
    Column("Reference", lambda r: r.reference, "reference", 140),
    Column("Parties", lambda r: r.parties or "—", "parties", 160),
    Column("Risk", lambda r: risk_text(r.risk_level), "risk", 72,
           colours=lambda r: RISK_COLOURS.get(r.risk_level)),
    Column("Status", _status, "status", 124),
    Column("Next action due", lambda r: due_text(r.next_action_due, r.overdue), "due", 160,
           colours=lambda r: OVERDUE if r.overdue else None),
    Column("Days open", lambda r: str(r.days_open), "-opened", 84),
    Column("Category", _categories, None, 140),
    Column("Officer", lambda r: r.officer, None, 130),
]
KEY_COLUMNS = 6
OFFICER_COLUMN = 7
