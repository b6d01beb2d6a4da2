"""The landlord's policy at work on reports and cases: what is due, the ASB
Case Review threshold, repeat non-ASB advice and refer-back, the advice and
services libraries, the intervention ladder and the equality summary.

The decisions are the pure rules in ``domain.rules``; ``facts`` gathers what
they need from the store, and this module records what the officer did.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.controllers.access import check_report, readable_person, require_case_write_by_id
from asb_desktop.controllers.casework import open_case_for_update
from asb_desktop.controllers.errors import NotFound, Problems, UserError
from asb_desktop.controllers.policy import facts
from asb_desktop.controllers.policy.advice import (
    DECLINED,
    ReportAdvice,
    household,
    recorded,
    same_household,
    suited_first,
)
from asb_desktop.controllers.policy.risk import questionnaire
from asb_desktop.controllers.reports import ReportsController
from asb_desktop.documents.guard import home_key
from asb_desktop.domain.enums import (
    Assessment,
    Category,
    InterventionKind,
)
from asb_desktop.domain.inputs import AdviceInput, ReportInput
from asb_desktop.domain.policy import DashPolicy, Questionnaire, SupportService
from asb_desktop.domain.risk import proposed_risk
from asb_desktop.domain.rules import case_review as cr
from asb_desktop.domain.rules.dates import add_months
from asb_desktop.domain.rules.equality import StrandCount, strand_summary
from asb_desktop.domain.rules.ladder import ladder_warning
from asb_desktop.domain.rules.places import address_key
from asb_desktop.domain.rules.policy_exchange import (
    AdviceOffer,
    CaseReviewInput,
    CaseReviewView,
    ReferBackView,
    RepeatView,
    ReportFlags,
)
from asb_desktop.domain.rules.repeats import (
    NewReport,
    match_earlier_advice,
    repeat_groups,
)
from asb_desktop.domain.rules.targets import Due, ReportFacts, acknowledgements_due
from asb_desktop.domain.views import ReferralView
from asb_desktop.store.models import (
    Advice,
    Case,
    CaseReviewRequest,
    Intervention,
    Person,
    ReferBack,
    Referral,
    Report,
    ReportAcknowledgement,
    TargetPause,
)
from asb_desktop.store.unit import Unit


def _long_date(when: datetime) -> str:
    """"2 March 2026", as letters write it (``%-d`` is not portable to Windows)."""
    return f"{when.day} {when:%B %Y}"


class _SafeFormat(dict[str, str]):
    """Letter fields the template names but the case lacks stay visible as {field}."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class PolicyController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    # -- libraries ------------------------------------------------------------

    def services(
        self, kind: str | None = None, serves: str | None = None, text: str = ""
    ) -> list[SupportService]:
        """The support-services directory, narrowed by kind, by who it serves, and by words."""
        words = text.lower().split()
        out = []
        for s in self._unit.policy.services:
            if kind and s.kind != kind:
                continue
            if serves and serves not in s.serves:
                continue
            haystack = f"{s.name} {s.kind} {s.notes} {s.area}".lower()
            if any(w not in haystack for w in words):
                continue
            out.append(s)
        return out

    def questionnaire(self, key: str) -> Questionnaire:
        return questionnaire(self._unit.policy.questionnaires, key)

    def questionnaires(self) -> tuple[Questionnaire, ...]:
        """Every risk questionnaire the landlord loaded, for the officer to choose from."""
        return self._unit.policy.questionnaires

    def dash_policy(self) -> DashPolicy:
        """How many DASH questions there are, the MARAC threshold and the referral target."""
        return self._unit.policy.dash

    def survey_questions(self) -> tuple[str, ...]:
        """The satisfaction survey offered when a case is closed (commitment 12)."""
        return self._unit.policy.survey_questions

    # -- report flags (commitments 5, 13; ASB Case Review) --------------------

    def preview_report_flags(self, data: ReportInput) -> ReportFlags:
        """Warnings for a report not yet saved: case review threshold and earlier advice."""
        cats = {c for c in data.categories if c in {x.value for x in Category}}
        hate = Category.HATE_INCIDENT.value in cats or bool(data.hate_strands)
        received = facts.day_of(data.received_at) or self._unit.today()
        key = address_key(data.location, data.property_id)
        reporter = None if data.anonymous else data.reporter_id
        if reporter is None and data.new_reporter is not None and not data.anonymous:
            reporter = "(new reporter)"  # no history yet, but their own complaint still counts
        new = cr.Complaint("(new)", received, data.incident_date, reporter, key, hate)
        risk = proposed_risk([Category(c) for c in cats], hate)
        with self._unit.read() as s:
            home = ""
            if data.new_reporter is not None and not data.anonymous:
                home = home_key(data.new_reporter.address, data.new_reporter.postcode)
            elif reporter:
                home = household(s, reporter)
            return self._flags(s, new, frozenset(cats), risk.value, exclude=None, home=home)

    def _flags(
        self, s: Session, new: cr.Complaint, cats: frozenset[str], risk: str, exclude: str | None,
        home: str,
    ) -> ReportFlags:
        policy = self._unit.policy
        earlier = [
            c for c in facts.complaints(
                s, policy, new.received_on, [new.reporter_id or ""], [new.address_key]
            )
            if c.report_id != exclude and c.received_on <= new.received_on
        ]
        mine = {("complainant", new.reporter_id or ""), ("location", new.address_key)}
        already = [
            h for h in cr.evaluate(earlier, policy.case_review, new.received_on)
            if (h.per, h.group) in mine
        ]
        would = cr.would_meet(earlier, new, policy.case_review)
        lookback = add_months(new.received_on, -policy.repeats.lookback_months)
        offers = self._offers(s, NewReport(new.reporter_id, home, cats, new.received_on), exclude)
        by_reporter = at_address = 0
        for r in facts.non_asb(s, lookback, new.reporter_id or "", new.address_key):
            if r.report_id == exclude or r.received_on > new.received_on:
                continue
            by_reporter += bool(new.reporter_id) and r.reporter_id == new.reporter_id
            at_address += bool(new.address_key) and r.address_key == new.address_key
        return ReportFlags(
            proposed_risk=risk,
            case_review_would_meet=tuple(would),
            case_review_already_met=tuple(already),
            earlier_advice=offers,
            earlier_non_asb_by_reporter=by_reporter,
            earlier_non_asb_at_address=at_address,
            domestic_abuse_suspected=Category.DOMESTIC_ABUSE.value in cats,
        )

    def _offers(self, s: Session, new: NewReport, exclude: str | None) -> tuple[AdviceOffer, ...]:
        """Earlier advice to this reporter or their household (``new.address_key`` is
        their home, see ``facts.past_advice``), newest first."""
        policy = self._unit.policy
        lookback = add_months(new.received_on, -policy.repeats.lookback_months)
        past = [a for a in facts.past_advice(s, lookback) if a.report_id != exclude]
        library = {a.key: a for a in policy.advice}
        offers = []
        for m in match_earlier_advice(new, past, policy.repeats.lookback_months):
            text = library.get(m.advice.advice_key)
            offers.append(AdviceOffer(
                advice_id=m.advice.advice_id, report_id=m.advice.report_id,
                given_on=m.advice.given_on, advice_key=m.advice.advice_key,
                title=text.title if text else "Advice given",
                advice_text=m.advice.advice_text,
                refer_back=text.refer_back if text else m.advice.advice_text,
                letter=text.letter if text else "",
                same_reporter=m.same_reporter, same_address=m.same_address,
            ))
        return tuple(offers)

    def repeat_non_asb(self, since: date | None = None, at_least: int = 2) -> list[RepeatView]:
        """Reporters and addresses with repeated non-ASB reports, for supervisors (commitment 13)."""
        since = since or add_months(self._unit.today(), -self._unit.policy.repeats.lookback_months)
        with self._unit.read() as s:
            # Oldest first, so each group's report ids end with its latest report.
            reports = sorted(facts.non_asb(s, since), key=lambda r: (r.received_on, r.report_id))
            groups = repeat_groups(reports, since, at_least)
            people = {p.id: p.display_name for p in s.scalars(
                sa.select(Person).where(Person.id.in_([g.key for g in groups if g.per == "reporter"]))
            )}
        return [
            RepeatView(
                g.per, g.key,
                people.get(g.key, "(unknown)") if g.per == "reporter" else g.key.split(":", 1)[1],
                g.count, g.first_on, g.last_on, g.report_ids,
            )
            for g in groups
        ]

    # -- advice and refer-back (commitment 13) --------------------------------

    def give_advice(self, report_id: str, advice_key: str, extra: str = "") -> None:
        """Record advice from the library (with anything the officer added) on a non-ASB report."""
        text = next((a for a in self._unit.policy.advice if a.key == advice_key), None)
        if text is None:
            raise NotFound("That advice is no longer in the advice library.")
        body = text.text + (f"\n\n{extra.strip()}" if extra.strip() else "")
        ReportsController(self._unit).record_advice(AdviceInput(report_id, advice_key, body))

    def refer_back(self, report_id: str, advice_id: str) -> ReferBackView:
        """Refer a repeat non-ASB report back to the earlier advice; returns the response and letter."""
        with self._unit.write("advice.referred_back") as tx:
            s = tx.session
            report, advice = self._repeat(s, report_id, advice_id)
            if report.assessment != Assessment.NOT_ASB:
                raise UserError(
                    "Assess this report on its own merit first: refer back only when it is not ASB."
                )
            text = next((a for a in self._unit.policy.advice if a.key == advice.advice_key), None)
            reporter = s.get(Person, report.reporter_id) if report.reporter_id else None
            fields = _SafeFormat(
                name=reporter.display_name if reporter else "Resident",
                date=_long_date(report.received_at),
                earlier_date=_long_date(advice.given_at),
                location=report.location or "your home",
                advice=advice.advice_text,
                officer=self._unit.actor.name,
            )
            row = ReferBack(
                report_id=report.id, advice_id=advice.id,
                response=text.refer_back if text else advice.advice_text,
                letter=(text.letter if text else "").strip().format_map(fields),
                given_at=tx.now, given_by=self._unit.actor.user_id,
            )
            s.add(row)
            s.flush()
            tx.audit("refer_back", row.id, f"Report {report.id} referred back to advice {advice.id}")
            return ReferBackView(row.id, report.id, advice.id, row.response, row.letter)

    def _repeat(self, s: Session, report_id: str, advice_id: str) -> tuple[Report, Advice]:
        """The report and the earlier advice it repeats, once this user may write to the
        report and the advice was given to its reporter or their household."""
        report = s.get(Report, report_id)
        advice = s.get(Advice, advice_id)
        if report is None or advice is None:
            raise NotFound("That report or the earlier advice is no longer in this profile.")
        require_case_write_by_id(s, self._unit.actor, report.case_id)
        if not same_household(s, advice.person_id, report.reporter_id):
            raise UserError(
                "That advice was given to someone outside this reporter's household: refer "
                "back only to advice given to the reporter or someone living with them."
            )
        return report, advice

    def decline_refer_back(self, report_id: str, advice_id: str, reason: str) -> None:
        """The officer chose not to refer this report back to the earlier advice, and why
        (the report has changed in kind, the reporter is vulnerable...). Kept in the audit log."""
        problems = Problems()
        problems.require("decline_reason", reason, "Give the reason for not referring back")
        problems.raise_if_any()
        with self._unit.write(DECLINED) as tx:
            report, earlier = self._repeat(tx.session, report_id, advice_id)
            tx.audit("report", report.id, f"Refer-back to the advice given on "
                                          f"{_long_date(earlier.given_at)} declined: "
                                          f"{' '.join(reason.split())}")

    def report_advice(self, report_id: str) -> ReportAdvice:
        """The advice library, what was advised or referred back on this report, and
        earlier advice to its reporter or their household that it may be referred back to."""
        library = self._unit.policy.advice
        with self._unit.read() as s:
            report = s.get(Report, report_id)
            if report is None:
                raise NotFound("That report is no longer in this profile.")
            check_report(s, self._unit.actor, report.case_id)
            given, referred, declined = recorded(s, report, library)
            offers: tuple[AdviceOffer, ...] = ()
            if report.reporter_id and report.assessment == Assessment.NOT_ASB:
                offers = self._offers(s, NewReport(
                    report.reporter_id, household(s, report.reporter_id),
                    frozenset(report.categories or ()), report.received_at.date()), report.id)
            return ReportAdvice(
                report.id, report.assessment == Assessment.NOT_ASB, report.reporter_id is None,
                suited_first(library, tuple(report.categories or ())), given, offers, referred,
                declined)

    # -- acknowledgement and paused clocks (commitment 4) ---------------------

    def acknowledge_report(self, report_id: str, on: date | None = None, method: str = "") -> None:
        on = on or self._unit.today()
        with self._unit.write("report.acknowledged") as tx:
            report = tx.session.get(Report, report_id)
            if report is None:
                raise NotFound("That report is no longer in this profile.")
            require_case_write_by_id(tx.session, self._unit.actor, report.case_id)
            if on < report.received_at.date() or on > self._unit.today():
                raise UserError("The acknowledgement date must be between the report and today.")
            row = ReportAcknowledgement(
                report_id=report.id, acknowledged_on=on, method=method.strip(),
                recorded_at=tx.now, recorded_by=self._unit.actor.user_id,
            )
            tx.session.add(row)
            tx.session.flush()
            tx.audit("report", report.id, f"Acknowledged on {on}")

    def pause_targets(self, case_id: str, reason: str, started_on: date | None = None) -> None:
        """Stop the clock on the targets the policy lets pause, for one of its reasons."""
        problems = Problems()
        if reason not in self._unit.policy.targets.pause_reasons:
            problems.add("reason", "Choose one of the reasons the policy allows for pausing")
        problems.raise_if_any()
        with self._unit.write("case.targets_paused") as tx:
            case = open_case_for_update(tx.session, case_id, self._unit.actor)
            if self._open_pause(tx.session, case.id) is not None:
                raise UserError(f"The targets on {case.reference} are already paused.")
            row = TargetPause(case_id=case.id, started_on=started_on or self._unit.today(),
                              reason=reason, recorded_by=self._unit.actor.user_id)
            tx.session.add(row)
            tx.session.flush()
            tx.audit("case", case.id, f"{case.reference}: targets paused: {reason}")

    def resume_targets(self, case_id: str, ended_on: date | None = None) -> None:
        with self._unit.write("case.targets_resumed") as tx:
            case = open_case_for_update(tx.session, case_id, self._unit.actor)
            pause = self._open_pause(tx.session, case.id)
            if pause is None:
                raise UserError(f"The targets on {case.reference} are not paused.")
            pause.ended_on = max(ended_on or self._unit.today(), pause.started_on)
            tx.audit("case", case.id, f"{case.reference}: targets resumed")

    @staticmethod
    def _open_pause(s: Session, case_id: str) -> TargetPause | None:
        return s.scalar(
            sa.select(TargetPause).where(TargetPause.case_id == case_id, TargetPause.ended_on.is_(None))
        )

    # -- what is due ----------------------------------------------------------

    def case_obligations(self, case_id: str) -> list[Due]:
        """What is due on one case, when, and whether it is overdue."""
        with self._unit.read() as s:
            case = s.get(Case, case_id)
            if case is None:
                raise NotFound("That case is no longer in this profile.")
            found = facts.obligations(s, Case.id == case_id, self._unit.policy, self._unit.today())
            return found.get(case_id, [])

    def reports_awaiting_acknowledgement(self) -> list[Due]:
        """Reports not in a case and not yet acknowledged, soonest due first."""
        acknowledged = sa.exists().where(ReportAcknowledgement.report_id == Report.id)
        with self._unit.read() as s:
            rows = s.execute(
                sa.select(Report.id, Report.received_at, Report.risk_level)
                .where(Report.case_id.is_(None), ~acknowledged)
            ).all()
        facts_ = [ReportFacts(rid, at.date(), risk) for rid, at, risk in rows]
        return acknowledgements_due(facts_, self._unit.policy.targets, self._unit.today())

    def open_case_obligations(self) -> dict[str, list[Due]]:
        """Every open case's obligations at once (the caseload and the supervisors' figures)."""
        with self._unit.read() as s:
            return facts.obligations(s, Case.status != "closed", self._unit.policy, self._unit.today())

    # -- ASB Case Review ------------------------------------------------------

    def case_review_status(self, case_id: str) -> list[cr.ThresholdHit]:
        """Thresholds met today that this case's reports count towards."""
        today = self._unit.today()
        policy = self._unit.policy
        with self._unit.read() as s:
            rows = s.execute(
                sa.select(Report.id, Report.reporter_id, Report.location, Report.property_id)
                .where(Report.case_id == case_id)
            ).all()
            # Every complaint by the case's reporters or about its places: their groups are whole.
            pool = facts.complaints(
                s, policy, today, {rep or "" for _rid, rep, _loc, _prop in rows},
                {address_key(loc, prop) for _rid, _rep, loc, prop in rows},
            )
        mine = {rid for rid, *_rest in rows}
        return [
            h for h in cr.evaluate(pool, policy.case_review, today) if mine & set(h.report_ids)
        ]

    def cases_meeting_case_review(self) -> dict[str, list[cr.ThresholdHit]]:
        """Open cases whose reports count towards a case review threshold met today, with the hits."""
        today = self._unit.today()
        with self._unit.read() as s:
            complaints = facts.complaints(s, self._unit.policy, today)
            open_cases = set(s.scalars(sa.select(Case.id).where(Case.status != "closed")))
        case_of = {c.report_id: c.case_id for c in complaints if c.case_id in open_cases}
        out: dict[str, list[cr.ThresholdHit]] = defaultdict(list)
        for h in cr.evaluate(complaints, self._unit.policy.case_review, today):
            for cid in {case_of[r] for r in h.report_ids if r in case_of}:
                assert cid is not None
                out[cid].append(h)
        return dict(out)

    def request_case_review(self, data: CaseReviewInput) -> CaseReviewView:
        problems = Problems()
        if not data.applicant_id and not data.case_id:
            problems.add("applicant_id", "Choose the applicant or the case the request is about")
        received = data.received_on or self._unit.today()
        if received > self._unit.today():
            problems.add("received_on", "The date received must be today or in the past")
        problems.raise_if_any()
        policy = self._unit.policy.case_review
        dates = cr.review_dates(received, policy)
        with self._unit.write("case_review.requested") as tx:
            s = tx.session
            if data.case_id and s.get(Case, data.case_id) is None:
                raise NotFound("That case is no longer in this profile.")
            require_case_write_by_id(s, self._unit.actor, data.case_id)
            if data.applicant_id and s.get(Person, data.applicant_id) is None:
                raise NotFound("The applicant is no longer in this profile.")
            groups = {("complainant", data.applicant_id or "")}
            if data.case_id:
                for loc, prop, rep in s.execute(
                    sa.select(Report.location, Report.property_id, Report.reporter_id)
                    .where(Report.case_id == data.case_id)
                ):
                    groups |= {("location", address_key(loc, prop)), ("complainant", rep or "")}
            complaints = facts.complaints(s, self._unit.policy, received)
            met = sorted({
                h.threshold for h in cr.evaluate(complaints, policy, received)
                if (h.per, h.group) in groups
            })
            row = CaseReviewRequest(
                case_id=data.case_id, applicant_id=data.applicant_id, received_on=received,
                thresholds_met=met, acknowledge_by=dates.acknowledge_by, decision_by=dates.decision_by,
                review_by=dates.review_by, outcome_by=dates.outcome_by, notes=data.notes.strip(),
                created_at=tx.now, created_by=self._unit.actor.user_id,
            )
            s.add(row)
            s.flush()
            tx.audit("case_review_request", row.id, f"ASB Case Review requested on {received}")
            return CaseReviewView(row.id, row.case_id, row.applicant_id, received, tuple(met), dates)

    def decide_case_review(
        self, request_id: str, threshold_met: bool, outcome: str, decided_on: date | None = None
    ) -> None:
        problems = Problems()
        problems.require("outcome", outcome, "Record the outcome told to the applicant")
        problems.raise_if_any()
        with self._unit.write("case_review.decided") as tx:
            row = tx.session.get(CaseReviewRequest, request_id)
            if row is None:
                raise NotFound("That case review request is no longer in this profile.")
            require_case_write_by_id(tx.session, self._unit.actor, row.case_id)
            row.decided_on = decided_on or self._unit.today()
            row.acknowledged_on = row.acknowledged_on or row.decided_on
            row.threshold_met = threshold_met
            row.outcome = outcome.strip()
            tx.audit("case_review_request", row.id, f"Threshold {'met' if threshold_met else 'not met'}")

    # -- proportionate action (commitment 6) ----------------------------------

    def intervention_warning(self, case_id: str, kind: str, tried_before: str = "") -> str | None:
        """A warning to show before saving an intervention that skips the usual ladder."""
        with self._unit.read() as s:
            used = [InterventionKind(k) for k in s.scalars(
                sa.select(Intervention.kind).where(Intervention.case_id == case_id)
            )]
        return ladder_warning(InterventionKind(kind), used, tried_before)

    def person_referrals(self, person_id: str) -> list[ReferralView]:
        """Every signposting and referral made for one person, across all their cases, newest first."""
        with self._unit.read() as s:
            person = readable_person(s, self._unit.actor, person_id)
            rows = s.scalars(
                sa.select(Referral).where(Referral.person_id == person_id)
                .order_by(Referral.made_on.desc(), Referral.id)
            ).all()
            return [
                ReferralView(r.id, r.kind, person.display_name, r.service, r.made_on, r.notes) for r in rows
            ]

    # -- equality (commitment 10) ---------------------------------------------

    def strand_summary(self, since: date | None = None) -> list[StrandCount]:
        """Hate incidents by monitored strand: reports received since ``since``, and cases."""
        start = datetime.combine(since or date.min, datetime.min.time())
        with self._unit.read() as s:
            reports = s.scalars(sa.select(Report.hate_strands).where(
                Report.hate_incident.is_(True), Report.received_at >= start
            )).all()
            cases = s.execute(sa.select(Case.hate_strands, Case.status).where(
                Case.hate_incident.is_(True), Case.opened_at >= start
            )).all()
        return strand_summary(
            [tuple(r or ()) for r in reports], [(tuple(c or ()), st != "closed") for c, st in cases]
        )

