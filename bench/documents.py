"""Document benchmarks: a long case summary and a 20-case panel pack.

Each figure is printed beside raw reportlab laying out the same number of
table rows, with the same text, column widths and cell size, in the same
run (standard Helvetica instead of embedded fonts, no page furniture, no
cover, no redaction), so a slow machine shows up in both columns.
Usage:

    .venv/bin/python bench/documents.py [--runs 7]

Targets: the long summary (100 incidents, 50 actions, 30 evidence items)
in at most 0.5 s and at most 1.5 times the raw baseline.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.cases import CaseFilter
from asb_desktop.controllers.demo import DemoController
from asb_desktop.controllers.documents import DocumentsController
from asb_desktop.documents.pages import BODY_W, Prepared
from asb_desktop.documents.redaction import PrintableCase, prepare
from asb_desktop.documents.summary import case_summary_pdf
from asb_desktop.domain.inputs import (
    ActionInput,
    CaseInput,
    ContactInput,
    EvidenceInput,
    PersonInput,
    ReportInput,
)
from bench.common import p95, timings


class _Clock:
    def __init__(self) -> None:
        self.current = datetime(2026, 3, 2, 9, 30)

    def now(self) -> datetime:
        return self.current


def long_case(app: App, incidents: int = 100, actions: int = 50, evidence: int = 30,
              contacts: int = 40) -> str:
    start = app.unit.now()
    first = app.reports.log_report(ReportInput(
        new_reporter=PersonInput(given_name="Zoë", family_name="Łukasz", phone="07700 900461",
                                 address="14 Larch Close", postcode="LS6 2QT"),
        categories=["harassment"], description="Shouting on the stairs", received_at=start,
        location="Stairwell, 12 Larch Close"))
    case = app.cases.open_case(CaseInput(report_ids=[first.id], summary="Long-running harassment"))
    app.cases.add_party(case.id, "alleged_perpetrator", new=PersonInput(given_name="Dmitri",
                                                                      family_name="Волков"))
    for i in range(1, incidents):
        when = start - timedelta(hours=i)
        app.reports.log_report(ReportInput(
            reporter_id=first.reporter.id if first.reporter else None, case_id=case.id,
            categories=["harassment", "noise"], received_at=when, incident_date=when.date(),
            location="Stairwell, 12 Larch Close",
            description=f"Incident {i}: banging on the door and shouting late at night, again"))
    for i in range(actions):
        app.casework.add_action(ActionInput(case.id, description=f"Action {i}: review CCTV footage "
                                            "with the caretaker and write to the tenant",
                                            due_date=start.date() + timedelta(days=i)))
    for i in range(evidence):
        app.casework.add_evidence(EvidenceInput(case.id, kind="diary_sheet", content=b"x",
                                                description=f"Diary sheet {i} kept by the complainant",
                                                file_name=f"diary-{i}.pdf"))
    for i in range(contacts):
        app.casework.record_contact(ContactInput(case.id, at=start - timedelta(hours=i, minutes=30),
                                                 summary=f"Victim update {i}: still happening"))
    return case.id


def raw_baseline(pc: PrintableCase) -> bytes:
    """The same rows and text as plain reportlab tables of Paragraph cells."""
    # Same size and leading as our cells, but a standard (non-embedded) font.
    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=9.5 * 0.9, leading=9.5 * 1.12)
    story: list[object] = []
    sections = [
        [[c.when.isoformat(), c.kind, Paragraph(c.who, cell), Paragraph(c.text or "", cell)]
         for c in pc.chronology],
        [[Paragraph(a.description or "", cell), Paragraph(a.owner, cell), str(a.due_date), a.status]
         for a in pc.actions],
        [[str(e.captured_on), Paragraph(e.kind, cell), Paragraph(e.description or "", cell),
          Paragraph(e.file_name, cell)] for e in pc.evidence],
        [[Paragraph(a.description or "", cell), Paragraph(a.owner, cell), str(a.due_date), a.status]
         for a in pc.outstanding],
    ]
    widths = [[2.9, 1.5, 2.6, 7.5], [7, 2.5, 2, 2.5], [2, 2.2, 7, 3], [7, 2.5, 2, 2.5]]
    for rows, w in zip(sections, widths, strict=True):
        cols = [x * BODY_W / sum(w) for x in w]  # the same column widths as ours
        story.append(Table([["a", "b", "c", "d"], *rows], colWidths=cols, repeatRows=1))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values):7.1f} ms  p95 {p95(values):7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_profile(Path(tmp) / "long", "Bench Officer", "officer", clock=_Clock())
        try:
            case_id = long_case(app)
            docs = DocumentsController(app.unit)
            detail = app.cases.get_case(case_id)
            pc = prepare(detail, "panel")
            rows = len(pc.chronology) + len(pc.actions) + len(pc.evidence) + len(pc.outstanding)
            prepared = Prepared("Bench Officer", date(2026, 3, 2))
            base = timings(lambda: raw_baseline(pc), args.runs)
            layout = timings(lambda: case_summary_pdf(pc, prepared), args.runs)
            full = timings(lambda: docs.case_summary(case_id, "panel"), args.runs)
            pages = docs.case_summary(case_id, "panel").count(b"/Type /Page\n")
            ratio = statistics.median(full) / statistics.median(base)
            print(f"Long case: {len(detail.reports)} incidents, {len(detail.actions)} actions, "
                  f"{len(detail.evidence)} evidence, {len(detail.contacts)} contacts; "
                  f"{rows} table rows")
            print(f"  raw reportlab, same rows        {_ms(base)}")
            print(f"  summary layout only             {_ms(layout)}")
            print(f"  summary: read+redact+layout     {_ms(full)}   "
                  f"{ratio:.2f}x raw   target <= 500 ms and <= 1.5x")
            print(f"  pages: {pages}")
        finally:
            app.close()

        # A supervisor, as at a panel: the demo caseload has restricted cases an officer cannot open.
        demo = create_profile(Path(tmp) / "demo", "Bench Lead", "supervisor", demo=True, clock=_Clock())
        try:
            DemoController(demo.unit).fill(20, seed=3)
            refs = [r.reference for r in demo.cases.caseload(CaseFilter(status=None), limit=20).rows]
            docs = DocumentsController(demo.unit)
            cases = [prepare(demo.cases.find_by_reference(r), "panel") for r in refs]
            pack_rows = sum(len(c.chronology) + len(c.actions) + len(c.evidence) + len(c.outstanding)
                            for c in cases)
            base_pack = timings(lambda: [raw_baseline(c) for c in cases], max(3, args.runs // 2), warmup=1)
            # The demo caseload holds domestic-abuse cases: the pack is confirmed as a person would.
            agreed = ("domestic_abuse", "past_meeting")
            pack = timings(lambda: docs.panel_pack(refs, date(2026, 3, 16), confirm=agreed),
                           max(3, args.runs // 2), warmup=1)
            print(f"Panel pack: {len(refs)} demo cases, {pack_rows} table rows, contents page")
            print(f"  raw reportlab, same rows        {_ms(base_pack)}")
            print(f"  panel pack, one layout pass      {_ms(pack)}   "
                  f"{statistics.median(pack) / statistics.median(base_pack):.2f}x raw")
        finally:
            demo.close()


if __name__ == "__main__":
    main()
