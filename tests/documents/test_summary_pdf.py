"""Case summary PDFs as a reader gets them: text extracted with pypdf."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.cases import CaseFilter
from asb_desktop.controllers.demo import DemoController
from asb_desktop.controllers.documents import DocumentsController
from asb_desktop.documents.summary import SECTIONS
from asb_desktop.domain.enums import PartyRole
from tests.conftest import FakeClock
from tests.documents.conftest import (
    PROTECTED_CONTACT,
    PROTECTED_NAMES,
    Built,
    audit_rows,
    build_case,
    pdf_text,
)


def _flat(pages: list[str]) -> str:
    return re.sub(r"\s+", " ", "\n".join(pages))


@pytest.mark.parametrize("audience", ["internal", "panel", "perpetrator"])
def test_every_section_and_the_cover_on_each_version(
    built: Built, docs: DocumentsController, audience: str
) -> None:
    pages = pdf_text(docs.case_summary(built.case.id, audience))
    text = _flat(pages)
    for n, title in enumerate(SECTIONS, 1):
        # The panel's decisions form is for the meeting, never for the alleged perpetrator.
        assert (f"{n}. {title}" in text) is (audience != "perpetrator" or title != "Panel decisions")
    assert built.case.reference in text
    assert "Prepared by Sam Officer" in text
    assert "02 Mar 2026" in text
    for i, page in enumerate(pages, 1):
        assert page.count("OFFICIAL-SENSITIVE") >= 2, f"marking missing on page {i}"
        assert f"Page {i} of {len(pages)}" in page


def test_names_with_accents_and_non_latin_letters_print(built: Built, docs: DocumentsController) -> None:
    text = _flat(pdf_text(docs.case_summary(built.case.id, "internal")))
    for name in ("Zoë Łukasz", "李华", "Ahmed Karimi", "Dmitri Волков"):
        assert name in text
    assert "zoe.lukasz@example.org" in text and "07700 900461" in text


@pytest.mark.parametrize("audience", ["panel", "perpetrator"])
def test_protected_details_never_reach_the_pdf(
    built: Built, docs: DocumentsController, audience: str
) -> None:
    text = _flat(pdf_text(docs.case_summary(built.case.id, audience)))
    for value in PROTECTED_CONTACT:
        assert value not in text, value
    for witness in ("李华", "Ahmed", "Karimi"):
        assert witness not in text
    if audience == "perpetrator":
        for name in PROTECTED_NAMES:
            assert name not in text, name
        assert "Dmitri Волков" in text
        assert "Explained the tenancy terms" in text  # marked shareable
    else:
        assert "Zoë Łukasz" in text and "Witness 1" in text


def test_metadata_names_the_case_and_audience_but_no_one(built: Built, docs: DocumentsController) -> None:
    reader = PdfReader(io.BytesIO(docs.case_summary(built.case.id, "internal")))
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    assert f"Case summary {built.case.reference}, Internal" in meta
    for value in [*PROTECTED_CONTACT, *PROTECTED_NAMES, "Волков", "Sam Officer"]:
        assert value not in meta


def test_long_case_splits_tables_across_pages_with_repeated_headers(
    app: App, clock: FakeClock, docs: DocumentsController
) -> None:
    big = build_case(app, clock, incidents=60, actions=30, evidence=20, contacts=20)
    pages = pdf_text(docs.case_summary(big.case.id, "internal"))
    assert len(pages) >= 5
    chronology_pages = [p for p in pages if re.search(r"Incident\s+\d+:", p)]
    assert len(chronology_pages) >= 2
    for page in chronology_pages:
        assert re.search(r"When\s+What\s+Who\s+Detail", page), "table header not repeated"
    text = _flat(pages)
    assert "Incident 59:" in text and "Action 29:" in text and "Diary sheet 19" in text


def test_building_writes_nothing_but_an_export_is_audited_with_its_audience(
    app: App, built: Built, docs: DocumentsController, tmp_path: object
) -> None:
    docs.case_summary(built.case.id, "panel")
    assert audit_rows(app) == []
    from pathlib import Path

    out = Path(str(tmp_path)) / "summary.pdf"
    docs.export_summary(built.case.reference, "panel", out)
    assert out.read_bytes().startswith(b"%PDF")
    rows = audit_rows(app)
    assert [r.action for r in rows] == ["document.exported"]
    assert rows[0].entity_id == built.case.id
    assert "audience panel" in rows[0].detail and str(out) in rows[0].detail


def test_demo_caseload_redacted_for_panel_and_perpetrator(tmp_path: object, clock: FakeClock) -> None:
    from pathlib import Path

    # A supervisor may open every case, restricted domestic-abuse ones included.
    app = create_profile(Path(str(tmp_path)) / "demo", "Demo Supervisor", "supervisor", demo=True,
                         clock=clock)
    try:
        DemoController(app.unit).fill(12, seed=7)
        docs = DocumentsController(app.unit)
        rows = app.cases.caseload(CaseFilter(status=None), limit=12).rows
        checked = 0
        for row in rows:
            case = app.cases.get_case(row.id)
            protected = [p.person for p in case.parties if p.role != PartyRole.ALLEGED_PERPETRATOR]
            for audience in ("panel", "perpetrator"):
                text = _flat(pdf_text(docs.case_summary(case.id, audience)))
                for person in protected:
                    for value in (person.phone, person.email, person.address, person.postcode):
                        if value:
                            assert value not in text, (audience, value)
                    if audience == "perpetrator" and person.name not in {
                        p.person.name for p in case.parties if p.role == PartyRole.ALLEGED_PERPETRATOR
                    }:
                        assert person.name not in text, person.name
                checked += 1
        assert checked == 24
    finally:
        app.close()


def test_recorded_text_prints_literally_never_as_markup(
    app: App, built: Built, docs: DocumentsController
) -> None:
    from asb_desktop.domain.inputs import PersonInput

    app.cases.add_party(built.case.id, "other",
                        new=PersonInput(given_name="<b>Róisín", family_name="O'Brien & Sons</b>"))
    text = _flat(pdf_text(docs.case_summary(built.case.id, "internal")))
    assert "<b>Róisín O'Brien & Sons</b>" in text
