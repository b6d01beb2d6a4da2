"""Case summaries and panel packs, laid out from a :class:`PrintableCase`.

This module never sees a :class:`CaseDetail`: what it can print is exactly
what :func:`asb_desktop.documents.redaction.prepare` kept for the audience.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from asb_desktop.documents.pages import (
    BODY_W,
    HEAD_BG,
    MARKING,
    RULE,
    Bookmark,
    ContentsLine,
    ContentsTarget,
    HeaderText,
    Prepared,
    Styles,
    para,
    render,
    table,
)
from asb_desktop.documents.redaction import WITHHELD, Audience, PrintableCase, PrintAction

SECTIONS = (
    "Summary and current risk",
    "Parties",
    "Chronology of incidents and contacts",
    "Action plan",
    "Interventions",
    "Evidence",
    "Partner agencies and referrals",
    "Outstanding actions",
    "Panel decisions",
)

BRIEF_HEADING = "Why this case is at panel"


def summary_title(reference: str, audience: Audience) -> str:
    """The PDF's title: which case and for whom, never a name (every viewer shows it)."""
    return f"Case summary {reference}, {audience.label} ({MARKING})"


def pack_title(meeting: date, audience: str) -> str:
    return f"Panel pack for {_d(meeting)}, {audience} ({MARKING})"


def _d(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d %b %Y %H:%M")
    return value.strftime("%d %b %Y")


def _text(styles: Styles, value: str | None) -> Paragraph:
    if value is None:
        return Paragraph(WITHHELD, styles.withheld)
    return para(value, styles.cell)


def _none(styles: Styles, sentence: str) -> Paragraph:
    return Paragraph(sentence, styles.body)


def _cover(pc: PrintableCase, prepared: Prepared, s: Styles, subtitle: str) -> list[Flowable]:
    rows = [
        ("Case reference", pc.reference),
        ("Protective marking", MARKING),
        ("Audience", pc.audience.label),
        ("Date prepared", _d(prepared.on)),
        ("Prepared by", prepared.by),
        ("Status", pc.status.capitalize()
         + (" (restricted case)" if pc.restricted and pc.audience is not Audience.PERPETRATOR else "")),
        ("Opened", _d(pc.opened_on) + (f"; closed {_d(pc.closed_on)}" if pc.closed_on else "")),
        ("Lead officer", pc.lead_officer),
        ("Lead agency", pc.lead_agency or "Landlord"),
    ]
    data = [[Paragraph(k, s.cell_bold), para(v, s.cell)] for k, v in rows]
    cover = Table(data, colWidths=[BODY_W * 0.28, BODY_W * 0.72])
    cover.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOX", (0, 0), (-1, -1), 0.8, RULE),
        ("LINEBELOW", (0, 0), (-1, -2), 0.25, RULE),
        ("BACKGROUND", (0, 0), (0, -1), HEAD_BG),
    ]))
    return [
        Paragraph(subtitle, s.title),
        cover,
        Spacer(1, 4),
        para(pc.audience.explanation, s.small),
    ]


class _Marks:
    """Outline entries for one case: its sections, one level under the case in a pack."""

    def __init__(self, prefix: str, level: int) -> None:
        self.prefix = prefix
        self.level = level

    def heading(self, n: int, s: Styles) -> list[Flowable]:
        title = f"{n}. {SECTIONS[n - 1]}"
        return [Bookmark(title, f"{self.prefix}s{n}", self.level), Paragraph(title, s.h1)]


def _brief(pc: PrintableCase, s: Styles, marks: _Marks) -> list[Flowable]:
    """First thing a panel member reads: why the case is here and what is asked of them."""
    out: list[Flowable] = [Bookmark(BRIEF_HEADING, f"{marks.prefix}why", marks.level),
                           Paragraph(BRIEF_HEADING, s.h1)]
    why = pc.brief.why if pc.brief else ""
    ask = pc.brief.ask if pc.brief else ""
    for label, value in (("Why it is here", why), ("What we ask of partners", ask)):
        out.append(Paragraph(label, s.h2))
        if value:
            out.append(para(value, s.body))
        else:
            out.append(Paragraph("Not given when the case was added to the pack.", s.withheld))
    return out


def _summary(pc: PrintableCase, s: Styles, m: _Marks) -> list[Flowable]:
    out: list[Flowable] = m.heading(1, s)
    if pc.summary is not None:
        out.append(para(pc.summary or "No summary recorded.", s.body))
    else:
        out.append(Paragraph(f"Case summary: {WITHHELD.lower()}.", s.withheld))
    facts = [
        ("Categories", ", ".join(pc.categories) or "None"),
        ("Current risk", pc.risk_level.capitalize()),
    ]
    if pc.hate_strands:
        facts.append(("Hate incident", "Yes, " + ", ".join(pc.hate_strands)))
    if pc.risk_assessments:
        last = pc.risk_assessments[-1]
        facts.append((
            "Latest risk assessment",
            f"{last.tool} on {_d(last.assessed_on)}: score {last.score}, {last.level}"
            + ("; MARAC referral made" if last.marac_referral else ""),
        ))
    if pc.outcome:
        facts.append(("Outcome", pc.outcome))
        if pc.closure_reason:
            facts.append(("Reason for closure", pc.closure_reason))
    for label, value in facts:
        out.append(para(f"{label}: {value}", s.body))
    if pc.risk_assessments:
        out.append(Paragraph("Risk assessments", s.h2))
        out.append(table(s, ["Date", "Tool", "Person", "Score", "Level", "MARAC"], [
            [_d(r.assessed_on), r.tool, para(r.person, s.cell), str(r.score), r.level,
             "Yes" if r.marac_referral else "No"]
            for r in pc.risk_assessments
        ], [2.2, 2.2, 3.5, 1.2, 1.4, 1.2]))
    elif pc.risk_assessments is None:
        out.append(Paragraph(f"Risk assessments: {WITHHELD.lower()}.", s.withheld))
    if pc.left_out:
        out.append(Spacer(1, 3))
        out.append(Paragraph(
            "Left out of this version: " + ", ".join(pc.left_out) + ".", s.withheld
        ))
    return out


def _parties(pc: PrintableCase, s: Styles, m: _Marks) -> list[Flowable]:
    out: list[Flowable] = m.heading(2, s)
    if pc.parties_note:
        out.append(Paragraph(pc.parties_note, s.small))
    if not pc.parties:
        out.append(_none(s, "No parties can be shown to this audience."))
        return out
    if not any(p.details for p in pc.parties):
        rows = [[para(p.role, s.cell), para(p.name, s.cell)] for p in pc.parties]
        out.append(table(s, ["Role", "Name"], rows, [3, 9]))
        return out
    rows = []
    for p in pc.parties:
        details = "\n".join(f"{k}: {v}" for k, v in p.details)
        rows.append([para(p.role, s.cell), para(p.name, s.cell), para(details, s.cell)])
    out.append(table(s, ["Role", "Name", "Details"], rows, [2.2, 3, 7]))
    return out


def _chronology(pc: PrintableCase, s: Styles, m: _Marks) -> list[Flowable]:
    out: list[Flowable] = m.heading(3, s)
    if not pc.chronology:
        return [*out, _none(s, "No incidents or contacts recorded.")]
    rows = [
        [_d(c.when), c.kind, para(c.who, s.cell), _text(s, c.text)]
        for c in pc.chronology
    ]
    out.append(table(s, ["When", "What", "Who", "Detail"], rows, [2.9, 1.5, 2.6, 7.5]))
    return out


def _status(a: PrintAction) -> str:
    if a.status == "done" and a.completed_on:
        return f"Done {_d(a.completed_on)}"
    return "Open (overdue)" if a.overdue else a.status.capitalize()


def _actions(pc: PrintableCase, s: Styles, m: _Marks, n: int, outstanding: bool) -> list[Flowable]:
    out: list[Flowable] = m.heading(n, s)
    actions = pc.outstanding if outstanding else pc.actions
    if not actions:
        return [*out, _none(s, "No outstanding actions." if outstanding else "No actions recorded.")]
    if all(a.description is None for a in actions):
        # Said once, rather than on every row of a long plan.
        out.append(Paragraph(f"What each action is: {WITHHELD.lower()}.", s.withheld))
        rows = [[str(i), para(a.owner, s.cell), _d(a.due_date), _status(a)]
                for i, a in enumerate(actions, 1)]
        out.append(table(s, ["No.", "Owner", "Due", "Status"], rows, [1.5, 5, 3, 4]))
        return out
    rows = [[_text(s, a.description), para(a.owner, s.cell), _d(a.due_date), _status(a)]
            for a in actions]
    out.append(table(s, ["Action", "Owner", "Due", "Status"], rows, [7, 2.5, 2, 2.5]))
    return out


def _why(reason: str | None, tried_before: str | None, s: Styles) -> Paragraph:
    """The proportionality reason, with why earlier rungs were skipped where they were."""
    if reason is None:
        return Paragraph(WITHHELD, s.withheld)
    if tried_before:
        return para(f"{reason}\nEarlier steps not used because: {tried_before}", s.cell)
    return para(reason, s.cell)


def _interventions(pc: PrintableCase, s: Styles, m: _Marks) -> list[Flowable]:
    out: list[Flowable] = m.heading(5, s)
    if not pc.interventions:
        return [*out, _none(s, "No interventions recorded.")]
    rows = [
        [para(i.kind, s.cell), para(i.person, s.cell), _d(i.started_on), _d(i.expires_on),
         _d(i.review_on), _why(i.reason, i.tried_before, s)]
        for i in pc.interventions
    ]
    out.append(table(s, ["Intervention", "Person", "Started", "Expires", "Review", "Why proportionate"],
                     rows, [3, 2.4, 1.9, 1.9, 1.9, 4.5]))
    return out


def _evidence(pc: PrintableCase, s: Styles, m: _Marks) -> list[Flowable]:
    out: list[Flowable] = m.heading(6, s)
    if not pc.evidence:
        return [*out, _none(s, "No evidence recorded that can be shown to this audience.")]
    rows = [
        [_d(e.captured_on), para(e.kind, s.cell), _text(s, e.description), para(e.file_name, s.cell)]
        for e in pc.evidence
    ]
    out.append(table(s, ["Captured", "Kind", "Description", "File"], rows, [2, 2.2, 7, 3]))
    return out


def _referrals(pc: PrintableCase, s: Styles, m: _Marks) -> list[Flowable]:
    out: list[Flowable] = m.heading(7, s)
    agencies = ", ".join(pc.partner_agencies) or "None recorded"
    out.append(para(f"Lead agency: {pc.lead_agency or 'Landlord'}. Partner agencies: {agencies}.", s.body))
    if not pc.referrals:
        return [*out, _none(s, "No referrals or signposting recorded that can be shown to this audience.")]
    rows = [
        [_d(r.made_on), r.kind, para(r.person, s.cell), para(r.service, s.cell), _text(s, r.notes)]
        for r in pc.referrals
    ]
    out.append(table(s, ["Date", "Kind", "Person", "Service", "Notes"], rows, [2, 2, 2.8, 3.5, 5]))
    return out


def _decisions(s: Styles, m: _Marks) -> list[Flowable]:
    """Blank boxes the panel fills in by hand at the meeting (never on the perpetrator's copy)."""
    rows = [
        [Paragraph(label, s.cell_bold), ""]
        for label in ("Decisions", "Actions agreed and owners", "Information shared", "Next review date")
    ]
    t = Table(rows, colWidths=[BODY_W * 0.28, BODY_W * 0.72],
              rowHeights=[34 * 2.835, 34 * 2.835, 16 * 2.835, 10 * 2.835])
    t.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0, -1), HEAD_BG),
    ]))
    return [CondPageBreak(110 * 2.835), KeepTogether([*m.heading(9, s), t])]


def summary_story(pc: PrintableCase, prepared: Prepared, s: Styles,
                  subtitle: str = "Case summary", marks: _Marks | None = None) -> list[Flowable]:
    m = marks or _Marks("", 0)
    story: list[Flowable] = [
        HeaderText(f"{subtitle}: {pc.reference} · {pc.audience.label}"),
        *_cover(pc, prepared, s, f"{subtitle}: {pc.reference}"),
    ]
    # A pack for the panel opens each case with its brief, and says so when none was
    # given; a single summary carries one only when it was given.
    if pc.brief is not None or (m.level > 0 and pc.audience is Audience.PANEL):
        story += _brief(pc, s, m)
    story += [
        *_summary(pc, s, m),
        *_parties(pc, s, m),
        *_chronology(pc, s, m),
        *_actions(pc, s, m, 4, outstanding=False),
        *_interventions(pc, s, m),
        *_evidence(pc, s, m),
        *_referrals(pc, s, m),
        *_actions(pc, s, m, 8, outstanding=True),
    ]
    if pc.audience is not Audience.PERPETRATOR:
        story += _decisions(s, m)
    return story


def _footer(prepared: Prepared) -> str:
    return f"Prepared {_d(prepared.on)} by {prepared.by}"


def case_summary_pdf(pc: PrintableCase, prepared: Prepared) -> bytes:
    return render(summary_story(pc, prepared, Styles()), summary_title(pc.reference, pc.audience),
                  _footer(prepared))


def panel_pack_pdf(
    cases: Sequence[PrintableCase], meeting: date, prepared: Prepared
) -> bytes:
    """Several cases for one meeting, each starting on a new page, after a contents page."""
    s = Styles()
    audiences = {pc.audience for pc in cases}
    audience = audiences.pop().label if len(audiences) == 1 else "Mixed"
    story: list[Flowable] = [
        HeaderText(f"Panel pack: meeting {_d(meeting)} · {audience}"),
        Paragraph(f"Panel pack: meeting of {_d(meeting)}", s.title),
        para(f"Protective marking: {MARKING}. Audience: {audience}. "
             f"Prepared {_d(prepared.on)} by {prepared.by}. {len(cases)} case(s).", s.body),
        Spacer(1, 8),
        Paragraph("Contents", s.h1),
    ]
    for n, pc in enumerate(cases):
        risk = pc.risk_level.capitalize()
        entry = f"{pc.reference}: {', '.join(pc.categories) or 'no category'} ({risk} risk)"
        story.append(ContentsLine(entry, f"case-{n}"))
    for n, pc in enumerate(cases):
        story.append(PageBreak())
        story.append(ContentsTarget(
            f"Panel pack {_d(meeting)}: {pc.reference} · {pc.audience.label}", f"case-{n}"
        ))
        story.append(Bookmark(pc.reference, f"case-{n}", 0))
        story.extend(summary_story(pc, prepared, s, marks=_Marks(f"case-{n}-", 1))[1:])
    return render(story, pack_title(meeting, audience), _footer(prepared))
