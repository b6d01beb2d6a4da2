"""A refer-back is about the reporter or their household, never about someone
else who complained about the same place (commitment 13, and the data
protection rule that one resident is never told about another's complaint)."""

from __future__ import annotations

import pytest

from asb_desktop.app import App
from asb_desktop.controllers.documents import DocumentsController
from asb_desktop.controllers.errors import UserError, ValidationError
from asb_desktop.domain.inputs import AssessmentInput, PersonInput
from tests.conftest import FakeClock, noise_report
from tests.core.support import audit_rows
from tests.documents.conftest import LANDLORD, pdf_text

NEIGHBOUR = PersonInput(given_name="Lee", family_name="Stone", address="20 Oak Street",
                        postcode="LS6 8XY")
PARTNER = PersonInput(given_name="Sam", family_name="Okafor", address="14 Larch Close",
                      postcode="LS6 2QT")


def _advised(app: App) -> str:
    first = app.reports.log_report(noise_report())
    app.reports.assess(AssessmentInput(first.id, assessment="not_asb", reason="Everyday noise"))
    app.policy.give_advice(first.id, "everyday_noise")
    return app.policy.report_advice(first.id).given[0].id


def test_a_neighbour_about_the_same_place_is_offered_no_one_elses_advice(
    app: App, clock: FakeClock
) -> None:
    advice_id = _advised(app)
    clock.advance(days=10)
    # Logging: the flags of a new report by the neighbour about the very same flat.
    flags = app.policy.preview_report_flags(noise_report(new_reporter=NEIGHBOUR))
    assert flags.earlier_advice == ()
    report = app.reports.log_report(noise_report(new_reporter=NEIGHBOUR))
    app.reports.assess(AssessmentInput(report.id, assessment="not_asb", reason="Everyday noise"))
    assert app.policy.report_advice(report.id).offers == ()
    with pytest.raises(UserError, match="outside this reporter's household"):
        app.policy.refer_back(report.id, advice_id)
    with pytest.raises(UserError, match="outside this reporter's household"):
        app.policy.decline_refer_back(report.id, advice_id, "Not the same problem")


def test_the_reporters_household_is_offered_the_advice_and_may_decline(
    app: App, clock: FakeClock
) -> None:
    advice_id = _advised(app)
    clock.advance(days=10)
    flags = app.policy.preview_report_flags(noise_report(new_reporter=PARTNER))
    assert [o.advice_id for o in flags.earlier_advice] == [advice_id]
    assert not flags.earlier_advice[0].same_reporter and flags.earlier_advice[0].same_address
    report = app.reports.log_report(noise_report(new_reporter=PARTNER))
    app.reports.assess(AssessmentInput(report.id, assessment="not_asb", reason="Everyday noise"))
    state = app.policy.report_advice(report.id)
    assert [o.advice_id for o in state.offers] == [advice_id]
    with pytest.raises(ValidationError):
        app.policy.decline_refer_back(report.id, advice_id, "  ")
    app.policy.decline_refer_back(report.id, advice_id, "Late at night this time")
    state = app.policy.report_advice(report.id)
    assert state.declined == ("On 12 March 2026: Refer-back to the advice given on 2 March 2026 "
                              "declined: Late at night this time",)
    last = audit_rows(app)[-1]
    assert (last.action, last.entity, last.entity_id) == (
        "advice.refer_back_declined", "report", report.id)


def test_the_refer_back_letter_cites_the_advice_referred_back_to(
    app: App, clock: FakeClock
) -> None:
    noise_advice = _advised(app)
    clock.advance(days=5)
    # Later advice to the same reporter about something else: the latest, but not the one.
    parking = app.reports.log_report(noise_report(
        new_reporter=None, reporter_id=_reporter(app), categories=["parking"]))
    app.reports.assess(AssessmentInput(parking.id, assessment="not_asb", reason="Public road"))
    app.policy.give_advice(parking.id, "parking")
    clock.advance(days=5)
    again = app.reports.log_report(noise_report(new_reporter=None, reporter_id=_reporter(app)))
    app.reports.assess(AssessmentInput(again.id, assessment="not_asb", reason="Same noise"))
    assert [o.advice_id for o in app.policy.report_advice(again.id).offers] == [noise_advice]
    view = app.policy.refer_back(again.id, noise_advice)
    state = app.policy.report_advice(again.id)
    assert [(r.id, r.advice_id) for r in state.referred] == [(view.id, noise_advice)]
    docs = DocumentsController(app.unit, landlord=LANDLORD)
    text = " ".join(pdf_text(docs.letter("refer_back", report_id=again.id).pdf))
    assert "everyday living" in text and "parking team" not in text


def _reporter(app: App) -> str:
    first = app.reports.list_reports(descending=False).rows[0]
    reporter = app.reports.get_report(first.id).reporter
    assert reporter is not None
    return reporter.id
