"""What is due on a case, when, and what is overdue (commitments 4, 7 and 9).

Targets come from the landlord's settings by risk level and are counted in
working days; a paused clock stops the targets the policy lets it stop. A
closed case owes nothing. A report is acknowledged by recording it, or by an
outgoing contact on its case on or after the day it was received.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from asb_desktop.domain.policy import Targets
from asb_desktop.domain.rules.calendar import Pause, add_counted_days, add_working_days


class Due(NamedTuple):
    """One thing owed on a case. ``due_on`` is None while its clock is paused.

    A named tuple rather than a dataclass: a caseload holds tens of thousands."""

    kind: str
    label: str
    due_on: date | None
    overdue: bool
    paused: bool = False
    subject_id: str | None = None


class ReportFacts(NamedTuple):
    report_id: str
    received_on: date
    risk: str
    acknowledged_on: date | None = None


@dataclass(frozen=True)
class CaseFacts:
    """What the targets depend on, gathered by a controller from the store."""

    case_id: str
    risk: str
    opened_on: date
    closed: bool = False
    reports: tuple[ReportFacts, ...] = ()
    # When the earliest report was received; taken from ``reports`` when not given.
    first_report_on: date | None = None
    first_contact_on: date | None = None
    # The latest outgoing contact: speaking to the reporter after a report acknowledges it.
    last_contact_on: date | None = None
    action_plan_on: date | None = None
    last_victim_update_on: date | None = None
    last_risk_assessment_on: date | None = None
    last_risk_assessment_level: str | None = None
    open_actions: tuple[tuple[str, str, date | None], ...] = ()  # (id, description, due)
    pauses: tuple[Pause, ...] = ()


def _due(
    kind: str, label: str, start: date, days: int, today: date, pauses: tuple[Pause, ...],
    subject_id: str | None = None,
) -> Due:
    when = add_counted_days(start, days, pauses) if pauses else add_working_days(start, days)
    if when is None:
        return Due(kind, label, None, False, True, subject_id)
    return Due(kind, label, when, when < today, False, subject_id)


def case_obligations(facts: CaseFacts, targets: Targets, today: date) -> list[Due]:
    """Outstanding targets and actions, soonest first (paused ones last)."""
    if facts.closed:
        return []
    out: list[Due] = []
    pausable = set(targets.pausable)

    def pauses_for(kind: str) -> tuple[Pause, ...]:
        return facts.pauses if kind in pausable else ()

    for r in facts.reports:
        spoken = facts.last_contact_on is not None and facts.last_contact_on >= r.received_on
        if r.acknowledged_on is None and not spoken:
            out.append(_due("acknowledge", "Acknowledge the report", r.received_on,
                            targets.acknowledge(r.risk), today, pauses_for("acknowledge"), r.report_id))
    first_report = facts.first_report_on or min(
        (r.received_on for r in facts.reports), default=facts.opened_on
    )
    if facts.first_contact_on is None:
        out.append(_due("first_contact", "First contact with the complainant", first_report,
                        targets.first_contact(facts.risk), today, pauses_for("first_contact")))
    if facts.action_plan_on is None:
        out.append(_due("action_plan", "Agree an action plan", facts.opened_on,
                        targets.action_plan(facts.risk), today, pauses_for("action_plan")))
    update_from = facts.last_victim_update_on or facts.opened_on
    out.append(_due("victim_update", "Update the victim", update_from,
                    targets.victim_update(facts.risk), today, pauses_for("victim_update")))
    if facts.last_risk_assessment_on is None:
        out.append(_due("risk_assessment", "Complete a risk assessment", first_report,
                        targets.first_contact(facts.risk), today, pauses_for("risk_review")))
    else:
        level = facts.last_risk_assessment_level or facts.risk
        out.append(_due("risk_review", "Review the risk assessment", facts.last_risk_assessment_on,
                        targets.risk_review(level), today, pauses_for("risk_review")))
    for action_id, description, due_on in facts.open_actions:
        if due_on is not None:
            out.append(Due("action", description, due_on, due_on < today, False, action_id))
    return sort_dues(out)


def _order(d: Due) -> tuple[date, str]:
    return (d.due_on or date.max, d.kind)


def acknowledgements_due(reports: list[ReportFacts], targets: Targets, today: date) -> list[Due]:
    """Reports outside any case still owed an acknowledgement (commitment 4: none is lost)."""
    return sort_dues([
        _due("acknowledge", "Acknowledge the report", r.received_on, targets.acknowledge(r.risk), today,
             (), r.report_id)
        for r in reports
        if r.acknowledged_on is None
    ])


def sort_dues(items: list[Due]) -> list[Due]:
    """Soonest first; paused items (no date) last."""
    return sorted(items, key=_order)


def overdue(items: list[Due]) -> list[Due]:
    return [d for d in items if d.overdue]
