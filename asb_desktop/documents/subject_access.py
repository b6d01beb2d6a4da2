"""A subject access export: everything held about one person, as JSON or as a PDF.

A resident may ask for their personal data at any time and must have it within
a month. The controller (:mod:`asb_desktop.controllers.subject_access`) gathers
the records and replaces other people's details with ``[third party]``; this
module only writes out what it was given, so the JSON and the PDF always say the
same thing.

The JSON file is UTF-8, one object, and its keys are stable (``version``
changes if they ever do)::

    format          "asb-desktop subject access export"
    version         1
    generated_at    ISO date and time the export was made
    generated_by    the user who made it
    third_parties   "withheld" (default) or "included" (a supervisor's decision)
    person          the person record: name, date_of_birth, phone, email, address,
                    postcode, language, contact_preferences, vulnerabilities,
                    adjustments, adjustment_notes, equality, recorded_on
    tenancies       [{reference, address, postcode, tenure_type, start_date, end_date,
                      role, other_members, visits: [{kind, status, due_date, visit_date,
                      present, terms_explained, acknowledged, acknowledged_by, notes}]}]
    reports         [{id, received_at, channel, reporter, incident_date, incident_time,
                      location, categories, hate_incident, hate_strands, description,
                      assessment, assessment_reason, risk_level, case_reference,
                      acknowledged_on}]
    advice          [{report_id, given_at, advice}]
    cases           [{reference, your_roles, status, opened_at, closed_at, risk_level,
                      categories, hate_incident, summary, lead_agency, partner_agencies,
                      outcome, closure_reason, parties: [{role, name}],
                      contacts: [{at, method, direction, with, summary}],
                      actions: [{description, due_date, status, completed_on}],
                      interventions: [{kind, person, started_on, expires_on, review_on,
                                       reason, notes}],
                      evidence: [{kind, description, captured_on, file_name}],
                      referrals: [{kind, service, person, made_on, notes}],
                      risk_assessments: [{tool, person, assessed_on, score, level,
                                          marac_referral}]}]
    case_reviews    [{received_on, case_reference, thresholds_met, threshold_met,
                      decided_on, outcome, notes}]
    withheld        sentences saying what was left out and why

Dates are ISO 8601 strings; a value not recorded is ``null`` or ``""``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Spacer

from asb_desktop.documents.pages import MARKING, HeaderText, Prepared, Styles, para, render, table

FORMAT = "asb-desktop subject access export"
VERSION = 1
THIRD_PARTY = "[third party]"
#: Fixed, free of personal data: every PDF viewer shows the title in "Properties".
TITLE = f"Subject access export ({MARKING})"

Record = dict[str, Any]


@dataclass(frozen=True)
class SubjectAccessExport:
    generated_at: str
    generated_by: str
    third_parties_included: bool
    person: Record
    tenancies: list[Record] = field(default_factory=list)
    reports: list[Record] = field(default_factory=list)
    advice: list[Record] = field(default_factory=list)
    cases: list[Record] = field(default_factory=list)
    case_reviews: list[Record] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)

    def as_dict(self) -> Record:
        return {
            "format": FORMAT,
            "version": VERSION,
            "generated_at": self.generated_at,
            "generated_by": self.generated_by,
            "third_parties": "included" if self.third_parties_included else "withheld",
            "person": self.person,
            "tenancies": self.tenancies,
            "reports": self.reports,
            "advice": self.advice,
            "cases": self.cases,
            "case_reviews": self.case_reviews,
            "withheld": self.withheld,
        }


def to_json(export: SubjectAccessExport) -> bytes:
    return (json.dumps(export.as_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# -- the PDF -------------------------------------------------------------------------

#: Section headings in the order printed, with the sentence shown when one is empty.
_SECTIONS = (
    ("tenancies", "Tenancies and visits", "No tenancy is recorded for you."),
    ("reports", "Reports", "No reports made by you or about your cases are recorded."),
    ("advice", "Advice given", "No advice is recorded."),
    ("cases", "Cases", "You are not a party to any case."),
    ("case_reviews", "ASB Case Review requests", "No case review requests are recorded."),
)
#: Lists inside a case record, printed as sub-sections.
_CASE_LISTS = ("parties", "contacts", "actions", "interventions", "evidence", "referrals",
               "risk_assessments")


#: Records with at most this many fields print as one table, a row each.
_GRID_COLUMNS = 7
#: Free-text columns that get the room in such a table.
_WIDE = frozenset({"summary", "description", "notes", "reason", "advice", "present"})


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _value(value: Any) -> str:
    if value is None or value == "":
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) or "None"
    if isinstance(value, dict):
        return "; ".join(f"{_label(str(k))}: {_value(v)}" for k, v in value.items()) or "None"
    return str(value).replace("T", " ", 1) if _looks_like_time(value) else str(value)


def _looks_like_time(value: Any) -> bool:
    return isinstance(value, str) and len(value) >= 16 and value[4] == "-" and value[10] == "T"


def _fields(s: Styles, record: Record, skip: Sequence[str] = ()) -> Flowable:
    rows = [[para(_label(k), s.cell_bold), para(_value(v), s.cell)]
            for k, v in record.items() if k not in skip]
    return table(s, ["Field", "Recorded"], rows, [3, 9])


def _items(s: Styles, title: str, items: list[Record], empty: str) -> list[Flowable]:
    """Short records as rows of one table; long ones (reports) one field table each."""
    out: list[Flowable] = [Paragraph(title, s.h2)]
    if not items:
        return [*out, Paragraph(empty, s.body)]
    keys = list(items[0])
    if len(keys) <= _GRID_COLUMNS:
        rows = [[para(_value(item.get(k)), s.cell) for k in keys] for item in items]
        widths = [3.0 if k in _WIDE else 1.0 for k in keys]
        return [*out, table(s, [_label(k) for k in keys], rows, widths)]
    for item in items:
        out.append(_fields(s, item))
        out.append(Spacer(1, 4))
    return out


def _case(s: Styles, case: Record) -> list[Flowable]:
    out: list[Flowable] = [para(f"Case {case.get('reference', '')}", s.h1),
                           _fields(s, case, skip=_CASE_LISTS)]
    for key in _CASE_LISTS:
        out += _items(s, _label(key), list(case.get(key) or []), f"No {_label(key).lower()} recorded.")
    return out


def subject_access_pdf(export: SubjectAccessExport, prepared: Prepared) -> bytes:
    s = Styles()
    data = export.as_dict()
    story: list[Flowable] = [
        HeaderText("Subject access export"),
        Paragraph("Subject access export", s.title),
        table(s, ["About this export", ""], [
            [para("Person", s.cell_bold), para(str(export.person.get("name", "")), s.cell)],
            [para("Prepared by", s.cell_bold), para(prepared.by, s.cell)],
            [para("Date prepared", s.cell_bold), para(prepared.on.strftime("%d %B %Y"), s.cell)],
            [para("Other people's details", s.cell_bold),
             para("Included (supervisor's decision)" if export.third_parties_included
                  else f"Replaced by {THIRD_PARTY}", s.cell)],
        ], [3, 9]),
        Spacer(1, 6),
    ]
    for line in export.withheld:
        story.append(para(line, s.small))
    story += [Paragraph("Your details", s.h1), _fields(s, export.person)]
    for key, heading, empty in _SECTIONS:
        items: list[Record] = data[key]
        story.append(Paragraph(heading, s.h1))
        if not items:
            story.append(Paragraph(empty, s.body))
        elif key == "cases":
            for case in items:
                story += _case(s, case)
        elif key == "tenancies":
            for tenancy in items:
                story.append(_fields(s, tenancy, skip=("visits",)))
                story += _items(s, "Visits", list(tenancy.get("visits") or []), "No visits recorded.")
        else:
            story += _items(s, heading, items, empty)[1:]
    return render(story, TITLE, "Subject access export")
