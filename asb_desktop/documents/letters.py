"""Letters to residents, merged from templates the landlord can edit.

Templates are plain text with ``$field`` placeholders filled by
:class:`string.Template`: no expressions, no attribute access, nothing a
template author can use to reach into the program. An unknown field is an
error naming it, never a blank gap in a letter to a resident.

Reasonable adjustments (commitment 11): a recipient who needs large print
gets a 16 pt letter, from ``<kind>.large.txt`` when the landlord provides one.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from string import Template

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer

from asb_desktop.documents.pages import Prepared, Styles, para
from asb_desktop.documents.resources import template_path
from asb_desktop.domain.enums import Adjustment
from asb_desktop.domain.views import PersonView

LARGE_PRINT_SIZE = 16.0
STANDARD_SIZE = 11.0
LETTER_TITLE = "Letter"  # metadata: fixed, no personal data


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


COMMON_FIELDS = frozenset(
    {"recipient_name", "recipient_address", "date", "officer_name", "landlord_name"}
)
REPORT_FIELDS = COMMON_FIELDS | {
    "report_date", "categories", "acknowledge_by", "case_reference", "advice", "advice_date",
}
CASE_FIELDS = COMMON_FIELDS | {"case_reference", "categories", "outcome", "closed_date"}


class TemplateProblem(ValueError):
    """A template the landlord edited cannot be used as it stands; the message says why."""


@dataclass(frozen=True)
class Letter:
    subject: str
    paragraphs: tuple[str, ...]
    large_print: bool


def needs_large_print(person: PersonView) -> bool:
    return Adjustment.LARGE_PRINT.value in person.adjustments


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
    values = {name: fields.get(name, "") for name in allowed}
    merged = template.substitute(values).replace("\r\n", "\n")
    subject, _, body = merged.partition("\n")
    paragraphs = tuple(p.strip() for p in body.split("\n\n") if p.strip())
    return Letter(subject.strip(), paragraphs, large_print)


def letter_pdf(letter: Letter, recipient: PersonView, prepared: Prepared, landlord: str) -> bytes:
    styles = Styles(LARGE_PRINT_SIZE if letter.large_print else STANDARD_SIZE)
    right = ParagraphStyle("right", styles.body, alignment=TA_RIGHT)
    subject = ParagraphStyle("subject", styles.body, fontName=styles.h1.fontName)
    gap = styles.body.fontSize
    address = [recipient.name, *(x.strip() for x in recipient.address.split(",")), recipient.postcode]
    story: list[Flowable] = [
        para(landlord, right),
        Spacer(1, gap * 2),
        para("\n".join(line for line in address if line), styles.body),
        Spacer(1, gap),
        para(prepared.on.strftime("%d %B %Y").lstrip("0"), right),
        Spacer(1, gap),
        para(letter.subject, subject),
        Spacer(1, gap * 0.6),
    ]
    for p in letter.paragraphs:
        story.append(para(p, styles.body))
        story.append(Spacer(1, gap * 0.6))
    story += [Spacer(1, gap * 2), para(prepared.by, styles.body), para(f"Housing officer, {landlord}",
                                                                     styles.body)]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=20 * mm,
        bottomMargin=20 * mm, title=LETTER_TITLE, author="", subject="", keywords="",
        creator="asb-desktop",
    )
    doc.build(story)
    return buffer.getvalue()
