"""Applying other devices' changes to this profile.

Rules, decided per row from that row's whole change history (local and
imported changes are kept alike in ``changes``):

* a row exists while its newest edit is newer than everything any delete of
  it had seen: deletes are tombstones, and an edit the deleter had not seen
  wins (union by id falls out of this for append-only tables);
* each field takes the value of the change with the highest clock stamp
  (last writer wins by hybrid logical clock);
* a safety-critical field set by two changes from the same earlier stamp to
  different values also becomes a conflict for a person to decide; the
  higher stamp shows meanwhile, and any later edit made after seeing both
  settles it.

A change to a row a retention purge erased, or a new row hanging off one (a
contact added offline to a case purged meanwhile), is dropped and recorded in
``sync_set_aside`` with its address only, never its values: the purge wins on
every device, and no such change ever holds a bundle back.

Everything here is SQLAlchemy Core on the caller's write transaction: ORM
writes would be captured as new local changes and pushed back out.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.domain.case_summary import next_action_due, parties_summary
from asb_desktop.domain.enums import ActionStatus, RiskLevel
from asb_desktop.domain.hlc import Stamp
from asb_desktop.store.models import Base, Change, SyncSetAside, new_id
from asb_desktop.store.purge import PURGED, is_purge_tombstone, purged_keys
from asb_desktop.sync.arrival import Signer, refused_changes
from asb_desktop.sync.bundle import WireChange
from asb_desktop.sync.errors import BundleRejected

#: Fields two devices must not silently overwrite in each other.
CONFLICT_FIELDS: dict[str, tuple[str, ...]] = {
    "cases": ("risk_level", "restricted", "lead_officer_id", "status"),
}
#: Rows two devices may add independently that the schema allows only once. When
#: both arrive, every replica keeps the one with the smaller id (it is the same
#: fact recorded twice), so the second bundle applies instead of being held back.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "case_parties": ("case_id", "person_id", "role"),
    # Two laptops naming the same officer on a case while apart.
    "case_access": ("case_id", "user_id"),
}
#: Base key a delete carries: the newest stamp of the row its author had seen.
ROW_BASE = "*"
_CHUNK = 500
_LATE = float("inf")


@dataclass
class Hist:
    seq: float
    change_id: str
    op: str
    fields: dict[str, Any]
    hlc: str
    device_id: str
    user_id: str | None
    bases: dict[str, str] | None  # None: a local change, whose base follows from local order


def chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def load_history(s: Session, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[Hist]]:
    by_entity: dict[str, list[str]] = {}
    for entity, entity_id in keys:
        by_entity.setdefault(entity, []).append(entity_id)
    out: dict[tuple[str, str], list[Hist]] = {}
    ch, rec = Base.metadata.tables["changes"], Base.metadata.tables["sync_received"]
    for entity, ids in by_entity.items():
        for part in chunks(sorted(set(ids))):
            rows = s.execute(
                sa.select(ch.c.seq, ch.c.change_id, ch.c.op, ch.c.fields, ch.c.hlc,
                          ch.c.device_id, ch.c.user_id, ch.c.entity_id, rec.c.bases)
                .select_from(ch.outerjoin(rec, rec.c.change_id == ch.c.change_id))
                .where(ch.c.entity == entity, ch.c.entity_id.in_(part))
            ).all()
            for r in rows:
                out.setdefault((entity, r.entity_id), []).append(
                    Hist(r.seq, r.change_id, r.op, r.fields or {}, r.hlc, r.device_id,
                         r.user_id, r.bases)
                )
    for hist in out.values():
        hist.sort(key=lambda h: h.seq)
    return out


def resolve_bases(entity: str, hist: list[Hist]) -> list[dict[str, str]]:
    """Each change's bases: stored for imported ones, from local order for ours."""
    watched = CONFLICT_FIELDS.get(entity, ())
    newest: dict[str, str] = {}
    newest_any = ""
    out: list[dict[str, str]] = []
    for h in hist:
        if h.bases is not None:
            bases = h.bases
        else:
            bases = {f: newest.get(f, "") for f in watched if f in h.fields}
            if h.op == "delete":
                bases[ROW_BASE] = newest_any
        out.append(bases)
        for f in h.fields:
            newest[f] = max(newest.get(f, ""), h.hlc)
        newest_any = max(newest_any, h.hlc)
    return out


def local_bases(s: Session, rows: Sequence[Change]) -> dict[str, dict[str, str]]:
    """Bases for our own changes about to be pushed (only those that need one)."""
    needy = [r for r in rows
             if r.op == "delete" or any(f in r.fields for f in CONFLICT_FIELDS.get(r.entity, ()))]
    if not needy:
        return {}
    hist = load_history(s, {(r.entity, r.entity_id) for r in needy})
    wanted = {r.change_id for r in needy}
    out: dict[str, dict[str, str]] = {}
    for (entity, _), rows_ in hist.items():
        for h, bases in zip(rows_, resolve_bases(entity, rows_), strict=True):
            if h.change_id in wanted:
                out[h.change_id] = bases
    return out


# -- converting JSON values back to column values ---------------------------------


def _converter(col: sa.Column[Any]) -> Any:
    if isinstance(col.type, sa.DateTime):
        return lambda v: datetime.fromisoformat(v) if isinstance(v, str) else v
    if isinstance(col.type, sa.Date):
        return lambda v: date.fromisoformat(v) if isinstance(v, str) else v
    return None


@functools.cache
def _table(entity: str) -> sa.Table:
    table = Base.metadata.tables.get(entity)
    mapper = next((m for m in Base.registry.mappers if m.local_table is table), None)
    if table is None or mapper is None or not getattr(mapper.class_, "__synced__", True):
        raise BundleRejected(
            f"A bundle holds changes to {entity!r}, which this version of asb-desktop does not "
            "know; update asb-desktop on this device."
        )
    return table


def _values(table: sa.Table, fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in fields.items():
        col = table.c[name]
        conv = _converter(col)
        out[name] = conv(value) if conv and value is not None else value
    return out


def validate(changes: Sequence[WireChange]) -> None:
    for c in changes:
        table = _table(c.entity)
        unknown = set(c.fields) - set(table.c.keys())
        if unknown or c.op not in ("upsert", "delete") or "id" in c.fields:
            raise BundleRejected(
                f"A bundle holds a change to {c.entity} this version cannot apply "
                f"({', '.join(sorted(unknown)) or c.op}); update asb-desktop on this device."
            )
        try:
            Stamp.decode(c.hlc)
        except ValueError as exc:
            raise BundleRejected("A bundle holds a change with a damaged clock stamp.") from exc


# -- applying -----------------------------------------------------------------------


@dataclass
class Applied:
    changes: int = 0
    rows: int = 0
    conflicts: int = 0
    newest: str = ""
    cases: set[str] = field(default_factory=set)
    #: Changes dropped because a purge erased their row (recorded in ``sync_set_aside``).
    dropped: int = 0
    #: Changes this profile could not apply, kept whole in ``sync_set_aside`` for a supervisor.
    set_aside: int = 0
    #: People that only dropped rows referred to: the caller erases any left unreferenced.
    orphans: set[str] = field(default_factory=set)


def arriving_purges(changes: Iterable[WireChange]) -> set[tuple[str, str]]:
    """Rows these changes erase under retention (a purge's tombstones)."""
    return {(c.entity, c.entity_id) for c in changes if is_purge_tombstone(c.op, c.bases)}


def apply_changes(s: Session, changes: Sequence[WireChange], now: datetime,
                  seq: int | Mapping[str, int] = 0,
                  signers: Mapping[str, Signer] | None = None) -> Applied:
    """Merge ``changes`` into the profile inside the caller's write transaction.

    ``seq`` is the bundle they came in, or each change id's bundle when
    several bundles are applied together (recorded with anything set aside).
    ``signers`` names the user each device is enrolled for on the roster; every
    change is judged as that user's (``arrival``). None on a share with no roster.
    """
    validate(changes)
    result = Applied()
    ids = [c.change_id for c in changes]
    known: set[str] = set()
    for part in chunks(ids):
        known.update(s.scalars(sa.select(Change.change_id).where(Change.change_id.in_(part))))
        known.update(s.scalars(sa.select(SyncSetAside.change_id).where(SyncSetAside.change_id.in_(part))))
    fresh = [c for c in changes if c.change_id not in known]
    fresh, dropped, result.orphans = _without_purged(s, fresh)
    if dropped:
        _set_aside_purged(s, dropped, now, seq)
        result.dropped = len(dropped)
    fresh, refused = refused_changes(s, fresh, signers)
    for c, reason in refused:
        set_aside(s, c, "refused", reason, now, seq if isinstance(seq, int) else seq.get(c.change_id, 0))
    result.set_aside += len(refused)
    if not fresh:
        return result
    keys = {(c.entity, c.entity_id) for c in fresh}
    hist = load_history(s, keys)
    affected_cases = _cases_touched(s, fresh)
    s.execute(sa.insert(Base.metadata.tables["changes"]), [
        {"change_id": c.change_id, "entity": c.entity, "entity_id": c.entity_id, "op": c.op,
         "fields": c.fields, "hlc": c.hlc, "device_id": c.device_id, "user_id": c.user_id,
         "pushed": True} for c in fresh
    ])
    s.execute(sa.insert(Base.metadata.tables["sync_received"]),
              [{"change_id": c.change_id, "bases": c.bases} for c in fresh])
    incoming: dict[tuple[str, str], set[str]] = {}
    for c in fresh:
        hist.setdefault((c.entity, c.entity_id), []).append(
            Hist(_LATE, c.change_id, c.op, c.fields, c.hlc, c.device_id, c.user_id, c.bases))
        incoming.setdefault((c.entity, c.entity_id), set()).add(c.change_id)
    existing = _existing_ids(s, keys)
    writes = _Writes()
    for key, new_ids in incoming.items():
        rows = hist[key]
        bases = resolve_bases(key[0], rows)
        _settle(writes, key, rows, bases, new_ids, key in existing)
        if key[0] in CONFLICT_FIELDS:
            result.conflicts += _note_conflicts(s, key, rows, bases, now)
    result.rows = writes.flush(s)
    affected_cases |= _cases_touched(s, fresh)
    recompute_cases(s, affected_cases)
    result.changes = len(fresh)
    result.newest = max(c.hlc for c in fresh)
    result.cases = affected_cases
    return result


def _foreign_keys(table: sa.Table) -> list[tuple[str, str]]:
    """(column, parent table) for each foreign key of a synced table."""
    return [(fk.parent.name, fk.column.table.name) for fk in table.foreign_keys]


def _without_purged(
    s: Session, fresh: list[WireChange]
) -> tuple[list[WireChange], list[WireChange], set[str]]:
    """Split off the changes a purge has overtaken.

    Dropped: any upsert of a row a purge erased, and any upsert naming, through
    a foreign key, a row that was purged or is itself being dropped here (so a
    note on a contact on a purged case goes too). An audit row about such a
    row is kept (that something was done still matters) with its wording
    replaced, as the purge did to the audit rows it found. Returns the kept
    changes, the dropped ones and the people the dropped rows referred to.
    """
    incoming = arriving_purges(fresh)
    upserts = [c for c in fresh if c.op == "upsert"]
    if not upserts:
        return fresh, [], set()
    wanted: set[tuple[str, str]] = {(c.entity, c.entity_id) for c in upserts}
    for c in upserts:
        for col, parent in _foreign_keys(_table(c.entity)):
            if isinstance(c.fields.get(col), str):
                wanted.add((parent, c.fields[col]))
    gone = incoming | purged_keys(s, wanted - incoming)
    if not gone:
        return fresh, [], set()
    dropped: dict[str, WireChange] = {}
    grown = True
    while grown:
        grown = False
        for c in upserts:
            if c.change_id in dropped:
                continue
            links = [(parent, c.fields.get(col)) for col, parent in _foreign_keys(_table(c.entity))]
            if (c.entity, c.entity_id) in gone or any(k in gone for k in links):
                dropped[c.change_id] = c
                gone.add((c.entity, c.entity_id))
                grown = True
    gone_ids = {i for _, i in gone}
    kept: list[WireChange] = []
    for c in fresh:
        if c.change_id in dropped:
            continue
        if c.entity == "audit" and c.op == "upsert" and c.fields.get("entity_id") in gone_ids \
                and "detail" in c.fields:
            c = WireChange(c.change_id, c.entity, c.entity_id, c.op, {**c.fields, "detail": PURGED},
                           c.hlc, c.device_id, c.user_id, c.bases)
        kept.append(c)
    orphans = {c.fields[col] for c in dropped.values()
               for col, parent in _foreign_keys(_table(c.entity))
               if parent == "people" and isinstance(c.fields.get(col), str)}
    return kept, list(dropped.values()), orphans


def _set_aside_purged(s: Session, dropped: list[WireChange], now: datetime,
                      seq: int | Mapping[str, int]) -> None:
    """Only where each dropped change was going: its values are the purged data itself."""
    s.execute(sa.insert(SyncSetAside).prefix_with("OR IGNORE"), [
        {"change_id": c.change_id, "device_id": c.device_id,
         "seq": seq if isinstance(seq, int) else seq.get(c.change_id, 0), "entity": c.entity,
         "entity_id": c.entity_id, "kind": "purged",
         "reason": f"A change to {c.entity.replace('_', ' ')} that a retention purge had erased; "
                   "dropped, as the purge decided.",
         "change": None, "at": now}
        for c in dropped
    ])


def set_aside_unappliable(s: Session, c: WireChange, reason: str, now: datetime, seq: int) -> None:
    """Kept whole, for a supervisor: the change is not purged data, only data this profile refused."""
    set_aside(s, c, "unappliable", reason, now, seq)


def set_aside(s: Session, c: WireChange, kind: str, reason: str, now: datetime, seq: int) -> None:
    s.execute(sa.insert(SyncSetAside).prefix_with("OR IGNORE").values(
        change_id=c.change_id, device_id=c.device_id, seq=seq, entity=c.entity,
        entity_id=c.entity_id, kind=kind, reason=reason, change=c.to_json(), at=now))


def _existing_ids(s: Session, keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
    by_entity: dict[str, list[str]] = {}
    for entity, entity_id in keys:
        by_entity.setdefault(entity, []).append(entity_id)
    out: set[tuple[str, str]] = set()
    for entity, ids in by_entity.items():
        table = _table(entity)
        for part in chunks(ids):
            out.update((entity, i) for i in s.scalars(sa.select(table.c.id).where(table.c.id.in_(part))))
    return out


class _Writes:
    """Row writes collected per table and column set, sent as executemany batches."""

    def __init__(self) -> None:
        self.inserts: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}
        self.updates: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}
        self.deletes: dict[str, list[str]] = {}

    def dedupe(self, s: Session) -> None:
        """Apply the NATURAL_KEYS rule to rows about to be inserted."""
        for (entity, cols), rows in self.inserts.items():
            natural = NATURAL_KEYS.get(entity)
            if not natural or not set(natural) <= set(cols):
                continue
            table = _table(entity)
            kept = []
            for row in rows:
                twin = s.scalar(sa.select(table.c.id).where(
                    table.c.id != row["id"], *(table.c[k] == row[k] for k in natural)))
                if twin is not None and twin < row["id"]:
                    continue
                if twin is not None:
                    self.deletes.setdefault(entity, []).append(twin)
                kept.append(row)
            rows[:] = kept

    def flush(self, s: Session) -> int:
        self.dedupe(s)
        n = 0
        for entity, ids in self.deletes.items():
            table = _table(entity)
            for part in chunks(ids):
                s.execute(sa.delete(table).where(table.c.id.in_(part)))
            n += len(ids)
        for (entity, _), rows in self.inserts.items():
            if rows:
                s.execute(sa.insert(_table(entity)), rows)
            n += len(rows)
        for (entity, cols), rows in self.updates.items():
            table = _table(entity)
            stmt = (sa.update(table).where(table.c.id == sa.bindparam("_row_id"))
                    .values({c: sa.bindparam(f"_v_{c}") for c in cols}))
            s.execute(stmt, [{"_row_id": r["id"], **{f"_v_{c}": r[c] for c in cols}}
                             for r in rows])
            n += len(rows)
        return n


def _settle(
    writes: _Writes, key: tuple[str, str], rows: list[Hist], bases: list[dict[str, str]],
    new_ids: set[str], exists: bool,
) -> None:
    entity, entity_id = key
    table = _table(entity)
    upserts = [h for h in rows if h.op == "upsert"]
    deleted_upto = max((b.get(ROW_BASE, "") for h, b in zip(rows, bases, strict=True)
                        if h.op == "delete"), default=None)
    newest_edit = max((h.hlc for h in upserts), default=None)
    alive = newest_edit is not None and (deleted_upto is None or newest_edit > deleted_upto)
    if not alive:
        if exists:
            writes.deletes.setdefault(entity, []).append(entity_id)
        return
    winner: dict[str, Hist] = {}
    for h in upserts:
        for f in h.fields:
            if f not in winner or h.hlc > winner[f].hlc:
                winner[f] = h
    if not exists:
        values = _values(table, {f: w.fields[f] for f, w in winner.items()})
        writes.inserts.setdefault((entity, tuple(sorted(values))), []).append(
            {"id": entity_id, **values})
        return
    changed = {f: w.fields[f] for f, w in winner.items() if w.change_id in new_ids}
    if changed:
        values = _values(table, changed)
        writes.updates.setdefault((entity, tuple(sorted(values))), []).append(
            {"id": entity_id, **values})


def _note_conflicts(
    s: Session, key: tuple[str, str], rows: list[Hist], bases: list[dict[str, str]], now: datetime
) -> int:
    entity, entity_id = key
    table = Base.metadata.tables["sync_conflicts"]
    found = 0
    for f in CONFLICT_FIELDS[entity]:
        setters = [(h, b.get(f, "")) for h, b in zip(rows, bases, strict=True)
                   if h.op == "upsert" and f in h.fields]
        groups: dict[str, list[Hist]] = {}
        for h, base in setters:
            groups.setdefault(base, []).append(h)
        for base, group in groups.items():
            if len({json.dumps(h.fields[f], sort_keys=True) for h in group}) < 2:
                continue
            top = max(h.hlc for h in group)
            settled = any(b >= top for _, b in setters)
            candidates = [
                {"value": h.fields[f], "hlc": h.hlc, "device_id": h.device_id,
                 "user_id": h.user_id, "change_id": h.change_id}
                for h in sorted(group, key=lambda h: h.hlc)
            ]
            row = s.execute(sa.select(table.c.id, table.c.status).where(
                table.c.entity == entity, table.c.entity_id == entity_id,
                table.c.field == f, table.c.base == base)).first()
            if row is None:
                s.execute(sa.insert(table).values(
                    id=new_id(), entity=entity, entity_id=entity_id, field=f, base=base,
                    candidates=candidates, status="resolved" if settled else "open",
                    found_at=now, resolved_at=now if settled else None))
                found += 0 if settled else 1
            else:
                # The status follows from the whole group as it stands, never from the order
                # changes arrived in: a stamp that settled it earlier may be outranked by a
                # late arrival, and every device must end with the same answer.
                values: dict[str, Any] = {"candidates": candidates}
                if settled and row.status == "open":
                    values.update(status="resolved", resolved_at=now)
                elif not settled and row.status != "open":
                    values.update(status="open", resolved_at=None)
                    found += 1
                s.execute(sa.update(table).where(table.c.id == row.id).values(**values))
    return found


# -- columns each replica derives for itself ----------------------------------------


#: The rows ``recompute_case`` reads: a change to anything else (a contact, a note)
#: leaves the caseload columns as they were, so it costs no recomputation.
_FEEDS_CASELOAD = ("reports", "actions", "case_parties")


def _cases_touched(s: Session, changes: Sequence[WireChange]) -> set[str]:
    """Cases whose derived columns may change: their own rows, reports, parties, actions, people."""
    out: set[str] = set()
    t = Base.metadata.tables
    by_entity: dict[str, list[str]] = {}
    for c in changes:
        by_entity.setdefault(c.entity, []).append(c.entity_id)
        if c.entity == "cases":
            out.add(c.entity_id)
        elif c.entity in _FEEDS_CASELOAD and isinstance(c.fields.get("case_id"), str):
            out.add(c.fields["case_id"])
    for entity in _FEEDS_CASELOAD:
        for part in chunks(by_entity.get(entity, [])):
            tab = t[entity]
            out.update(x for x in s.scalars(sa.select(tab.c.case_id).where(tab.c.id.in_(part))) if x)
    cp = t["case_parties"]
    for part in chunks(by_entity.get("people", [])):
        out.update(s.scalars(sa.select(cp.c.case_id).where(cp.c.person_id.in_(part))))
    return out


def recompute_case(s: Session, case_id: str) -> None:
    """The caseload columns of one case; see :func:`recompute_cases`."""
    recompute_cases(s, [case_id])


def recompute_cases(s: Session, case_ids: Iterable[str]) -> None:
    """The caseload columns ``refresh_case`` keeps, from the merged rows (never the risk level).

    Set-wise, a few queries per 500 cases: a morning pull touches thousands of
    cases, and five queries for each one was most of its time.
    """
    t = Base.metadata.tables
    cases, reports, parties, people, actions = (
        t["cases"], t["reports"], t["case_parties"], t["people"], t["actions"])
    for part in chunks(sorted(set(case_ids))):
        levels: dict[str, str] = {r.id: r.risk_level for r in s.execute(
            sa.select(cases.c.id, cases.c.risk_level).where(cases.c.id.in_(part)))}
        if not levels:
            continue
        reps: dict[str, list[Any]] = {}
        for r in s.execute(sa.select(reports.c.case_id, reports.c.categories, reports.c.hate_strands,
                                     reports.c.hate_incident).where(reports.c.case_id.in_(part))):
            reps.setdefault(r.case_id, []).append(r)
        sides: dict[str, list[tuple[str, str, str]]] = {}
        for case_id, role, given, family in s.execute(
            sa.select(parties.c.case_id, parties.c.role, people.c.given_name, people.c.family_name)
            .join(people, people.c.id == parties.c.person_id).where(parties.c.case_id.in_(part))
            .order_by(parties.c.case_id, parties.c.person_id, parties.c.role)  # as refresh_case reads
        ):
            sides.setdefault(case_id, []).append((role, given, family))
        dues: dict[str, list[Any]] = {}
        for case_id, due_date in s.execute(
            sa.select(actions.c.case_id, actions.c.due_date)
            .where(actions.c.case_id.in_(part), actions.c.status == ActionStatus.OPEN.value)
        ):
            dues.setdefault(case_id, []).append(due_date)
        rows = []
        for case_id, level in levels.items():
            mine = reps.get(case_id, [])
            rows.append({
                "_case": case_id,
                "categories": sorted({c for r in mine for c in (r.categories or [])}),
                "hate_strands": sorted({h for r in mine for h in (r.hate_strands or [])}),
                "hate_incident": any(bool(r.hate_incident) for r in mine),
                "risk_rank": RiskLevel(level).rank,
                "parties_summary": parties_summary(sides.get(case_id, [])),
                "next_action_due": next_action_due(dues.get(case_id, [])),
            })
        columns = [k for k in rows[0] if k != "_case"]
        s.execute(sa.update(cases).where(cases.c.id == sa.bindparam("_case"))
                  .values({k: sa.bindparam(f"_v_{k}") for k in columns}),
                  [{"_case": r["_case"], **{f"_v_{k}": r[k] for k in columns}} for r in rows])
