"""Retention: closed cases are purged a set number of years after closure, unless held.

The landlord's policy keeps case records for ``policy.retention_years`` (six
by default) after a case closes; after that, keeping them has no lawful basis.
A supervisor sees which cases are due, confirms a list, and the app erases them
(see :mod:`asb_desktop.store.purge`). A legal hold (litigation, a
complaint to the Ombudsman, a police request) keeps a case whatever its age
until a supervisor lifts it. Every step is a supervisor's decision, so each is
refused to officers, and each is one audited write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.controllers.access import AccessDenied
from asb_desktop.controllers.errors import NotFound, Problems, UserError
from asb_desktop.domain.enums import CaseStatus
from asb_desktop.store.models import Case, LegalHold
from asb_desktop.store.purge import PURGE_ACTION, compact, erase, plan_purge
from asb_desktop.store.unit import Unit


@dataclass(frozen=True)
class DueCase:
    """A closed case past its retention period and not on hold."""

    id: str
    reference: str
    closed_on: date
    due_on: date
    years_closed: int


@dataclass(frozen=True)
class HoldView:
    case_id: str
    reference: str
    placed_at: datetime
    reason: str


@dataclass(frozen=True)
class PurgeResult:
    references: tuple[str, ...]
    rows: int  # rows removed, the cases included
    people: int  # people removed because they appeared nowhere else
    changes: int  # change-log rows removed
    audit_rewritten: int
    file_compacted: bool  # False: a reader held the checkpoint back; the next one finishes it


def due_on(closed: date, years: int) -> date:
    """The anniversary of closure ``years`` on; a case closed on 29 February waits until 1 March."""
    try:
        return closed.replace(year=closed.year + years)
    except ValueError:
        return date(closed.year + years, 3, 1)


def whole_years(since: date, today: date) -> int:
    years = today.year - since.year
    return years - 1 if (today.month, today.day) < (since.month, since.day) else years


def _active_hold() -> sa.Exists:
    return sa.exists().where(LegalHold.case_id == Case.id, LegalHold.lifted_at.is_(None))


class RetentionController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    def _supervisor_only(self, what: str) -> None:
        if not self._unit.actor.is_supervisor:
            raise AccessDenied(f"Only a supervisor can {what}.")

    def _decision(self, what: str, reason: str, ask: str) -> str:
        """A supervisor's decision with its reason, which the audit row records."""
        self._supervisor_only(what)
        problems = Problems()
        problems.require("reason", reason, ask)
        problems.raise_if_any()
        return reason.strip()

    # -- reads ----------------------------------------------------------------

    def due(self) -> list[DueCase]:
        """Closed cases past retention, oldest closure first; held cases never appear."""
        self._supervisor_only("see which cases are due for purge")
        with self._unit.read() as s:
            return self._due(s)

    def _due(self, s: Session, case_ids: Sequence[str] | None = None) -> list[DueCase]:
        today = self._unit.today()
        years = self._unit.policy.retention_years
        # Anything closed in or before this year may be due; the exact day is checked below.
        query = sa.select(Case.id, Case.reference, Case.closed_at).where(
            Case.status == CaseStatus.CLOSED.value,
            Case.closed_at.is_not(None),
            Case.closed_at < datetime(today.year - years + 1, 1, 1),
            ~_active_hold(),
        )
        if case_ids is not None:
            query = query.where(Case.id.in_(case_ids))
        out = []
        for case_id, reference, closed_at in s.execute(query.order_by(Case.closed_at, Case.reference)):
            assert closed_at is not None
            closed = closed_at.date()
            if due_on(closed, years) <= today:
                out.append(DueCase(case_id, reference, closed, due_on(closed, years),
                                   whole_years(closed, today)))
        return out

    def holds(self) -> list[HoldView]:
        self._supervisor_only("see legal holds")
        with self._unit.read() as s:
            rows = s.execute(
                sa.select(LegalHold.case_id, Case.reference, LegalHold.placed_at, LegalHold.reason)
                .join(Case, Case.id == LegalHold.case_id)
                .where(LegalHold.lifted_at.is_(None))
                .order_by(Case.reference)
            ).all()
        return [HoldView(*r) for r in rows]

    def find(self, reference: str) -> str:
        """The id of the case with this reference (the command line works in references)."""
        self._supervisor_only("manage retention")
        with self._unit.read() as s:
            case_id = s.scalar(sa.select(Case.id).where(Case.reference == reference.strip().upper()))
        if case_id is None:
            raise NotFound(f"There is no case {reference.strip()} in this profile.")
        return case_id

    # -- writes ---------------------------------------------------------------

    def place_hold(self, case_id: str, reason: str) -> None:
        why = self._decision("place a legal hold", reason, "Give the reason for the legal hold")
        with self._unit.write("case.hold_placed") as tx:
            case = self._case(tx.session, case_id)
            if self._hold(tx.session, case.id) is not None:
                raise UserError(f"{case.reference} is already on a legal hold.")
            tx.session.add(LegalHold(case_id=case.id, placed_at=tx.now,
                                     placed_by=self._unit.actor.user_id, reason=why))
            tx.audit("case", case.id, f"{case.reference}: legal hold placed: {why}")

    def lift_hold(self, case_id: str, reason: str) -> None:
        why = self._decision("lift a legal hold", reason, "Give the reason for lifting the legal hold")
        with self._unit.write("case.hold_lifted") as tx:
            case = self._case(tx.session, case_id)
            hold = self._hold(tx.session, case.id)
            if hold is None:
                raise UserError(f"{case.reference} is not on a legal hold.")
            hold.lifted_at = tx.now
            tx.audit("case", case.id, f"{case.reference}: legal hold lifted: {why}")

    def purge(self, case_ids: Sequence[str]) -> PurgeResult:
        """Erase the confirmed cases, all of them or none.

        The list was read a while ago: each case is checked again, inside the
        write, for being closed, past retention and not on hold.
        """
        self._supervisor_only("purge cases")
        wanted = list(dict.fromkeys(case_ids))
        problems = Problems()
        problems.require("cases", wanted, "Choose the cases to purge")
        problems.raise_if_any()
        with self._unit.write(PURGE_ACTION) as tx:
            s = tx.session
            refused = self._refusals(s, wanted)
            if refused:
                raise UserError("Nothing was purged: " + "; ".join(refused) + ".")
            plan = plan_purge(s, wanted)
            erased = erase(s, plan)
            refs = ", ".join(plan.references)
            tx.audit("case", None, f"case purged under retention: {refs}")
        return PurgeResult(tuple(plan.references), erased.rows, erased.people, erased.changes,
                           erased.audit, compact(self._unit.store))

    def compact(self) -> bool:
        """Rebuild the file (after a purge that could not); False while another connection holds it."""
        return compact(self._unit.store)

    # -- helpers --------------------------------------------------------------

    def _refusals(self, s: Session, case_ids: list[str]) -> list[str]:
        due = {d.id for d in self._due(s, case_ids)}
        years = self._unit.policy.retention_years
        out = []
        for case_id in case_ids:
            if case_id in due:
                continue
            case = s.get(Case, case_id)
            if case is None:
                out.append("a chosen case is no longer in this profile")
            elif self._hold(s, case.id) is not None:
                out.append(f"{case.reference} is on a legal hold")
            elif case.status != CaseStatus.CLOSED.value or case.closed_at is None:
                out.append(f"{case.reference} is not closed")
            else:
                when = due_on(case.closed_at.date(), years)
                out.append(f"{case.reference} is not due for purge until {when:%d %B %Y}")
        return out

    @staticmethod
    def _case(s: Session, case_id: str) -> Case:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound("That case is no longer in this profile.")
        return case

    @staticmethod
    def _hold(s: Session, case_id: str) -> LegalHold | None:
        return s.scalar(
            sa.select(LegalHold).where(LegalHold.case_id == case_id, LegalHold.lifted_at.is_(None))
        )
