"""Who may open a case. Restricted cases (domestic abuse, safeguarding, staff
involved) open only for their lead officer, officers named on them and
supervisors; everyone else sees that the case exists and nothing more. The
rules sit here so the window, the command line and documents obey the same ones.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import InstrumentedAttribute, Session

from asb_desktop.controllers.case_views import case_detail
from asb_desktop.controllers.errors import NotFound, PermissionDenied, Problems, UserError
from asb_desktop.domain.enums import CaseStatus
from asb_desktop.domain.permissions import (
    CaseFacts,
    case_write_refusal,
    manage_refusal,
    may_open_case,
    person_hidden,
)
from asb_desktop.domain.views import CaseDetail, CaseRow, ReportRow
from asb_desktop.store.models import Case, CaseAccess, CaseParty, Person, Report, TenancyMember, User
from asb_desktop.store.unit import Actor, Unit

RESTRICTED_LABEL = "Restricted"
CASE_GONE = "That case is no longer in this profile."
PERSON_GONE = "That person is no longer in this profile."


class AccessDenied(PermissionDenied):
    """The case is restricted and this user is not among those who may open it."""


def case_facts(s: Session, case: Case) -> CaseFacts:
    """What the rule in ``domain.permissions`` needs about ``case``, read from the profile."""
    named: frozenset[str] = frozenset()
    if case.restricted:  # only a restricted case needs its named officers
        named = frozenset(s.scalars(sa.select(CaseAccess.user_id).where(CaseAccess.case_id == case.id)))
    return CaseFacts(case.reference, bool(case.restricted), case.lead_officer_id, named)


def may_open(s: Session, actor: Actor, case: Case) -> bool:
    return may_open_case(actor.user_id, actor.role, case_facts(s, case))


def require_case_write(s: Session, actor: Actor, case: Case) -> None:
    """Refuse, before anything is written, a change to a case this user may not
    open. Every controller write that touches a case or something on it calls
    this (or ``open_case_for_update``), so a refused read cannot be got round by
    writing blind."""
    refusal = case_write_refusal(actor.user_id, actor.role, case_facts(s, case))
    if refusal is not None:
        raise AccessDenied(refusal)


def require_manage(s: Session, actor: Actor, case: Case) -> None:
    """Refuse a change to who sees ``case`` by anyone but its lead officer or a supervisor."""
    refusal = manage_refusal(actor.user_id, actor.role, case_facts(s, case))
    if refusal is not None:
        raise AccessDenied(refusal)


def require_case_write_by_id(s: Session, actor: Actor, case_id: str | None) -> None:
    """As ``require_case_write`` for a row that may or may not be on a case (a report)."""
    case = s.get(Case, case_id) if case_id else None
    if case is not None:
        require_case_write(s, actor, case)


def open_case_for_update(s: Session, case_id: str, actor: Actor) -> Case:
    """The case a write is about, once this user may change it and it is still open."""
    case = s.get(Case, case_id)
    if case is None:
        raise NotFound(CASE_GONE)
    require_case_write(s, actor, case)
    if case.status == CaseStatus.CLOSED:
        raise UserError(f"Case {case.reference} is closed; reopen it before adding to it.")
    return case


def readable_person(s: Session, actor: Actor, person_id: str) -> Person:
    """A person this user may see. Someone known only from restricted cases this
    user may not open is refused with the same words as someone not here at all,
    so the refusal does not tell that a hidden victim exists."""
    person = s.get(Person, person_id)
    if person is None or (not actor.is_supervisor and _person_hidden(s, actor, person.id)):
        raise NotFound(PERSON_GONE)
    return person


def _person_hidden(s: Session, actor: Actor, person_id: str) -> bool:
    hidden = hidden_cases(actor)
    if hidden is None:
        return False
    on_hidden = s.scalar(sa.select(sa.exists().where(CaseParty.person_id == person_id,
                                                     CaseParty.case_id.in_(hidden))))
    if not on_hidden:
        return False  # the common case: one indexed look-up and done
    party_cases = s.scalars(sa.select(Case).join(CaseParty, CaseParty.case_id == Case.id)
                            .where(CaseParty.person_id == person_id)).all()
    report_cases = s.execute(sa.select(Report.case_id).where(Report.reporter_id == person_id)).scalars()
    appearances: list[CaseFacts | None] = [case_facts(s, c) for c in party_cases]
    for case_id in report_cases:
        case = s.get(Case, case_id) if case_id else None
        appearances.append(case_facts(s, case) if case is not None else None)
    if s.scalar(sa.select(sa.exists().where(TenancyMember.person_id == person_id))):
        appearances.append(None)
    return person_hidden(actor.user_id, actor.role, appearances)


def check_open(s: Session, actor: Actor, case: Case) -> None:
    if not may_open(s, actor, case):
        raise AccessDenied(
            f"{case.reference} is a restricted case. Only its lead officer, officers named "
            "on it and supervisors can open it."
        )


def readable_detail(s: Session, actor: Actor, case: Case | None, missing: str, today: date) -> CaseDetail:
    """A case as this user may read it: missing and restricted are refused alike
    for every caller that shows a case (window, command line, documents)."""
    if case is None:
        raise NotFound(missing)
    check_open(s, actor, case)
    return case_detail(s, case, today)


def hidden_cases(actor: Actor, show: InstrumentedAttribute[Any] = Case.id) -> sa.Select[Any] | None:
    """Restricted cases this user may not open (None for a supervisor): the one
    statement of the rule, used for single cases, masks and searches alike.

    Restricted cases are few, so this stays a small subquery that search and
    report lists can exclude without slowing the common path."""
    if actor.is_supervisor:
        return None
    named = sa.select(CaseAccess.id).where(
        CaseAccess.case_id == Case.id, CaseAccess.user_id == actor.user_id
    )
    return sa.select(show).where(
        Case.restricted.is_(True),
        sa.or_(Case.lead_officer_id.is_(None), Case.lead_officer_id != actor.user_id),
        ~sa.exists(named),
    )


def _closed(s: Session, actor: Actor, key: InstrumentedAttribute[Any], values: list[str]) -> set[str]:
    """Which of ``values`` (case ids or references, per ``key``) this user may not open."""
    hidden = hidden_cases(actor, key)
    if hidden is None or not values:
        return set()
    return set(s.scalars(hidden.where(key.in_(values))))


def visible_case(actor: Actor, column: InstrumentedAttribute[Any]) -> sa.ColumnElement[bool] | None:
    """A condition keeping rows whose case (``column``) this user may open, or no case."""
    hidden = hidden_cases(actor)
    if hidden is None:
        return None
    return sa.or_(column.is_(None), column.not_in(hidden))


def check_report(s: Session, actor: Actor, case_id: str | None) -> None:
    """A report on a restricted case is as closed as the case itself."""
    case = s.get(Case, case_id) if case_id else None
    if case is not None:
        check_open(s, actor, case)


def mask_report_rows(s: Session, actor: Actor, rows: list[ReportRow]) -> list[ReportRow]:
    """Reports on restricted cases this user may not open keep only date and case reference."""
    closed = _closed(s, actor, Case.reference, sorted({r.case_reference for r in rows if r.case_reference}))
    return [
        dataclasses.replace(r, reporter=RESTRICTED_LABEL, location="", categories=(),
                            hate_incident=False, excerpt="")
        if r.case_reference in closed else r
        for r in rows
    ]


def mask_rows(s: Session, actor: Actor, rows: list[CaseRow]) -> list[CaseRow]:
    """Rows of restricted cases this user may not open show the reference and 'Restricted'."""
    closed = _closed(s, actor, Case.id, [r.id for r in rows if r.restricted])
    return [
        dataclasses.replace(r, parties=RESTRICTED_LABEL, categories=()) if r.id in closed else r
        for r in rows
    ]


class AccessController:
    """Marking cases restricted and naming the officers who may open them."""

    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    def _may_manage(self, s: Session, case: Case) -> None:
        require_manage(s, self._unit.actor, case)

    def set_restricted(self, case_id: str, restricted: bool, reason: str) -> None:
        problems = Problems()
        problems.require("reason", reason, "Give the reason for changing the restriction")
        problems.raise_if_any()
        with self._unit.write("case.restricted" if restricted else "case.unrestricted") as tx:
            case = open_case_for_update(tx.session, case_id, self._unit.actor)
            self._may_manage(tx.session, case)
            case.restricted = restricted
            word = "restricted" if restricted else "no longer restricted"
            tx.audit("case", case.id, f"{case.reference} {word}: {reason.strip()}")

    def name_officer(self, case_id: str, user_id: str, reason: str) -> None:
        problems = Problems()
        problems.require("reason", reason, "Give the reason this officer needs access")
        problems.raise_if_any()
        with self._unit.write("case.access_granted") as tx:
            case = open_case_for_update(tx.session, case_id, self._unit.actor)
            self._may_manage(tx.session, case)
            user = tx.session.get(User, user_id)
            if user is None:
                raise NotFound("The chosen officer is not a known user.")
            if tx.session.scalar(sa.select(CaseAccess.id).where(
                    CaseAccess.case_id == case.id, CaseAccess.user_id == user.id)) is not None:
                raise UserError(f"{user.name} is already named on {case.reference}.")
            tx.session.add(CaseAccess(case_id=case.id, user_id=user.id, granted_at=tx.now,
                                      granted_by=self._unit.actor.user_id, reason=reason.strip()))
            tx.audit("case", case.id, f"{case.reference}: {user.name} named: {reason.strip()}")

    def remove_officer(self, case_id: str, user_id: str, reason: str) -> None:
        """Take a named officer off a case. While it is restricted they can no longer open
        it, their laptops are not given what is written on it from now on, and at their
        next sync their laptops forget it (``sync.forget``)."""
        problems = Problems()
        problems.require("reason", reason, "Give the reason this officer no longer needs access")
        problems.raise_if_any()
        with self._unit.write("case.access_removed") as tx:
            case = open_case_for_update(tx.session, case_id, self._unit.actor)
            self._may_manage(tx.session, case)
            rows = list(tx.session.scalars(sa.select(CaseAccess).where(
                CaseAccess.case_id == case.id, CaseAccess.user_id == user_id)))
            if not rows:
                raise NotFound("That officer is not named on this case.")
            for row in rows:
                tx.session.delete(row)
            user = tx.session.get(User, user_id)
            who = user.name if user else "An officer"
            tx.audit("case", case.id, f"{case.reference}: {who} no longer named: {reason.strip()}")
