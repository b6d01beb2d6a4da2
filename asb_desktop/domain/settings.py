"""Loading the landlord's policy settings from TOML files.

The shipped defaults live in ``resources/policy`` (``settings.toml`` plus the
advice library, the support-services directory and the risk questionnaire).
A profile folder may hold its own ``settings.toml`` with only the keys it
changes (tables merge key by key, lists replace), and a ``policy`` folder
with replacement library files of the same names. A mistake in a landlord's
file stops start-up with the file and key named, rather than quietly falling
back to defaults the landlord did not choose.

Resources are looked for inside the installed package first
(``asb_desktop/resources/policy``, where a built wheel or app bundle puts
them) and then in the source checkout's ``resources/policy`` (the editable
install used in development), like the stylesheet.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from asb_desktop.domain.enums import Category, RiskLevel
from asb_desktop.domain.landlord import OMBUDSMAN_DEFAULT, Landlord
from asb_desktop.domain.policy import (
    DEFAULT_PAUSABLE,
    AdviceText,
    CaseReviewPolicy,
    DashPolicy,
    Policy,
    Question,
    Questionnaire,
    RepeatPolicy,
    SupportService,
    Targets,
    Threshold,
)
from asb_desktop.domain.visits import VisitSchedule

SETTINGS_NAME = "settings.toml"
_HERE = Path(__file__).resolve().parent.parent
CANDIDATES = (_HERE / "resources" / "policy", _HERE.parent / "resources" / "policy")
TARGET_KINDS = ("acknowledge", *DEFAULT_PAUSABLE)


class SettingsError(ValueError):
    """The landlord's settings cannot be used; the message names the file and the key."""


def shipped_dir() -> Path:
    for folder in CANDIDATES:
        if (folder / SETTINGS_NAME).is_file():
            return folder
    raise SettingsError(
        "The shipped policy settings are missing (looked in "
        + ", ".join(str(c) for c in CANDIDATES) + "); reinstall asb-desktop."
    )


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: {exc}") from exc
    except OSError as exc:
        raise SettingsError(f"{path}: cannot be read ({exc.strerror})") from exc


def merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` laid on ``base``: tables merge key by key, everything else replaces."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


class _Reader:
    """Typed access to one table, naming the file and key in every complaint."""

    def __init__(self, data: Mapping[str, Any], where: str) -> None:
        self.data = data
        self.where = where

    def fail(self, key: str, message: str) -> SettingsError:
        return SettingsError(f"{self.where}: {key}: {message}")

    def table(self, key: str) -> _Reader:
        value = self.data.get(key, {})
        if not isinstance(value, Mapping):
            raise self.fail(key, "must be a table")
        return _Reader(value, f"{self.where} [{key}]")

    def num(self, key: str, default: int, low: int = 0) -> int:
        value = self.data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < low:
            raise self.fail(key, f"must be a whole number, at least {low}")
        return value

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str) or (default is None and not value.strip()):
            raise self.fail(key, "must be text")
        return value.strip()

    def texts(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = self.data.get(key, list(default))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "must be a list of text")
        return tuple(v.strip() for v in value)

    def by_risk(self, key: str, default: dict[str, int]) -> dict[str, int]:
        value = self.data.get(key, default)
        if not isinstance(value, Mapping) or set(value) != {r.value for r in RiskLevel}:
            raise self.fail(key, "must give high, medium and low")
        sub = _Reader(value, f"{self.where} {key}")
        return {r.value: sub.num(r.value, 0) for r in RiskLevel}

    def tables(self, key: str) -> list[_Reader]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            raise self.fail(key, "must be a list of tables ([[...]])")
        return [_Reader(v, f"{self.where} [[{key}]] #{i + 1}") for i, v in enumerate(value)]


def _targets(r: _Reader) -> Targets:
    d = Targets()
    pausable = r.texts("pausable", d.pausable)
    unknown = set(pausable) - set(TARGET_KINDS)
    if unknown:
        raise r.fail("pausable", f"unknown target {', '.join(sorted(unknown))}")
    updates = r.by_risk("victim_update", d.victim_update_by_risk)
    return Targets(
        acknowledge_days=r.by_risk("acknowledge", d.acknowledge_days),
        first_contact_days=r.by_risk("first_contact", d.first_contact_days),
        action_plan_days=r.by_risk("action_plan", d.action_plan_days),
        victim_update_days=max(updates.values()),
        victim_update_by_risk=updates,
        risk_review_days=r.by_risk("risk_review", d.risk_review_days),
        pausable=pausable,
        pause_reasons=r.texts("pause_reasons", d.pause_reasons),
    )


def _threshold(r: _Reader) -> Threshold:
    per = r.text("per", "complainant")
    if per not in ("complainant", "location"):
        raise r.fail("per", 'must be "complainant" or "location"')
    return Threshold(
        name=r.text("name"),
        complaints=r.num("complaints", 3, low=1),
        within_months=r.num("within_months", 6, low=1),
        per=per,
        min_reporters=r.num("min_reporters", 1, low=1),
        min_hate=r.num("min_hate", 0),
        description=r.text("description", ""),
    )


def _case_review(r: _Reader) -> CaseReviewPolicy:
    d = CaseReviewPolicy()
    thresholds = tuple(_threshold(t) for t in r.tables("thresholds")) or d.thresholds
    names = [t.name for t in thresholds]
    if len(set(names)) != len(names):
        raise r.fail("thresholds", "each threshold needs a different name")
    return CaseReviewPolicy(
        thresholds=thresholds,
        qualifying_months=r.num("qualifying_months", d.qualifying_months, low=1),
        acknowledge_days=r.num("acknowledge_days", d.acknowledge_days),
        decision_days=r.num("decision_days", d.decision_days),
        review_days=r.num("review_days", d.review_days),
        outcome_days=r.num("outcome_days", d.outcome_days),
    )


def _dash(r: _Reader) -> DashPolicy:
    d = DashPolicy()
    questions = r.num("questions", d.questions, low=1)
    threshold = r.num("marac_threshold", d.marac_threshold, low=1)
    if threshold > questions:
        raise r.fail("marac_threshold", "cannot be more than the number of questions")
    return DashPolicy(questions, threshold, r.num("referral_days", d.referral_days))


def load_advice(path: Path) -> tuple[AdviceText, ...]:
    top = _Reader(_read(path), str(path))
    out = []
    known = {c.value for c in Category}
    for r in top.tables("advice"):
        cats = r.texts("categories")
        if not cats or set(cats) - known:
            raise r.fail("categories", "must list known report categories, such as noise")
        out.append(AdviceText(
            key=r.text("key"), title=r.text("title"), categories=cats, text=r.text("text"),
            refer_back=r.text("refer_back"), letter=r.text("letter", ""),
        ))
    _unique(top, "advice", [a.key for a in out])
    return tuple(out)


def load_services(path: Path) -> tuple[SupportService, ...]:
    top = _Reader(_read(path), str(path))
    out = []
    for r in top.tables("service"):
        serves = r.texts("serves", ("victim", "alleged_perpetrator"))
        if not serves or set(serves) - {"victim", "alleged_perpetrator"}:
            raise r.fail("serves", 'must list "victim" and/or "alleged_perpetrator"')
        out.append(SupportService(
            key=r.text("key"), name=r.text("name"), kind=r.text("kind"), serves=serves,
            phone=r.text("phone", ""), website=r.text("website", ""), area=r.text("area", ""),
            notes=r.text("notes", ""),
        ))
    _unique(top, "service", [s.key for s in out])
    return tuple(out)


def load_questionnaires(path: Path) -> tuple[Questionnaire, ...]:
    top = _Reader(_read(path), str(path))
    out = []
    for r in top.tables("questionnaire"):
        audience = r.text("audience")
        if audience not in ("victim", "alleged_perpetrator"):
            raise r.fail("audience", 'must be "victim" or "alleged_perpetrator"')
        questions = tuple(
            Question(q.text("key"), q.text("text"), q.num("weight", 1)) for q in r.tables("question")
        )
        if not questions:
            raise r.fail("question", "a questionnaire needs at least one question")
        _unique(r, "question", [q.key for q in questions])
        high, medium = r.num("high_from", 1, low=1), r.num("medium_from", 1, low=1)
        if medium > high:
            raise r.fail("medium_from", "must not be more than high_from")
        out.append(Questionnaire(r.text("key"), r.text("title"), audience, questions, high, medium))
    _unique(top, "questionnaire", [q.key for q in out])
    return tuple(out)


def _unique(r: _Reader, key: str, keys: list[str]) -> None:
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise r.fail(key, f"key used twice: {', '.join(dupes)}")


def load_policy(profile_dir: Path | None = None, shipped: Path | None = None) -> Policy:
    """The shipped defaults, with the profile folder's settings and library files laid over them."""
    base_dir = shipped or shipped_dir()
    sources = [str(base_dir / SETTINGS_NAME)]
    data = _read(base_dir / SETTINGS_NAME)
    override_dir = profile_dir / "policy" if profile_dir is not None else None
    if profile_dir is not None and (profile_dir / SETTINGS_NAME).is_file():
        data = merge(data, _read(profile_dir / SETTINGS_NAME))
        sources.append(str(profile_dir / SETTINGS_NAME))
    where = " + ".join(sources)
    top = _Reader(data, where)
    files = top.table("files")

    def library(key: str, default: str) -> Path:
        name = files.text(key, default)
        if override_dir is not None and (override_dir / name).is_file():
            sources.append(str(override_dir / name))
            return override_dir / name
        if not (base_dir / name).is_file():
            raise files.fail(key, f"no file {name} in {base_dir}")
        return base_dir / name

    advice = load_advice(library("advice", "advice.toml"))
    services = load_services(library("services", "services.toml"))
    questionnaires = load_questionnaires(library("questionnaires", "asb-risk-matrix.toml"))
    return Policy(
        targets=_targets(top.table("targets")),
        retention_years=top.num("retention_years", 6, low=1),
        idle_lock_minutes=_lock_minutes(top),
        case_review=_case_review(top.table("case_review")),
        dash=_dash(top.table("dash")),
        repeats=RepeatPolicy(top.table("repeats").num("lookback_months", 12, low=1)),
        advice=advice,
        services=services,
        questionnaires=questionnaires,
        survey_questions=top.table("closure").texts("survey_questions"),
        visits=_visits(top.table("visits")),
        landlord=_landlord(top.table("landlord")),
        source=tuple(sources),
    )


def _landlord(r: _Reader) -> Landlord:
    """Blank keys are allowed here; a letter says which ones it needs (``Landlord.missing``)."""
    keys = ("name", "address", "phone", "email", "web", "complaints", "signature", "logo")
    values = {key: r.text(key, "") for key in keys}
    return Landlord(**values, ombudsman=r.text("ombudsman", OMBUDSMAN_DEFAULT) or OMBUDSMAN_DEFAULT)


def _visits(r: _Reader) -> VisitSchedule:
    d = VisitSchedule()
    sign_up = r.data.get("sign_up_visit", d.sign_up_visit)
    if not isinstance(sign_up, bool):
        raise r.fail("sign_up_visit", "must be true or false")
    return VisitSchedule(
        post_tenancy_weeks=r.num("post_tenancy_weeks", d.post_tenancy_weeks, low=1),
        schedule_within_days=r.num("schedule_within_days", d.schedule_within_days),
        sign_up_visit=sign_up,
    )


def _lock_minutes(top: _Reader) -> int:
    minutes = top.num("idle_lock_minutes", 5, low=1)
    if minutes > 15:
        raise top.fail("idle_lock_minutes", "must be 15 or less (public-sector screen-lock guidance)")
    return minutes
