"""Checking each arriving change against what its author may do.

The controllers check who may do what before they write; a laptop whose
profile was altered outside them, or a script holding the team key, could
still send such a change, so every device checks again as it applies, by the
same rules (``domain.permissions``):

* the author is the user the signing device is enrolled for on the roster,
  not whoever a change claims; a change claiming another user is refused;
* a user's role is changed only by a supervisor, never by its own user (a new
  profile's own first user row is how it joins, and is allowed);
* audit rows are append-only: never deleted, never rewritten (except a
  retention purge replacing their wording), and a device adds only its own;
* a case, and everything on it, is written only by someone who may open it;
  whether it is restricted, who leads it and who is named on it change only
  by its lead officer or a supervisor; a case is purged only by a supervisor.

A refused change is set aside with its reason for a supervisor
(``sync_set_aside``, kind "refused") and the rest of its bundle applies.

On a share without a roster yet (made by an older version) there is no
signature to name the author, so the change's own claim is used; that stops an
altered profile, not a forger who claims to be a supervisor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.domain.permissions import (
    CaseFacts,
    case_write_refusal,
    is_supervisor,
    manage_refusal,
    role_change_refusal,
)
from asb_desktop.store.models import Base, SyncReceived
from asb_desktop.store.purge import (
    MENTION,
    PURGE_BASE,
    PURGED,
    ROW_BASE,
    is_purge_tombstone,
    purged_keys,
)
from asb_desktop.sync.bundle import WireChange
from asb_desktop.sync.case_links import CHUNK, case_of_rows, link_column

#: In ``_purged_about``'s answer: some purge is known here (its names may be reworded).
_ANY_PURGE = "*any purge*"
#: How an audit row names what it is about -> the table of that row.
AUDITED = {"case": "cases", "report": "reports", "person": "people", "action": "actions",
           "advice": "advice", "refer_back": "refer_backs", "risk_assessment": "risk_assessments",
           "case_review_request": "case_review_requests"}
#: Tables whose rows hang off a report rather than a case directly.
@dataclass(frozen=True)
class Signer:
    """Who a device's changes come from, as the roster says."""

    user_id: str
    role: str


def _chunks(items: Sequence[str]) -> list[Sequence[str]]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def _author(c: WireChange, signers: Mapping[str, Signer] | None,
            roles: Mapping[str, str]) -> tuple[Signer | None, str | None]:
    """The author to judge ``c`` by, or why it is refused outright."""
    if signers is None:
        return Signer(c.user_id or "", roles.get(c.user_id or "", "")), None
    signer = signers.get(c.device_id)
    if signer is None:
        return None, "It came from a device that is not on the team's roster."
    if c.user_id != signer.user_id:
        return None, ("It claims to be written by another user than the one its laptop is "
                      "enrolled for; a laptop writes only as its own user.")
    return signer, None


def refused_changes(
    s: Session, fresh: list[WireChange], signers: Mapping[str, Signer] | None
) -> tuple[list[WireChange], list[tuple[WireChange, str]]]:
    """``fresh`` split into the changes that may apply here and those refused, with why."""
    users = Base.metadata.tables["users"]
    roles: dict[str, str] = {r.id: r.role for r in s.execute(sa.select(users.c.id, users.c.role))}
    cases = _CaseLookup(s, fresh)
    audit_rows = _existing(s, "audit", [c.entity_id for c in fresh if c.entity == "audit"])
    purged_about = _purged_about(s, fresh)
    refused: list[tuple[WireChange, str]] = []
    for c in fresh:
        author, why = _author(c, signers, roles)
        if author is not None:
            why = (_user_refusal(c, author, roles) if c.entity == "users"
                   else _audit_refusal(c, author, audit_rows, purged_about) if c.entity == "audit"
                   else cases.refusal(c, author))
        if why:
            refused.append((c, why))
            continue
        if c.entity == "users" and "role" in c.fields:
            roles[c.entity_id] = str(c.fields["role"])
        elif c.entity == "audit" and c.op == "upsert":
            audit_rows.add(c.entity_id)
        cases.take(c)
    if not refused:
        return fresh, []
    out = {c.change_id for c, _ in refused}
    return [c for c in fresh if c.change_id not in out], refused


def _user_refusal(c: WireChange, author: Signer, roles: Mapping[str, str]) -> str | None:
    if c.op == "delete":
        return "A user cannot be deleted; a supervisor makes them inactive instead."
    if "role" in c.fields:
        # The controllers' own rule, so a device refuses exactly what they would have.
        return role_change_refusal(author.user_id, author.role, c.entity_id,
                                   roles.get(c.entity_id), str(c.fields["role"]))
    return None


def _purged_about(s: Session, fresh: list[WireChange]) -> set[str]:
    """Audit rows (ids) being reworded whose subject a purge erased, here or in this batch:
    the only audit rows whose wording a purge may replace."""
    reworded = [c.entity_id for c in fresh if c.entity == "audit" and set(c.fields) == {"detail"}]
    if not reworded:
        return set()
    audit = Base.metadata.tables["audit"]
    about: dict[str, set[tuple[str, str]]] = {}
    for part in _chunks(sorted(set(reworded))):
        for row_id, entity, entity_id in s.execute(sa.select(audit.c.id, audit.c.entity,
                                                             audit.c.entity_id)
                                                   .where(audit.c.id.in_(part))):
            about[row_id] = _subject(entity, entity_id)
    for c in fresh:  # an audit row written and reworded within the same sync
        if c.entity == "audit" and c.entity_id not in about and "entity" in c.fields:
            about[c.entity_id] = _subject(str(c.fields["entity"]), str(c.fields.get("entity_id")))
    arriving = {(c.entity, c.entity_id) for c in fresh if is_purge_tombstone(c.op, c.bases)}
    wanted = set().union(*about.values()) - arriving if about else set()
    gone = arriving | purged_keys(s, wanted)
    out = {row_id for row_id, keys in about.items() if keys & gone}
    if arriving or s.scalar(sa.select(sa.exists().where(
            sa.func.json_extract(SyncReceived.bases, f'$."{ROW_BASE}"') == PURGE_BASE))):
        out.add(_ANY_PURGE)
    return out


def _subject(entity: str, entity_id: str) -> set[tuple[str, str]]:
    """The row an audit entry is about, under each table name its wording may mean
    ("case", "contact", "person": however the action spelt it)."""
    tables = {AUDITED.get(entity, entity), f"{entity}s", entity} & set(Base.metadata.tables)
    return {(t, entity_id) for t in tables}


def _audit_refusal(c: WireChange, author: Signer, audit_rows: set[str],
                   purged_about: set[str]) -> str | None:
    if c.op == "delete":
        return "An audit row was deleted; the audit log is append-only."
    if c.entity_id in audit_rows:
        detail = str(c.fields.get("detail", "")) if set(c.fields) == {"detail"} else ""
        if (detail == PURGED and c.entity_id in purged_about) or \
                (MENTION in detail and _ANY_PURGE in purged_about):
            return None  # a retention purge replacing the wording of what it erased or named
        return "An audit row was rewritten; the audit log is append-only."
    if c.fields.get("device_id") != c.device_id:
        return "An audit row claimed to come from another device; a device adds only its own."
    if "user_id" in c.fields and c.fields["user_id"] != author.user_id:
        return "An audit row claimed to be another user's; a laptop adds only its own user's."
    return None


def _existing(s: Session, entity: str, ids: list[str]) -> set[str]:
    table = Base.metadata.tables[entity]
    found: set[str] = set()
    for part in _chunks(sorted(set(ids))):
        found.update(s.scalars(sa.select(table.c.id).where(table.c.id.in_(part))))
    return found


class _CaseLookup:
    """Which case each change is about, and what the permission rule needs to know
    of it, read in a few batched queries (a morning pull has thousands of changes)."""

    def __init__(self, s: Session, fresh: list[WireChange]) -> None:
        known: dict[tuple[str, str], str | None] = {}
        wanted: dict[str, list[str]] = {}
        for c in fresh:
            column = link_column(c.entity)
            if column is None:
                continue
            value = c.fields.get(column)
            # An arriving link wins over the profile's; a row arriving without one is read.
            if column in c.fields and (column == "case_id" or isinstance(value, str)):
                known[(c.entity, c.entity_id)] = value
            else:
                wanted.setdefault(c.entity, []).append(c.entity_id)
        self._case_of = case_of_rows(
            s, wanted, known, {c.entity_id: c.fields["case_id"] for c in fresh
                               if c.entity == "reports" and "case_id" in c.fields})
        self._facts = self._load(s, {c.entity_id for c in fresh if c.entity == "cases"}
                                 | {v for v in self._case_of.values() if isinstance(v, str)})
        self._purging = {c.entity_id for c in fresh
                         if c.entity == "cases" and is_purge_tombstone(c.op, c.bases)}
        self._purged = {i for _, i in purged_keys(s, {("cases", v) for v in self._case_of.values()
                                                      if isinstance(v, str)})}

    @staticmethod
    def _load(s: Session, ids: set[str]) -> dict[str, CaseFacts]:
        cases, access = Base.metadata.tables["cases"], Base.metadata.tables["case_access"]
        out: dict[str, CaseFacts] = {}
        for part in _chunks(sorted(ids)):
            named: dict[str, set[str]] = {}
            for case_id, user_id in s.execute(sa.select(access.c.case_id, access.c.user_id)
                                              .where(access.c.case_id.in_(part))):
                named.setdefault(case_id, set()).add(user_id)
            for r in s.execute(sa.select(cases.c.id, cases.c.reference, cases.c.restricted,
                                         cases.c.lead_officer_id).where(cases.c.id.in_(part))):
                out[r.id] = CaseFacts(r.reference, bool(r.restricted), r.lead_officer_id,
                                      frozenset(named.get(r.id, set())))
        return out

    def refusal(self, c: WireChange, author: Signer) -> str | None:
        if c.entity == "cases":
            return self._case_row(c, author)
        case_id = self._case_of.get((c.entity, c.entity_id))
        facts = self._facts.get(case_id) if isinstance(case_id, str) else None
        if is_purge_tombstone(c.op, c.bases):
            # A purge followed on another laptop erases what hung off the purged case there.
            if case_id is None or case_id in self._purging or case_id in self._purged:
                return None
            return "A record was erased as if purged, but its case was not purged by a supervisor."
        if facts is None:
            return None  # not on a case, or a case this profile does not hold
        if c.entity == "case_access":
            return manage_refusal(author.user_id, author.role, facts)
        return case_write_refusal(author.user_id, author.role, facts)

    def _case_row(self, c: WireChange, author: Signer) -> str | None:
        facts = self._facts.get(c.entity_id)
        if c.op == "delete":
            if is_supervisor(author.role):
                return None
            return "Only a supervisor can purge a case; this laptop's user is not one."
        if facts is None:
            return None  # a new case: anyone may open one
        if "restricted" in c.fields or ("lead_officer_id" in c.fields and facts.restricted):
            return manage_refusal(author.user_id, author.role, facts)
        return case_write_refusal(author.user_id, author.role, facts)

    def take(self, c: WireChange) -> None:
        """Keep what an accepted change says about who may see its case, for the next ones."""
        if c.entity == "cases" and c.op == "upsert":
            old = self._facts.get(c.entity_id)
            self._facts[c.entity_id] = CaseFacts(
                str(c.fields.get("reference", old.reference if old else "")),
                bool(c.fields.get("restricted", old.restricted if old else False)),
                c.fields.get("lead_officer_id", old.lead_officer_id if old else None),
                old.named_officer_ids if old else frozenset())
        elif c.entity == "case_access" and c.op == "upsert":
            case_id = c.fields.get("case_id")
            old = self._facts.get(case_id) if isinstance(case_id, str) else None
            user = c.fields.get("user_id")
            if old is not None and isinstance(case_id, str) and isinstance(user, str):
                self._facts[case_id] = CaseFacts(
                    old.reference, old.restricted, old.lead_officer_id,
                    old.named_officer_ids | {user})

