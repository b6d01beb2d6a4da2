"""Further reports on an open case, self-resolution advice, and the people in cases."""

from __future__ import annotations

from datetime import datetime

import pytest

from asb_desktop.app import App
from asb_desktop.controllers.cases import CaseFilter
from asb_desktop.controllers.errors import NotFound, UserError, ValidationError
from asb_desktop.domain.inputs import AdviceInput, AssessmentInput, ClosureInput, PersonInput
from tests.conftest import FakeClock, noise_report
from tests.core.support import audit_rows, counts, open_noise_case, person


def test_further_report_joins_the_open_case_instead_of_starting_a_new_one(app: App) -> None:
    case = open_noise_case(app)
    further = app.reports.log_report(noise_report(categories=["verbal_abuse", "violence"],
                                                  description="Threatened on the stairs"))
    attached = app.reports.attach_to_case(further.id, case.id)
    assert attached.case_reference == case.reference
    detail = app.cases.get_case(case.id)
    assert [r.id for r in detail.reports][-1] == further.id
    assert detail.risk_level == "high"
    assert set(detail.categories) == {"noise", "verbal_abuse", "violence"}
    assert app.cases.caseload().total == 1
    assert app.cases.caseload(CaseFilter(risk="high")).total == 1


def test_report_logged_straight_into_a_case(app: App) -> None:
    case = open_noise_case(app)
    further = app.reports.log_report(noise_report(case_id=case.id, categories=["hate_incident"],
                                                  hate_strands=["religion"]))
    assert further.case_reference == case.reference
    detail = app.cases.get_case(case.id)
    assert detail.hate_strands == ("religion",)
    assert detail.risk_level == "high"


def test_closed_case_takes_no_further_reports(app: App) -> None:
    case = open_noise_case(app)
    app.cases.close_case(ClosureInput(case.id, outcome="resolved", reason="Music stopped"))
    further = app.reports.log_report(noise_report(categories=["violence"]))
    before = counts(app)
    with pytest.raises(UserError, match=f"Case {case.reference} is closed"):
        app.reports.attach_to_case(further.id, case.id)
    with pytest.raises(UserError, match="is closed"):
        app.reports.log_report(noise_report(case_id=case.id))
    assert counts(app) == before
    assert app.reports.get_report(further.id).case_id is None
    closed = app.cases.get_case(case.id)
    assert (closed.risk_level, closed.categories) == ("medium", ("noise",))


def test_moving_a_report_updates_both_cases(app: App) -> None:
    first = open_noise_case(app)
    second = open_noise_case(app, categories=["fly_tipping"], description="Mattress dumped")
    moved = second.reports[0].id
    app.reports.attach_to_case(moved, first.id)
    assert set(app.cases.get_case(first.id).categories) == {"noise", "fly_tipping"}
    assert app.cases.get_case(second.id).categories == ()
    assert app.reports.get_report(moved).case_reference == first.reference


def test_attaching_to_a_case_not_in_the_profile_is_refused(app: App) -> None:
    report = app.reports.log_report(noise_report())
    with pytest.raises(NotFound):
        app.reports.attach_to_case(report.id, "no-such-case")
    assert app.reports.get_report(report.id).case_id is None


def test_case_references_start_again_each_year(app: App, clock: FakeClock) -> None:
    assert open_noise_case(app).reference.startswith("ASB-26-")
    clock.set(datetime(2027, 1, 4, 9, 0))
    code = app.profile.device_code()
    assert open_noise_case(app).reference == f"ASB-27-{code}-0001"
    assert open_noise_case(app).reference == f"ASB-27-{code}-0002"


def test_advice_is_recorded_for_reports_assessed_as_not_asb(app: App) -> None:
    report = app.reports.log_report(noise_report(categories=["lifestyle"],
                                                 description="Footsteps from upstairs"))
    with pytest.raises(UserError, match="assessed as not ASB"):
        app.reports.record_advice(AdviceInput(report.id, advice_text="Everyday living noise is not ASB"))
    app.reports.assess(AssessmentInput(report.id, assessment="not_asb", reason="Everyday living"))
    with pytest.raises(ValidationError) as caught:
        app.reports.record_advice(AdviceInput(report.id))
    assert list(caught.value.errors) == ["advice_text"]
    app.reports.record_advice(AdviceInput(report.id, advice_key="talk",
                                          advice_text="Talk to your neighbour at a calm moment"))
    last = audit_rows(app)[-1]
    assert (last.action, last.entity) == ("advice.recorded", "advice")


def test_report_naming_a_reporter_no_longer_in_the_profile_is_refused(app: App) -> None:
    before = counts(app)
    with pytest.raises(NotFound, match="reporter"):
        app.reports.log_report(noise_report(new_reporter=None, reporter_id="gone"))
    assert counts(app) == before


# -- people ---------------------------------------------------------------------


def test_person_needs_a_name_and_known_adjustments(app: App) -> None:
    with pytest.raises(ValidationError) as caught:
        app.people.add_person(PersonInput(adjustments=["interpreter", "telepathy"]))
    assert caught.value.errors == {
        "family_name": "Enter the person's name",
        "adjustments": "Unknown reasonable adjustment: telepathy",
    }
    assert counts(app)["people"] == 0


def test_person_is_found_as_the_officer_types(app: App) -> None:
    app.people.add_person(person("Siobhán", "Murphy"))
    app.people.add_person(person("Ben", "Murphy"))
    app.people.add_person(person("Grace", "Hall"))
    assert [p.name for p in app.people.find_people("murph")] == ["Ben Murphy", "Siobhán Murphy"]
    assert [p.name for p in app.people.find_people("siobhan mur")] == ["Siobhán Murphy"]
    assert app.people.find_people("  ") == []


def test_updating_a_person_is_checked_and_saved(app: App) -> None:
    nadia = app.people.add_person(PersonInput(given_name="Nadia", family_name="Ali",
                                              adjustments=["large_print"]))
    with pytest.raises(ValidationError):
        app.people.update_person(nadia.id, PersonInput(given_name="Nadia", family_name="Ali",
                                                       email="not-an-email"))
    updated = app.people.update_person(nadia.id, PersonInput(
        given_name="Nadia", family_name="Ali", postcode="ls6 2qt", adjustments=["large_print"],
        vulnerabilities="Lives alone"))
    assert (updated.postcode, updated.vulnerabilities) == ("LS6 2QT", "Lives alone")
    assert updated.adjustments == ("large_print",)
    assert audit_rows(app)[-1].detail == "Changed postcode, vulnerabilities"
    with pytest.raises(NotFound):
        app.people.update_person("gone", PersonInput(given_name="X"))


def test_correcting_a_name_updates_the_caseload(app: App) -> None:
    case = open_noise_case(app)
    app.cases.add_party(case.id, "alleged_perpetrator", new=person("Dylan", "Reid"))
    amira = case.parties[0].person
    app.people.update_person(amira.id, PersonInput(given_name="Amira", family_name="Okafor-Bello",
                                                   phone=amira.phone, address=amira.address,
                                                   postcode=amira.postcode))
    assert app.cases.caseload().rows[0].parties == "A. Okafor-Bello v D. Reid"
    assert [r.id for r in app.cases.caseload(CaseFilter(text="okafor-bello")).rows] == [case.id]
    assert [f for f in app.checks.run() if not f.ok] == []
