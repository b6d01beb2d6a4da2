"""Letters from editable templates, with recipients' reasonable adjustments honoured."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from asb_desktop.app import App
from asb_desktop.controllers.documents import DocumentsController
from asb_desktop.controllers.errors import UserError
from asb_desktop.domain.inputs import AdviceInput, AssessmentInput, ClosureInput, PersonInput
from tests.conftest import FakeClock, noise_report
from tests.documents.conftest import PROTECTED_CONTACT, PROTECTED_NAMES, Built, audit_rows, pdf_text


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(pdf_text(pdf)).split())


def _font_sizes(pdf: bytes) -> set[str]:
    streams = [p.get_contents() for p in PdfReader(io.BytesIO(pdf)).pages]
    data = b"".join(s.get_data() for s in streams if s is not None)


    return {m.decode() for m in re.findall(rb" ([\d.]+) Tf", data)}


def _not_asb(app: App, report_id: str, advice: str) -> None:
    app.reports.assess(AssessmentInput(report_id, assessment="not_asb", reason="Everyday living noise"))
    app.reports.record_advice(AdviceInput(report_id, advice_key="noise", advice_text=advice))


def test_acknowledgement_is_merged_with_the_report(app: App, docs: DocumentsController) -> None:
    report = app.reports.log_report(noise_report())
    letter = docs.letter("acknowledgement", report_id=report.id)
    text = _text(letter.pdf)
    assert "Dear Amira Okafor" in text
    assert "14 Larch Close" in text and "LS6 2QT" in text
    assert "2 March 2026" in text and "noise" in text
    assert "Eastbrook Homes" in text and "Sam Officer" in text
    assert not letter.large_print
    assert "11" in _font_sizes(letter.pdf) and "16" not in _font_sizes(letter.pdf)
    assert "$" not in text


def test_large_print_recipient_gets_large_print(app: App, docs: DocumentsController) -> None:
    report = app.reports.log_report(noise_report(new_reporter=PersonInput(
        given_name="Zoë", family_name="Łukasz", address="3 Elm Row", adjustments=["large_print"])))
    letter = docs.letter("acknowledgement", report_id=report.id)
    assert letter.large_print
    assert "16" in _font_sizes(letter.pdf) and "11" not in _font_sizes(letter.pdf)
    assert "Dear Zoë Łukasz" in _text(letter.pdf)


def test_non_asb_advice_then_refer_back_for_a_repeat(
    app: App, clock: FakeClock, docs: DocumentsController
) -> None:
    first = app.reports.log_report(noise_report())
    with pytest.raises(UserError, match="Record the advice"):
        docs.letter("non_asb_advice", report_id=first.id)
    _not_asb(app, first.id, "Try talking to your neighbour at a calm moment.")
    advice = _text(docs.letter("non_asb_advice", report_id=first.id).pdf)
    assert "not anti-social behaviour" in advice and "calm moment" in advice

    with pytest.raises(UserError, match="no earlier advice"):
        docs.letter("refer_back", report_id=first.id)
    clock.advance(days=10)
    assert first.reporter is not None
    again = app.reports.log_report(noise_report(new_reporter=None, reporter_id=first.reporter.id))
    text = _text(docs.letter("refer_back", report_id=again.id).pdf)
    assert "contacting us again on 12 March 2026" in text
    assert "On 2 March 2026 we wrote to you" in text and "calm moment" in text


def test_warning_letter_goes_to_the_perpetrator_and_names_no_one_else(
    built: Built, docs: DocumentsController
) -> None:
    letter = docs.letter("warning", case_id=built.case.id)
    text = _text(letter.pdf)
    assert letter.recipient == "Dmitri Волков" and "Dear Dmitri Волков" in text
    assert built.case.reference in text
    for value in [*PROTECTED_CONTACT, *PROTECTED_NAMES]:
        assert value not in text


def test_closure_letter_needs_a_closed_case(app: App, built: Built, docs: DocumentsController) -> None:
    with pytest.raises(UserError, match="not closed"):
        docs.letter("closure", case_id=built.case.id)
    app.cases.close_case(ClosureInput(built.case.id, outcome="resolved", reason="Behaviour stopped"))
    letter = docs.letter("closure", case_id=built.case.id)
    assert letter.large_print  # the complainant asked for large print
    assert "closed your case on 2 March 2026" in _text(letter.pdf)
    assert "resolved" in _text(letter.pdf)


def test_anonymous_report_has_no_one_to_write_to(app: App, docs: DocumentsController) -> None:
    report = app.reports.log_report(noise_report(new_reporter=None, anonymous=True))
    with pytest.raises(UserError, match="anonymously"):
        docs.letter("acknowledgement", report_id=report.id)


def test_landlord_template_overrides_and_typos_are_caught(
    app: App, docs: DocumentsController
) -> None:
    folder = app.folder / "templates" / "letters"
    folder.mkdir(parents=True)
    (folder / "acknowledgement.txt").write_text(
        "We got your report\n\nHello $recipient_name, costs are $$0.\n", "utf-8")
    report = app.reports.log_report(noise_report())
    text = _text(docs.letter("acknowledgement", report_id=report.id).pdf)
    assert "Hello Amira Okafor, costs are $0." in text
    (folder / "acknowledgement.txt").write_text("Subject\n\nHello $recipient_nmae\n", "utf-8")
    with pytest.raises(UserError, match=r"unknown field\(s\): \$recipient_nmae"):
        docs.letter("acknowledgement", report_id=report.id)
    # No expressions: attribute access is printed as text, never evaluated.
    (folder / "acknowledgement.txt").write_text("Subject\n\n$recipient_name.__class__\n", "utf-8")
    assert "Amira Okafor.__class__" in _text(docs.letter("acknowledgement", report_id=report.id).pdf)
    (folder / "acknowledgement.txt").write_text("Subject\n\nIt costs $ 5\n", "utf-8")
    with pytest.raises(UserError, match="stray"):
        docs.letter("acknowledgement", report_id=report.id)


def test_exported_letter_is_audited_with_its_recipient(
    app: App, docs: DocumentsController, tmp_path: Path
) -> None:
    report = app.reports.log_report(noise_report(received_at=app.unit.now() - timedelta(hours=1)))
    letter = docs.letter("acknowledgement", report_id=report.id)
    docs.export_letter(letter, tmp_path / "ack.pdf")
    rows = audit_rows(app)
    assert [(r.action, r.entity, r.entity_id) for r in rows] == [("document.exported", "report", report.id)]
    assert "recipient: reporter" in rows[0].detail


def test_a_large_print_template_is_used_only_for_those_who_need_it(
    app: App, docs: DocumentsController
) -> None:
    folder = app.folder / "templates" / "letters"
    folder.mkdir(parents=True)
    (folder / "acknowledgement.large.txt").write_text(
        "Your report\n\nDear $recipient_name, this is the short large-print version.\n", "utf-8")
    large = app.reports.log_report(noise_report(new_reporter=PersonInput(
        given_name="Zoë", family_name="Łukasz", adjustments=["large_print"])))
    standard = app.reports.log_report(noise_report())
    assert "short large-print version" in _text(docs.letter("acknowledgement", report_id=large.id).pdf)
    assert "short large-print version" not in _text(
        docs.letter("acknowledgement", report_id=standard.id).pdf)
