"""Importing tenancies from the housing management system's CSV export.

One import is one unit of work: the rows are checked in Python
(``domain.tenancy_csv``), staged with sqlite-utils in a table keyed by tenancy
reference and joined to the tenancies already held, so each row is found to be
new, changed or unchanged in one indexed pass. New tenancies are staged again
as one wide row each (tenants and visits as JSON arrays) and fanned out to
properties, tenancies, people, members and visits in SQL, change rows built by
``json_object`` (``BulkWriter.insert_select``); changed rows are rewritten with
``upsert_all``. All of it, with one audit row, is the unit's ``BEGIN
IMMEDIATE`` transaction.
A kill half-way leaves the profile as it was. Importing the same file again
finds nothing to write and writes nothing.

Ids are derived from the tenancy reference (UUID5), so two laptops importing
the same export produce the same rows and sync merges them instead of
colliding on the reference.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlite_utils

from asb_desktop.controllers.bulk_writes import BulkWriter, database
from asb_desktop.controllers.errors import UserError
from asb_desktop.domain import tenancy_csv as tcsv
from asb_desktop.domain.enums import VisitStatus
from asb_desktop.domain.visits import planned_visits, should_cancel
from asb_desktop.store import meta
from asb_desktop.store.models import (
    Person,
    Property,
    Tenancy,
    TenancyMember,
    TenancyVisit,
)
from asb_desktop.store.unit import Tx, Unit

#: Progress is told as (rows done, rows in all, what is happening).
Progress = Callable[[int, int, str], None]

_NS = uuid.UUID("6f1d4c2e-8b7a-4e59-9a43-2f0c1d7e5b10")
_MAPPING_KEY = "tenancy_mapping:"
_STAGE = "tenancy_import_stage"


class FileNotReadable(UserError):
    """The file cannot be read at all: nothing is imported (exit status 2)."""


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(_NS, "\x1f".join(parts)))


@dataclass(frozen=True)
class Preview:
    """What the import dialog shows before anything is written."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    encoding: str
    mapping: dict[str, str]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class TenancyUpdate:
    line: int
    reference: str
    what: tuple[str, ...]

    def __str__(self) -> str:
        return f"line {self.line}: {self.reference}: " + "; ".join(self.what)


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, for a dry run or a strict refusal, would do)."""

    file: str
    encoding: str
    rows: int
    added: int = 0
    updated: tuple[TenancyUpdate, ...] = ()
    unchanged: int = 0
    refused: tuple[tcsv.Refusal, ...] = ()
    visits_scheduled: int = 0
    visits_cancelled: int = 0
    dry_run: bool = False
    strict_refused: bool = False

    @property
    def written(self) -> bool:
        return not self.dry_run and not self.strict_refused and bool(
            self.added or self.updated or self.visits_cancelled or self.visits_scheduled)

    @property
    def exit_code(self) -> int:
        """0 when every row was taken or unchanged, 1 when some were refused."""
        return 1 if self.refused else 0


class _RollBack(Exception):
    """Leaves the unit's transaction without writing (dry run, nothing to do)."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__("roll back")
        self.result = result


@dataclass
class _Plan:
    writer: BulkWriter
    #: One wide row per new tenancy (its property, tenants and visits), staged
    #: with sqlite-utils and fanned out to the tables in SQL (see ``_write_new``).
    new_rows: list[dict[str, Any]] = field(default_factory=list)
    added: int = 0
    unchanged: int = 0
    updated: list[TenancyUpdate] = field(default_factory=list)
    scheduled: int = 0
    cancelled: int = 0


class TenancyImportController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    # -- mappings ---------------------------------------------------------

    def mappings(self) -> dict[str, dict[str, str]]:
        """The landlord's saved column mappings, by name."""
        with self._unit.read() as s:
            rows = s.execute(sa.text("SELECT key, value FROM meta WHERE key LIKE :k"),
                             {"k": _MAPPING_KEY + "%"}).all()
        return {k[len(_MAPPING_KEY):]: json.loads(v) for k, v in rows}

    def save_mapping(self, name: str, mapping: Mapping[str, str]) -> None:
        name = name.strip()
        if not name:
            raise UserError("Give the mapping a name, such as the housing system's.")
        unknown = set(mapping) - set(tcsv.FIELDS)
        if unknown:
            raise UserError("Unknown fields in the mapping: " + ", ".join(sorted(unknown)))
        with self._unit.write("tenancy.mapping_saved") as tx:
            meta.put(tx.session, _MAPPING_KEY + name,
                     json.dumps({k: v for k, v in mapping.items() if v}))
            tx.audit("mapping", None, f"Column mapping {name!r} saved for tenancy imports")

    def _mapping(self, headers: list[str], mapping: Mapping[str, str] | None,
                 name: str | None) -> dict[str, str]:
        if mapping is not None:
            return {k: v for k, v in mapping.items() if v}
        if name:
            saved = self.mappings()
            if name not in saved:
                known = ", ".join(sorted(saved)) or "none saved yet"
                raise FileNotReadable(f"There is no column mapping named {name!r} ({known}).")
            return saved[name]
        return tcsv.guess_mapping(headers)

    # -- reading ----------------------------------------------------------

    def _read(self, path: Path) -> tuple[str, str]:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise FileNotReadable(f"{path} cannot be read ({exc.strerror}).") from exc
        try:
            return tcsv.decode(data)
        except tcsv.UnreadableFile as exc:
            raise FileNotReadable(f"{Path(path).name}: {exc}") from exc

    def preview(self, path: Path, mapping: Mapping[str, str] | None = None,
                mapping_name: str | None = None, rows: int = 8) -> Preview:
        text, encoding = self._read(path)
        try:
            headers, data = tcsv.read_table(text)
            first = []
            for _, values in data:
                first.append(tuple(values))
                if len(first) >= rows:
                    break
        except tcsv.UnreadableFile as exc:
            raise FileNotReadable(f"{Path(path).name}: {exc}") from exc
        chosen = self._mapping(headers, mapping, mapping_name)
        missing = tuple(f for f in tcsv.REQUIRED if not chosen.get(f))
        return Preview(tuple(headers), tuple(first), encoding, chosen, missing)

    # -- importing --------------------------------------------------------

    def import_file(
        self, path: Path, mapping: Mapping[str, str] | None = None,
        mapping_name: str | None = None, dry_run: bool = False, strict: bool = False,
        progress: Progress | None = None,
    ) -> ImportResult:
        """Import (or, with ``dry_run``, only check) the file; see the module text."""
        tell = progress or (lambda _d, _t, _w: None)
        path = Path(path)
        text, encoding = self._read(path)
        try:
            headers, data = tcsv.read_table(text)
            chosen = self._mapping(headers, mapping, mapping_name)
            missing = [tcsv.FIELDS[f] for f in tcsv.REQUIRED if not chosen.get(f)]
            if missing:
                raise FileNotReadable(
                    f"{path.name}: no column is mapped to " + ", ".join(missing)
                    + ". Choose the columns (or a saved mapping with --mapping NAME).")
            absent = sorted({h for h in chosen.values() if h not in headers})
            if absent:
                raise FileNotReadable(f"{path.name}: the mapping names columns the file "
                                      f"does not have: {', '.join(absent)}")
            total = max(text.count("\n"), 1)
            good: list[tcsv.TenancyRow] = []
            refused: list[tcsv.Refusal] = []
            for row in tcsv.check_rows(headers, data, chosen):
                (good if isinstance(row, tcsv.TenancyRow) else refused).append(row)  # type: ignore[arg-type]
                if (len(good) + len(refused)) % 5000 == 0:
                    tell(len(good) + len(refused), total, "Checking rows")
        except tcsv.UnreadableFile as exc:
            raise FileNotReadable(f"{path.name}: {exc}") from exc
        base = ImportResult(file=path.name, encoding=encoding, rows=len(good) + len(refused),
                            refused=tuple(refused), dry_run=dry_run)
        if strict and refused:
            return _with(base, strict_refused=True)
        tell(0, len(good), "Comparing with the tenancies already held")
        try:
            with self._unit.write("tenancies.imported") as tx:
                plan = self._plan(tx, good)
                result = _with(base, added=plan.added, updated=tuple(plan.updated),
                               unchanged=plan.unchanged, visits_scheduled=plan.scheduled,
                               visits_cancelled=plan.cancelled)
                pending = plan.writer.pending + len(plan.new_rows)
                if dry_run or not pending:
                    raise _RollBack(result)
                tell(0, len(good), f"Saving {pending:,} tenancies and changes")
                plan.writer.flush()
                _write_new(plan)
                tx.audit("tenancies", None, _audit_line(result))
                tell(len(good), len(good), "Saved")
                return result
        except _RollBack as done:
            return done.result

    def _plan(self, tx: Tx, rows: list[tcsv.TenancyRow]) -> _Plan:
        """Stage the rows, join them to what is held, and queue the writes."""
        db = database(tx)
        stage = db.table(_STAGE)
        if stage.exists():  # left by nothing: every import drops it before committing
            stage.drop()
        stage.insert_all(({"reference": r.reference, "line": r.line} for r in rows),
                         pk="reference", batch_size=1000)
        # Read on the raw connection: tens of thousands of plain tuples, no ORM rows.
        held = {r["reference"]: r for r in _fetch(db,
            f"SELECT t.reference, t.id, t.property_id, t.tenure_type, t.start_date, t.end_date,"
            f" t.created_at, p.address, p.postcode, p.created_at AS property_created"
            f" FROM {_STAGE} s JOIN tenancies t ON t.reference = s.reference"
            f" JOIN properties p ON p.id = t.property_id")}
        members: dict[str, list[Any]] = {}
        for m in _fetch(db,
            f"SELECT m.tenancy_id, m.id AS member_id, pe.* FROM {_STAGE} s"
            " JOIN tenancies t ON t.reference = s.reference"
            " JOIN tenancy_members m ON m.tenancy_id = t.id"
            " JOIN people pe ON pe.id = m.person_id"):
            members.setdefault(m["tenancy_id"], []).append(m)
        visits: dict[str, list[Any]] = {}
        for v in _fetch(db,
            f"SELECT v.id, v.tenancy_id, v.kind, v.status, v.due_date FROM {_STAGE} s"
            " JOIN tenancies t ON t.reference = s.reference"
            " JOIN tenancy_visits v ON v.tenancy_id = t.id"):
            visits.setdefault(v["tenancy_id"], []).append(v)
        stage.drop()
        known_properties: set[str] = set()
        people_by_key: dict[tuple[Any, ...], str] = {}
        if any(r.reference not in held for r in rows):  # only new tenancies need these
            known_properties = {r[0] for r in db.execute("SELECT id FROM properties").fetchall()}
            people_by_key = {
                _person_key(given, family, _d(dob), postcode): pid
                for pid, given, family, dob, postcode in db.execute(
                    "SELECT id, given_name, family_name, date_of_birth, postcode FROM people"
                    " WHERE date_of_birth IS NOT NULL").fetchall()
            }
        officers = {name.strip().lower(): uid
                    for uid, name in db.execute("SELECT id, name FROM users").fetchall()}
        plan = _Plan(BulkWriter(tx, self._unit))
        for row in rows:
            old = held.get(row.reference)
            officer = officers.get(row.officer.lower(), self._unit.actor.user_id)
            if old is None:
                self._add(tx, plan, row, officer, known_properties, people_by_key)
            else:
                self._update(tx, plan, row, old, members.get(old["id"], []),
                             visits.get(old["id"], []), officer)
        return plan

    def _add(self, tx: Tx, plan: _Plan, row: tcsv.TenancyRow, officer: str,
             known_properties: set[str], people_by_key: dict[tuple[Any, ...], str]) -> None:
        prop_id = stable_id("property", row.property_ref or f"{row.address}|{row.postcode}".lower())
        tenancy_id = stable_id("tenancy", row.reference)
        staged: dict[str, Any] = {
            "tenancy_id": tenancy_id, "reference": row.reference, "property_id": prop_id,
            "new_property": prop_id not in known_properties, "address": row.address,
            "postcode": row.postcode, "tenure": row.tenure,
            "start_date": row.start_date.isoformat(),
            "end_date": row.end_date.isoformat() if row.end_date else None,
            "officer_id": officer,
        }
        known_properties.add(prop_id)
        tenants = []
        for t in row.tenants:
            key = _person_key(t.given_name, t.family_name, t.date_of_birth, row.postcode)
            found = people_by_key.get(key) if t.date_of_birth else None
            new = found is None
            person_id = found or stable_id("tenant", row.reference, t.name.lower(),
                                           str(t.date_of_birth))
            tenants.append({
                "id": person_id, "new": new, "member": stable_id("member", tenancy_id, person_id),
                "given": t.given_name, "family": t.family_name,
                "dob": t.date_of_birth.isoformat() if t.date_of_birth else None,
                "phone": t.phone, "email": t.email})
        planned = planned_visits(row.start_date, row.end_date, self._unit.today(),
                                 self._unit.policy.visits)
        staged["tenants"] = json.dumps(tenants)
        staged["visits"] = json.dumps([{"id": stable_id("visit", tenancy_id, kind), "kind": kind,
                                        "due": due.isoformat()} for kind, due in planned])
        plan.scheduled += len(planned)
        plan.new_rows.append(staged)
        plan.added += 1

    def _new_person(self, plan: _Plan, t: tcsv.TenantRow, row: tcsv.TenancyRow,
                    person_id: str, now: Any) -> None:
        plan.writer.insert(Person, {
            "id": person_id, "given_name": t.given_name, "family_name": t.family_name,
            "date_of_birth": t.date_of_birth, "phone": t.phone, "email": t.email,
            "address": row.address, "postcode": row.postcode, "created_at": now,
            "created_by": self._unit.actor.user_id})

    def _update(self, tx: Tx, plan: _Plan, row: tcsv.TenancyRow, old: Any,
                members: list[Any], visits: list[Any], officer: str) -> None:
        w, what = plan.writer, []
        tenancy = {"id": old["id"], "reference": row.reference, "property_id": old["property_id"],
                   "tenure_type": row.tenure, "start_date": row.start_date,
                   "end_date": row.end_date, "created_at": _dt(old["created_at"])}
        changed = []
        if old["tenure_type"] != row.tenure:
            changed.append("tenure_type")
            what.append(f"tenure {old['tenure_type']} → {row.tenure}")
        for col, label in (("start_date", "start date"), ("end_date", "end date")):
            before = _d(old[col])
            if before != tenancy[col]:
                changed.append(col)
                what.append(f"{label} {_uk(before)} → {_uk(tenancy[col])}")
        if changed:
            w.update(Tenancy, tenancy, changed)
        if (old["address"], old["postcode"]) != (row.address, row.postcode):
            w.update(Property, {"id": old["property_id"], "address": row.address,
                                "postcode": row.postcode,
                                "created_at": _dt(old["property_created"])},
                     ["address", "postcode"])
            what.append(f"address → {row.address} {row.postcode}".strip())
        what += self._tenants(tx, plan, row, old["id"], members)
        for v in visits:
            if v["status"] == VisitStatus.DUE.value and should_cancel(
                    _d(v["due_date"]), row.end_date, self._unit.today()):
                w.update(TenancyVisit, _visit_row(tx, v["id"]) | {"status": VisitStatus.CANCELLED.value},
                         ["status"])
                plan.cancelled += 1
                what.append(f"{v['kind'].replace('_', '-')} visit cancelled (tenancy ended)")
        kinds = {v["kind"] for v in visits}
        for kind, due in planned_visits(row.start_date, row.end_date, self._unit.today(),
                                        self._unit.policy.visits):
            if kind not in kinds:
                w.insert(TenancyVisit, {"id": stable_id("visit", old["id"], kind),
                                        "tenancy_id": old["id"], "kind": kind,
                                        "status": VisitStatus.DUE.value, "due_date": due,
                                        "officer_id": officer, "created_at": tx.now})
                plan.scheduled += 1
        if what:
            plan.updated.append(TenancyUpdate(row.line, row.reference, tuple(what)))
        else:
            plan.unchanged += 1

    def _tenants(self, tx: Tx, plan: _Plan, row: tcsv.TenancyRow, tenancy_id: str,
                 members: list[Any]) -> list[str]:
        """Tenants matched to the tenancy's members by name and date of birth;
        new ones added, contact details refreshed, those no longer listed removed
        from the tenancy (the person stays: they may be in a case)."""
        w, what = plan.writer, []
        by_key = {_person_key(m["given_name"], m["family_name"], _d(m["date_of_birth"])): m
                  for m in members}
        kept: set[str] = set()
        for t in row.tenants:
            m = by_key.get(_person_key(t.given_name, t.family_name, t.date_of_birth))
            if m is None:
                person_id = stable_id("tenant", row.reference, t.name.lower(),
                                      str(t.date_of_birth))
                self._new_person(plan, t, row, person_id, tx.now)
                w.insert(TenancyMember, {"id": stable_id("member", tenancy_id, person_id),
                                         "tenancy_id": tenancy_id, "person_id": person_id,
                                         "role": "tenant"})
                what.append(f"tenant {t.name} added")
                continue
            kept.add(m["member_id"])
            fresh = {k: v for k, v in (("phone", t.phone), ("email", t.email))
                     if v and v != m[k]}
            if fresh:
                person = {k: v for k, v in m.items() if k not in ("tenancy_id", "member_id")}
                person.update(fresh, date_of_birth=_d(m["date_of_birth"]),
                              created_at=_dt(m["created_at"]),
                              adjustments=json.loads(m["adjustments"] or "[]"),
                              equality=json.loads(m["equality"] or "{}"))
                w.update(Person, person, fresh)
                what.append(f"{t.name}: " + ", ".join(f"{k} updated" for k in fresh))
        for m in members:
            if m["member_id"] not in kept:
                w.delete(TenancyMember, m["member_id"])
                what.append(f"tenant {m['given_name']} {m['family_name']} no longer listed")
        return what


_NEW = "tenancy_import_new"


def _fetch(db: sqlite_utils.Database, sql: str) -> list[dict[str, Any]]:
    cur = db.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _write_new(plan: _Plan) -> None:
    """The new tenancies, staged as one wide row each, written to properties,
    tenancies, people, tenancy members and visits (with change rows) in SQL."""
    if not plan.new_rows:
        return
    w = plan.writer
    db = database(w.tx)
    stage = db.table(_NEW)
    if stage.exists():
        stage.drop()
    stage.insert_all(plan.new_rows, pk="tenancy_id", batch_size=1000)
    created_by = {"created_by": ":actor"}
    actor = {"actor": w.unit.actor.user_id}
    w.insert_select(Property, _NEW, "new_property", {
        "id": "property_id", "address": "address", "postcode": "postcode"})
    w.insert_select(Tenancy, _NEW, "1", {
        "id": "tenancy_id", "reference": "reference", "property_id": "property_id",
        "tenure_type": "tenure", "start_date": "start_date", "end_date": "end_date"})
    # Tenants and visits are staged as JSON arrays and fanned out with json_each.
    tenants = f"{_NEW}, json_each({_NEW}.tenants) AS t"
    w.insert_select(Person, tenants, "t.value ->> 'new'", {
        "id": "t.value ->> 'id'", "given_name": "t.value ->> 'given'",
        "family_name": "t.value ->> 'family'", "date_of_birth": "t.value ->> 'dob'",
        "phone": "t.value ->> 'phone'", "email": "t.value ->> 'email'",
        "address": "address", "postcode": "postcode", **created_by}, actor)
    w.insert_select(TenancyMember, tenants, "1", {
        "id": "t.value ->> 'member'", "tenancy_id": "tenancy_id",
        "person_id": "t.value ->> 'id'", "role": "'tenant'"})
    w.insert_select(TenancyVisit, f"{_NEW}, json_each({_NEW}.visits) AS v", "1", {
        "id": "v.value ->> 'id'", "tenancy_id": "tenancy_id", "kind": "v.value ->> 'kind'",
        "status": f"'{VisitStatus.DUE.value}'", "due_date": "v.value ->> 'due'",
        "officer_id": "officer_id"})
    stage.drop()


def _visit_row(tx: Tx, visit_id: str) -> dict[str, Any]:
    row = tx.session.execute(sa.select(TenancyVisit.__table__).where(
        TenancyVisit.__table__.c.id == visit_id)).mappings().one()
    return dict(row)


def _person_key(given: str, family: str, dob: date | None, postcode: str = "") -> tuple[Any, ...]:
    return (given.strip().lower(), family.strip().lower(), dob, postcode.replace(" ", "").upper())


def _d(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else value or None


def _dt(value: Any) -> Any:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _uk(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else "none"


def _with(result: ImportResult, **changes: Any) -> ImportResult:
    return replace(result, **changes)


def _audit_line(r: ImportResult) -> str:
    return (f"Tenancies imported from {r.file}: {r.added} added, {len(r.updated)} updated, "
            f"{r.unchanged} unchanged, {len(r.refused)} refused; {r.visits_scheduled} visits "
            f"scheduled, {r.visits_cancelled} cancelled")
