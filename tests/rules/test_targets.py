"""What a case owes, by risk level, in working days; paused clocks; closed cases owe nothing."""

from __future__ import annotations

from datetime import date

import pytest

from asb_desktop.domain.policy import Targets
from asb_desktop.domain.rules.calendar import Pause
from asb_desktop.domain.rules.targets import CaseFacts, ReportFacts, case_obligations

TARGETS = Targets()
OPENED = date(2026, 12, 23)  # Wednesday before Christmas


def facts(risk: str = "high", **kw: object) -> CaseFacts:
    base: dict[str, object] = dict(
        case_id="c1", risk=risk, opened_on=OPENED,
        reports=(ReportFacts("r1", OPENED, risk),),
    )
    base.update(kw)
    return CaseFacts(**base)  # type: ignore[arg-type]


def by_kind(items: list) -> dict:  # type: ignore[type-arg]
    return {d.kind: d for d in items}


@pytest.mark.parametrize(
    ("risk", "acknowledge", "first_contact", "action_plan", "victim_update"),
    [
        # 1/1/3/5 working days for high risk, skipping Christmas, Boxing Day (observed) and New Year
        ("high", date(2026, 12, 24), date(2026, 12, 24), date(2026, 12, 30), date(2027, 1, 4)),
        ("medium", date(2026, 12, 29), date(2026, 12, 30), date(2027, 1, 4), date(2027, 1, 11)),
        ("low", date(2026, 12, 30), date(2027, 1, 4), date(2027, 1, 11), date(2027, 1, 11)),
    ],
)
def test_targets_by_risk_level(
    risk: str, acknowledge: date, first_contact: date, action_plan: date, victim_update: date
) -> None:
    due = by_kind(case_obligations(facts(risk), TARGETS, OPENED))
    assert due["acknowledge"].due_on == acknowledge
    assert due["first_contact"].due_on == first_contact
    assert due["action_plan"].due_on == action_plan
    assert due["victim_update"].due_on == victim_update
    assert not any(d.overdue for d in due.values())


def test_overdue_from_the_day_after_it_was_due() -> None:
    on_the_day = by_kind(case_obligations(facts(), TARGETS, date(2026, 12, 24)))
    day_after = by_kind(case_obligations(facts(), TARGETS, date(2026, 12, 25)))
    assert not on_the_day["acknowledge"].overdue
    assert day_after["acknowledge"].overdue and day_after["first_contact"].overdue


def test_done_things_are_no_longer_due() -> None:
    done = facts(
        reports=(ReportFacts("r1", OPENED, "high", acknowledged_on=OPENED),),
        first_contact_on=OPENED, action_plan_on=OPENED,
        last_victim_update_on=date(2027, 1, 4), last_risk_assessment_on=date(2027, 1, 4),
        last_risk_assessment_level="medium",
    )
    due = by_kind(case_obligations(done, TARGETS, date(2027, 1, 5)))
    assert set(due) == {"victim_update", "risk_review"}
    assert due["victim_update"].due_on == date(2027, 1, 11)  # 5 working days for high risk
    assert due["risk_review"].due_on == date(2027, 2, 1)  # 20 for a medium assessment


def test_open_action_items_are_listed_with_their_own_dates() -> None:
    f = facts(open_actions=(("a1", "Visit the neighbour", date(2026, 12, 1)),))
    due = [d for d in case_obligations(f, TARGETS, OPENED) if d.kind == "action"]
    assert [(d.label, d.overdue, d.subject_id) for d in due] == [("Visit the neighbour", True, "a1")]


def test_paused_clock_holds_pausable_targets_but_not_acknowledgement() -> None:
    f = facts(pauses=(Pause(OPENED),))
    due = by_kind(case_obligations(f, TARGETS, date(2027, 2, 1)))
    assert due["first_contact"].paused and due["first_contact"].due_on is None
    assert not due["first_contact"].overdue
    assert due["acknowledge"].overdue  # acknowledging a report never pauses


def test_closed_case_owes_nothing() -> None:
    assert case_obligations(facts(closed=True), TARGETS, date(2027, 6, 1)) == []


def test_sorted_soonest_first_with_paused_last() -> None:
    items = case_obligations(facts(pauses=(Pause(date(2026, 12, 29)),)), TARGETS, OPENED)
    dated = [d.due_on for d in items if d.due_on is not None]
    assert dated == sorted(dated)
    assert all(d.due_on is None for d in items[len(dated):])


def test_speaking_to_the_reporter_after_a_report_acknowledges_it() -> None:
    later = ReportFacts("r2", date(2027, 1, 6), "high")
    f = facts(reports=(ReportFacts("r1", OPENED, "high"), later), last_contact_on=date(2027, 1, 4))
    due = [d for d in case_obligations(f, TARGETS, date(2027, 1, 6)) if d.kind == "acknowledge"]
    assert [d.subject_id for d in due] == ["r2"]  # the contact came before the second report
