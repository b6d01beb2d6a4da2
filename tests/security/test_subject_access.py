"""Subject access exports on a real profile: what the victim of the case file gets,
what is kept from her about other people, and who may see more."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from asb_desktop.app import App
from asb_desktop.controllers.access import AccessDenied
from asb_desktop.controllers.errors import NotFound, UserError
from asb_desktop.controllers.subject_access import Redactor, SubjectAccessController
from asb_desktop.documents.subject_access import FORMAT, THIRD_PARTY, TITLE
from asb_desktop.domain.inputs import CaseInput, ReportInput, TenancyInput, VisitInput
from asb_desktop.store.models import AuditEntry, Person
from tests.conftest import FakeClock
from tests.security.casefile import CaseFile, build, colleague

#: What belongs to other people in the case file.
OTHERS = ("Philippa", "Strongbow", "Featherstonehaugh", "Cosmo", "Quillfeather", "Dorian",
          "07700 900808", "07700 900913", "07700 900552", "28 Hawthorn Rise", "24 Hawthorn Rise")
#: What is hers.
HERS = ("Marguerite Oyelaran", "07700 900741", "m.oyelaran@example.org", "Hearing loss",
        "Thumping bassline", "wakes her grandson", "Victim Support")


@pytest.fixture
def casefile(app: App, clock: FakeClock) -> CaseFile:
    return build(app, clock)


def _export_audit(app: App) -> list[AuditEntry]:
    with app.unit.read() as s:
        rows = list(s.scalars(sa.select(AuditEntry).where(AuditEntry.action == "export.subject_access")))
        s.expunge_all()
        return rows


def _tenancy(app: App, clock: FakeClock, casefile: CaseFile) -> None:
    """Her tenancy, shared with the neighbour, and a visit he was present at."""
    with app.unit.read() as s:
        neighbour = s.scalar(sa.select(Person.id).where(Person.family_name == "Featherstonehaugh"))
    assert neighbour is not None
    tenancy = app.visits.add_tenancy(TenancyInput(
        reference="T-88231", address="Flat 2, 22 Hawthorn Rise", postcode="LS7 3DF",
        start_date=date(2025, 11, 3), tenant_ids=[casefile.victim_id, neighbour]))
    app.visits.record_visit(VisitInput(
        tenancy.id, visit_date=clock.now().date(), present="Marguerite and Cosmo Featherstonehaugh",
        checklist=["definition", "how_to_report"], acknowledged=True,
        acknowledged_by="Marguerite Oyelaran", notes="Cosmo asked about parking"))


def test_json_has_her_data_and_none_of_anyone_elses(
    app: App, clock: FakeClock, casefile: CaseFile, tmp_path: Path
) -> None:
    _tenancy(app, clock, casefile)
    out = tmp_path / "exports" / "sar.json"
    out.parent.mkdir()
    assert SubjectAccessController(app.unit).export_json(casefile.victim_id, out) == out
    raw = out.read_text(encoding="utf-8")
    for word in OTHERS:
        assert word not in raw, word
    for word in HERS:
        assert word in raw, word
    data: dict[str, Any] = json.loads(raw)
    assert (data["format"], data["version"], data["third_parties"]) == (FORMAT, 1, "withheld")
    assert data["person"]["vulnerabilities"] == "Hearing loss after an assault"
    assert data["person"]["adjustments"] == ["large_print"]
    [case] = data["cases"]
    assert case["reference"] == casefile.reference and case["your_roles"] == ["complainant"]
    assert {(p["role"], p["name"]) for p in case["parties"]} == {
        ("complainant", "Marguerite Oyelaran (you)"), ("witness", THIRD_PARTY),
        ("alleged_perpetrator", THIRD_PARTY)}
    # Records about the perpetrator are left out and said to be.
    assert [c["summary"] for c in case["contacts"]] == ["Marguerite says the thumping wakes her grandson"]
    assert case["interventions"] == []
    assert f"Case {casefile.reference}: 1 of the contact records is about other people and not included." \
        in data["withheld"]
    neighbour_report = next(r for r in data["reports"] if r["reporter"] == THIRD_PARTY)
    assert neighbour_report["description"] == (
        f"Heard {THIRD_PARTY} shouting at Marguerite; ring me on {THIRD_PARTY}")
    assert [a["report_id"] for a in data["advice"]] != []
    [tenancy] = data["tenancies"]
    assert tenancy["other_members"] == [THIRD_PARTY]
    [visit] = [v for v in tenancy["visits"] if v["status"] == "done"]
    assert visit["present"] == f"Marguerite and {THIRD_PARTY}"
    assert visit["notes"] == f"{THIRD_PARTY} asked about parking"
    assert [r["case_reference"] for r in data["case_reviews"]] == [casefile.reference]
    [row] = _export_audit(app)
    assert (row.entity, row.entity_id, row.user_id) == ("person", casefile.victim_id, app.unit.actor.user_id)
    assert "third parties withheld" in row.detail and "Oyelaran" not in row.detail
    assert [p.name for p in out.parent.iterdir()] == ["sar.json"]  # no temporary file left behind


def test_supervisor_may_include_third_parties_an_officer_may_not(
    app: App, casefile: CaseFile, tmp_path: Path
) -> None:
    out = tmp_path / "sar.json"
    with pytest.raises(AccessDenied, match="Only a supervisor"):
        SubjectAccessController(app.unit).export_json(casefile.victim_id, out, include_third_parties=True)
    assert not out.exists() and _export_audit(app) == []
    supervisor = SubjectAccessController(colleague(app, "Pat Lead", "supervisor"))
    supervisor.export_json(casefile.victim_id, out, include_third_parties=True)
    raw = out.read_text(encoding="utf-8")
    for word in ("Featherstonehaugh", "Philippa Strongbow", "Quillfeather", "07700 900808"):
        assert word in raw, word
    data = json.loads(raw)
    assert data["third_parties"] == "included" and data["withheld"] == []
    assert "Warned Dorian about the noise" in raw
    [row] = _export_audit(app)
    assert "third parties included" in row.detail


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_pdf_opens_and_says_the_same(app: App, casefile: CaseFile, tmp_path: Path) -> None:
    out = tmp_path / "sar.pdf"
    SubjectAccessController(app.unit).export_pdf(casefile.victim_id, out)
    reader = PdfReader(out)
    assert len(reader.pages) >= 3
    assert reader.metadata is not None and reader.metadata.title == TITLE
    text = " ".join(_pdf_text(out).split())
    for word in ("Subject access export", "Marguerite Oyelaran", casefile.reference, "Hearing loss",
                 THIRD_PARTY, "OFFICIAL-SENSITIVE"):
        assert word in text, word
    for word in OTHERS:
        assert word not in text, word
    assert len(_export_audit(app)) == 1


def test_restricted_case_stops_an_officer_who_may_not_open_it(
    app: App, casefile: CaseFile, tmp_path: Path
) -> None:
    report = app.reports.log_report(ReportInput(reporter_id=casefile.victim_id, categories=["domestic_abuse"],
                                                description="Disclosed abuse by a partner"))
    app.cases.open_case(CaseInput(report_ids=[report.id], restricted=True,
                                  lead_officer_id=app.unit.actor.user_id))
    other = SubjectAccessController(colleague(app, "Jo Other", "officer"))
    with pytest.raises(AccessDenied, match="restricted case"):
        other.export_json(casefile.victim_id, tmp_path / "sar.json")
    assert _export_audit(app) == [] and not (tmp_path / "sar.json").exists()
    lead = SubjectAccessController(app.unit).collect(casefile.victim_id)
    assert len(lead.cases) == 2
    supervisor = SubjectAccessController(colleague(app, "Pat Lead", "supervisor"))
    assert len(supervisor.collect(casefile.victim_id).cases) == 2


def test_unknown_person_and_bad_folder_are_refused(app: App, casefile: CaseFile, tmp_path: Path) -> None:
    sar = SubjectAccessController(app.unit)
    with pytest.raises(NotFound):
        sar.export_json("no-such-person", tmp_path / "x.json")
    with pytest.raises(UserError, match="does not exist"):
        sar.export_pdf(casefile.victim_id, tmp_path / "missing" / "x.pdf")
    assert _export_audit(app) == []


def test_redactor_keeps_the_subjects_own_family_name() -> None:
    me = Person(given_name="Ada", family_name="Nwosu", phone="07700 900100", address="1 Elm Road",
                email="", postcode="LS6 1AA")
    brother = Person(given_name="Obi", family_name="Nwosu", phone="07700900200", address="9 Oak Road",
                     email="obi@example.org", postcode="LS6 1AA")
    red = Redactor(me, [brother], active=True)
    # The shared postcode is hers as much as his: it stays.
    assert red.text("Obi Nwosu rang from 07700 900 200; Ada Nwosu was out. 9 Oak Road, LS6 1AA.") == (
        f"{THIRD_PARTY} rang from {THIRD_PARTY}; Ada Nwosu was out. {THIRD_PARTY}, LS6 1AA.")
    assert red.text("Obi's email obi@example.org") == f"{THIRD_PARTY}'s email {THIRD_PARTY}"
    assert Redactor(me, [brother], active=False).text("Obi Nwosu") == "Obi Nwosu"
