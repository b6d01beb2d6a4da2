"""Outputs a housing manager would sign and a panel chair would table, read back as text.

The domestic-abuse guard, the shared-address rule, first-contact targets over a
bank holiday, the case review and complaints routes, the landlord's details,
the perpetrator's copy, and the PDFs' titles, language and outline.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.documents import (
    OVERRIDE_LETTER,
    OVERRIDE_SUMMARY,
    ConfirmationNeeded,
    DocumentsController,
    OverrideNeeded,
)
from asb_desktop.controllers.errors import UserError
from asb_desktop.documents.redaction import PanelBrief
from asb_desktop.domain.inputs import AdviceInput, AssessmentInput, CaseInput, ClosureInput, PersonInput
from asb_desktop.domain.permissions import NotPermitted
from tests.conftest import FakeClock, noise_report
from tests.documents.conftest import LANDLORD, Built, audit_rows, pdf_text
from tests.documents.fit_cases import (
    REVEALING_AGENCIES,
    SHARED_ADDRESS,
    SHARED_POSTCODE,
    SKIP_REASON,
    Made,
    build_da_case,
    build_hate_case,
)
from tests.security.casefile import colleague


def flat(pdf: bytes) -> str:
    return " ".join(" ".join(pdf_text(pdf)).split())


@pytest.fixture
def da(app: App, clock: FakeClock) -> Made:
    return build_da_case(app, clock)


@pytest.fixture
def boss(app: App) -> DocumentsController:
    """The same profile, used by a supervisor."""
    return DocumentsController(colleague(app, "Pat Lead", "supervisor"), landlord=LANDLORD)


# -- the guard -------------------------------------------------------------------


def test_perpetrator_summary_of_a_da_case_needs_a_supervisors_override(
    app: App, da: Made, docs: DocumentsController, boss: DocumentsController
) -> None:
    with pytest.raises(OverrideNeeded, match=r"domestic abuse.*Only a supervisor") as refused:
        docs.case_summary(da.case.id, "perpetrator")
    assert not refused.value.supervisor
    with pytest.raises(NotPermitted, match="Only a supervisor"):
        docs.record_override(da.case.id, OVERRIDE_SUMMARY, "I think it is fine to send")
    with pytest.raises(OverrideNeeded, match="Record an override"):
        boss.case_summary(da.case.id, "perpetrator")
    with pytest.raises(UserError, match="reason"):
        boss.record_override(da.case.id, OVERRIDE_SUMMARY, "ok")
    boss.record_override(da.case.id, OVERRIDE_SUMMARY, "Court bundle: disclosure ordered by the judge")
    text = flat(boss.case_summary(da.case.id, "perpetrator"))
    assert "Mark Price" in text
    (row,) = [r for r in audit_rows(app) if r.action == "document.override"]
    assert "disclosure ordered by the judge" in row.detail and da.case.reference in row.detail
    # The panel and internal versions never needed one.
    docs.case_summary(da.case.id, "panel")


def test_warning_letter_to_a_da_perpetrator_is_refused_then_safe_once_overridden(
    da: Made, docs: DocumentsController, boss: DocumentsController
) -> None:
    with pytest.raises(OverrideNeeded):
        docs.letter("warning", case_id=da.case.id)
    boss.record_override(da.case.id, OVERRIDE_LETTER, "Agreed with the IDVA and police at MARAC")
    letter = boss.letter("warning", case_id=da.case.id)
    text = flat(letter.pdf)
    assert "Dear Mark Price" in text
    assert "domestic abuse" not in text.lower() and "verbal abuse" in text
    # The home he shares with her is not printed, and the officer is told to deliver by hand.
    assert letter.address_withheld
    assert "Alder Road" not in text and SHARED_POSTCODE not in text
    assert "Domestic Abuse Helpline" not in text and "Respect" not in text


def test_restricted_case_without_da_is_guarded_too(
    app: App, built: Built, docs: DocumentsController
) -> None:
    docs.case_summary(built.case.id, "perpetrator")  # a plain ASB case needs nothing
    report = app.reports.log_report(noise_report())
    case = app.cases.open_case(CaseInput(report_ids=[report.id], restricted=True))
    app.cases.add_party(case.id, "alleged_perpetrator",
                        new=PersonInput(given_name="Ray", address="1 Elm Row"))
    with pytest.raises(OverrideNeeded, match="is restricted"):
        docs.case_summary(case.id, "perpetrator")
    with pytest.raises(OverrideNeeded, match="is restricted"):
        docs.letter("warning", case_id=case.id)


def test_panel_never_sees_a_home_shared_with_the_victim(da: Made, docs: DocumentsController) -> None:
    text = flat(docs.case_summary(da.case.id, "panel"))
    assert "Mark Price" in text and "Hannah Price" in text
    assert SHARED_ADDRESS not in text and "Alder Road" not in text and SHARED_POSTCODE not in text
    assert "Left out: shared with a protected party" in text
    internal = flat(docs.case_summary(da.case.id, "internal"))
    assert "7 Alder Road" in internal  # the landlord's own record keeps it


# -- panel packs -----------------------------------------------------------------


def test_da_case_in_a_community_panel_pack_asks_first(
    app: App, da: Made, built: Built, docs: DocumentsController, clock: FakeClock
) -> None:
    meeting = clock.now().date() + timedelta(days=7)
    refs = [built.case.reference, da.case.reference]
    with pytest.raises(ConfirmationNeeded, match="MARAC is the usual forum") as asked:
        docs.panel_pack(refs, meeting)
    assert asked.value.keys == ("domestic_abuse",)
    docs.panel_pack(refs, meeting, confirm=["domestic_abuse"])
    docs.panel_pack(refs, meeting, marac=True)
    with pytest.raises(ConfirmationNeeded, match="has passed") as past:
        docs.panel_pack([built.case.reference], clock.now().date() - timedelta(days=1))
    assert past.value.keys == ("past_meeting",)


def test_panel_pack_opens_each_case_with_why_and_the_ask_and_prints_skipped_rungs(
    da: Made, built: Built, docs: DocumentsController, clock: FakeClock
) -> None:
    meeting = clock.now().date() + timedelta(days=7)
    briefs = {da.case.reference: PanelBrief("Risk rising after two reports in a week",
                                            "Police to share call-out history")}
    pdf = docs.panel_pack([da.case.reference, built.case.reference], meeting, marac=True, briefs=briefs)
    pages = pdf_text(pdf)
    text = " ".join(" ".join(pages).split())
    first = text.index("Why this case is at panel")
    assert first < text.index("1. Summary and current risk")
    assert "Risk rising after two reports in a week" in text and "Police to share call-out history" in text
    assert "Not given when the case was added to the pack" in text  # the second case had none
    assert "Earlier steps not used because: " + SKIP_REASON in text
    reader = PdfReader(io.BytesIO(pdf))
    outline = reader.outline
    top = [o.title for o in outline if not isinstance(o, list)]
    assert top == [da.case.reference, built.case.reference]
    sections = [o.title for o in outline[1]]
    assert sections[0] == "Why this case is at panel" and "9. Panel decisions" in sections


# -- the perpetrator's copy --------------------------------------------------------


def test_perpetrator_copy_holds_only_what_may_be_disclosed(
    app: App, da: Made, built: Built, boss: DocumentsController
) -> None:
    for case in (built.case, da.case):
        if case.id == da.case.id:
            boss.record_override(case.id, OVERRIDE_SUMMARY, "Disclosure agreed by the lead agency")
        text = flat(boss.case_summary(case.id, "perpetrator"))
        assert "Panel decisions" not in text and "Decisions" not in text
        assert "Left out of this version" not in text
        assert not re.search(r"\d+ (contact|evidence item|referral|report description)", text)
        for agency in REVEALING_AGENCIES:
            assert agency not in text
        assert "domestic abuse" not in text.lower()
        assert "restricted" not in text.lower()
    assert "Police" in flat(boss.case_summary(da.case.id, "perpetrator"))


def test_hate_strands_are_capitalised(app: App, clock: FakeClock, docs: DocumentsController) -> None:
    hate = build_hate_case(app, clock)
    text = flat(docs.case_summary(hate.case.id, "panel"))
    assert "Hate incident: Yes, Race, Sexual orientation" in text


# -- letters -------------------------------------------------------------------------


def test_acknowledgement_gives_the_first_contact_target_over_a_bank_holiday(
    app: App, clock: FakeClock, docs: DocumentsController
) -> None:
    # Thursday 2 April 2026; Good Friday and Easter Monday do not count: medium risk is
    # 3 working days, so Tuesday 7, Wednesday 8, Thursday 9 April.
    clock.set(datetime(2026, 4, 2, 11, 0))
    report = app.reports.log_report(noise_report(received_at=clock.now()))
    assert report.risk_level == "medium"
    text = flat(docs.letter("acknowledgement", report_id=report.id).pdf)
    assert "will contact you by 9 April 2026" in text
    assert report.acknowledge_by is not None and "by " + report.acknowledge_by.strftime("%-d %B") not in text
    assert "sorry" not in text


def test_a_backdated_report_gets_an_honest_date(
    app: App, clock: FakeClock, docs: DocumentsController
) -> None:
    clock.set(datetime(2026, 3, 16, 10, 0))  # Monday
    report = app.reports.log_report(noise_report(received_at=datetime(2026, 3, 2, 9, 0)))
    text = flat(docs.letter("acknowledgement", report_id=report.id).pdf)
    assert "which was 5 March 2026. We are sorry that we have missed this." in text
    assert "will contact you by 17 March 2026" in text


def test_acknowledgement_and_closure_carry_the_case_review_complaints_and_landlord(
    app: App, built: Built, docs: DocumentsController
) -> None:
    report = app.reports.log_report(noise_report())
    app.cases.close_case(ClosureInput(built.case.id, outcome="resolved",
                                      reason="The neighbour moved out and the noise has stopped"))
    for letter in (docs.letter("acknowledgement", report_id=report.id),
                   docs.letter("closure", case_id=built.case.id)):
        text = flat(letter.pdf)
        assert "ASB Case Review" in text and "3 complaints by one person within 6 months" in text
        assert "complain" in text and "Housing Ombudsman" in text and "0300 111 3000" in text
        for detail in (LANDLORD.phone, LANDLORD.email, "1 Market Street", "Eastbrook Homes",
                       "Housing officer, ASB team", "complaints@eastbrook.example.org"):
            assert detail in text, detail
        assert "Victim Support" in text
    closure = flat(docs.letter("closure", case_id=built.case.id).pdf)
    assert "Why we closed it: The neighbour moved out and the noise has stopped" in closure


def test_warning_letter_names_incidents_dates_support_and_next_steps(
    app: App, clock: FakeClock, docs: DocumentsController
) -> None:
    hate = build_hate_case(app, clock)
    letter = docs.letter("warning", case_id=hate.case.id)
    text = flat(letter.pdf)
    assert "1 March 2026: hate incident, verbal abuse" in text
    assert "check how things are by" in text
    services = [s.name for s in app.unit.policy.services if "alleged_perpetrator" in s.serves]
    assert "These services can also help: • " in text and any(name in text for name in services)
    assert "5 Ash Grove" in text and not letter.address_withheld
    assert "Kofi" not in text and "Mensah" not in text


def test_refer_back_only_to_the_person_or_household_advised(
    app: App, clock: FakeClock, docs: DocumentsController
) -> None:
    first = app.reports.log_report(noise_report())
    app.reports.assess(AssessmentInput(first.id, assessment="not_asb", reason="Everyday living"))
    app.reports.record_advice(AdviceInput(first.id, advice_key="everyday_noise", advice_text=(
        "Speak to your neighbour calmly. Rugs and door closers\nreduce noise, and we can offer\n"
        "free mediation.")))
    clock.advance(days=5)
    partner = app.reports.log_report(noise_report(new_reporter=PersonInput(
        given_name="Sam", family_name="Okafor", address="14 Larch Close", postcode="LS6 2QT")))
    text = flat(docs.letter("refer_back", report_id=partner.id).pdf)
    assert "we wrote to someone in your household" in text
    stranger = app.reports.log_report(noise_report(new_reporter=PersonInput(
        given_name="Lee", family_name="Stone", address="20 Oak Street", postcode="LS6 8XY")))
    with pytest.raises(UserError, match="no earlier advice"):
        docs.letter("refer_back", report_id=stranger.id)
    # The advice's own line breaks are joined up: "reduce" is not left alone on a line.
    assert first.reporter is not None
    again = app.reports.log_report(noise_report(new_reporter=None, reporter_id=first.reporter.id))
    lines = pdf_text(docs.letter("refer_back", report_id=again.id).pdf)[0].splitlines()
    assert "we wrote to you" in " ".join(lines)
    assert not any(line.strip() == "reduce" or line.startswith("reduce noise") for line in lines)


def test_letters_and_summaries_have_titles_and_language(
    da: Made, built: Built, docs: DocumentsController, app: App
) -> None:
    report = app.reports.log_report(noise_report())
    outputs = {
        f"Case summary {built.case.reference}, Multi-agency panel": docs.case_summary(built.case.id, "panel"),
        f"Warning letter to the alleged perpetrator, {built.case.reference}":
            docs.letter("warning", case_id=built.case.id).pdf,
        "Letter: acknowledgement of a report to the reporter":
            docs.letter("acknowledgement", report_id=report.id).pdf,
    }
    for title, pdf in outputs.items():
        reader = PdfReader(io.BytesIO(pdf))
        assert reader.metadata is not None and reader.metadata.title is not None
        assert reader.metadata.title.startswith(title)
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "en-GB"
        assert root["/ViewerPreferences"]["/DisplayDocTitle"]
        for name in ("Zoë", "Dmitri", "Amira"):
            assert name not in reader.metadata.title
    outline = PdfReader(io.BytesIO(outputs[next(iter(outputs))])).outline
    assert [o.title for o in outline][:2] == ["1. Summary and current risk", "2. Parties"]


def test_a_real_profile_without_landlord_details_is_told_what_to_fill_in(app: App) -> None:
    docs = DocumentsController(app.unit)
    report = app.reports.log_report(noise_report())
    with pytest.raises(UserError, match=r"not set: name, address, phone, email, complaints.*\[landlord\]"):
        docs.letter("acknowledgement", report_id=report.id)


def test_the_demo_profile_writes_as_a_made_up_landlord(tmp_path: Path, clock: FakeClock) -> None:
    demo = create_profile(tmp_path / "demo", "Sam Officer", "officer", demo=True, clock=clock)
    try:
        report = demo.reports.log_report(noise_report())
        text = flat(DocumentsController(demo.unit).letter("acknowledgement", report_id=report.id).pdf)
        assert "Eastbrook Homes (demonstration)" in text and "01632 960 000" in text
    finally:
        demo.close()


def test_a_da_victims_closure_letter_offers_no_mediation_and_keeps_her_address(
    app: App, da: Made, docs: DocumentsController
) -> None:
    app.cases.close_case(ClosureInput(da.case.id, outcome="resolved", reason="He has moved out"))
    letter = docs.letter("closure", case_id=da.case.id)
    text = flat(letter.pdf)
    assert letter.recipient == "Hannah Price" and "7 Alder Road" in text
    assert "Why we closed it: He has moved out." in text
    assert "Victim Support" in text and "mediation" not in text.lower()
