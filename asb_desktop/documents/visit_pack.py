"""The day's visit pack: a printable sheet per sign-up or post-tenancy visit.

An officer takes it on the round (commitment 3: explain the ASB terms of the
tenancy at sign-up and at the post-tenancy visit). Each sheet carries the
address, the tenants with their reasonable adjustments (commitment 11: an
interpreter or large print is known before the door opens), the ASB-terms
checklist with boxes to tick, and any open case at that address or involving
those tenants, as this officer may see it: a restricted case the officer may
not open shows only its reference and the word Restricted. Like every other
document it is marked OFFICIAL-SENSITIVE on every page and says "Page n of N".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from asb_desktop.documents.pages import (
    MARKING,
    Bookmark,
    HeaderText,
    Prepared,
    Styles,
    para,
    render,
    table,
)
from asb_desktop.domain.enums import Adjustment, TenureType, VisitKind
from asb_desktop.domain.visits import ASB_TERMS, VisitSheet

BOX = "\u2610"  # an empty ballot box to tick by hand


def _d(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _label(enum: type[Adjustment] | type[TenureType] | type[VisitKind], value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value.replace("_", " ")


def pack_title(day: date) -> str:
    return f"Visit pack {day.isoformat()}"


def visit_pack_pdf(sheets: Sequence[VisitSheet], day: date, officer: str,
                   prepared: Prepared) -> bytes:
    """A cover line then one page per visit, in tenancy reference order."""
    s = Styles()
    story: list[Flowable] = [
        HeaderText(f"Visit pack · {_d(day)} · {officer}"),
        Paragraph(f"Tenancy visits on {day.strftime('%A %d %B %Y')}", s.title),
        para(f"Protective marking: {MARKING}. Officer: {officer}. {len(sheets)} visit(s). "
             f"Prepared {_d(prepared.on)} by {prepared.by}. Keep this pack with you and "
             "shred it after the round.", s.body),
    ]
    if not sheets:
        story.append(Spacer(1, 10))
        story.append(para("No visits are due on this day.", s.body))
    rows = [[para(sh.tenancy_reference, s.cell), para(sh.address, s.cell),
             para(_label(VisitKind, sh.kind), s.cell),
             para(str(len(sh.cases)) if sh.cases else "none", s.cell)] for sh in sheets]
    if rows:
        story.append(Spacer(1, 8))
        story.append(table(s, ["Tenancy", "Address", "Visit", "Open cases"], rows, [2, 5, 2, 1.4]))
    for n, sheet in enumerate(sheets):
        story.append(PageBreak())
        story.extend(_sheet(sheet, n, s))
    return render(story, pack_title(day), f"Visit pack {_d(day)}")


def _sheet(sh: VisitSheet, n: int, s: Styles) -> list[Flowable]:
    title = f"{sh.tenancy_reference}: {sh.address}"
    out: list[Flowable] = [
        HeaderText(f"Visit pack · {sh.tenancy_reference}"),
        Bookmark(title, f"visit-{n}", 0),
        para(f"{_label(VisitKind, sh.kind)} visit", s.h1),
        para(f"{sh.address}  {sh.postcode}".strip(), s.h2),
        para(f"Tenancy {sh.tenancy_reference} · {_label(TenureType, sh.tenure)} · started "
             f"{_d(sh.start_date) or 'date not recorded'} · due {_d(sh.due_date)} · "
             f"officer {sh.officer or 'not assigned'}", s.body),
        Paragraph("Tenants", s.h2),
    ]
    if sh.tenants:
        rows = []
        for t in sh.tenants:
            needs = [_label(Adjustment, a) for a in t.adjustments]
            if t.language:
                needs.append(f"language: {t.language}")
            if t.adjustment_notes:
                needs.append(t.adjustment_notes)
            rows.append([para(t.name, s.cell), para(_d(t.date_of_birth), s.cell),
                         para(t.phone, s.cell),
                         para("; ".join(needs), s.cell) if needs
                         else para("none recorded", s.withheld)])
        out.append(table(s, ["Name", "Date of birth", "Phone", "Reasonable adjustments"], rows,
                         [3, 1.6, 2, 4.4]))
    else:
        out.append(para("No tenants are recorded on this tenancy: note who signs.", s.withheld))
    out.append(Paragraph("ASB terms of the tenancy explained", s.h2))
    out.append(table(s, ["Done", "Term"],
                     [[para(BOX, s.cell_bold), para(text, s.cell)] for text in ASB_TERMS.values()],
                     [0.7, 10.3]))
    out.append(Paragraph("Open cases at this address or involving these tenants", s.h2))
    if sh.cases:
        out.append(table(s, ["Case", "Risk", "Parties", "Summary"], [
            [para(c.reference, s.cell),
             para(c.risk_level.capitalize(), s.cell) if c.risk_level else para("", s.cell),
             para(c.parties, s.withheld if c.restricted and not c.summary else s.cell),
             para(c.summary, s.cell)]
            for c in sh.cases], [2.6, 1.2, 3.2, 4.5]))
    else:
        out.append(para("None.", s.body))
    out.append(Paragraph("On the day", s.h2))
    # Room to write by hand on the doorstep.
    out.append(table(s, ["To record", "Notes"], [
        [[para(label, s.cell), Spacer(1, 22)], para("", s.cell)]
        for label in ("Who was present", "Tenant acknowledged the terms (name)",
                      "Anything reported during the visit")
    ], [4, 7]))
    return out
