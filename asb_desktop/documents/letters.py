"""Letters to residents, merged from templates the landlord can edit.

Templates are plain text with ``$field`` placeholders filled by
:class:`string.Template`: no expressions, no attribute access, nothing a
template author can use to reach into the program. An unknown field is an
error naming it, never a blank gap in a letter to a resident.

Every letter carries the landlord's letterhead (name, address, phone,
e-mail, web, logo) and signature block from the settings, so the reader
knows who wrote and how to reach them. Line breaks inside a paragraph of a
template or an advice text are joined up: text written in a narrow editor
must not leave "reduce" alone on a line in a letter.

Reasonable adjustments (commitment 11): a recipient who needs large print
gets a 16 pt letter, from ``<kind>.large.txt`` when the landlord provides one.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from string import Template

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from asb_desktop.documents import fonts
from asb_desktop.documents.pages import LANGUAGE, Prepared, Styles, para
from asb_desktop.documents.resources import logo_path, template_path
from asb_desktop.domain.enums import Adjustment
from asb_desktop.domain.landlord import Landlord
from asb_desktop.domain.views import PersonView

LARGE_PRINT_SIZE = 16.0
STANDARD_SIZE = 11.0
LOGO_WIDTH = 28 * mm


class LetterKind(StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"
    NON_ASB_ADVICE = "non_asb_advice"
    REFER_BACK = "refer_back"
    WARNING = "warning"
    CLOSURE = "closure"

    @property
    def label(self) -> str:
        return {
            "acknowledgement": "Acknowledgement of a report",
            "non_asb_advice": "Non-ASB advice",
            "refer_back": "Refer-back for a repeated non-ASB report",
            "warning": "Warning letter",
            "closure": "Case closure",
        }[self.value]

    @property
    def about_report(self) -> bool:
        return self in (LetterKind.ACKNOWLEDGEMENT, LetterKind.NON_ASB_ADVICE, LetterKind.REFER_BACK)


COMMON_FIELDS = frozenset({
    "recipient_name", "recipient_address", "date", "officer_name", "landlord_name",
    "landlord_phone", "landlord_email", "landlord_contact", "complaints", "ombudsman", "support",
})
REPORT_FIELDS = COMMON_FIELDS | {
    "report_date", "categories", "acknowledge_by", "contact_by", "contact_days", "late_note",
    "case_reference", "advice", "advice_date", "advice_to", "case_review",
}
CASE_FIELDS = COMMON_FIELDS | {
    "case_reference", "categories", "outcome", "closed_date", "closure_reason", "incidents",
    "next_steps", "case_review",
}


class TemplateProblem(ValueError):
    """A template the landlord edited cannot be used as it stands; the message says why."""


@dataclass(frozen=True)
class Letter:
    subject: str
    paragraphs: tuple[str, ...]
    large_print: bool


def needs_large_print(person: PersonView) -> bool:
    return Adjustment.LARGE_PRINT.value in person.adjustments


_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_FIELD_LINE = re.compile(r"^\s*\$(?:\w+|\{\w+\})\s*$")


def reflow(text: str) -> str:
    """Join the lines of each paragraph; blank lines, list items and a field alone
    on its line (a list the field fills in) still break.

    The advice library and templates are written in editors that wrap at 80
    columns; a letter laid out at its own width must not keep those breaks.
    """
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    out = []
    for block in paragraphs:
        lines: list[str] = []
        for line in block.split("\n"):
            own_line = _BULLET.match(line) or _FIELD_LINE.match(line) or (
                lines and _FIELD_LINE.match(lines[-1]))
            if lines and line.strip() and not own_line:
                lines[-1] = f"{lines[-1]} {line.strip()}"
            elif line.strip():
                lines.append(line.strip())
        out.append("\n".join(lines))
    return "\n\n".join(p for p in out if p)


def load_template(kind: LetterKind, large_print: bool, folders: Sequence[Path] = ()) -> str:
    names = [f"{kind.value}.large.txt", f"{kind.value}.txt"] if large_print else [f"{kind.value}.txt"]
    for name in names:
        try:
            return template_path(f"letters/{name}", [Path(f) for f in folders]).read_text("utf-8")
        except FileNotFoundError:
            continue
    raise TemplateProblem(f"There is no letter template {kind.value}.txt.")


def merge(kind: LetterKind, text: str, fields: Mapping[str, str], large_print: bool) -> Letter:
    """Fill the template; only fields known for this kind of letter may be used."""
    allowed = REPORT_FIELDS if kind.about_report else CASE_FIELDS
    template = Template(text)
    if not template.is_valid():
        raise TemplateProblem(
            f"The {kind.value} template has a stray '$'; write $$ for a dollar sign."
        )
    unknown = sorted(set(template.get_identifiers()) - allowed)
    if unknown:
        raise TemplateProblem(
            f"The {kind.value} template uses unknown field(s): {', '.join('$' + u for u in unknown)}."
        )
    subject, _, body = text.replace("\r\n", "\n").partition("\n")
    values = {name: fields.get(name, "") for name in allowed}
    paragraphs = []
    # Reflow the wording first, then fill it in, so a field's own lines (a list of
    # dates, of services) survive while the template's wrapped lines are joined.
    for block in reflow(body).split("\n\n"):
        merged = Template(block).substitute(values).strip()
        paragraphs += [p.strip() for p in merged.split("\n\n") if p.strip()]
    return Letter(Template(subject).substitute(values).strip(), tuple(paragraphs), large_print)


def letter_title(kind: LetterKind, to: Addressing) -> str:
    """The PDF's title: kind, whom it is for (by role) and reference, never the recipient's name."""
    label = kind.label if "letter" in kind.label.lower() else f"Letter: {kind.label.lower()}"
    title = f"{label} to the {to.role}" if to.role else label
    return f"{title}, {to.reference}" if to.reference else title


def _letterhead(landlord: Landlord, styles: Styles, logo: Path | None) -> Flowable:
    right = ParagraphStyle("head", styles.body, alignment=TA_RIGHT)
    lines = [landlord.name, *landlord.address_lines]
    lines += [x for x in (f"Phone: {landlord.phone}" if landlord.phone else "",
                          f"E-mail: {landlord.email}" if landlord.email else "", landlord.web) if x]
    text = para("\n".join(lines), right)
    if logo is None:
        return text
    image = Image(str(logo))
    image.drawHeight = LOGO_WIDTH * image.imageHeight / image.imageWidth
    image.drawWidth = LOGO_WIDTH
    width = A4[0] - 50 * mm
    table = Table([[image, text]], colWidths=[LOGO_WIDTH + 4 * mm, width - LOGO_WIDTH - 4 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


@dataclass(frozen=True)
class Addressing:
    """Who the letter is to; ``show_address`` is False when their home must not be printed."""

    recipient: PersonView
    show_address: bool = True
    reference: str = ""
    role: str = ""  # in words: "reporter", "alleged perpetrator"


def letter_pdf(letter: Letter, kind: LetterKind, to: Addressing, prepared: Prepared,
               landlord: Landlord, folders: Sequence[Path] = ()) -> bytes:
    styles = Styles(LARGE_PRINT_SIZE if letter.large_print else STANDARD_SIZE)
    right = ParagraphStyle("right", styles.body, alignment=TA_RIGHT)
    subject = ParagraphStyle("subject", styles.body, fontName=styles.h1.fontName)
    gap = styles.body.fontSize
    person = to.recipient
    address = [person.name]
    if to.show_address:
        address += [*(x.strip() for x in person.address.split(",")), person.postcode]
    logo = logo_path(landlord.logo, folders) if landlord.logo else None
    dated = prepared.on.strftime("%d %B %Y").lstrip("0")
    story: list[Flowable] = [
        _letterhead(landlord, styles, logo),
        Spacer(1, gap * 1.5),
        para("\n".join(line for line in address if line), styles.body),
        Spacer(1, gap),
        para(f"Our reference: {to.reference}\n{dated}" if to.reference else dated, right),
        Spacer(1, gap),
        para(letter.subject, subject),
        Spacer(1, gap * 0.6),
    ]
    for p in letter.paragraphs[:-1]:
        story.append(para(p, styles.body))
        story.append(Spacer(1, gap * 0.6))
    signature = [prepared.by, landlord.signature or "Housing officer", landlord.name]
    # "Yours sincerely" is never left at the foot of a page without the signature under it.
    story.append(KeepTogether([
        *(para(p, styles.body) for p in letter.paragraphs[-1:]),
        Spacer(1, gap * 1.5), para("\n".join(signature), styles.body),
    ]))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=20 * mm,
        bottomMargin=20 * mm, title=letter_title(kind, to), author="", subject="",
        keywords="", creator="asb-desktop", lang=LANGUAGE, displayDocTitle=True,
    )
    doc.build(story, onLaterPages=_later_page(to.reference or kind.label))
    return buffer.getvalue()


def _later_page(label: str) -> Callable[[Canvas, SimpleDocTemplate], None]:
    """A second page says which letter it belongs to, in case the pages come apart."""
    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, 9)
        canvas.drawRightString(A4[0] - 25 * mm, 12 * mm, f"{label}, page {doc.page}")
        canvas.restoreState()

    return draw
