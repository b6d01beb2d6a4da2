"""The supervisor's review on a known caseload with fixed dates.

Three cases in December 2025 - February 2026, with hand-worked figures:
- C (vandalism, low) opened Mon 22 Dec 2025, first contact Fri 9 Jan 2026:
  11 working days (Christmas Day, Boxing Day and New Year's Day do not count);
  closed Fri 30 Jan (39 days), satisfaction 2.
- A (noise, medium) opened Mon 5 Jan 2026, first contact Wed 7 Jan: 2 working
  days; still open, lead officer Priya, one action due 20 Feb (overdue on 2 Mar).
- B (hate incident, race, high) opened Mon 2 Feb, first contact Tue 3 Feb:
  1 working day; closed Mon 23 Feb (21 days), satisfaction 5.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from asb_desktop.app import create_profile
from asb_desktop.controllers.errors import PermissionDenied, ValidationError
from asb_desktop.controllers.review import QualityReviewInput, ReviewController
from asb_desktop.domain.review import QUALITY_CHECKLIST
from asb_desktop.store.models import AuditEntry
from tests.conftest import FakeClock
from tests.review.caseload import Caseload, build_caseload, contact


@pytest.fixture
def caseload(tmp_path: Path) -> Iterator[Caseload]:
    yield from build_caseload(tmp_path / "sup")


def test_figures_for_the_period(caseload: Caseload) -> None:
    f = caseload.review.figures(date(2025, 12, 1), date(2026, 2, 28), homes=2000)
    assert f.cases_opened == 3
    assert f.hate_cases_opened == 1
    assert f.nm01_asb_per_1000 == 1.5
    assert f.nm01_hate_per_1000 == 0.5
    assert f.opened_by_month == [
        ("2025-12", "vandalism", 1, 1),
        ("2026-01", "noise", 1, 1),
        ("2026-02", "hate_incident", 1, 1),
    ]
    assert f.by_risk_status == [("high", "closed", 1), ("medium", "open", 1), ("low", "closed", 1)]
    assert f.avg_working_days_to_first_contact == pytest.approx((11 + 2 + 1) / 3, abs=0.01)
    # Targets: low 5, medium 3, high 1 working days; case C missed its target.
    assert f.first_contact_within_target_percent == pytest.approx(66.7)
    assert f.avg_days_to_close == 30.0
    assert f.satisfaction == {2: 1, 5: 1}
    assert f.satisfied_percent == 50.0
    assert f.hate_by_strand == {"race": 1}


def test_a_period_excludes_cases_opened_outside_it(caseload: Caseload) -> None:
    f = caseload.review.figures(date(2026, 1, 1), date(2026, 1, 31), homes=2000)
    assert f.cases_opened == 1
    assert f.nm01_asb_per_1000 == 0.5
    assert f.satisfaction == {2: 1}  # closures in the period, whenever opened


def test_workload_per_officer(caseload: Caseload) -> None:
    loads = {o.name: o for o in caseload.review.workload()}
    assert set(loads) == {"Priya Raman"}  # Helen's cases are closed
    priya = loads["Priya Raman"]
    assert (priya.open_cases, priya.high_risk, priya.overdue_actions) == (1, 0, 1)
    assert priya.oldest_case_days == (date(2026, 3, 2) - date(2026, 1, 5)).days


def test_watch_lists_and_drill_down(caseload: Caseload) -> None:
    counts = {w.key: w.count for w in caseload.review.watch_counts()}
    assert counts == {
        "open": 1, "high_risk": 0, "overdue_actions": 1, "overdue_victim_updates": 1,
        "no_action_plan": 0, "no_risk_assessment": 1, "restricted": 0,
    }
    rows = caseload.review.watch_list("overdue_actions").rows
    assert [r.id for r in rows] == [caseload.a]
    assert caseload.review.watch_list("open", officer_id=caseload.priya).total == 1
    assert caseload.review.watch_list("open", officer_id=caseload.app.unit.actor.user_id).total == 0


def test_a_recent_victim_update_clears_the_watch(caseload: Caseload) -> None:
    contact(caseload.app, caseload.clock, caseload.a, datetime(2026, 2, 27, 10, 0))
    counts = {w.key: w.count for w in caseload.review.watch_counts()}
    assert counts["overdue_victim_updates"] == 0


def test_quality_review_is_scored_recorded_and_counted(caseload: Caseload) -> None:
    answers = {k: True for k in QUALITY_CHECKLIST}
    answers["risk_assessed"] = False
    answers["partners"] = False
    score = caseload.review.record_quality_review(QualityReviewInput(
        case_id=caseload.a, answers=answers, comments="Complete a risk assessment",
        actions=[("Complete the ASB risk matrix with the complainant", date(2026, 3, 6))],
    ))
    assert score == round(100 * 7 / 9)
    case = caseload.app.cases.get_case(caseload.a)
    assert any(a.description.startswith("Quality review:") and a.owner == "Priya Raman"
               for a in case.actions)
    (stats,) = caseload.review.quality_by_officer()
    assert (stats.name, stats.reviews, stats.average_score) == ("Priya Raman", 1, score)


def test_quality_review_needs_every_item(caseload: Caseload) -> None:
    with pytest.raises(ValidationError) as err:
        caseload.review.record_quality_review(QualityReviewInput(case_id=caseload.a,
                                                                 answers={"evidence": True}))
    assert "answers" in err.value.errors


def test_reassignment_moves_cases_and_audits_the_reason(caseload: Caseload) -> None:
    me = caseload.app.unit.actor.user_id
    moved = caseload.review.reassign([caseload.a], me, "Priya on leave until April")
    assert moved == 1
    assert caseload.app.cases.get_case(caseload.a).lead_officer.name == "Helen Marsh"  # type: ignore[union-attr]
    with caseload.app.store.sessions() as s:
        detail = s.scalar(sa.select(AuditEntry.detail).where(AuditEntry.action == "cases.reassigned"))
    assert detail is not None and "Priya on leave until April" in detail and "ASB-" in detail


def test_csv_export_has_the_figures_and_is_audited(caseload: Caseload) -> None:
    f = caseload.review.figures(date(2025, 12, 1), date(2026, 2, 28), homes=2000)
    rows = list(csv.reader(io.StringIO(caseload.review.export_figures_csv(f))))
    assert ["NM01 ASB cases per 1,000 homes", "1.5"] in rows
    assert ["average working days to first contact", "4.67"] in rows
    assert ["race", "1"] in rows
    assert ["2026-02", "hate_incident", "1", "1"] in rows
    with caseload.app.store.sessions() as s:
        assert s.scalar(sa.select(sa.func.count()).where(AuditEntry.action == "figures.exported")) == 1


def test_officers_cannot_open_the_review(tmp_path: Path) -> None:
    app = create_profile(tmp_path / "off", "Sam Officer", "officer", clock=FakeClock())
    try:
        with pytest.raises(PermissionDenied):
            ReviewController(app.unit).workload()
    finally:
        app.close()
