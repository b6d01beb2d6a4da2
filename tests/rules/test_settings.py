"""The landlord's settings file: shipped defaults, profile overrides, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from asb_desktop.app import create_profile, open_profile
from asb_desktop.controllers.errors import UserError
from asb_desktop.domain.policy import Policy
from asb_desktop.domain.settings import SettingsError, load_policy, merge, shipped_dir


def test_shipped_settings_match_the_documented_defaults() -> None:
    policy = load_policy()
    defaults = Policy()
    assert policy.targets.acknowledge_days == defaults.targets.acknowledge_days
    assert policy.targets.first_contact_days == defaults.targets.first_contact_days
    assert policy.case_review.thresholds == defaults.case_review.thresholds
    assert policy.dash == defaults.dash
    assert {s.kind for s in policy.services} >= {
        "victim_support", "mediation", "domestic_abuse", "mental_health", "drug_alcohol", "debt_advice",
    }
    assert {q.audience for q in policy.questionnaires} == {"victim", "alleged_perpetrator"}
    assert all(a.refer_back for a in policy.advice)
    assert (shipped_dir() / "settings.toml").is_file()


def test_profile_settings_override_only_what_they_name(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text(
        "[targets]\nfirst_contact = { high = 1, medium = 2, low = 4 }\n"
        "[[case_review.thresholds]]\nname = \"one_hate\"\ncomplaints = 1\nmin_hate = 1\n"
    )
    policy = load_policy(tmp_path)
    assert policy.targets.first_contact("low") == 4
    assert policy.targets.action_plan("low") == 10  # untouched keys keep the shipped value
    assert [t.name for t in policy.case_review.thresholds] == ["one_hate"]
    assert str(tmp_path / "settings.toml") in policy.source


def test_profile_library_file_replaces_the_shipped_one(tmp_path: Path) -> None:
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "services.toml").write_text(
        '[[service]]\nkey = "leeds_mediation"\nname = "Leeds Mediation"\nkind = "mediation"\n'
    )
    assert [s.name for s in load_policy(tmp_path).services] == ["Leeds Mediation"]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("[targets]\nfirst_contact = { urgent = 1 }\n", "first_contact"),
        ("[targets]\nfirst_contact = { high = -1, medium = 2, low = 3 }\n", "high"),
        ("[[case_review.thresholds]]\nname = \"x\"\nper = \"street\"\n", "per"),
        ("[dash]\nmarac_threshold = 30\n", "marac_threshold"),
        ("idle_lock_minutes = 60\n", "idle_lock_minutes"),
        ("[targets]\npausable = [\"lunch\"]\n", "pausable"),
        ("this is not toml", "settings.toml"),
    ],
)
def test_a_mistake_names_the_key(tmp_path: Path, text: str, named: str) -> None:
    (tmp_path / "settings.toml").write_text(text)
    with pytest.raises(SettingsError, match=named):
        load_policy(tmp_path)


def test_merge_lays_tables_over_and_replaces_lists() -> None:
    assert merge({"a": {"x": 1, "y": 2}, "l": [1]}, {"a": {"y": 3}, "l": [2]}) == {
        "a": {"x": 1, "y": 3}, "l": [2],
    }


def test_app_uses_the_profile_settings_and_refuses_a_broken_file(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    app = create_profile(folder, "Sam Officer", "officer")
    app.close()
    (folder / "settings.toml").write_text("[targets]\nacknowledge = { high = 2, medium = 4, low = 6 }\n")
    app = open_profile(folder)
    try:
        assert app.unit.policy.targets.acknowledge("low") == 6
    finally:
        app.close()
    (folder / "settings.toml").write_text("[targets]\nacknowledge = 3\n")
    with pytest.raises(UserError, match="acknowledge"):
        open_profile(folder)
