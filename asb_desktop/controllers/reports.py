"""Logging and assessing reports (commitments 4 and 5), and non-ASB advice (13)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from asb_desktop.controllers.access import (
    check_report,
    mask_report_rows,
    readable_person,
    require_case_write_by_id,
    visible_case,
)
from asb_desktop.controllers.audit import record_search
from asb_desktop.controllers.casework import open_case_for_update, refresh_case
from asb_desktop.controllers.errors import NotFound, Problems, UserError
from asb_desktop.controllers.mapping import person_view, report_row
from asb_desktop.controllers.people import check_person, new_person
from asb_desktop.domain.enums import AsbLimb, Assessment, Category, Channel, HateStrand, RiskLevel
from asb_desktop.domain.inputs import AdviceInput, AssessmentInput, ReportInput
from asb_desktop.domain.risk import proposed_risk
from asb_desktop.domain.views import Page, ReportRow, ReportView
from asb_desktop.domain.workdays import add_working_days
from asb_desktop.store.first_page import CASELOAD_COUNT_CAP
from asb_desktop.store.models import Advice, Case, Person, Property, Report, TenancyVisit, User
from asb_desktop.store.search import fts_query, matching_ids
from asb_desktop.store.unit import Unit

#: Matches counted before the list says "1,000 or more reports" (as the caseload does).
COUNT_CAP = CASELOAD_COUNT_CAP

REPORT_SORTS: dict[str, Any] = {
    "received": Report.received_at,
    # By rank, not by the stored word (alphabetically "medium" would come first).
    "risk": sa.case({"high": 3, "medium": 2, "low": 1}, value=Report.risk_level, else_=0),
    "location": Report.location,
    "assessment": Report.assessment,
}


@dataclass(frozen=True)
class ReportFilter:
    text: str = ""
    assessment: str | None = None  # an Assessment value, or "unassessed"
    category: str | None = None
    hate_only: bool = False
    case_id: str | None = None


def _values(enum: type[Category] | type[HateStrand]) -> set[str]:
    return {m.value for m in enum}


class ReportsController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    # -- writes ---------------------------------------------------------------

    def log_report(self, data: ReportInput) -> ReportView:
        now = self._unit.now()
        received = data.received_at or now
        problems = Problems()
        if received > now + timedelta(minutes=5):
            problems.add("received_at", "The date received must be today or in the past")
        if data.channel not in {c.value for c in Channel}:
            problems.add("channel", "Choose how the report was received")
        if not data.anonymous and not data.reporter_id and data.new_reporter is None:
            problems.add("reporter", "Choose the reporter, add a new person, or tick anonymous")
        if data.new_reporter is not None and not data.anonymous:
            check_person(data.new_reporter, problems, prefix="reporter.")
        if data.incident_date is None and data.incident_date_required:
            problems.add("incident_date", "Enter the date of the incident")
        if data.incident_date is not None and data.incident_date > received.date():
            problems.add("incident_date", "The incident date must be on or before the date received")
        problems.require("categories", data.categories, "Choose at least one category")
        unknown = set(data.categories) - _values(Category)
        if unknown:
            problems.add("categories", "Unknown category: " + ", ".join(sorted(unknown)))
        if set(data.hate_strands) - _values(HateStrand):
            problems.add("hate_strands", "Unknown hate-incident strand")
        hate = Category.HATE_INCIDENT.value in data.categories or bool(data.hate_strands)
        if Category.HATE_INCIDENT.value in data.categories and not data.hate_strands:
            problems.add(
                "hate_strands",
                "Choose the strand the victim or anyone else perceives the hostility to be about",
            )
        problems.require("description", data.description, "Describe what happened")
        problems.raise_if_any()

        cats = [Category(c) for c in data.categories]
        if hate and Category.HATE_INCIDENT not in cats:
            cats.append(Category.HATE_INCIDENT)
        risk = proposed_risk(cats, hate)
        with self._unit.write("report.logged") as tx:
            s = tx.session
            # The case first: a report for a case this user may not change writes nothing.
            case = open_case_for_update(s, data.case_id, self._unit.actor) if data.case_id else None
            reporter_id = None if data.anonymous else data.reporter_id
            if reporter_id:
                # Refused alike when missing or known only from cases this user may not open.
                try:
                    readable_person(s, self._unit.actor, reporter_id)
                except NotFound:
                    raise NotFound("The chosen reporter is no longer in this profile.") from None
            if data.new_reporter is not None and not data.anonymous:
                person = new_person(data.new_reporter, self._unit)
                s.add(person)
                s.flush()
                reporter_id = person.id
            if data.visit_id and s.get(TenancyVisit, data.visit_id) is None:
                raise NotFound("The tenancy visit for this report is no longer in this profile.")
            if data.property_id and s.get(Property, data.property_id) is None:
                raise NotFound("The chosen property is no longer in this profile.")
            report = Report(
                received_at=received,
                channel=data.channel,
                reporter_id=reporter_id,
                anonymous=data.anonymous,
                incident_date=data.incident_date,
                incident_time=data.incident_time.strip(),
                location=data.location.strip(),
                property_id=data.property_id,
                categories=[c.value for c in cats],
                hate_incident=hate,
                hate_strands=list(data.hate_strands),
                description=data.description.strip(),
                proposed_risk=risk.value,
                risk_level=risk.value,
                acknowledge_by=add_working_days(
                    received.date(), self._unit.policy.targets.acknowledge(risk)
                ),
                visit_id=data.visit_id,
                created_at=now,
                created_by=self._unit.actor.user_id,
            )
            s.add(report)
            s.flush()
            if case is not None:
                report.case_id = case.id
                refresh_case(s, case)
            tx.audit("report", report.id, f"Logged report ({', '.join(report.categories)})")
            return self._view(s, report)

    def assess(self, data: AssessmentInput) -> ReportView:
        problems = Problems()
        if data.assessment not in {a.value for a in Assessment}:
            problems.add("assessment", "Choose ASB, not ASB, or more information needed")
        if data.assessment == Assessment.ASB and data.asb_limb not in {m.value for m in AsbLimb}:
            problems.add("asb_limb", "Choose which part of the legal definition of ASB applies")
        problems.require("reason", data.reason, "Give the reason for this assessment")
        if data.risk_level is not None and data.risk_level not in {r.value for r in RiskLevel}:
            problems.add("risk_level", "Choose high, medium or low risk")
        problems.raise_if_any()
        with self._unit.write("report.assessed") as tx:
            s = tx.session
            report = self._get(s, data.report_id)
            require_case_write_by_id(s, self._unit.actor, report.case_id)
            risk = RiskLevel(data.risk_level or report.risk_level)
            proposed = RiskLevel(report.proposed_risk)
            if risk.rank < proposed.rank and not data.risk_reason.strip():
                raise_field(
                    "risk_reason",
                    f"Give a reason for lowering the risk below the proposed {proposed.value}",
                )
            report.assessment = data.assessment
            report.asb_limb = data.asb_limb if data.assessment == Assessment.ASB else None
            report.assessment_reason = data.reason.strip()
            report.assessed_at = tx.now
            report.assessed_by = self._unit.actor.user_id
            report.risk_level = risk.value
            report.risk_reason = data.risk_reason.strip()
            if report.case_id:
                case = s.get(Case, report.case_id)
                if case is not None:
                    refresh_case(s, case)
            tx.audit("report", report.id, f"Assessed as {Assessment(data.assessment).label}")
            return self._view(s, report)

    def record_advice(self, data: AdviceInput) -> None:
        problems = Problems()
        problems.require("advice_text", data.advice_text, "Enter the advice given")
        problems.raise_if_any()
        with self._unit.write("advice.recorded") as tx:
            report = self._get(tx.session, data.report_id)
            require_case_write_by_id(tx.session, self._unit.actor, report.case_id)
            if report.assessment != Assessment.NOT_ASB:
                raise UserError("Advice is recorded for reports assessed as not ASB.")
            advice = Advice(
                report_id=report.id,
                person_id=report.reporter_id,
                advice_key=data.advice_key,
                advice_text=data.advice_text.strip(),
                given_at=tx.now,
                given_by=self._unit.actor.user_id,
            )
            tx.session.add(advice)
            tx.session.flush()
            tx.audit("advice", advice.id, f"Self-resolution advice for report {report.id}")

    def attach_to_case(self, report_id: str, case_id: str) -> ReportView:
        with self._unit.write("report.attached") as tx:
            s = tx.session
            report = self._get(s, report_id)
            # Moving a report out of a case changes that case too.
            require_case_write_by_id(s, self._unit.actor, report.case_id)
            case = open_case_for_update(s, case_id, self._unit.actor)
            old = s.get(Case, report.case_id) if report.case_id else None
            report.case_id = case.id
            s.flush()
            refresh_case(s, case)
            if old is not None and old.id != case.id:
                refresh_case(s, old)
            tx.audit("report", report.id, f"Added to case {case.reference}")
            return self._view(s, report)

    # -- reads ----------------------------------------------------------------

    def get_report(self, report_id: str) -> ReportView:
        with self._unit.read() as s:
            report = self._get(s, report_id)
            check_report(s, self._unit.actor, report.case_id)
            return self._view(s, report)

    def list_reports(
        self,
        flt: ReportFilter | None = None,
        sort: str = "received",
        descending: bool = True,
        offset: int = 0,
        limit: int = 100,
        audit: bool = True,
    ) -> Page[ReportRow]:
        """One page of reports. A text filter is a search, audited once per call; a
        window searching as the officer types passes ``audit=False`` and calls
        :meth:`settle_search` with the words the officer stopped at or opened a
        report from. The total is counted only up to ``COUNT_CAP`` (shown as "1,000
        or more"): counting every match of a broad word on each keystroke cost more
        than finding the page."""
        flt = flt or ReportFilter()
        reporter = aliased(Person)
        query = sa.select(Report, reporter.given_name, reporter.family_name, Case.reference)
        query = query.outerjoin(reporter, reporter.id == Report.reporter_id)
        query = query.outerjoin(Case, Case.id == Report.case_id)
        conditions: list[sa.ColumnElement[bool]] = []
        ids = matching_ids("report", flt.text)
        people = matching_ids("person", flt.text)
        if ids is not None and people is not None:
            if audit:
                record_search(self._unit, "reports", flt.text)
            # A UNION of ids keeps both lookups on indexes; an OR of two IN
            # clauses makes SQLite scan every report.
            by_reporter = sa.select(Report.id).where(Report.reporter_id.in_(people))
            conditions.append(Report.id.in_(sa.union(ids, by_reporter)))
            visible = visible_case(self._unit.actor, Report.case_id)
            if visible is not None:
                conditions.append(visible)
        if flt.assessment == "unassessed":
            conditions.append(Report.assessment.is_(None))
        elif flt.assessment:
            conditions.append(Report.assessment == flt.assessment)
        if flt.category:
            conditions.append(
                sa.exists(
                    sa.select(1)
                    .select_from(sa.func.json_each(Report.categories).table_valued("value"))
                    .where(sa.literal_column("value") == flt.category)
                )
            )
        if flt.hate_only:
            conditions.append(Report.hate_incident.is_(True))
        if flt.case_id:
            conditions.append(Report.case_id == flt.case_id)
        column = REPORT_SORTS.get(sort, Report.received_at)
        with self._unit.read() as s:
            capped = sa.select(Report.id).where(*conditions).limit(COUNT_CAP).subquery()
            total = s.scalar(sa.select(sa.func.count()).select_from(capped)) or 0
            rows = s.execute(
                query.where(*conditions)
                .order_by(column.desc() if descending else column.asc(), Report.id)
                .offset(offset)
                .limit(limit)
            ).all()
            found = [report_row(r, f"{g} {f}".strip() or "(no name)", ref) for r, g, f, ref in rows]
            return Page(rows=mask_report_rows(s, self._unit.actor, found), total=total, offset=offset)

    def settle_search(self, text: str) -> None:
        """Record the report search the officer settled on: one audit row naming this
        user and the words, at this time. Empty text is not a search."""
        if fts_query(text):
            record_search(self._unit, "reports", text)

    # -- helpers --------------------------------------------------------------

    @staticmethod
    def _get(s: Session, report_id: str) -> Report:
        report = s.get(Report, report_id)
        if report is None:
            raise NotFound("That report is no longer in this profile.")
        return report

    @staticmethod
    def _view(s: Session, r: Report) -> ReportView:
        reporter = s.get(Person, r.reporter_id) if r.reporter_id else None
        case = s.get(Case, r.case_id) if r.case_id else None
        logged_by = s.get(User, r.created_by) if r.created_by else None
        return ReportView(
            id=r.id,
            received_at=r.received_at,
            channel=r.channel,
            reporter=person_view(reporter) if reporter else None,
            anonymous=r.anonymous,
            incident_date=r.incident_date,
            incident_time=r.incident_time,
            location=r.location,
            property_id=r.property_id,
            categories=tuple(r.categories),
            hate_strands=tuple(r.hate_strands),
            description=r.description,
            assessment=r.assessment,
            asb_limb=r.asb_limb,
            assessment_reason=r.assessment_reason,
            risk_level=r.risk_level,
            proposed_risk=r.proposed_risk,
            case_id=r.case_id,
            case_reference=case.reference if case else None,
            visit_id=r.visit_id,
            acknowledge_by=r.acknowledge_by,
            logged_by=logged_by.name if logged_by else "",
        )


def raise_field(field: str, message: str) -> None:
    problems = Problems()
    problems.add(field, message)
    problems.raise_if_any()
