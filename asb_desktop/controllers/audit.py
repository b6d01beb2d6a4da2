"""Reading a case and searching are logged, as the ICO expects for
special-category records, and supervisors read a case's audit trail.

A read that is logged becomes a small write (the audit row travels to the team
like any other). The audit is append-only: nothing here or elsewhere edits a
row, except the retention purge, which only rewrites wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from asb_desktop.controllers.access import CASE_GONE, AccessDenied, readable_detail
from asb_desktop.controllers.errors import NotFound
from asb_desktop.domain.views import CaseDetail
from asb_desktop.store.models import AuditEntry, Case, Report, User
from asb_desktop.store.unit import Unit

#: Longest search text kept in the audit; enough to see what was looked for.
SEARCH_KEPT = 80


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    user: str
    action: str
    detail: str


def record_search(unit: Unit, where: str, text: str) -> None:
    """One audit row per search actually run (empty filters are not searches)."""
    text = " ".join(text.split())
    if not text:
        return
    with unit.write(f"search.{where}") as tx:
        tx.audit("search", None, text[:SEARCH_KEPT])


class AuditController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    @property
    def is_supervisor(self) -> bool:
        return self._unit.actor.is_supervisor

    def view_case(self, case_id: str) -> CaseDetail:
        """Opening a case to read it. A refused attempt is logged too, then refused."""
        try:
            with self._unit.write("case.viewed") as tx:
                s = tx.session
                detail = readable_detail(s, self._unit.actor, s.get(Case, case_id), CASE_GONE,
                                         self._unit.today())
                tx.audit("case", detail.id, detail.reference)
                return detail
        except AccessDenied:
            with self._unit.write("case.view_refused") as tx:
                tx.audit("case", case_id, "restricted case: not opened")
            raise

    def case_log(self, case_id: str) -> list[AuditRow]:
        """Everything done to or with a case and its reports, newest first. Supervisors only."""
        if not self._unit.actor.is_supervisor:
            raise AccessDenied("Only a supervisor can read a case's audit log.")
        with self._unit.read() as s:
            if s.get(Case, case_id) is None:
                raise NotFound(CASE_GONE)
            reports = sa.select(Report.id).where(Report.case_id == case_id)
            rows = s.execute(
                sa.select(AuditEntry.at, User.name, AuditEntry.action, AuditEntry.detail)
                .outerjoin(User, User.id == AuditEntry.user_id)
                .where(sa.or_(AuditEntry.entity_id == case_id, AuditEntry.entity_id.in_(reports)))
                .order_by(AuditEntry.at.desc(), AuditEntry.id)
            ).all()
        return [AuditRow(at, name or "(unknown user)", action, detail) for at, name, action, detail in rows]
