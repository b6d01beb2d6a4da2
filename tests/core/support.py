"""Reading a profile's rows back the way an auditor or IT would: straight from the file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from asb_desktop.app import App
from asb_desktop.domain.inputs import CaseInput, PersonInput
from asb_desktop.domain.views import CaseDetail
from tests.conftest import noise_report

TABLES = ("reports", "people", "cases", "case_parties", "actions", "tenancies", "properties",
          "tenancy_visits", "interventions", "evidence", "contacts", "referrals", "audit", "changes")


def counts(app: App) -> dict[str, int]:
    with app.store.sessions() as s:
        return {t: s.scalar(sa.text(f"SELECT count(*) FROM {t}")) or 0 for t in TABLES}


@dataclass(frozen=True)
class AuditRow:
    user_id: str | None
    device_id: str
    action: str
    entity: str
    entity_id: str | None
    detail: str


def audit_rows(app: App) -> list[AuditRow]:
    with app.store.sessions() as s:
        rows = s.execute(sa.text(
            "SELECT user_id, device_id, action, entity, entity_id, detail FROM audit ORDER BY rowid"
        )).all()
    return [AuditRow(*r) for r in rows]


@dataclass(frozen=True)
class ChangeRow:
    entity: str
    entity_id: str
    op: str
    fields: dict[str, Any]
    device_id: str
    user_id: str | None


def change_rows(app: App, entity: str | None = None, entity_id: str | None = None) -> list[ChangeRow]:
    query = "SELECT entity, entity_id, op, fields, device_id, user_id FROM changes"
    where, params = [], {}
    if entity:
        where.append("entity = :e")
        params["e"] = entity
    if entity_id:
        where.append("entity_id = :i")
        params["i"] = entity_id
    if where:
        query += " WHERE " + " AND ".join(where)
    with app.store.sessions() as s:
        rows = s.execute(sa.text(query + " ORDER BY seq"), params).all()
    return [ChangeRow(e, i, op, json.loads(f) if isinstance(f, str) else f, d, u)
            for e, i, op, f, d, u in rows]


def person(given: str, family: str) -> PersonInput:
    return PersonInput(given_name=given, family_name=family)


def open_noise_case(app: App, **report: object) -> CaseDetail:
    """A case opened from one freshly logged report."""
    logged = app.reports.log_report(noise_report(**report))
    return app.cases.open_case(CaseInput(report_ids=[logged.id]))
