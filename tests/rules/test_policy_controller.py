"""The policy at work on a real profile: what an officer sees and cannot get wrong."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.errors import UserError, ValidationError
from asb_desktop.domain.inputs import (
    AssessmentInput,
    CaseInput,
    ClosureInput,
    InterventionInput,
    PersonInput,
    ReportInput,
)
from asb_desktop.domain.rules.policy_exchange import (
    CaseReviewInput,
    DashInput,
    RiskAssessmentInput,
    SignpostInput,
)
from asb_desktop.domain.views import ReportView
from tests.conftest import FakeClock, noise_report


def assess(app: App, report_id: str, verdict: str = "asb", **kw: str) -> ReportView:
    limb = "nuisance_occupation" if verdict == "asb" else None
    reason = kw.pop("reason", "Looked at it")
    return app.reports.assess(AssessmentInput(report_id, verdict, limb, reason, **kw))


def open_case(app: App, *reports: ReportView) -> str:
    return app.cases.open_case(CaseInput(report_ids=[r.id for r in reports])).id


def amira_again(first: ReportView, **kw: object) -> ReportInput:
    assert first.reporter is not None
    return noise_report(new_reporter=None, reporter_id=first.reporter.id, **kw)


# -- assessment on its own merit (commitments 4, 5) -----------------------------------


def test_lowering_the_proposed_risk_needs_a_reason(app: App) -> None:
    report = app.reports.log_report(
        noise_report(categories=["violence"], description="Punched in the hallway")
    )
    assert report.proposed_risk == "high"
    with pytest.raises(ValidationError) as err:
        assess(app, report.id, risk_level="low")
    assert "risk_reason" in err.value.errors
    lowered = assess(app, report.id, risk_level="low", risk_reason="Police confirm a one-off, no injury")
    assert lowered.risk_level == "low"


def test_every_assessment_needs_a_reason_and_asb_a_limb(app: App) -> None:
    report = app.reports.log_report(noise_report())
    with pytest.raises(ValidationError) as err:
        app.reports.assess(AssessmentInput(report.id, "asb", None, ""))
    assert {"asb_limb", "reason"} <= set(err.value.errors)
    later = assess(app, report.id, "more_information", reason="Diary sheets sent")
    assert later.assessment == "more_information"


def test_case_takes_the_highest_risk_of_its_reports(app: App) -> None:
    noise = app.reports.log_report(noise_report())
    hate = app.reports.log_report(
        noise_report(categories=["hate_incident"], hate_strands=["race"], description="Graffiti on door")
    )
    case = app.cases.get_case(open_case(app, noise, hate))
    assert case.risk_level == "high"
    assert case.hate_strands == ("race",)


# -- non-ASB advice and repeats (commitment 13) ---------------------------------------


def test_repeat_non_asb_report_is_offered_the_earlier_advice(app: App, clock: FakeClock) -> None:
    first = app.reports.log_report(noise_report(description="Footsteps and doors in the day"))
    assess(app, first.id, "not_asb", reason="Everyday household noise")
    app.policy.give_advice(first.id, "everyday_noise", "Offered mediation leaflet")

    clock.advance(days=40)
    again = amira_again(first, received_at=None, incident_date=date(2026, 4, 10),
                        description="Still footsteps during the day")
    flags = app.policy.preview_report_flags(again)
    assert [o.advice_key for o in flags.earlier_advice] == ["everyday_noise"]
    offer = flags.earlier_advice[0]
    assert offer.same_reporter and offer.same_address
    assert "still applies" in offer.refer_back
    assert flags.earlier_non_asb_by_reporter == 1

    # A different kind of issue is assessed afresh, with no advice offered.
    parking = app.policy.preview_report_flags(amira_again(first, categories=["parking"]))
    assert parking.earlier_advice == ()

    second = app.reports.log_report(again)
    with pytest.raises(UserError, match="own merit"):
        app.policy.refer_back(second.id, offer.advice_id)  # not yet assessed
    assess(app, second.id, "not_asb", reason="Same everyday noise")
    back = app.policy.refer_back(second.id, offer.advice_id)
    assert "Amira Okafor" in back.letter and "2 March 2026" in back.letter
    assert "Offered mediation leaflet" in back.letter

    repeats = app.policy.repeat_non_asb()
    assert ("reporter", "Amira Okafor", 2) in [(r.per, r.label, r.count) for r in repeats]


def test_earlier_advice_from_long_ago_is_not_offered(app: App, clock: FakeClock) -> None:
    first = app.reports.log_report(noise_report())
    assess(app, first.id, "not_asb", reason="Everyday household noise")
    app.policy.give_advice(first.id, "everyday_noise")
    clock.advance(days=400)
    flags = app.policy.preview_report_flags(amira_again(first, incident_date=None))
    assert flags.earlier_advice == ()


def test_advice_only_for_reports_assessed_not_asb(app: App) -> None:
    report = app.reports.log_report(noise_report())
    assess(app, report.id, "asb")
    with pytest.raises(UserError):
        app.policy.give_advice(report.id, "everyday_noise")


# -- ASB Case Review ------------------------------------------------------------------


def test_case_review_warning_flag_and_request(app: App, clock: FakeClock) -> None:
    first = app.reports.log_report(noise_report())
    clock.advance(days=20)
    second = app.reports.log_report(amira_again(first, incident_date=date(2026, 3, 20)))
    clock.advance(days=20)
    third = amira_again(first, incident_date=date(2026, 4, 9))
    flags = app.policy.preview_report_flags(third)
    assert {h.threshold for h in flags.case_review_would_meet} == {
        "three_by_complainant", "three_about_location",
    }
    logged = app.reports.log_report(third)
    case_id = open_case(app, first, second, logged)
    other = open_case(app, app.reports.log_report(noise_report(
        new_reporter=PersonInput(given_name="Bea", family_name="Lund"), location="4 Birch Road",
    )))
    flagged = app.policy.cases_meeting_case_review()
    assert set(flagged) == {case_id}
    assert {h.threshold for h in app.policy.case_review_status(case_id)} == {
        h.threshold for h in flagged[case_id]
    } == {"three_by_complainant", "three_about_location"}
    assert app.policy.case_review_status(other) == []

    assert first.reporter is not None
    request = app.policy.request_case_review(CaseReviewInput(first.reporter.id, case_id))
    assert "three_by_complainant" in request.thresholds_met
    assert request.received_on == date(2026, 4, 11)  # a Saturday
    assert request.dates.acknowledge_by == date(2026, 4, 17)  # 5 working days
    kinds = {d.kind for d in app.policy.case_obligations(case_id)}
    assert {"case_review_acknowledge", "case_review_decision", "case_review_outcome"} <= kinds
    app.policy.decide_case_review(request.id, True, "Review meeting held; new action plan agreed")
    kinds = {d.kind for d in app.policy.case_obligations(case_id)}
    assert not kinds & {"case_review_acknowledge", "case_review_decision", "case_review_outcome"}


def test_late_complaints_do_not_count_towards_case_review(app: App, clock: FakeClock) -> None:
    first = app.reports.log_report(noise_report())
    clock.advance(days=20)
    app.reports.log_report(amira_again(first, incident_date=date(2026, 3, 20)))
    clock.advance(days=20)
    # Behaviour from more than a month ago: not a qualifying complaint.
    flags = app.policy.preview_report_flags(amira_again(first, incident_date=date(2026, 2, 1)))
    assert flags.case_review_would_meet == ()


# -- what is due ----------------------------------------------------------------------


def test_case_shows_what_is_due_and_what_is_overdue(app: App, clock: FakeClock) -> None:
    report = app.reports.log_report(noise_report())  # medium risk, Monday 2 March
    case_id = open_case(app, report)
    due = {d.kind: d for d in app.policy.case_obligations(case_id)}
    assert due["acknowledge"].due_on == date(2026, 3, 4)
    assert due["first_contact"].due_on == date(2026, 3, 5)
    assert due["action_plan"].due_on == date(2026, 3, 9)
    assert not any(d.overdue for d in due.values())

    app.policy.acknowledge_report(report.id)
    clock.set(datetime(2026, 3, 6, 9, 0))
    due = {d.kind: d for d in app.policy.case_obligations(case_id)}
    assert "acknowledge" not in due
    assert due["first_contact"].overdue and not due["action_plan"].overdue
    assert case_id in app.policy.open_case_obligations()


def test_paused_clock_stops_targets_for_allowed_reasons_only(app: App, clock: FakeClock) -> None:
    report = app.reports.log_report(noise_report())
    case_id = open_case(app, report)
    with pytest.raises(ValidationError):
        app.policy.pause_targets(case_id, "Officer on leave")
    reason = app.unit.policy.targets.pause_reasons[1]
    app.policy.pause_targets(case_id, reason)
    clock.set(datetime(2026, 3, 20, 9, 0))
    due = {d.kind: d for d in app.policy.case_obligations(case_id)}
    assert due["first_contact"].paused and not due["first_contact"].overdue
    assert due["acknowledge"].overdue
    app.policy.resume_targets(case_id)
    due = {d.kind: d for d in app.policy.case_obligations(case_id)}
    # The resume day counts: Friday 20th, Monday 23rd, Tuesday 24th.
    assert due["first_contact"].due_on == date(2026, 3, 24)


# -- risk assessment and DASH (commitment 9) -------------------------------------------


def da_case(app: App) -> tuple[str, str]:
    report = app.reports.log_report(
        noise_report(categories=["noise"], description="Shouting and crying through the wall")
    )
    case_id = open_case(app, report)
    detail = app.cases.add_party(case_id, "victim", new=PersonInput(given_name="Jo", family_name="Reed"))
    victim = next(p.person.id for p in detail.parties if p.role == "victim")
    return case_id, victim


def test_dash_needs_safe_to_talk_and_safe_contact_first(app: App) -> None:
    flags = app.policy.preview_report_flags(noise_report(categories=["domestic_abuse"]))
    assert flags.domestic_abuse_suspected and flags.proposed_risk == "high"
    assert not app.policy.preview_report_flags(noise_report()).domestic_abuse_suspected
    case_id, victim = da_case(app)
    with pytest.raises(ValidationError) as err:
        app.risk.record_dash(DashInput(case_id, victim, score=15))
    assert {"safe_to_talk", "safe_contact"} <= set(err.value.errors)


def test_dash_at_14_makes_the_case_high_and_a_marac_referral_due(app: App) -> None:
    case_id, victim = da_case(app)
    assert app.cases.get_case(case_id).risk_level == "medium"
    result = app.risk.record_dash(DashInput(
        case_id, victim, score=14, safe_to_talk=True, safe_contact="Work mobile only, after 10am",
    ))
    assert result.marac_due and result.level == "high" and result.case_risk == "high"
    due = {d.kind: d for d in app.policy.case_obligations(case_id)}
    assert due["marac_referral"].due_on == date(2026, 3, 3)
    app.risk.record_marac_referral(case_id, "Sam Officer")
    assert "marac_referral" not in {d.kind for d in app.policy.case_obligations(case_id)}
    assert app.cases.get_case(case_id).risk_assessments[0].tool == "dash"


def test_dash_referral_below_14_only_on_professional_judgement(app: App) -> None:
    case_id, victim = da_case(app)
    base = dict(score=9, safe_to_talk=True, safe_contact="Landline", marac_referral=True,
                referred_by="Sam Officer")
    with pytest.raises(ValidationError) as err:
        app.risk.record_dash(DashInput(case_id, victim, **base))  # type: ignore[arg-type]
    assert "judgement_high" in err.value.errors
    result = app.risk.record_dash(DashInput(
        case_id, victim, judgement_high=True, judgement_reason="Escalating; recent strangulation",
        **base,  # type: ignore[arg-type]
    ))
    assert result.marac_due and result.marac_referred and result.level == "high"
    assert "marac_referral" not in {d.kind for d in app.policy.case_obligations(case_id)}


def test_risk_matrix_raises_the_case_and_sets_the_review(app: App) -> None:
    case_id, victim = da_case(app)
    q = app.policy.questionnaire("victim")
    result = app.risk.record_risk_assessment(
        RiskAssessmentInput(case_id, "victim", victim, {x.key: True for x in q.questions})
    )
    assert result.level == "high" and result.case_risk == "high"
    assert result.review_by == date(2026, 3, 16)  # 10 working days for high
    due = {d.kind: d for d in app.policy.case_obligations(case_id)}
    assert due["risk_review"].due_on == date(2026, 3, 16)

    low = {x.key: False for x in q.questions}
    assert app.risk.record_risk_assessment(
        RiskAssessmentInput(case_id, "victim", victim, low)
    ).case_risk == "high"  # never lowered without a reason
    assert app.risk.record_risk_assessment(
        RiskAssessmentInput(case_id, "victim", victim, low, lower_reason="Perpetrator moved away")
    ).case_risk == "low"


def test_unknown_questions_are_refused(app: App) -> None:
    case_id, victim = da_case(app)
    with pytest.raises(ValidationError):
        app.risk.record_risk_assessment(RiskAssessmentInput(case_id, "victim", victim, {"nope": True}))


# -- signposting (commitments 8, 9) ----------------------------------------------------


def test_signposting_from_the_directory_for_both_sides(app: App) -> None:
    case_id, victim = da_case(app)
    detail = app.cases.add_party(
        case_id, "alleged_perpetrator", new=PersonInput(given_name="Lee", family_name="Reed")
    )
    perp = next(p.person.id for p in detail.parties if p.role == "alleged_perpetrator")
    assert [s.key for s in app.policy.services(kind="domestic_abuse", serves="alleged_perpetrator")] == [
        "respect_phoneline"
    ]
    with pytest.raises(UserError, match="not a service for alleged perpetrators"):
        app.risk.signpost(SignpostInput(case_id, perp, "national_da_helpline"))
    app.risk.signpost(SignpostInput(case_id, perp, "respect_phoneline"))
    app.risk.signpost(SignpostInput(case_id, victim, "national_da_helpline", kind="referral"))
    assert [r.service for r in app.policy.person_referrals(perp)] == ["Respect Phoneline"]
    referrals = {(r.person, r.service, r.kind) for r in app.cases.get_case(case_id).referrals}
    assert referrals == {
        ("Lee Reed", "Respect Phoneline", "signposting"),
        ("Jo Reed", "National Domestic Abuse Helpline", "referral"),
    }


# -- equality (commitment 10), ladder (6), closure (12) --------------------------------


def test_strand_summary_and_optional_equality_monitoring(app: App) -> None:
    app.reports.log_report(noise_report(
        new_reporter=PersonInput(given_name="Ali", family_name="Khan"),  # no equality data at all
        categories=["hate_incident"], hate_strands=["race", "religion"], description="Abuse in street",
    ))
    app.reports.log_report(noise_report())
    summary = {s.strand: s.reports for s in app.policy.strand_summary()}
    assert summary == {
        "disability": 0, "race": 1, "religion": 1, "sexual_orientation": 0, "transgender_identity": 0,
    }


def test_a_step_that_skips_the_ladder_is_warned_about(app: App) -> None:
    report = app.reports.log_report(noise_report())
    case_id = open_case(app, report)
    app.casework.add_intervention(InterventionInput(
        case_id, "advice", started_on=date(2026, 3, 2), proportionate_reason="First report"
    ))
    assert app.policy.intervention_warning(case_id, "warning_letter") is None
    warning = app.policy.intervention_warning(case_id, "civil_injunction")
    assert warning is not None and "Warning letter" in warning
    assert app.policy.intervention_warning(case_id, "civil_injunction", "Threats with a knife") is None


def test_closure_needs_outcome_and_reason_and_records_lessons(app: App) -> None:
    report = app.reports.log_report(noise_report())
    case_id = open_case(app, report)
    with pytest.raises(ValidationError) as err:
        app.cases.close_case(ClosureInput(case_id))
    assert {"outcome", "reason"} <= set(err.value.errors)
    assert app.policy.survey_questions()
    closed = app.cases.close_case(ClosureInput(
        case_id, "resolved", "Noise stopped after mediation", satisfaction=4,
        lessons_learned="Offer mediation at first contact",
    ))
    assert closed.lessons == ("Offer mediation at first contact",) and closed.satisfaction == 4
    assert app.policy.case_obligations(case_id) == []


def test_same_place_typed_differently_still_counts_towards_case_review(app: App, clock: FakeClock) -> None:
    people = [PersonInput(given_name=n, family_name="Resident") for n in ("Ann", "Ben", "Cat")]
    for person, typed in zip(people[:2], ("Flat 3, 12 Larch Close", "flat 3 12 LARCH close."), strict=True):
        app.reports.log_report(noise_report(new_reporter=person, location=typed))
        clock.advance(days=3)
    flags = app.policy.preview_report_flags(
        noise_report(new_reporter=people[2], location="FLAT 3 - 12 Larch Close", incident_date=None)
    )
    assert [(h.threshold, h.complaints) for h in flags.case_review_would_meet] == [
        ("three_about_location", 3)
    ]


def test_hate_variant_from_the_landlords_settings(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "profile"
    folder.mkdir()
    (folder / "settings.toml").write_text(
        '[[case_review.thresholds]]\nname = "one_hate"\ndescription = "1 hate incident"\n'
        "complaints = 1\nmin_hate = 1\n"
    )
    local = create_profile(folder, "Sam Officer", "officer", clock=clock)
    try:
        hate = noise_report(categories=["hate_incident"], hate_strands=["religion"], description="Slurs")
        assert [h.threshold for h in local.policy.preview_report_flags(hate).case_review_would_meet] == [
            "one_hate"
        ]
        assert local.policy.preview_report_flags(noise_report()).case_review_would_meet == ()
    finally:
        local.close()


def test_a_report_outside_any_case_is_still_owed_an_acknowledgement(app: App, clock: FakeClock) -> None:
    report = app.reports.log_report(noise_report())  # medium: 2 working days
    in_case = app.reports.log_report(noise_report(description="Second, opened as a case"))
    open_case(app, in_case)
    clock.set(datetime(2026, 3, 5, 9, 0))
    due = app.policy.reports_awaiting_acknowledgement()
    assert [(d.subject_id, d.due_on, d.overdue) for d in due] == [(report.id, date(2026, 3, 4), True)]
    app.policy.acknowledge_report(report.id, date(2026, 3, 3), "phone")
    assert app.policy.reports_awaiting_acknowledgement() == []
