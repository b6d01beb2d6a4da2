"""Risk proposals, questionnaire scores, DASH thresholds and the intervention ladder."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asb_desktop.domain.enums import Category, InterventionKind, RiskLevel
from asb_desktop.domain.policy import DashPolicy, Question, Questionnaire
from asb_desktop.domain.risk import proposed_risk
from asb_desktop.domain.rules.assessment import (
    dash_outcome,
    lowering_needs_reason,
    score_questionnaire,
)
from asb_desktop.domain.rules.ladder import ladder_warning, skipped_rungs

levels = st.sampled_from(list(RiskLevel))


@pytest.mark.parametrize(
    ("categories", "hate", "expected"),
    [
        ([Category.HATE_INCIDENT], True, RiskLevel.HIGH),
        ([Category.DOMESTIC_ABUSE], False, RiskLevel.HIGH),
        ([Category.VIOLENCE], False, RiskLevel.HIGH),
        ([Category.THREATS_TO_LIFE], False, RiskLevel.HIGH),
        ([Category.DRUG_SUPPLY], False, RiskLevel.HIGH),
        ([Category.NOISE], False, RiskLevel.MEDIUM),
        ([Category.VANDALISM, Category.ANIMALS], False, RiskLevel.LOW),
        ([Category.NOISE], True, RiskLevel.HIGH),  # a noise report perceived as hostile
        ([Category.FLY_TIPPING, Category.HARASSMENT], False, RiskLevel.MEDIUM),  # the highest wins
    ],
)
def test_risk_proposed_from_categories(categories: list[Category], hate: bool, expected: RiskLevel) -> None:
    assert proposed_risk(categories, hate) == expected


@given(st.lists(st.sampled_from(list(Category)), min_size=1), st.booleans())
def test_case_takes_the_highest_of_its_categories(categories: list[Category], hate: bool) -> None:
    whole = proposed_risk(categories, hate)
    assert all(proposed_risk([c], hate).rank <= whole.rank for c in categories)
    assert any(proposed_risk([c], hate) == whole for c in categories)


@given(levels, levels, st.text(max_size=5))
def test_risk_never_lowered_without_a_reason(proposed: RiskLevel, chosen: RiskLevel, reason: str) -> None:
    refused = lowering_needs_reason(proposed, chosen, reason)
    assert refused == (chosen.rank < proposed.rank and not reason.strip())


MATRIX = Questionnaire(
    "victim", "Victim", "victim",
    (Question("a", "A?", 3), Question("b", "B?", 2), Question("c", "C?", 1)),
    high_from=5, medium_from=2,
)


@pytest.mark.parametrize(
    ("answers", "score", "level"),
    [
        ({}, 0, RiskLevel.LOW),
        ({"c": True}, 1, RiskLevel.LOW),
        ({"b": True}, 2, RiskLevel.MEDIUM),
        ({"a": True, "c": True}, 4, RiskLevel.MEDIUM),
        ({"a": True, "b": True}, 5, RiskLevel.HIGH),
        ({"a": False, "b": False, "c": False}, 0, RiskLevel.LOW),
    ],
)
def test_questionnaire_bands(answers: dict[str, bool], score: int, level: RiskLevel) -> None:
    scored = score_questionnaire(MATRIX, answers)
    assert (scored.score, scored.level) == (score, level)
    assert set(scored.unanswered) == {"a", "b", "c"} - set(answers)


@given(st.dictionaries(st.sampled_from(["a", "b", "c"]), st.booleans()),
       st.sampled_from(["a", "b", "c"]))
def test_another_yes_never_lowers_the_level(answers: dict[str, bool], extra: str) -> None:
    before = score_questionnaire(MATRIX, answers)
    after = score_questionnaire(MATRIX, {**answers, extra: True})
    assert after.score >= before.score and after.level.rank >= before.level.rank


DASH = DashPolicy()


@pytest.mark.parametrize(
    ("score", "judgement", "level", "marac"),
    [
        (0, False, RiskLevel.MEDIUM, False),
        (13, False, RiskLevel.MEDIUM, False),
        (14, False, RiskLevel.HIGH, True),  # 14 or more: MARAC referral due
        (24, False, RiskLevel.HIGH, True),
        (9, True, RiskLevel.HIGH, True),  # professional judgement may refer below 14
    ],
)
def test_dash_threshold(score: int, judgement: bool, level: RiskLevel, marac: bool) -> None:
    outcome = dash_outcome(score, judgement, DASH)
    assert (outcome.level, outcome.marac_due) == (level, marac)


@given(st.integers(min_value=14, max_value=24), st.booleans())
def test_dash_judgement_never_downgrades(score: int, judgement: bool) -> None:
    outcome = dash_outcome(score, judgement, DASH)
    assert outcome.marac_due and outcome.level == RiskLevel.HIGH and outcome.basis == "score"


@pytest.mark.parametrize("score", [-1, 25])
def test_dash_score_out_of_range(score: int) -> None:
    with pytest.raises(ValueError):
        dash_outcome(score, False, DASH)


K = InterventionKind


@pytest.mark.parametrize(
    ("kind", "used", "tried", "warned"),
    [
        (K.ADVICE, [], "", False),
        (K.WARNING_LETTER, [K.ADVICE], "", False),
        (K.ABC, [K.ADVICE, K.WARNING_LETTER, K.MEDIATION], "", False),
        (K.CIVIL_INJUNCTION, [K.ADVICE], "", True),
        (K.CIVIL_INJUNCTION, [K.ADVICE], "Violence with a knife: earlier steps not safe", False),
        (K.POSSESSION, [], "", True),
        (K.MEDIATION, [K.ABC], "", False),  # stepping down is never a skip
    ],
)
def test_ladder(kind: InterventionKind, used: list[InterventionKind], tried: str, warned: bool) -> None:
    assert (ladder_warning(kind, used, tried) is not None) is warned


def test_ladder_warning_names_what_was_skipped() -> None:
    message = ladder_warning(K.CPW, [K.WARNING_LETTER], "")
    assert message is not None
    assert "Mediation" in message and "Acceptable Behaviour Contract" in message
    assert skipped_rungs(K.CPW, [K.WARNING_LETTER]) == [K.MEDIATION, K.ABC]
