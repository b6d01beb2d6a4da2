"""Opening, changing and closing cases, and reading the caseload."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.controllers.access import (
    CASE_GONE,
    mask_rows,
    readable_detail,
    readable_person,
    require_manage,
    visible_case,
)
from asb_desktop.controllers.audit import record_search
from asb_desktop.controllers.case_views import case_detail, case_page
from asb_desktop.controllers.casework import open_case_for_update, refresh_case
from asb_desktop.controllers.errors import NotFound, Problems, UserError
from asb_desktop.controllers.people import check_person, new_person
from asb_desktop.domain.enums import CaseStatus, ClosureOutcome, PartyRole, RiskLevel
from asb_desktop.domain.inputs import CaseInput, ClosureInput, PersonInput
from asb_desktop.domain.references import case_reference
from asb_desktop.domain.risk import highest
from asb_desktop.domain.views import CaseDetail, CaseRow, Page
from asb_desktop.store import meta
from asb_desktop.store.first_page import CASELOAD_COUNT_CAP
from asb_desktop.store.models import Case, CaseParty, Lesson, Report, User
from asb_desktop.store.search import fts_query, hit_count, index_rowids, index_size, matching_ids
from asb_desktop.store.unit import Unit

CASE_SORTS = {
    "reference": (Case.reference,),
    "risk": (Case.risk_rank, Case.next_action_due),
    "due": (Case.next_action_due,),
    "opened": (Case.opened_at,),
    "status": (Case.status,),
    "parties": (Case.parties_summary,),
}

#: A caseload total is counted up to this many (see ``case_views.case_page``):
#: a window shows a total this large as "1,000 or more".
COUNT_CAP = CASELOAD_COUNT_CAP
#: How many index rows a broad search asks about per case it walks past (its own
#: row, its reports' and its parties'), against one lookup per hit otherwise.
BROAD_COST = 6


def broad_threshold(s: Session, limit: int) -> int:
    """Index hits from which walking the caseload in order beats looking every hit up.

    Looking the hits up costs about one step per hit; walking finds a page after
    about ``limit`` / (hits / index size) cases, each costing ``BROAD_COST``
    steps. The two meet where hits² = limit × index size × ``BROAD_COST``, so
    neither way costs more than the square root of the index's size.
    """
    return max(1, math.isqrt(max(1, limit) * index_size(s) * BROAD_COST))


@dataclass(frozen=True)
class CaseFilter:
    text: str = ""
    status: str | None = "open"  # None for every status
    risk: str | None = None
    officer_id: str | None = None
    overdue_only: bool = False


class CasesController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    # -- writes ---------------------------------------------------------------

    def open_case(self, data: CaseInput) -> CaseDetail:
        problems = Problems()
        problems.require("report_ids", data.report_ids, "Choose the report or reports this case is about")
        problems.raise_if_any()
        with self._unit.write("case.opened") as tx:
            s = tx.session
            reports = [s.get(Report, rid) for rid in data.report_ids]
            if any(r is None for r in reports):
                raise NotFound("A chosen report is no longer in this profile.")
            for r in reports:
                assert r is not None
                if r.case_id:
                    taken = s.get(Case, r.case_id)
                    raise UserError(
                        f"That report is already in case {taken.reference if taken else r.case_id}."
                    )
            officer = data.lead_officer_id or self._unit.actor.user_id
            if s.get(User, officer) is None:
                raise NotFound("The chosen lead officer is not a known user.")
            today = self._unit.today()
            device_code = meta.get(s, "device_code")
            if not device_code:
                raise UserError("This profile has no device code; run 'asb-desktop check'.")
            seq = meta.next_sequence(s, f"case_seq:{today.year}")
            risk = highest(RiskLevel(r.risk_level) for r in reports if r is not None)
            first = min((r for r in reports if r is not None), key=lambda r: r.received_at)
            case = Case(
                reference=case_reference(today.year, device_code, seq),
                summary=data.summary.strip() or first.description[:200],
                status=CaseStatus.OPEN.value,
                risk_level=risk.value,
                risk_rank=risk.rank,
                restricted=data.restricted,
                lead_officer_id=officer,
                lead_agency=data.lead_agency.strip(),
                partner_agencies=[a.strip() for a in data.partner_agencies if a.strip()],
                opened_at=tx.now,
                created_by=self._unit.actor.user_id,
            )
            s.add(case)
            s.flush()
            for r in reports:
                assert r is not None
                r.case_id = case.id
                if r.reporter_id:
                    self._add_party(s, case.id, r.reporter_id, PartyRole.COMPLAINANT, tx.now)
            refresh_case(s, case)
            tx.audit("case", case.id, f"Opened case {case.reference} from {len(reports)} report(s)")
            # The officer who opened it sees what they just wrote, even if it is
            # restricted and led by someone else; from now on the rules apply.
            return case_detail(s, case, self._unit.today())

    def add_party(
        self,
        case_id: str,
        role: str,
        person_id: str | None = None,
        new: PersonInput | None = None,
    ) -> CaseDetail:
        problems = Problems()
        if role not in {r.value for r in PartyRole}:
            problems.add("role", "Choose the person's role in the case")
        if not person_id and new is None:
            problems.add("person", "Choose a person or add a new one")
        if new is not None:
            check_person(new, problems)
        problems.raise_if_any()
        with self._unit.write("case.party_added") as tx:
            s = tx.session
            case = open_case_for_update(s, case_id, self._unit.actor)
            if new is not None:
                person = new_person(new, self._unit)
                s.add(person)
                s.flush()
                person_id = person.id
            assert person_id is not None
            # The case read back shows the person: one this user may not see is refused here.
            readable_person(s, self._unit.actor, person_id)
            if not self._add_party(s, case.id, person_id, PartyRole(role), tx.now):
                raise UserError("That person already has that role in this case.")
            refresh_case(s, case)
            tx.audit("case", case.id, f"{case.reference}: {PartyRole(role).label} added")
        return self.get_case(case_id)

    def set_risk(self, case_id: str, level: str, reason: str) -> CaseDetail:
        problems = Problems()
        if level not in {r.value for r in RiskLevel}:
            problems.add("risk_level", "Choose high, medium or low risk")
        problems.require("risk_reason", reason, "Give the reason for changing the risk level")
        problems.raise_if_any()
        with self._unit.write("case.risk_changed") as tx:
            case = open_case_for_update(tx.session, case_id, self._unit.actor)
            before = case.risk_level
            case.risk_level = level
            case.risk_rank = RiskLevel(level).rank
            case.risk_reason = reason.strip()
            tx.audit("case", case.id, f"{case.reference}: risk {before} → {level}: {reason.strip()}")
        return self.get_case(case_id)

    def assign(self, case_id: str, officer_id: str, reason: str) -> CaseDetail:
        problems = Problems()
        problems.require("reason", reason, "Give the reason for reassigning the case")
        problems.raise_if_any()
        with self._unit.write("case.reassigned") as tx:
            case = open_case_for_update(tx.session, case_id, self._unit.actor)
            if case.restricted:  # who leads a restricted case is who may read it
                require_manage(tx.session, self._unit.actor, case)
            officer = tx.session.get(User, officer_id)
            if officer is None:
                raise NotFound("The chosen officer is not a known user.")
            case.lead_officer_id = officer.id
            tx.audit("case", case.id, f"{case.reference}: reassigned to {officer.name}: {reason.strip()}")
        return self.get_case(case_id)

    def close_case(self, data: ClosureInput) -> CaseDetail:
        problems = Problems()
        if data.outcome not in {o.value for o in ClosureOutcome}:
            problems.add("outcome", "Choose the outcome of the case")
        problems.require("reason", data.reason, "Give the reason for closing the case")
        if data.satisfaction is not None and not 1 <= data.satisfaction <= 5:
            problems.add("satisfaction", "Satisfaction is from 1 (very dissatisfied) to 5 (very satisfied)")
        problems.raise_if_any()
        with self._unit.write("case.closed") as tx:
            case = open_case_for_update(tx.session, data.case_id, self._unit.actor)
            case.status = CaseStatus.CLOSED.value
            case.closed_at = tx.now
            case.outcome = data.outcome
            case.closure_reason = data.reason.strip()
            case.satisfaction = data.satisfaction
            case.satisfaction_comment = data.satisfaction_comment.strip()
            if data.lessons_learned.strip():
                tx.session.add(
                    Lesson(
                        case_id=case.id, text=data.lessons_learned.strip(), recorded_at=tx.now,
                        recorded_by=self._unit.actor.user_id,
                    )
                )
            tx.audit("case", case.id, f"Closed {case.reference}: {ClosureOutcome(data.outcome).label}")
        return self.get_case(data.case_id)

    # -- reads ----------------------------------------------------------------

    def get_case(self, case_id: str) -> CaseDetail:
        with self._unit.read() as s:
            return readable_detail(s, self._unit.actor, s.get(Case, case_id), CASE_GONE,
                                   self._unit.today())

    def find_by_reference(self, reference: str) -> CaseDetail:
        with self._unit.read() as s:
            case = s.scalar(sa.select(Case).where(Case.reference == reference.strip().upper()))
            return readable_detail(s, self._unit.actor, case,
                                   f"There is no case {reference.strip()} in this profile.",
                                   self._unit.today())

    def caseload(
        self,
        flt: CaseFilter | None = None,
        sort: str = "risk",
        descending: bool | None = None,
        offset: int = 0,
        limit: int = 100,
        audit: bool = True,
    ) -> Page[CaseRow]:
        """One page of the caseload: an indexed query, never every row into Python.

        A text filter is a search and is audited (who searched for what, when),
        one write per call. A window filtering as the officer types passes
        ``audit=False`` for each keystroke and calls :meth:`settle_search` once
        with the text the officer stopped at (or opened a case from), so the
        audit keeps the searches made, not every prefix on the way.
        """
        flt = flt or CaseFilter()
        today = self._unit.today()
        conditions: list[sa.ColumnElement[bool]] = []
        if flt.status:
            conditions.append(Case.status == flt.status)
        if flt.risk:
            conditions.append(Case.risk_level == flt.risk)
        if flt.officer_id:
            conditions.append(Case.lead_officer_id == flt.officer_id)
        if flt.overdue_only:
            # As on the rows: a closed case is never overdue, whatever it left open.
            conditions.append(Case.next_action_due < today)
            conditions.append(Case.status != CaseStatus.CLOSED.value)
        searching = fts_query(flt.text) is not None
        if searching:
            if audit:
                self.settle_search(flt.text)
            # A search must not reveal who is named on a case this user may not open.
            visible = visible_case(self._unit.actor, Case.id)
            if visible is not None:
                conditions.append(visible)
        keys = CASE_SORTS.get(sort, CASE_SORTS["risk"])
        desc = (sort == "risk") if descending is None else descending
        order: list[sa.ColumnElement[Any]] = []
        for i, key in enumerate(keys):
            # Risk sorts high first but its tie-break (next due) soonest first.
            first_desc = desc if i == 0 else False
            if key is Case.next_action_due:
                order.append(key.is_(None))  # rows with nothing due go last
            order.append(key.desc() if first_desc else key.asc())
        # The default order (risk, descending) is exactly the index ix_cases_page
        # (and its officer and all-status twins), so a page is read in order and
        # stops at its limit whatever the size of the caseload (migration 0009).
        with self._unit.read() as s:
            broad = False
            if searching:
                threshold = broad_threshold(s, limit)
                broad = hit_count(s, flt.text, threshold) >= threshold
            if searching:
                conditions.append(self._text_condition(flt.text, broad))
            rows, total = case_page(
                s, conditions, [*order, Case.opened_at, Case.id], offset, limit, today,
                count_cap=COUNT_CAP, estimate=broad,
            )
            rows = mask_rows(s, self._unit.actor, list(rows))
            return Page(rows=rows, total=total, offset=offset)

    def settle_search(self, text: str) -> None:
        """Record the caseload search the officer settled on: one audit row naming
        this user and the words, at this time. Empty text is not a search."""
        if fts_query(text):
            record_search(self._unit, "cases", text)

    def warm_search(self) -> int:
        """Read the narrow structures a caseload search walks, once, into the page
        cache, so the officer's first search is as quick as the later ones (each
        page read cold from the encrypted file is decrypted). Writes nothing;
        returns how many rows were touched, for tests and benches."""
        with self._unit.read() as s:
            touched = 0
            for sql in (
                "SELECT count(*) FROM search_case_link",
                "SELECT count(*) FROM search_map",
                "SELECT count(*) FROM cases INDEXED BY ix_cases_search_cover WHERE status > ''",
                "SELECT count(*) FROM case_parties INDEXED BY ix_case_parties_person_case "
                "WHERE person_id > ''",
            ):
                touched += int(s.execute(sa.text(sql)).scalar() or 0)
            return touched

    # -- helpers --------------------------------------------------------------

    @staticmethod
    def _text_condition(text: str, broad: bool) -> sa.ColumnElement[bool]:
        people = matching_ids("person", text)
        hits = index_rowids(text)
        assert people is not None and hits is not None
        link = sa.table("search_case_link", sa.column("fts_rowid"), sa.column("case_id"))
        if broad:
            # Thousands of hits (a prefix such as "wa"): walk the caseload in its
            # index order and keep each case one of its own index rows or parties
            # is among the hits, until the page is full. Looking each hit up to
            # find its case instead cost in proportion to the hits. The ``+ 0``
            # and ``|| ''`` keep SQLite testing membership in the hits (read once)
            # rather than looking the case up once per hit.
            return sa.or_(
                sa.exists().where(link.c.case_id == Case.id, (link.c.fts_rowid + 0).in_(hits)),
                sa.exists().where(CaseParty.case_id == Case.id,
                                  sa.func.coalesce(CaseParty.person_id, "").in_(people)),
            )
        # Case and report hits reach their case through search_case_link, by
        # integer rowid; people through their parties. One UNION keeps every
        # branch on an index, where an OR of IN clauses scans every case.
        # A few hits: find their cases once per statement (the page and its capped
        # count share them); UNION ALL, because IN ignores repeats and a UNION sorted them.
        matched = sa.union_all(
            sa.select(link.c.case_id.label("case_id")).where(link.c.fts_rowid.in_(hits)),
            sa.select(CaseParty.case_id).where(CaseParty.person_id.in_(people)),
        ).cte("text_match").prefix_with("MATERIALIZED")
        return Case.id.in_(sa.select(matched.c.case_id))

    @staticmethod
    def _add_party(s: Session, case_id: str, person_id: str, role: PartyRole, now: object) -> bool:
        exists = s.scalar(
            sa.select(CaseParty.id).where(
                CaseParty.case_id == case_id,
                CaseParty.person_id == person_id,
                CaseParty.role == role.value,
            )
        )
        if exists:
            return False
        s.add(CaseParty(case_id=case_id, person_id=person_id, role=role.value, added_at=now))
        s.flush()
        return True
