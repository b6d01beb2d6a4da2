"""What officers record on an open case: interventions, evidence, contacts, referrals."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TypeVar

import pytest

from asb_desktop.app import App
from asb_desktop.controllers.errors import ValidationError
from asb_desktop.domain.inputs import ContactInput, EvidenceInput, InterventionInput, ReferralInput
from tests.conftest import FakeClock
from tests.core.support import counts, open_noise_case, person

T = TypeVar("T")


def _refused(app: App, record: Callable[[T], object], data: T) -> dict[str, str]:
    before = counts(app)
    with pytest.raises(ValidationError) as caught:
        record(data)
    assert counts(app) == before
    return caught.value.errors


def test_intervention_needs_a_proportionate_reason(app: App) -> None:
    case = open_noise_case(app)
    errors = _refused(app, app.casework.add_intervention, InterventionInput(
        case.id, kind="warning_letter", started_on=date(2026, 3, 2)))
    assert errors == {"proportionate_reason": "Explain why this step is reasonable and proportionate"}


def test_intervention_must_expire_after_it_starts(app: App) -> None:
    case = open_noise_case(app)
    errors = _refused(app, app.casework.add_intervention, InterventionInput(
        case.id, kind="abc", started_on=date(2026, 3, 2), expires_on=date(2026, 3, 1),
        proportionate_reason="Behaviour continued after the warning letter"))
    assert errors == {"expires_on": "The expiry date must be after the start date"}


def test_intervention_needs_a_known_tool_and_a_start_date(app: App) -> None:
    case = open_noise_case(app)
    errors = _refused(app, app.casework.add_intervention, InterventionInput(
        case.id, kind="stern_look", proportionate_reason="Because"))
    assert set(errors) == {"kind", "started_on"}


def test_intervention_against_a_person_not_in_the_profile_is_refused(app: App) -> None:
    case = open_noise_case(app)
    errors = _refused(app, app.casework.add_intervention, InterventionInput(
        case.id, kind="warning_letter", started_on=date(2026, 3, 2), person_id="gone",
        proportionate_reason="Second report"))
    assert errors == {"person_id": "That person is no longer in this profile"}


def test_intervention_is_recorded_against_the_perpetrator(app: App) -> None:
    case = open_noise_case(app)
    detail = app.cases.add_party(case.id, "alleged_perpetrator", new=person("Dylan", "Reid"))
    reid = next(p.person for p in detail.parties if p.role == "alleged_perpetrator")
    app.casework.add_intervention(InterventionInput(
        case.id, kind="abc", person_id=reid.id, started_on=date(2026, 3, 2),
        expires_on=date(2026, 9, 2), review_on=date(2026, 3, 30),
        proportionate_reason="Music continued after a warning letter", tried_before="Warning letter"))
    [saved] = app.cases.get_case(case.id).interventions
    assert (saved.kind, saved.person, saved.expires_on) == ("abc", "Dylan Reid", date(2026, 9, 2))
    assert saved.proportionate_reason == "Music continued after a warning letter"
    assert saved.tried_before == "Warning letter"


def test_evidence_keeps_a_sha256_of_its_content(app: App) -> None:
    case = open_noise_case(app)
    content = b"Diary sheet: 02/03 23:40 bass through the ceiling"
    app.casework.add_evidence(EvidenceInput(case.id, kind="diary_sheet", description="Week 1 diary",
                                            file_name="diary-week1.pdf", content=content))
    [item] = app.cases.get_case(case.id).evidence
    assert item.sha256 == hashlib.sha256(content).hexdigest()
    assert item.file_name == "diary-week1.pdf"
    assert item.captured_on == date(2026, 3, 2)
    assert not item.shareable


def test_evidence_without_a_file_has_no_fingerprint(app: App) -> None:
    case = open_noise_case(app)
    app.casework.add_evidence(EvidenceInput(case.id, kind="statement", description="Verbal account"))
    assert app.cases.get_case(case.id).evidence[0].sha256 == ""


def test_evidence_needs_a_kind_and_a_description(app: App) -> None:
    case = open_noise_case(app)
    errors = _refused(app, app.casework.add_evidence, EvidenceInput(case.id, content=b"x"))
    assert set(errors) == {"kind", "description"}


def test_contact_cannot_be_in_the_future(app: App, clock: FakeClock) -> None:
    case = open_noise_case(app)
    errors = _refused(app, app.casework.record_contact, ContactInput(
        case.id, at=clock.now() + timedelta(hours=1), summary="Will call tomorrow"))
    assert errors == {"at": "A contact cannot be in the future"}


def test_contact_is_logged_with_its_victim_update_flag(app: App) -> None:
    case = open_noise_case(app)
    amira = case.parties[0].person
    app.casework.record_contact(ContactInput(
        case.id, person_id=amira.id, at=datetime(2026, 3, 2, 9, 0), method="home_visit",
        summary="Visited to update on the warning letter", victim_update=True))
    [contact] = app.cases.get_case(case.id).contacts
    assert (contact.person, contact.method, contact.victim_update) == ("Amira Okafor", "home_visit", True)


def test_contact_needs_a_summary_and_known_method(app: App) -> None:
    case = open_noise_case(app)
    errors = _refused(app, app.casework.record_contact, ContactInput(case.id, method="pigeon"))
    assert set(errors) == {"method", "summary"}


def test_referral_needs_a_service(app: App) -> None:
    case = open_noise_case(app)
    errors = _refused(app, app.casework.add_referral, ReferralInput(case.id, kind="referral"))
    assert errors == {"service": "Name the service"}


def test_signposting_is_recorded_on_the_case(app: App) -> None:
    case = open_noise_case(app)
    app.casework.add_referral(ReferralInput(case.id, person_id=case.parties[0].person.id,
                                            service=" Victim Support "))
    [referral] = app.cases.get_case(case.id).referrals
    assert (referral.kind, referral.service, referral.person) == ("signposting", "Victim Support",
                                                                   "Amira Okafor")
    assert referral.made_on == date(2026, 3, 2)
