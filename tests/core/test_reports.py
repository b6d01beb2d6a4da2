"""Logging, assessing, listing and finding reports (commitments 4, 5 and 10)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from asb_desktop.app import App
from asb_desktop.controllers.errors import NotFound, ValidationError
from asb_desktop.controllers.reports import ReportFilter
from asb_desktop.domain.inputs import AssessmentInput, PersonInput, ReportInput, TenancyInput
from tests.conftest import FakeClock, noise_report
from tests.core.support import counts


def _errors(app: App, data: ReportInput) -> dict[str, str]:
    before = counts(app)
    with pytest.raises(ValidationError) as caught:
        app.reports.log_report(data)
    assert counts(app) == before, "a refused report must leave no report, person, audit or change row"
    return caught.value.errors


def test_report_without_reporter_needs_one_or_the_anonymous_tick(app: App) -> None:
    errors = _errors(app, noise_report(new_reporter=None))
    assert errors == {"reporter": "Choose the reporter, add a new person, or tick anonymous"}


def test_report_without_category_asks_for_one(app: App) -> None:
    assert _errors(app, noise_report(categories=[])) == {"categories": "Choose at least one category"}


def test_report_with_unknown_category_names_it(app: App) -> None:
    errors = _errors(app, noise_report(categories=["noise", "loud_parrots"]))
    assert errors == {"categories": "Unknown category: loud_parrots"}


def test_report_without_description_asks_what_happened(app: App) -> None:
    assert _errors(app, noise_report(description="   ")) == {"description": "Describe what happened"}


def test_hate_incident_needs_the_perceived_strand(app: App) -> None:
    errors = _errors(app, noise_report(categories=["hate_incident"]))
    assert list(errors) == ["hate_strands"]
    assert "perceives" in errors["hate_strands"]


def test_incident_date_after_the_date_received_is_refused(app: App) -> None:
    errors = _errors(app, noise_report(received_at=datetime(2026, 3, 1, 10, 0),
                                       incident_date=date(2026, 3, 2)))
    assert errors == {"incident_date": "The incident date must be on or before the date received"}


def test_received_date_in_the_future_is_refused(app: App, clock: FakeClock) -> None:
    errors = _errors(app, noise_report(received_at=clock.now() + timedelta(days=1)))
    assert errors == {"received_at": "The date received must be today or in the past"}


def test_bad_contact_details_on_a_new_reporter_get_one_message_each(app: App) -> None:
    reporter = PersonInput(given_name="Amira", family_name="Okafor", phone="call me",
                           email="amira-at-home", postcode="NOT A CODE")
    errors = _errors(app, noise_report(new_reporter=reporter))
    assert errors == {
        "reporter.phone": "Enter a phone number using digits, like 07700 900123",
        "reporter.email": "Enter an email address like name@example.com",
        "reporter.postcode": "Enter a real postcode, like SW1A 1AA",
    }


def test_several_problems_are_reported_together(app: App) -> None:
    errors = _errors(app, noise_report(new_reporter=None, categories=[], description=""))
    assert set(errors) == {"reporter", "categories", "description"}


@pytest.mark.parametrize(
    ("categories", "risk"),
    [
        (["hate_incident"], "high"),
        (["domestic_abuse"], "high"),
        (["violence"], "high"),
        (["noise"], "medium"),
        (["fly_tipping"], "low"),
        (["fly_tipping", "noise"], "medium"),
        (["fly_tipping", "noise", "violence"], "high"),
    ],
)
def test_proposed_risk_follows_the_highest_category(app: App, categories: list[str], risk: str) -> None:
    strands = ["race"] if "hate_incident" in categories else []
    report = app.reports.log_report(noise_report(categories=categories, hate_strands=strands))
    assert report.proposed_risk == risk
    assert report.risk_level == risk
    assert app.reports.get_report(report.id).risk_level == risk


def test_a_strand_alone_marks_the_report_as_a_high_risk_hate_incident(app: App) -> None:
    report = app.reports.log_report(noise_report(hate_strands=["religion"]))
    assert "hate_incident" in report.categories
    assert report.risk_level == "high"
    assert [r.id for r in app.reports.list_reports(ReportFilter(hate_only=True)).rows] == [report.id]


def test_valid_report_is_saved_with_reporter_and_who_logged_it(
    app: App, reopen: Callable[[App], App]
) -> None:
    report = app.reports.log_report(noise_report())
    again = reopen(app)
    try:
        saved = again.reports.get_report(report.id)
    finally:
        again.close()
    assert saved.reporter is not None
    assert saved.reporter.name == "Amira Okafor"
    assert saved.reporter.postcode == "LS6 2QT"
    assert saved.description == "Loud music from the flat above until 3am most nights"
    assert saved.logged_by == "Sam Officer"
    assert saved.assessment is None


def test_acknowledgement_due_skips_christmas_and_the_boxing_day_substitute(
    app: App, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 12, 24, 10, 0))  # Thursday; 25th Friday, 28th is the Boxing Day holiday
    high = app.reports.log_report(noise_report(categories=["violence"]))
    medium = app.reports.log_report(noise_report())
    low = app.reports.log_report(noise_report(categories=["fly_tipping"]))
    assert high.acknowledge_by == date(2026, 12, 29)
    assert medium.acknowledge_by == date(2026, 12, 30)
    assert low.acknowledge_by == date(2026, 12, 31)


def test_acknowledgement_counts_from_the_date_received_not_the_date_logged(
    app: App, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 3, 9, 9, 0))  # Monday
    report = app.reports.log_report(noise_report(received_at=datetime(2026, 3, 6, 16, 0)))  # Friday
    assert report.acknowledge_by == date(2026, 3, 10)


def test_anonymous_report_keeps_no_reporter(app: App) -> None:
    before = counts(app)["people"]
    report = app.reports.log_report(noise_report(anonymous=True))
    assert report.reporter is None
    assert report.anonymous
    assert counts(app)["people"] == before
    assert app.reports.list_reports().rows[0].reporter == "Anonymous"


def test_report_can_name_an_existing_person_as_reporter(app: App) -> None:
    first = app.reports.log_report(noise_report())
    assert first.reporter is not None
    second = app.reports.log_report(noise_report(new_reporter=None, reporter_id=first.reporter.id))
    assert second.reporter == first.reporter
    assert counts(app)["people"] == 1


# -- assessment ---------------------------------------------------------------


def _assess_errors(app: App, data: AssessmentInput) -> dict[str, str]:
    before = counts(app)
    with pytest.raises(ValidationError) as caught:
        app.reports.assess(data)
    assert counts(app) == before
    assert app.reports.get_report(data.report_id).assessment is None
    return caught.value.errors


def test_assessing_as_asb_needs_the_limb_of_the_definition(app: App) -> None:
    report = app.reports.log_report(noise_report())
    errors = _assess_errors(app, AssessmentInput(report.id, assessment="asb", reason="Persistent"))
    assert list(errors) == ["asb_limb"]


def test_assessment_needs_a_reason(app: App) -> None:
    report = app.reports.log_report(noise_report())
    errors = _assess_errors(app, AssessmentInput(report.id, assessment="not_asb"))
    assert errors == {"reason": "Give the reason for this assessment"}


def test_assessment_needs_a_choice(app: App) -> None:
    report = app.reports.log_report(noise_report())
    errors = _assess_errors(app, AssessmentInput(report.id, assessment="maybe", reason="Unsure"))
    assert list(errors) == ["assessment"]


def test_lowering_risk_below_proposal_needs_a_reason(app: App) -> None:
    report = app.reports.log_report(noise_report())
    errors = _assess_errors(app, AssessmentInput(
        report.id, assessment="asb", asb_limb="nuisance_occupation", reason="Persistent",
        risk_level="low"))
    assert errors == {"risk_reason": "Give a reason for lowering the risk below the proposed medium"}
    assert app.reports.get_report(report.id).risk_level == "medium"

    assessed = app.reports.assess(AssessmentInput(
        report.id, assessment="asb", asb_limb="nuisance_occupation", reason="Persistent",
        risk_level="low", risk_reason="Music stopped after the first visit"))
    assert assessed.risk_level == "low"
    assert assessed.proposed_risk == "medium"


def test_raising_risk_above_proposal_needs_no_reason(app: App) -> None:
    report = app.reports.log_report(noise_report())
    assessed = app.reports.assess(AssessmentInput(
        report.id, assessment="asb", asb_limb="harassment_alarm_distress",
        reason="Threats made at the door", risk_level="high"))
    assert assessed.risk_level == "high"
    assert assessed.assessment == "asb"
    assert assessed.asb_limb == "harassment_alarm_distress"
    assert assessed.assessment_reason == "Threats made at the door"


def test_not_asb_assessment_drops_any_limb(app: App) -> None:
    report = app.reports.log_report(noise_report())
    assessed = app.reports.assess(AssessmentInput(
        report.id, assessment="not_asb", asb_limb="nuisance_occupation", reason="Everyday living"))
    assert assessed.assessment == "not_asb"
    assert assessed.asb_limb is None


# -- the list -----------------------------------------------------------------


def _three_reports(app: App, clock: FakeClock) -> tuple[str, str, str]:
    noise = app.reports.log_report(noise_report())
    clock.advance(hours=1)
    tipping = app.reports.log_report(noise_report(categories=["fly_tipping"],
                                                  description="Mattress dumped by the garages"))
    clock.advance(hours=1)
    hate = app.reports.log_report(noise_report(categories=["hate_incident"], hate_strands=["race"],
                                               description="Racist remarks shouted outside"))
    return noise.id, tipping.id, hate.id


def test_list_shows_newest_first_by_default(app: App, clock: FakeClock) -> None:
    noise, tipping, hate = _three_reports(app, clock)
    page = app.reports.list_reports()
    assert [r.id for r in page.rows] == [hate, tipping, noise]
    assert page.total == 3


def test_list_filters_unassessed_reports(app: App, clock: FakeClock) -> None:
    noise, tipping, hate = _three_reports(app, clock)
    app.reports.assess(AssessmentInput(tipping, assessment="not_asb", reason="Council matter"))
    unassessed = app.reports.list_reports(ReportFilter(assessment="unassessed"))
    assert {r.id for r in unassessed.rows} == {noise, hate}
    assert unassessed.total == 2
    not_asb = app.reports.list_reports(ReportFilter(assessment="not_asb"))
    assert [r.id for r in not_asb.rows] == [tipping]


def test_list_filters_by_category_and_hate_incidents(app: App, clock: FakeClock) -> None:
    _noise, tipping, hate = _three_reports(app, clock)
    both = app.reports.log_report(noise_report(categories=["noise", "fly_tipping"]))
    assert {r.id for r in app.reports.list_reports(ReportFilter(category="fly_tipping")).rows} == {
        tipping, both.id}
    hates = app.reports.list_reports(ReportFilter(hate_only=True))
    assert [r.id for r in hates.rows] == [hate]
    assert hates.rows[0].hate_incident


def test_list_sorts_by_risk_high_first(app: App, clock: FakeClock) -> None:
    noise, tipping, hate = _three_reports(app, clock)
    high_first = app.reports.list_reports(sort="risk", descending=True)
    assert [r.risk_level for r in high_first.rows] == ["high", "medium", "low"]
    low_first = app.reports.list_reports(sort="risk", descending=False)
    assert [r.id for r in low_first.rows] == [tipping, noise, hate]


def test_list_pages_with_the_total(app: App, clock: FakeClock) -> None:
    ids = []
    for _ in range(7):
        ids.append(app.reports.log_report(noise_report()).id)
        clock.advance(minutes=10)
    newest_first = list(reversed(ids))
    pages = [app.reports.list_reports(offset=o, limit=3) for o in (0, 3, 6)]
    assert [len(p.rows) for p in pages] == [3, 3, 1]
    assert all(p.total == 7 for p in pages)
    assert [r.id for p in pages for r in p.rows] == newest_first
    assert pages[1].offset == 3


def test_search_finds_a_word_of_the_description(app: App, clock: FakeClock) -> None:
    _noise, tipping, _hate = _three_reports(app, clock)
    found = app.reports.list_reports(ReportFilter(text="mattress"))
    assert [r.id for r in found.rows] == [tipping]
    assert found.total == 1


def test_search_finds_reports_by_the_reporters_name_ignoring_accents(app: App) -> None:
    zoe = app.reports.log_report(noise_report(
        new_reporter=PersonInput(given_name="Zoë", family_name="Müller")))
    app.reports.log_report(noise_report())
    for text in ("zoe", "Zoë", "muller"):
        found = app.reports.list_reports(ReportFilter(text=text))
        assert [r.id for r in found.rows] == [zoe.id], text
        assert found.rows[0].reporter == "Zoë Müller"


def test_search_with_words_from_nowhere_finds_nothing(app: App, clock: FakeClock) -> None:
    _three_reports(app, clock)
    found = app.reports.list_reports(ReportFilter(text="trampoline"))
    assert found.rows == []
    assert found.total == 0


def test_report_about_a_property_no_longer_in_the_profile_is_refused_plainly(app: App) -> None:
    before = counts(app)
    with pytest.raises(NotFound, match="property is no longer in this profile"):
        app.reports.log_report(noise_report(property_id="no-such-property"))
    assert counts(app) == before


def test_report_can_name_the_property_it_is_about(app: App) -> None:
    tenancy = app.visits.add_tenancy(TenancyInput(reference="T1", address="Flat 3, 12 Larch Close",
                                                  start_date=date(2026, 1, 5)))
    with app.store.sessions() as s:
        property_id = s.scalar(sa.text("SELECT property_id FROM tenancies WHERE id = :t"),
                               {"t": tenancy.id})
    report = app.reports.log_report(noise_report(property_id=property_id))
    assert app.reports.get_report(report.id).property_id == property_id
