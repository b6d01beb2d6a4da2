"""Erasing a case past its retention period, and every copy of it the profile keeps.

Records of ASB, hate incidents and domestic abuse are special-category data:
once the retention period is over, keeping them is itself a breach. So a purge
removes the case, every row that belongs only to it (found by following foreign
keys rather than from a list, so a table added later is not forgotten), and the
people who appear nowhere else. It also removes the copies: the change-log rows
that hold each purged row's values as JSON, sync bookkeeping about them, the
full-text index entries and drafts that mention them. Audit rows are kept (that
something was done, by whom and when, still matters) with their wording
replaced, so no name or account survives in them.

Deletes are made through the ORM, so change capture writes a tombstone for
each purged row and other devices delete it too when they next sync. The sync
merge keeps a deleted row alive if it has an edit newer than the newest one the
deleter had seen (its base, normally derived from the row's change history,
which the purge removes). A purge must win over such an edit, not be undone by
an officer correcting a phone number on a laptop that has not synced for a
while, so each tombstone's base is recorded explicitly, the way an imported
change's bases are, as ``PURGE_BASE``: later than any clock stamp.

Everything runs inside the caller's write transaction with ``secure_delete``
on, so the pages the purged rows occupied are zeroed rather than left readable
in free space.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
import sqlcipher3
from sqlalchemy.orm import Session

from asb_desktop.store import meta
from asb_desktop.store.engine import Store
from asb_desktop.store.models import (
    AuditEntry,
    Base,
    Case,
    Change,
    Draft,
    Person,
    SyncConflict,
    SyncReceived,
)

#: The audit action of a retention purge: its row keeps the references it purged.
PURGE_ACTION = "case.purged"
#: What an audit row about a purged record says afterwards.
PURGED = "purged under retention"
#: What replaces a purged case's reference or a purged person's name inside a kept audit row.
MENTION = "[purged under retention]"
#: Base key of a tombstone (the sync merge's ``ROW_BASE``): the newest edit it had seen.
ROW_BASE = "*"
#: A tombstone base after every clock stamp (stamps start with digits): no edit revives the row.
PURGE_BASE = "~"
#: Meta key: the last change-log row :func:`forget_purged` has looked at.
SCRUBBED_KEY = "retention.scrubbed_seq"
_CHUNK = 500


@dataclass
class Plan:
    """What a purge removes: ids per table, and the words that identify them in free text."""

    rows: dict[str, set[str]] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    #: Single words and details (a family name, a phone number) that a search might
    #: have been for; matched only in the audit rows that record searches.
    searched: list[str] = field(default_factory=list)

    def all_ids(self) -> set[str]:
        return set().union(*self.rows.values()) if self.rows else set()

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.rows.values())

    def needles(self) -> list[str]:
        """References and names as they are written in audit details, longest first."""
        words = {w for w in (*self.references, *self.names) if len(w) >= 3}
        return sorted(words, key=len, reverse=True)


@dataclass(frozen=True)
class Erased:
    rows: int
    people: int
    changes: int
    audit: int
    drafts: int


def _chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    items = sorted(ids)
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _id_tables() -> list[sa.Table]:
    """Synced tables keyed by ``id``, parents before children."""
    synced = {name for name, cls in _classes().items() if getattr(cls, "__synced__", True)}
    return [t for t in Base.metadata.sorted_tables if t.name in synced and "id" in t.c]


def _classes() -> dict[str, type[Any]]:
    """Mapped class by table name."""
    return {m.class_.__tablename__: m.class_ for m in Base.registry.mappers}


def plan_purge(s: Session, case_ids: Iterable[str]) -> Plan:
    """Every row that belongs only to these cases, and the people found nowhere else.

    A row belongs to a case when it refers to the case, or to a row that does
    (a DASH record through its risk assessment, advice through its report).
    Users are never removed: they are staff, not subjects of the case.
    """
    plan = Plan(rows={"cases": set(case_ids)})
    tables = _id_tables()
    grown = True
    while grown:
        grown = False
        for table in tables:
            for fk in table.foreign_keys:
                parent = fk.column.table.name
                if parent not in plan.rows or parent == "people":
                    continue
                found: set[str] = set()
                for part in _chunks(plan.rows[parent]):
                    found.update(s.scalars(sa.select(table.c.id).where(fk.parent.in_(part))))
                new = found - plan.rows.get(table.name, set())
                if new:
                    plan.rows.setdefault(table.name, set()).update(new)
                    grown = True
    people = _people_only_here(s, plan, tables)
    if people:
        plan.rows["people"] = people
    plan.references = sorted(s.scalars(sa.select(Case.reference).where(Case.id.in_(plan.rows["cases"]))))
    for p in s.scalars(sa.select(Person).where(Person.id.in_(people))):
        if p.given_name or p.family_name:
            plan.names.append(p.display_name)
        if p.family_name and p.given_name:
            plan.names.append(f"{p.given_name[:1]}. {p.family_name}")
        plan.searched += [x for x in (p.given_name, p.family_name, p.phone, p.email, p.address, p.postcode)
                          if len(x) >= 3]
    return plan


def _people_only_here(s: Session, plan: Plan, tables: list[sa.Table]) -> set[str]:
    refs = [(t, fk.parent) for t in tables for fk in t.foreign_keys if fk.column.table.name == "people"]
    candidates: set[str] = set()
    for table, col in refs:
        for part in _chunks(plan.rows.get(table.name, ())):
            candidates.update(
                x for x in s.scalars(sa.select(col).where(table.c.id.in_(part))) if x
            )
    elsewhere: set[str] = set()
    for table, col in refs:
        mine = plan.rows.get(table.name, set())
        for part in _chunks(candidates):
            for row_id, person_id in s.execute(sa.select(table.c.id, col).where(col.in_(part))):
                if row_id not in mine:
                    elsewhere.add(person_id)
    return candidates - elsewhere


@contextmanager
def _zeroing(s: Session) -> Iterator[None]:
    """``secure_delete`` on this transaction's connection: what is deleted is overwritten."""
    conn = s.connection()
    before = conn.exec_driver_sql("PRAGMA secure_delete").scalar()
    conn.exec_driver_sql("PRAGMA secure_delete=ON")
    try:
        yield
        s.flush()
    finally:
        conn.exec_driver_sql(f"PRAGMA secure_delete={int(before or 0)}")


def _reindex(s: Session) -> None:
    """The full-text index keeps deleted entries' terms in its segments until they are
    merged; merging now rewrites them without the purged words."""
    s.execute(sa.text("INSERT INTO search_index(search_index) VALUES('optimize')"))


def erase(s: Session, plan: Plan) -> Erased:
    """Carry out ``plan`` in the caller's write transaction (which writes the audit row)."""
    with _zeroing(s):
        changes = _drop_history(s, plan)
        _delete_rows(s, plan)
        _record_tombstone_bases(s, plan)
        audit = _rewrite_audit(s, plan)
        drafts = _drop_drafts(s, plan)
        _reindex(s)
    return Erased(plan.count, len(plan.rows.get("people", ())), changes, audit, drafts)


def _delete_rows(s: Session, plan: Plan) -> None:
    """Children first, one flush per table: the tombstones are captured in this
    order, so a device applying them in several bundles never meets a child
    whose parent has already gone."""
    classes = _classes()
    for table in reversed(_id_tables()):
        ids = plan.rows.get(table.name)
        if not ids:
            continue
        cls = classes[table.name]
        for part in _chunks(ids):
            for obj in s.scalars(sa.select(cls).where(cls.id.in_(part))):
                s.delete(obj)
        s.flush()


def _drop_history(s: Session, plan: Plan) -> int:
    """Change-log rows, their sync bases and conflicts about the purged rows: copies of the data."""
    removed = 0
    for entity, ids in plan.rows.items():
        for part in _chunks(ids):
            where = (Change.entity == entity) & Change.entity_id.in_(part)
            s.execute(sa.delete(SyncReceived).where(
                SyncReceived.change_id.in_(sa.select(Change.change_id).where(where))))
            removed += s.scalar(sa.select(sa.func.count()).select_from(Change).where(where)) or 0
            s.execute(sa.delete(Change).where(where))
            s.execute(sa.delete(SyncConflict).where(
                SyncConflict.entity == entity, SyncConflict.entity_id.in_(part)))
    return removed


def _record_tombstone_bases(s: Session, plan: Plan) -> None:
    for entity, ids in plan.rows.items():
        for part in _chunks(ids):
            tombstones = s.scalars(
                sa.select(Change.change_id)
                .where(Change.entity == entity, Change.entity_id.in_(part), Change.op == "delete")
            ).all()
            s.add_all(SyncReceived(change_id=cid, bases={ROW_BASE: PURGE_BASE}) for cid in tombstones)
    s.flush()


def _mentions(needles: list[str]) -> re.Pattern[str] | None:
    """Whole words only: "Ann Lee" is not found inside "JoAnn Leeds"."""
    if not needles:
        return None
    return re.compile("|".join(r"\b" + re.escape(n) + r"\b" for n in needles), re.IGNORECASE)


def _rewrite_audit(s: Session, plan: Plan) -> int:
    """Audit rows about purged rows keep who, when and what kind; their wording goes."""
    ids = plan.all_ids()
    needles = plan.needles()
    found: dict[str, AuditEntry] = {}
    for part in _chunks(ids):
        query = sa.select(AuditEntry).where(AuditEntry.entity_id.in_(part))
        found.update((a.id, a) for a in s.scalars(query))
    if needles:
        query = sa.select(AuditEntry).where(
            sa.or_(*(AuditEntry.detail.contains(n, autoescape=True) for n in needles)))
        found.update((a.id, a) for a in s.scalars(query))
    searched = sorted(set(plan.searched) | set(needles), key=len, reverse=True)
    if plan.searched:
        query = sa.select(AuditEntry).where(AuditEntry.entity == "search", sa.or_(
            *(AuditEntry.detail.contains(n, autoescape=True) for n in plan.searched)))
        found.update((a.id, a) for a in s.scalars(query))
    pattern, in_searches = _mentions(needles), _mentions(searched)
    wording: dict[str, str] = {}
    for row in found.values():
        if row.action == PURGE_ACTION:
            continue  # the record of the purge itself names what was purged, on every device
        if row.entity_id in ids:
            text = PURGED
        else:
            words = in_searches if row.entity == "search" else pattern
            assert words is not None
            text = words.sub(MENTION, row.detail)
        if text != row.detail:
            row.detail = text
            wording[row.id] = text
    s.flush()
    _reword_history(s, wording)
    return len(wording)


def _reword_history(s: Session, wording: dict[str, str]) -> None:
    """The change log holds each audit row's earlier wording: replace it there too,
    keeping the rows so the audit row's history (and sync's view of it) is whole."""
    for part in _chunks(wording):
        for seq, entity_id, fields in s.execute(
            sa.select(Change.seq, Change.entity_id, Change.fields)
            .where(Change.entity == "audit", Change.entity_id.in_(part))
        ):
            if "detail" in (fields or {}) and fields["detail"] != wording[entity_id]:
                s.execute(sa.update(Change).where(Change.seq == seq)
                          .values(fields={**fields, "detail": wording[entity_id]}))


def _drop_drafts(s: Session, plan: Plan) -> int:
    """A half-typed form that names a purged case or person goes with it."""
    words = [w.lower() for w in (*plan.all_ids(), *plan.needles())]
    dropped = 0
    for draft in s.scalars(sa.select(Draft)):
        text = json.dumps(draft.payload, ensure_ascii=False).lower()
        if any(w in text for w in words):
            s.delete(draft)
            dropped += 1
    s.flush()
    return dropped


def is_purge_tombstone(op: str, bases: dict[str, Any] | None) -> bool:
    return op == "delete" and (bases or {}).get(ROW_BASE) == PURGE_BASE


def purged_keys(s: Session, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of these rows a purge (here or on another device) has erased.

    The purge tombstone outlives everything else about the row (``forget_purged``
    keeps it), so it is the lasting record that a row must never come back.
    """
    by_entity: dict[str, set[str]] = {}
    for entity, entity_id in keys:
        by_entity.setdefault(entity, set()).add(entity_id)
    out: set[tuple[str, str]] = set()
    for entity, ids in by_entity.items():
        for part in _chunks(ids):
            for entity_id, bases in s.execute(
                sa.select(Change.entity_id, SyncReceived.bases)
                .join(SyncReceived, SyncReceived.change_id == Change.change_id)
                .where(Change.entity == entity, Change.entity_id.in_(part), Change.op == "delete")
            ):
                if is_purge_tombstone("delete", bases):
                    out.add((entity, entity_id))
    return out


def erase_unseen(s: Session, purged: set[tuple[str, str]]) -> Plan | None:
    """Before another device's purge applies here, erase what hangs off it that it never saw.

    A purge travels as tombstones for the rows its author held. A contact an
    officer added offline, or a report logged before the purge arrived, is a
    child the author never knew of: left alone it would keep the purged case's
    row alive through its foreign key and hold the purge back on this device
    for good. So the purge is planned again here, from this profile's own rows,
    and what the incoming tombstones do not cover is erased now (its own
    tombstones, marked as a purge's, go out to the other devices). The caller's
    session must capture changes. Returns the plan, so that after the incoming
    deletes apply :func:`finish_following` can reword the audit rows with the
    names and references the plan found; None when the purged cases are not here.
    """
    wanted = {entity_id for entity, entity_id in purged if entity == "cases"}
    present: set[str] = set()
    for part in _chunks(wanted):
        present.update(s.scalars(sa.select(Case.id).where(Case.id.in_(part))))
    if not present:
        return None
    plan = plan_purge(s, present)
    extra = Plan(rows={})
    for entity, ids in plan.rows.items():
        unseen = {i for i in ids if (entity, i) not in purged}
        if unseen:
            extra.rows[entity] = unseen
    if extra.rows:
        with _zeroing(s):
            _drop_history(s, extra)
            _delete_rows(s, extra)
            _record_tombstone_bases(s, extra)
    return plan


def finish_following(s: Session, plan: Plan) -> None:
    """After a purge from another device applied: audit wording, drafts and index, as here."""
    with _zeroing(s):
        _rewrite_audit(s, plan)
        _drop_drafts(s, plan)
        _reindex(s)


def erase_orphans(s: Session, people: set[str]) -> int:
    """Erase people that rows dropped with a purged case were the only link to.

    A person added offline together with a party row on a case that has since
    been purged arrives here without that party (it is dropped): left, the
    person would be a name kept with no case to justify it.
    """
    if not people:
        return 0
    tables = _id_tables()
    refs = [fk.parent for t in tables for fk in t.foreign_keys if fk.column.table.name == "people"]
    lonely: set[str] = set()
    for part in _chunks(people):
        here = set(s.scalars(sa.select(Person.id).where(Person.id.in_(part))))
        for col in refs:
            here -= set(s.scalars(sa.select(col).where(col.in_(part))))
        lonely |= here
    if not lonely:
        return 0
    plan = Plan(rows={"people": lonely})
    for p in s.scalars(sa.select(Person).where(Person.id.in_(lonely))):
        if p.given_name or p.family_name:
            plan.names.append(p.display_name)
    erase(s, plan)
    return len(lonely)


def forget_purged(s: Session) -> int:
    """Drop the change-log copies of purged rows that sync has brought in.

    Sync applies a purge's tombstones like any delete, and the log still holds
    every change it had imported for those rows before: their earlier values.
    Run after each sync (in the caller's write transaction), this looks at the
    purge tombstones that reached the log since it last ran: for each row one
    covers, it removes every change row but the purge tombstones, and for each
    audit row a purge reworded it rewords that row's history. Changes to a
    purged row that arrive later never reach the log (the merge drops them), so
    the work follows what arrived, never the length of the history. Returns
    how many change rows it removed.
    """
    since = int(meta.get(s, SCRUBBED_KEY, "0") or 0)
    newest = s.scalar(sa.select(sa.func.max(Change.seq))) or 0
    if newest <= since:
        return 0
    fresh = Change.seq > since
    touched: dict[str, set[str]] = {}
    for entity, entity_id, bases in s.execute(
        sa.select(Change.entity, Change.entity_id, SyncReceived.bases)
        .join(SyncReceived, SyncReceived.change_id == Change.change_id)
        .where(fresh, Change.op == "delete")
    ):
        if is_purge_tombstone("delete", bases):
            touched.setdefault(entity, set()).add(entity_id)
    removed = 0
    with _zeroing(s):
        for entity, ids in touched.items():
            for part in _chunks(ids):
                keep: dict[str, set[str]] = {}
                for entity_id, change_id, bases in s.execute(
                    sa.select(Change.entity_id, Change.change_id, SyncReceived.bases)
                    .join(SyncReceived, SyncReceived.change_id == Change.change_id)
                    .where(Change.entity == entity, Change.entity_id.in_(part), Change.op == "delete")
                ).all():
                    if is_purge_tombstone("delete", bases):
                        keep.setdefault(entity_id, set()).add(change_id)
                for entity_id, tombstones in keep.items():
                    removed += _forget_row(s, entity, entity_id, tombstones)
                # A conflict about a purged row has nothing left to decide.
                s.execute(sa.delete(SyncConflict).where(
                    SyncConflict.entity == entity, SyncConflict.entity_id.in_(part)))
        wording = {
            entity_id: fields["detail"]
            for entity_id, fields in s.execute(
                # ``entity || ''`` keeps SQLite off ix_changes_entity_row: by that index
                # it read every audit change ever logged on each pull, where the
                # rowid range of what arrived is all there is to look at.
                sa.select(Change.entity_id, Change.fields).where(
                    fresh, (Change.entity + "") == "audit",
                    sa.cast(Change.fields, sa.Text).contains(PURGED, autoescape=True)))
            if PURGED in str((fields or {}).get("detail", ""))
        }
        _reword_history(s, wording)
        if removed:
            _reindex(s)
    meta.put(s, SCRUBBED_KEY, str(newest))
    return removed


def _forget_row(s: Session, entity: str, entity_id: str, keep: set[str]) -> int:
    """Every change of the row but its purge tombstones (several devices may each have
    erased it; a tombstone holds no data, and each must reach every device)."""
    where = ((Change.entity == entity) & (Change.entity_id == entity_id)
             & Change.change_id.not_in(sorted(keep)))
    s.execute(sa.delete(SyncReceived).where(
        SyncReceived.change_id.in_(sa.select(Change.change_id).where(where))))
    n = s.scalar(sa.select(sa.func.count()).select_from(Change).where(where)) or 0
    s.execute(sa.delete(Change).where(where))
    return n


def compact(store: Store) -> bool:
    """Rebuild the file without the purged rows' leftovers, then empty the write-ahead log.

    ``secure_delete`` zeroes what the purge itself frees, but earlier edits left
    older copies of rows in page slack and on pages since reused (SQLite never
    zeroed them then). ``VACUUM`` writes every page afresh; the checkpoint then
    copies them over the old file and truncates the log, which otherwise keeps
    earlier page images. Runs after the purge has committed, on its own
    connection; returns False when another connection kept it from finishing
    (the purge stands, and the next purge or checkpoint completes the job).
    """
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        try:
            cur.execute("VACUUM")
            busy, _log, _done = cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlcipher3.OperationalError:
            return False
        finally:
            cur.close()
        return int(busy) == 0
    finally:
        raw.close()
