"""Repeat non-ASB reports are matched to the earlier advice (commitment 13)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asb_desktop.domain.rules.places import address_key
from asb_desktop.domain.rules.repeats import (
    NewReport,
    NonAsbReport,
    PastAdvice,
    match_earlier_advice,
    repeat_groups,
)

EARLIER = PastAdvice(
    "a1", "r1", date(2026, 1, 10), "amira", address_key("Flat 3, 12 Larch Close"),
    frozenset({"noise"}), "everyday_noise", "Everyday noise is not ASB",
)


@pytest.mark.parametrize(
    ("new", "matched", "by_reporter", "by_address"),
    [
        (NewReport("amira", "", frozenset({"noise"}), date(2026, 3, 2)), True, True, False),
        (NewReport("bob", address_key("flat 3 12 larch close."), frozenset({"noise", "animals"}),
                   date(2026, 3, 2)), True, False, True),
        (NewReport("amira", address_key("Flat 3, 12 Larch Close"), frozenset({"noise"}),
                   date(2026, 3, 2)), True, True, True),
        # a different kind of issue is a new matter
        (NewReport("amira", "", frozenset({"parking"}), date(2026, 3, 2)), False, False, False),
        # someone else, somewhere else
        (NewReport("bob", address_key("4 Birch Road"), frozenset({"noise"}), date(2026, 3, 2)),
         False, False, False),
        # long ago: more than the 12-month look-back
        (NewReport("amira", "", frozenset({"noise"}), date(2027, 1, 11)), False, False, False),
        # exactly 12 months later is still within it
        (NewReport("amira", "", frozenset({"noise"}), date(2027, 1, 10)), True, True, False),
        # anonymous with no location cannot match anything
        (NewReport(None, "", frozenset({"noise"}), date(2026, 3, 2)), False, False, False),
    ],
)
def test_matching(new: NewReport, matched: bool, by_reporter: bool, by_address: bool) -> None:
    found = match_earlier_advice(new, [EARLIER], lookback_months=12)
    assert bool(found) is matched
    if found:
        assert (found[0].same_reporter, found[0].same_address) == (by_reporter, by_address)
        assert found[0].shared_categories == ("noise",)


def test_most_recent_advice_first() -> None:
    later = PastAdvice("a2", "r2", date(2026, 2, 1), "amira", "", frozenset({"noise"}))
    found = match_earlier_advice(
        NewReport("amira", "", frozenset({"noise"}), date(2026, 3, 2)), [EARLIER, later], 12
    )
    assert [m.advice.advice_id for m in found] == ["a2", "a1"]


def test_advice_given_after_the_report_is_not_earlier_advice() -> None:
    new = NewReport("amira", "", frozenset({"noise"}), date(2026, 1, 9))
    assert match_earlier_advice(new, [EARLIER], 12) == []


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 éöłß-,/", max_size=40))
def test_address_key_ignores_case_punctuation_and_spacing(text: str) -> None:
    shouted = "".join(c.upper() if c.isascii() else c for c in text)  # officers' caps lock
    noisy = "  " + shouted.replace(" ", " ,. ") + "!"
    assert address_key(noisy) == address_key(text)


def test_property_is_a_better_key_than_typed_text() -> None:
    assert address_key("12 Larch Close", "p1") == address_key("Flat 12, Larch Cl", "p1")
    assert address_key("") == ""


def test_repeat_groups_count_reporters_and_addresses() -> None:
    reports = [
        NonAsbReport("r1", date(2026, 1, 5), "amira", "text:12 larch close"),
        NonAsbReport("r2", date(2026, 2, 5), "amira", "text:12 larch close"),
        NonAsbReport("r3", date(2026, 2, 6), "bob", "text:12 larch close"),
        NonAsbReport("r4", date(2025, 1, 6), "amira", "text:12 larch close"),  # before the period
    ]
    groups = repeat_groups(reports, since=date(2025, 3, 1))
    assert [(g.per, g.key, g.count) for g in groups] == [
        ("address", "text:12 larch close", 3), ("reporter", "amira", 2),
    ]
