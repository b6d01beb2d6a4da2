"""A case restricted after it was shared is forgotten on laptops that may not open it.

What a restricted case's rows look like on the share is decided when they are
sent (``sealing``). A case restricted later was, until then, sent in clear, and
every officer's laptop holds it. Once the restriction reaches a laptop whose
user may not open the case, that laptop keeps only the case as its caseload
shows it (``sealing.STUB_FIELDS``) and forgets the rest: the case's parties,
people known only from it, its reports, contacts and everything else on it,
the audit rows about them and the change history that wrote them, overwritten
on disk (``secure_delete``). Nothing is sent: the other laptops keep theirs.

Nothing unsent is ever forgotten: a case with this laptop's own unsent changes
waits until they have reached the share (the next sync). If the user is named
on the case later, what was sent sealed opens for them; what was sent in clear
before the restriction is not sent again (docs/sync.md).
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.domain.permissions import CaseFacts, may_open_case
from asb_desktop.store.models import Base, Change, SyncConflict, SyncReceived
from asb_desktop.store.purge import Plan, plan_purge
from asb_desktop.store.unit import Unit
from asb_desktop.sync.merge import chunks
from asb_desktop.sync.sealing import STUB_BLANKS


def _hidden(s: Session, user_id: str, role: str) -> list[str]:
    cases, access = Base.metadata.tables["cases"], Base.metadata.tables["case_access"]
    named: dict[str, set[str]] = {}
    for case_id, uid in s.execute(sa.select(access.c.case_id, access.c.user_id)):
        named.setdefault(case_id, set()).add(uid)
    out = []
    for r in s.execute(sa.select(cases.c.id, cases.c.reference, cases.c.lead_officer_id,
                                 cases.c.summary, cases.c.parties_summary)
                       .where(cases.c.restricted.is_(True))):
        facts = CaseFacts(r.reference, True, r.lead_officer_id, frozenset(named.get(r.id, set())))
        if not may_open_case(user_id, role, facts):
            out.append(r.id)
    return out


def _still_held(s: Session, plan: Plan) -> bool:
    """Anything of the case beyond its stub is still here."""
    if len(plan.rows) > 1:
        return True
    cases = Base.metadata.tables["cases"]
    for part in chunks(sorted(plan.rows["cases"])):
        if s.scalar(sa.select(sa.func.count()).select_from(cases).where(
                cases.c.id.in_(part), sa.or_(cases.c.summary != "", cases.c.parties_summary != ""))):
            return True
    return False


def _unsent(s: Session, me: str, keys: Iterable[tuple[str, str]]) -> bool:
    by_entity: dict[str, list[str]] = {}
    for entity, entity_id in keys:
        by_entity.setdefault(entity, []).append(entity_id)
    for entity, ids in by_entity.items():
        for part in chunks(sorted(ids)):
            if s.scalar(sa.select(sa.func.count()).select_from(Change).where(
                    Change.device_id == me, Change.pushed.is_(False), Change.entity == entity,
                    Change.entity_id.in_(part))):
                return True
    return False


def forget_hidden(unit: Unit) -> list[str]:
    """Forget, on this laptop, restricted cases its user may not open; returns their ids."""
    a = unit.actor
    with unit.store.write_sessions() as s, s.begin():
        hidden = _hidden(s, a.user_id, a.role)
        if not hidden:
            return []
        plan = plan_purge(s, hidden)
        plan.rows.pop("case_access", None)  # who is named travels in clear: arrivals are checked on it
        if not _still_held(s, plan):
            return []
        keys = {(table, i) for table, ids in plan.rows.items() for i in ids}
        if _unsent(s, a.device_id, keys):
            return []
        conn = s.connection()
        before = conn.exec_driver_sql("PRAGMA secure_delete").scalar()
        conn.exec_driver_sql("PRAGMA secure_delete=ON")
        try:
            _erase(s, plan)
        finally:
            conn.exec_driver_sql(f"PRAGMA secure_delete={int(before or 0)}")
        return sorted(plan.rows["cases"])


def _erase(s: Session, plan: Plan) -> None:
    """Core statements only: nothing here is captured as a change, so nothing travels."""
    tables = Base.metadata.tables
    audit = tables["audit"]
    every = sorted({i for ids in plan.rows.values() for i in ids})
    for part in chunks(every):
        about = sa.select(audit.c.id).where(audit.c.entity_id.in_(part))
        history = sa.select(Change.change_id).where(Change.entity == "audit", Change.entity_id.in_(about))
        s.execute(sa.delete(SyncReceived).where(SyncReceived.change_id.in_(history)))
        s.execute(sa.delete(Change).where(Change.entity == "audit", Change.entity_id.in_(about)))
        s.execute(sa.delete(audit).where(audit.c.entity_id.in_(part)))
    for table in reversed(Base.metadata.sorted_tables):
        ids = plan.rows.get(table.name)
        if not ids:
            continue
        for part in chunks(sorted(ids)):
            where = (Change.entity == table.name) & Change.entity_id.in_(part)
            s.execute(sa.delete(SyncReceived).where(
                SyncReceived.change_id.in_(sa.select(Change.change_id).where(where))))
            s.execute(sa.delete(Change).where(where))
            s.execute(sa.delete(SyncConflict).where(SyncConflict.entity == table.name,
                                                    SyncConflict.entity_id.in_(part)))
            if table.name == "cases":
                s.execute(sa.update(table).where(table.c.id.in_(part)).values(STUB_BLANKS))
            else:
                s.execute(sa.delete(table).where(table.c.id.in_(part)))
    s.execute(sa.text("INSERT INTO search_index(search_index) VALUES('optimize')"))
