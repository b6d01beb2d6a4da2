"""The one-line view of a case the caseload shows: who it is about, and what is due next."""

from __future__ import annotations

from datetime import date

from asb_desktop.domain.case_summary import next_action_due, parties_summary


def test_complainants_and_victims_come_before_the_alleged_perpetrators() -> None:
    parties = [("alleged_perpetrator", "Ben", "Jones"), ("witness", "Wendy", "Hall"),
               ("victim", "Chloe", "Smith"), ("complainant", "Amira", "Okafor")]
    assert parties_summary(parties) == "A. Okafor, C. Smith v B. Jones"


def test_a_name_given_twice_is_shown_once_and_a_single_name_whole() -> None:
    parties = [("complainant", "Amira", "Okafor"), ("victim", "Amira", "Okafor"),
               ("alleged_perpetrator", "Prince", "")]
    assert parties_summary(parties) == "A. Okafor v Prince"


def test_a_case_with_only_an_alleged_perpetrator_or_nobody() -> None:
    assert parties_summary([("alleged_perpetrator", "Ben", "Jones")]) == "v B. Jones"
    assert parties_summary([("witness", "Wendy", "Hall")]) == ""


def test_next_due_is_the_soonest_open_action_and_none_when_nothing_is_due() -> None:
    assert next_action_due([date(2026, 4, 1), None, date(2026, 3, 9)]) == date(2026, 3, 9)
    assert next_action_due([]) is None
    assert next_action_due([None]) is None
