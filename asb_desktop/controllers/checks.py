"""Integrity checks behind ``asb-desktop check``: what an officer or IT can run
when something looks wrong, before anyone touches the file."""

from __future__ import annotations

import sqlalchemy as sa

from asb_desktop.domain.views import CheckFinding
from asb_desktop.store.models import Action, AuditEntry, Base, Case, Change
from asb_desktop.store.models.system import LOCAL_ACTIONS
from asb_desktop.store.unit import Unit


class ChecksController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    def run(self) -> list[CheckFinding]:
        findings: list[CheckFinding] = []
        with self._unit.read() as s:
            conn = s.connection()
            result = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
            findings.append(CheckFinding(result == "ok", "SQLite integrity", str(result)))
            bad_fk = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
            findings.append(
                CheckFinding(not bad_fk, "Foreign keys", f"{len(bad_fk)} broken link(s)")
            )
            try:
                conn.exec_driver_sql(
                    "INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 0)"
                )
                findings.append(CheckFinding(True, "Search index", "consistent"))
            except sa.exc.DatabaseError as exc:
                findings.append(CheckFinding(False, "Search index", str(exc.orig)))
            for table in Base.metadata.sorted_tables:
                model = next(
                    (m.class_ for m in Base.registry.mappers if m.local_table is table), None
                )
                if model is None or not getattr(model, "__synced__", True):
                    continue
                query = (
                    sa.select(sa.func.count())
                    .select_from(table)
                    .where(
                        ~table.c.id.in_(
                            sa.select(Change.entity_id).where(Change.entity == table.name)
                        )
                    )
                )
                if table.name == "audit":  # this device's own record of what it imported
                    query = query.where(table.c.action.not_in(LOCAL_ACTIONS))
                missing = s.scalar(query)
                if missing:
                    findings.append(
                        CheckFinding(False, f"Change log: {table.name}",
                                     f"{missing} row(s) would never reach the share")
                    )
            drift = s.scalar(
                sa.select(sa.func.count())
                .select_from(Case)
                .where(
                    sa.func.coalesce(Case.next_action_due, "")
                    != sa.func.coalesce(
                        sa.select(sa.func.min(Action.due_date))
                        .where(Action.case_id == Case.id, Action.status == "open")
                        .scalar_subquery(),
                        "",
                    )
                )
            )
            findings.append(
                CheckFinding(not drift, "Caseload next-due dates", f"{drift} case(s) out of step")
            )
            audits = s.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) or 0
            findings.append(CheckFinding(audits > 0, "Audit log", f"{audits} entries"))
        return findings
