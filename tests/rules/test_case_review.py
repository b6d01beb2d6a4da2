"""The ASB Case Review threshold at its edges, and its local variants."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asb_desktop.domain.policy import CaseReviewPolicy, Threshold
from asb_desktop.domain.rules.case_review import (
    Complaint,
    evaluate,
    qualifies,
    review_dates,
    would_meet,
)

AS_OF = date(2026, 9, 1)
STANDARD = CaseReviewPolicy()


def complaint(
    n: int, received: date, incident: date | None = None, reporter: str | None = "amira",
    place: str = "text:12 larch close", hate: bool = False,
) -> Complaint:
    return Complaint(f"r{n}", received, incident or received, reporter, place, hate)


def names(hits: list) -> set[tuple[str, str]]:  # type: ignore[type-arg]
    return {(h.threshold, h.group) for h in hits}


@pytest.mark.parametrize(
    ("received", "incidents", "met"),
    [
        # exactly 3 qualifying complaints within 6 months meets it; 2 does not
        ([date(2026, 4, 1), date(2026, 6, 1), date(2026, 8, 1)], [None] * 3, True),
        ([date(2026, 6, 1), date(2026, 8, 1)], [None] * 2, False),
        # one made more than a month after the behaviour does not qualify
        ([date(2026, 4, 1), date(2026, 6, 1), date(2026, 8, 2)],
         [None, None, date(2026, 7, 1)], False),
        # made exactly one month after the behaviour still qualifies
        ([date(2026, 4, 1), date(2026, 6, 1), date(2026, 8, 1)],
         [None, None, date(2026, 7, 1)], True),
        # the window starts on the same day six months earlier: 1 March counts...
        ([date(2026, 3, 1), date(2026, 6, 1), date(2026, 8, 1)], [None] * 3, True),
        # ...and 28 February does not
        ([date(2026, 2, 28), date(2026, 6, 1), date(2026, 8, 1)], [None] * 3, False),
    ],
)
def test_three_in_six_months_edges(received: list[date], incidents: list[date | None], met: bool) -> None:
    cs = [
        Complaint(f"r{i}", r, inc, "amira", f"text:place {i}", False)
        for i, (r, inc) in enumerate(zip(received, incidents, strict=True))
    ]
    hits = evaluate(cs, STANDARD, AS_OF)
    assert (("three_by_complainant", "amira") in names(hits)) is met


def test_undated_behaviour_counts_as_reported_promptly() -> None:
    assert qualifies(Complaint("r", date(2026, 8, 1), None, "a", "", False))
    assert not qualifies(Complaint("r", date(2026, 8, 2), date(2026, 7, 1), "a", "", False))


def test_location_threshold_counts_different_people_about_one_place() -> None:
    cs = [complaint(i, date(2026, 8, i + 1), reporter=f"p{i}") for i in range(3)]
    hits = evaluate(cs, STANDARD, AS_OF)
    assert names(hits) == {("three_about_location", "text:12 larch close")}


HATE = CaseReviewPolicy(thresholds=(Threshold("one_hate", complaints=1, min_hate=1),))
SEVERAL = CaseReviewPolicy(
    thresholds=(Threshold("five_several", complaints=5, per="location", min_reporters=2),)
)
HATE_PLUS = CaseReviewPolicy(thresholds=(Threshold("two_one_hate", complaints=2, min_hate=1),))


@pytest.mark.parametrize(
    ("policy", "complaints", "met"),
    [
        (HATE, [complaint(1, date(2026, 8, 1), hate=True)], True),
        (HATE, [complaint(1, date(2026, 8, 1))], False),
        (HATE, [complaint(1, date(2026, 2, 1), hate=True)], False),  # outside the window
        (SEVERAL, [complaint(i, date(2026, 8, i + 1)) for i in range(5)], False),  # one person
        (SEVERAL, [complaint(i, date(2026, 8, i + 1), reporter=f"p{i % 2}") for i in range(5)], True),
        (SEVERAL, [complaint(i, date(2026, 8, i + 1), reporter=f"p{i % 2}") for i in range(4)], False),
        (HATE_PLUS, [complaint(1, date(2026, 8, 1)), complaint(2, date(2026, 8, 2))], False),
        (HATE_PLUS, [complaint(1, date(2026, 8, 1)), complaint(2, date(2026, 8, 2), hate=True)], True),
    ],
)
def test_variants(policy: CaseReviewPolicy, complaints: list[Complaint], met: bool) -> None:
    assert bool(evaluate(complaints, policy, AS_OF)) is met


def test_warning_when_the_next_report_would_meet_the_threshold() -> None:
    two = [complaint(1, date(2026, 7, 1)), complaint(2, date(2026, 8, 1))]
    new = complaint(3, AS_OF)
    assert names(would_meet(two, new, STANDARD)) == {
        ("three_by_complainant", "amira"), ("three_about_location", "text:12 larch close"),
    }
    # Already met without it: not a new warning.
    three = [*two, complaint(4, date(2026, 8, 15))]
    assert would_meet(three, new, STANDARD) == []
    # A report about a different problem by someone else does not warn about this group.
    other = complaint(5, AS_OF, reporter="bob", place="text:elsewhere")
    assert would_meet(two, other, STANDARD) == []


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=60)),
        max_size=8,
    )
)
def test_met_exactly_when_three_qualifying_complaints_fall_in_the_window(
    items: list[tuple[int, int]]
) -> None:
    cs = [
        Complaint(f"r{i}", AS_OF - timedelta(days=ago), AS_OF - timedelta(days=ago + late),
                  "amira", f"text:{i}", False)
        for i, (ago, late) in enumerate(items)
    ]
    window_start = date(2026, 3, 1)
    expected = sum(
        1 for c in cs
        if c.received_on >= window_start and qualifies(c)
    ) >= 3
    hits = evaluate(cs, STANDARD, AS_OF)
    assert (("three_by_complainant", "amira") in names(hits)) is expected


def test_request_dates_are_working_days() -> None:
    d = review_dates(date(2026, 12, 21), STANDARD)
    assert d.acknowledge_by == date(2026, 12, 30)  # 5 working days, skipping 25 and 28 December
    assert d.decision_by == date(2027, 1, 7)  # 10, skipping New Year too
    assert d.acknowledge_by < d.decision_by < d.review_by <= d.outcome_by
