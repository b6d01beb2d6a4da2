"""Random casework by two officers and a supervisor, some of it forged past the
controllers by one rogue laptop, synced in random orders: the laptops that
forged nothing end identical within what each may read, and no forged change is
applied on any of them.

What the generator covers:

* the starting point: two to four cases opened through the controllers by
  random laptops, with a random lead officer, some restricted (by their lead
  or the supervisor) with random named officers, all synced everywhere;
* then random steps by random laptops: reports, contacts, risk changes and
  new parties through the controllers (a refusal, such as a contact on a
  restricted case the officer may not open, is what an officer would see,
  and is part of the run), syncs by random laptops, and forged writes by the
  one rogue laptop of the run (either officer or the supervisor): lifting a
  restriction, a contact on a restricted case it may not open, naming itself
  on a case it does not lead, changing its own role, deleting or rewording an
  audit row, and a contact claiming to be another user's;
* at the end, three rounds of sync everywhere in a random order.

Who may see each case is settled before the random steps (restricting,
naming and who leads a restricted case change in the starting point only).
Each laptop judges an arriving change by what it holds, so a restriction made
on one laptop while another writes to the case offline is decided differently
depending on which arrives first (the write stays where it arrived before the
restriction, and is refused where it arrived after); that race is outside this
property, as are two laptops naming the same officer at once.

The rogue laptop keeps its own forgeries (it wrote them past its own
controllers, and works on from them), so it is compared with nobody. What is
checked on the other two: they hold the same synced rows within what both may
read (of a case hidden from either, its stub, and nothing that hangs off it);
neither holds any forged change; each forged change is recorded as refused on
every one of them that receives it (a laptop that may not open a restricted
case never receives what travels sealed for it); nothing of their own was
refused, nothing was quarantined, and a laptop that may open every case
received all the rest of the rogue laptop's work.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from asb_desktop.controllers.access import AccessController
from asb_desktop.controllers.errors import UserError
from asb_desktop.domain.inputs import CaseInput, ContactInput, PersonInput
from asb_desktop.domain.permissions import CaseFacts, manage_refusal, may_open_case
from asb_desktop.store.capture import CaptureContext
from asb_desktop.store.models import AuditEntry, Case, CaseAccess, Contact, User, new_id
from asb_desktop.sync.sealing import STUB_FIELDS
from tests.conftest import noise_report
from tests.sync.conftest import (
    Device,
    enrolled_team,
    snapshot,
    sync_all,
    synced_tables,
)

ROLES = ("officer", "officer", "supervisor")  # Ada, Ben, Cat: the template profiles
RISKS = ("low", "medium", "high")
LEGIT = ["report", "contact", "contact", "risk", "risk", "party", "sync", "sync", "sync"]
FORGED = ["lift", "blind_contact", "blind_contact", "name_self", "own_role", "delete_audit",
          "reword_audit", "claim"]
OPS = LEGIT + FORGED

#: One case of the starting point: who opens it, who leads it, whether it is
#: restricted, which officers are named on it, and whether its lead (rather
#: than the supervisor) restricts it and names them.
case_spec = st.tuples(st.integers(0, 2), st.integers(0, 2), st.sampled_from([True, True, False]),
                      st.frozensets(st.integers(0, 1)), st.booleans())
step = st.tuples(st.integers(0, 2), st.sampled_from(OPS), st.integers(0, 50), st.integers(1, 240))


@dataclass
class Forgery:
    """A change its author was not allowed to make, and what every other laptop must keep."""

    what: str
    change_ids: set[str]
    table: str
    row_id: str
    column: str | None  # None: the row must not exist; else it keeps ``allowed``
    allowed: Any = None
    #: The restricted case the forged row travels sealed with, if any: a laptop that may
    #: not open it never receives the change (only, for a case row, its stub).
    sealed_with: str | None = None

    def held_by(self, d: Device) -> bool:
        """True when ``d`` holds the forged state rather than the allowed one."""
        table = sa.table(self.table, sa.column("id"), *([sa.column(self.column)] if self.column else []))
        with d.app.store.engine.connect() as conn:
            row = conn.execute(sa.select(table).where(table.c.id == self.row_id)).first()
        if self.column is None:
            return row is not None
        return row is None or bool(getattr(row, self.column) != self.allowed)


def _forge(d: Device, edit: Callable[[Session], None], as_user: str | None = None) -> set[str]:
    """A write past the controllers, as an altered copy of the app could make it, with
    an audit row of its own as a controller would write; returns the ids of the
    forged change rows (the audit row too when it claims another user)."""
    unit = d.app.unit
    user = as_user or unit.actor.user_id
    changes = sa.table("changes", sa.column("change_id"), sa.column("entity"), sa.column("entity_id"))
    with d.app.store.engine.connect() as conn:
        before = set(conn.execute(sa.select(changes.c.change_id)).scalars())
    audit = AuditEntry(at=unit.now(), user_id=user, device_id=unit.actor.device_id,
                       action="forged", entity="case", entity_id="-", detail="forged")
    with unit.store.write_sessions() as s:
        s.info["capture"] = CaptureContext(unit.actor.device_id, user, unit.stamp)
        with s.begin():
            edit(s)
            s.add(audit)
    with d.app.store.engine.connect() as conn:
        new = {(r.change_id, r.entity, r.entity_id) for r in conn.execute(sa.select(changes))
               if r.change_id not in before}
    return {cid for cid, entity, eid in new if as_user or (entity, eid) != ("audit", audit.id)}


def _ids(d: Device, table: str, order: str) -> list[str]:
    """Ids in an order that is the same in every run (ids themselves are random, and a
    choice by id would make a failing example pick something else when replayed)."""
    with d.app.store.engine.connect() as conn:
        return list(conn.execute(sa.text(f"SELECT id FROM {table} ORDER BY {order}")).scalars())


def _facts(d: Device) -> dict[str, CaseFacts]:
    """Who may see each case, as the starting point left it on every laptop."""
    with d.app.unit.read() as s:
        named: dict[str, set[str]] = {}
        for a in s.scalars(sa.select(CaseAccess)):
            named.setdefault(a.case_id, set()).add(a.user_id)
        return {c.id: CaseFacts(c.reference, c.restricted, c.lead_officer_id,
                                frozenset(named.get(c.id, set())))
                for c in s.scalars(sa.select(Case).order_by(Case.reference))}


def _start(devices: list[Device], cases: list[tuple[int, int, bool, frozenset[int], bool]]) -> None:
    """Open, restrict and name through the controllers, each by someone allowed."""
    users = [d.app.unit.actor.user_id for d in devices]
    opened = []
    for n, (opener, lead, _r, _named, _by_lead) in enumerate(cases):
        d = devices[opener]
        report = d.app.reports.log_report(noise_report(description=f"Starting report {n}"))
        opened.append(d.app.cases.open_case(CaseInput(report_ids=[report.id], summary=f"Case {n}",
                                                      lead_officer_id=users[lead])).id)
    sync_all(devices)
    for case_id, (_o, lead, restricted, named, by_lead) in zip(opened, cases, strict=True):
        if not restricted:
            continue
        access = AccessController((devices[lead] if by_lead else devices[2]).app.unit)
        access.set_restricted(case_id, True, "Domestic abuse disclosed")
        for officer in sorted(named - {lead}):
            access.name_officer(case_id, users[officer], "Joint visits")
    sync_all(devices)


def _legit(d: Device, op: str, pick: int) -> None:
    if op == "sync":
        d.sync.sync_now()
        return
    if op == "report":
        d.app.reports.log_report(noise_report(description=f"Report {pick}"))
        return
    cases = _ids(d, "cases", "reference")
    case_id = cases[pick % len(cases)]
    if op == "contact":
        d.app.casework.record_contact(ContactInput(case_id=case_id, summary=f"Note {pick}"))
    elif op == "risk":
        d.app.cases.set_risk(case_id, RISKS[pick % 3], f"Reason {pick}")
    elif op == "party":
        d.app.cases.add_party(case_id, "witness",
                              new=PersonInput(given_name=f"Given{pick}", family_name=f"F{pick}"))


def _forgery(rogue: Device, role: str, op: str, pick: int, facts: dict[str, CaseFacts],
             audit_ids: dict[str, str], others: list[str]) -> Forgery | None:
    """The rogue laptop's forged write ``op``, aimed at something its user may not
    change by the starting point's rules; None when there is no such target."""
    me = rogue.app.unit.actor.user_id
    now = rogue.app.unit.now()

    def choose(ids: list[str]) -> str | None:
        return ids[pick % len(ids)] if ids else None

    if op in ("lift", "name_self"):
        with rogue.app.unit.read() as s:
            mine = set(s.scalars(sa.select(CaseAccess.case_id).where(CaseAccess.user_id == me)))
        case_id = choose([i for i, f in facts.items() if f.restricted and manage_refusal(me, role, f)
                          and (op == "lift" or i not in mine)])
        if case_id is None:
            return None
        if op == "lift":
            def lift(s: Session) -> None:
                case = s.get(Case, case_id)
                assert case is not None
                case.restricted = False
            return Forgery(op, _forge(rogue, lift), "cases", case_id, "restricted", True, case_id)
        grant = CaseAccess(id=new_id(), case_id=case_id, user_id=me, granted_at=now, granted_by=me,
                           reason="forged")
        return Forgery(op, _forge(rogue, lambda s: s.add(grant)), "case_access", grant.id, None)
    if op in ("blind_contact", "claim"):
        blind = [i for i, f in facts.items() if not may_open_case(me, role, f)]
        case_id = choose(blind if op == "blind_contact" else sorted(facts))
        if case_id is None:
            return None
        author = others[pick % 2] if op == "claim" else me
        contact = Contact(id=new_id(), case_id=case_id, method="note", summary=f"Forged {op} {pick}", at=now,
                          created_by=author)
        changes = _forge(rogue, lambda s: s.add(contact), as_user=author if op == "claim" else None)
        return Forgery(op, changes, "contacts", contact.id, None,
                       sealed_with=case_id if facts[case_id].restricted else None)
    if op == "own_role":
        wanted = "officer" if role == "supervisor" else "supervisor"

        def promote(s: Session) -> None:
            user = s.get(User, me)
            assert user is not None
            user.role = wanted
        return Forgery(op, _forge(rogue, promote), "users", me, "role", role)
    audit_id = choose(list(audit_ids))
    assert audit_id is not None
    with rogue.app.unit.read() as s:
        if s.get(AuditEntry, audit_id) is None:  # deleted by an earlier forgery of this run
            return None
    detail = audit_ids[audit_id]  # its wording before any forgery
    if op == "delete_audit":
        def delete(s: Session) -> None:
            s.delete(s.get(AuditEntry, audit_id))
        return Forgery(op, _forge(rogue, delete), "audit", audit_id, "detail", detail)

    def reword(s: Session) -> None:
        entry = s.get(AuditEntry, audit_id)
        assert entry is not None
        entry.detail = "Nothing happened here"
    return Forgery(op, _forge(rogue, reword), "audit", audit_id, "detail", detail)


def _hidden(user_id: str, role: str, facts: dict[str, CaseFacts]) -> set[str]:
    return {i for i, f in facts.items() if not may_open_case(user_id, role, f)}


def _both_may_read(snaps: list[dict[str, list[tuple[Any, ...]]]],
                   hidden: set[str]) -> list[dict[str, list[tuple[Any, ...]]]]:
    """``snaps`` cut down to what every one of their laptops may read: of a case hidden
    from any of them, the stub the caseload shows; nothing that hangs off it (its
    reports, parties, contacts and whatever hangs off those), nobody named on those
    rows, and no audit row about any of it. Someone who also appears on an open case
    is left out too, which makes the comparison a little weaker, never wrong."""
    tables = {t.name: t for t in synced_tables()}
    rows = [{name: [dict(zip(tables[name].c.keys(), r, strict=True)) for r in snap[name]]
             for name in snap} for snap in snaps]
    gone = set(hidden)
    for snap in rows:
        for name, listed in snap.items():
            link = "case_id" if "case_id" in tables[name].c else None
            gone.update(r["id"] for r in listed if name != "cases" and link and r[link] in hidden)
        for name, listed in snap.items():
            if "report_id" in tables[name].c:
                gone.update(r["id"] for r in listed if r["report_id"] in gone)
    for snap in rows:
        for name, listed in snap.items():
            people = [fk.parent.name for fk in tables[name].foreign_keys
                      if fk.column.table.name == "people"]
            gone.update(r[col] for r in listed if r["id"] in gone for col in people if r[col])
    out = []
    for snap in rows:
        view: dict[str, list[tuple[Any, ...]]] = {}
        for name, listed in snap.items():
            kept = []
            for r in listed:
                if name == "cases" and r["id"] in hidden:
                    kept.append(tuple(v for k, v in r.items() if k == "id" or k in STUB_FIELDS))
                elif r["id"] not in gone and not (name == "audit" and r["entity_id"] in gone):
                    kept.append(tuple(r.values()))
            view[name] = sorted(kept)
        out.append(view)
    return out


def _set_aside(d: Device) -> list[tuple[str, str, str]]:
    with d.app.store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(
            "SELECT change_id, device_id, reason FROM sync_set_aside WHERE kind = 'refused'"))]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
# Every forgery an officer can try, on a case the supervisor restricted to herself, one
# the officer is named on but does not lead, and an open one; then the supervisor's.
@example(cases=[(2, 2, True, frozenset(), False), (0, 0, False, frozenset(), False),
                (0, 0, True, frozenset([1]), True)], rogue=1,
         steps=[(1, "lift", 0, 5), (1, "blind_contact", 0, 5), (0, "contact", 1, 5), (1, "sync", 0, 5),
                (1, "name_self", 1, 5), (1, "own_role", 0, 5), (2, "risk", 0, 5),
                (1, "delete_audit", 3, 5), (1, "reword_audit", 4, 5), (1, "claim", 0, 5),
                (1, "contact", 0, 5), (0, "sync", 0, 5)],
         skews=(0, 0, 0), order=[2, 0, 1])
@example(cases=[(0, 1, True, frozenset(), True), (1, 1, False, frozenset(), False)], rogue=2,
         steps=[(2, "own_role", 0, 5), (2, "delete_audit", 1, 5), (0, "sync", 0, 5),
                (2, "reword_audit", 2, 5), (2, "claim", 1, 5), (2, "contact", 0, 5), (1, "risk", 0, 5)],
         skews=(30, -30, 0), order=[1, 2, 0])
@given(cases=st.lists(case_spec, min_size=2, max_size=4),
       rogue=st.integers(0, 2),
       steps=st.lists(step, min_size=8, max_size=25),
       skews=st.tuples(*[st.integers(-24 * 60, 24 * 60)] * 3),
       order=st.permutations([0, 1, 2]))
def test_forged_changes_are_refused_everywhere_and_honest_laptops_agree(
    template_profiles: list[Path], cases: list[tuple[int, int, bool, frozenset[int], bool]],
    rogue: int, steps: list[tuple[int, str, int, int]], skews: tuple[int, int, int],
    order: list[int],
) -> None:
    where = Path(tempfile.mkdtemp(prefix="asb-sync-perm-"))
    devices = enrolled_team(template_profiles, where)
    try:
        sync_all(devices)  # every laptop knows every user
        _start(devices, cases)
        facts = _facts(devices[rogue])
        assert all(_facts(d) == facts for d in devices), "the starting point is everywhere"
        with devices[rogue].app.store.engine.connect() as conn:
            audit_ids = {r.id: r.detail for r in conn.execute(sa.text(
                "SELECT id, detail FROM audit WHERE action NOT LIKE 'sync.%' "
                "ORDER BY at, action, detail, device_id"))}
        held_audit = {i: set(_ids(d, "audit", "id")) for i, d in enumerate(devices)}
        others = [d.app.unit.actor.user_id for i, d in enumerate(devices) if i != rogue]
        for d, skew in zip(devices, skews, strict=True):
            d.clock.advance(minutes=skew)
        forged: list[Forgery] = []
        for who, op, pick, minutes in steps:
            d = devices[rogue] if op in FORGED else devices[who]
            d.clock.advance(minutes=minutes)
            if op in FORGED:
                made = _forgery(d, ROLES[rogue], op, pick, facts, audit_ids, others)
                if made is not None and made.change_ids:  # not a repeat that changed nothing
                    assert made.held_by(d), f"the forged {made.what} took effect on its own laptop"
                    forged.append(made)
                    event(f"forged {made.what} by the {ROLES[rogue]}")
                continue
            # A restricted case this officer may not open: refused, as the officer sees it.
            try:
                _legit(d, op, pick)
            except UserError:
                event(f"{op} refused by the controller")
        sync_all([devices[i] for i in order], rounds=3)

        honest = [i for i in range(3) if i != rogue]
        hidden = {i: _hidden(devices[i].app.unit.actor.user_id, ROLES[i], facts) for i in honest}
        views = _both_may_read([snapshot(devices[i].app) for i in honest], set().union(*hidden.values()))
        assert views[0] == views[1]
        rogue_device = devices[rogue].app.unit.actor.device_id
        for i in honest:
            d = devices[i]
            refused = _set_aside(d)
            assert {device for _, device, _ in refused} <= {rogue_device}, \
                f"an honest laptop's change was refused: {refused}"
            refused_ids = {cid for cid, _, _ in refused}
            for f in forged:
                if f.table == "audit" and f.row_id not in held_audit[i]:
                    continue  # an audit row about a case this laptop may not open
                assert not f.held_by(d), f"forged {f.what} applied on {d.app.unit.actor.name}"
                if f.sealed_with not in hidden[i]:
                    assert f.change_ids <= refused_ids, \
                        f"forged {f.what} not recorded as refused on {d.app.unit.actor.name}"
            with d.app.store.engine.connect() as conn:
                held = conn.execute(sa.text("SELECT reason FROM sync_quarantine")).scalars().all()
                arrived = set(conn.execute(sa.text("SELECT change_id FROM changes")).scalars())
            assert held == [], held
            if not hidden[i]:  # a laptop that may open every case receives all the rogue sent
                with devices[rogue].app.store.engine.connect() as conn:
                    sent = set(conn.execute(sa.text("SELECT change_id FROM changes WHERE device_id = :me"),
                                            {"me": rogue_device}).scalars())
                assert sent <= arrived | refused_ids, "the rest of the rogue laptop's work arrived"
    finally:
        for d in devices:
            d.app.close()
        shutil.rmtree(where, ignore_errors=True)
