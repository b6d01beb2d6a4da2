"""The page furniture every printed document shares: marking, header, footer, page numbers.

The protective marking goes on every page, top and bottom, because pages of a
panel pack get separated and photocopied. PDF metadata carries the case
reference and the audience (so a screen reader announces which document it
is, and an officer can tell two saved files apart) but never a name, since a
file's properties are shown by every viewer and indexed by desktop search.
Every document says it is in British English and opens showing its outline:
a bookmark per section, and per case in a pack.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from asb_desktop.documents import fonts

MARKING = "OFFICIAL-SENSITIVE"
PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
BODY_W = PAGE_W - 2 * MARGIN
GREY = colors.HexColor("#505a5f")
RULE = colors.HexColor("#b1b4b6")
HEAD_BG = colors.HexColor("#e8eaec")
#: The language every document is written in, so a screen reader reads it in a British voice.
LANGUAGE = "en-GB"


@dataclass(frozen=True)
class Prepared:
    """Who prepared a document and when: printed on it, never put in its metadata."""

    by: str
    on: date


class Styles:
    """Paragraph styles at one base size; letters pass a larger size for large print."""

    def __init__(self, size: float = 9.5) -> None:
        fonts.register()
        base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=size, leading=size * 1.3)
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=size * 0.85, leading=size * 1.1)
        self.cell = ParagraphStyle("cell", base, fontSize=size * 0.9, leading=size * 1.12)
        self.cell_bold = ParagraphStyle("cellb", self.cell, fontName=fonts.BOLD)
        self.withheld = ParagraphStyle("withheld", self.cell, fontName=fonts.ITALIC, textColor=GREY)
        self.title = ParagraphStyle(
            "title", base, fontName=fonts.BOLD, fontSize=size * 2, leading=size * 2.4, spaceAfter=6
        )
        self.h1 = ParagraphStyle(
            "h1", base, fontName=fonts.BOLD, fontSize=size * 1.35, leading=size * 1.7,
            spaceBefore=size * 1.2, spaceAfter=size * 0.4, keepWithNext=1,
        )
        self.h2 = ParagraphStyle(
            "h2", base, fontName=fonts.BOLD, fontSize=size * 1.1, leading=size * 1.4,
            spaceBefore=size * 0.6, spaceAfter=size * 0.3, keepWithNext=1,
        )
        self.marking = ParagraphStyle(
            "marking", base, fontName=fonts.BOLD, alignment=TA_CENTER, textColor=colors.black
        )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """Recorded text as a paragraph: always escaped, with fallback glyphs where needed."""
    return Paragraph(fonts.markup(text), style)


TABLE_STYLE = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
)


def table(
    styles: Styles, header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float]
) -> Table:
    """A table that splits between rows across pages and repeats its header row."""
    total = sum(widths)
    cols = [w * BODY_W / total for w in widths]
    head = [Paragraph(fonts.markup(h), styles.cell_bold) for h in header]
    t = Table([head, *rows], colWidths=cols, repeatRows=1, splitByRow=1)
    t.setStyle(TABLE_STYLE)
    return t


class _Marker(Flowable):  # type: ignore[misc]
    """Takes no room on the page: it only notes something where it stands."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0


class HeaderText(_Marker):
    """Sets the running header from this point on (a panel pack changes it per case)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def draw(self) -> None:
        self.canv._asb_header = self.text


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds pages back until the end so each can say "Page n of N".

    The same trick fills in a contents page in one layout pass: contents
    lines record where their page number goes, case starts record their
    page, and both are joined up here, when every page is known.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self.contents_slots: list[tuple[int, float, float, str]] = []  # page, x, y, key
        self.starts: dict[str, int] = {}
        self.marks: list[tuple[int, str, str, int, float]] = []  # page, key, title, level, top

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        slots, starts, marks = self.contents_slots, self.starts, self.marks
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(fonts.REGULAR, 8)
            self.setFillColor(GREY)
            self.drawRightString(PAGE_W - MARGIN, 10 * mm, f"Page {self._pageNumber} of {total}")
            self.setFillColor(colors.black)
            for page, x, y, key in slots:
                if page == self._pageNumber and key in starts:
                    self.setFont(fonts.REGULAR, 9.5)
                    self.drawRightString(x, y, str(starts[key]))
            # Outline entries are made here, not while laying out, because only
            # now is each held-back page the PDF's current page.
            for page, key, title, level, top in marks:
                if page == self._pageNumber:
                    self.bookmarkPage(key, fit="XYZ", left=0, top=top)
                    self.addOutlineEntry(title, key, level, closed=level > 0)
            super().showPage()
        if marks:
            self.showOutline()
        super().save()


class ContentsLine(Flowable):  # type: ignore[misc]
    """One contents entry; its page number is drawn once the whole document is laid out."""

    def __init__(self, text: str, key: str, size: float = 9.5) -> None:
        super().__init__()
        self.text = text
        self.key = key
        self.size = size
        self.width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.size * 1.6

    def draw(self) -> None:
        canv = self.canv
        canv.setFont(fonts.REGULAR, self.size)
        canv.drawString(0, self.size * 0.4, self.text)
        start = canv.stringWidth(self.text, fonts.REGULAR, self.size) + 6
        end = self.width - 24
        dot = canv.stringWidth(" .", fonts.REGULAR, self.size)
        canv.setFillColor(GREY)
        canv.drawString(start, self.size * 0.4, " ." * max(0, int((end - start) / dot)))
        canv.setFillColor(colors.black)
        ax, ay = canv.absolutePosition(self.width, self.size * 0.4)
        if isinstance(canv, _NumberedCanvas):
            canv.contents_slots.append((canv.getPageNumber(), ax, ay, self.key))


class Bookmark(_Marker):
    """An outline (bookmarks pane) entry for the place it stands: a section, or a case in a pack."""

    def __init__(self, title: str, key: str, level: int = 0) -> None:
        super().__init__()
        self.title = title
        self.key = key
        self.level = level

    def draw(self) -> None:
        canv = self.canv
        if isinstance(canv, _NumberedCanvas):
            _, top = canv.absolutePosition(0, 0)
            canv.marks.append((canv.getPageNumber(), self.key, self.title, self.level, top + 20))


class ContentsTarget(HeaderText):
    """Where a contents entry points: records its page, and sets the running header."""

    def __init__(self, text: str, key: str) -> None:
        super().__init__(text)
        self.key = key

    def draw(self) -> None:
        super().draw()
        if isinstance(self.canv, _NumberedCanvas):
            self.canv.starts[self.key] = self.canv.getPageNumber()


def _furniture(footer_left: str) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(fonts.BOLD, 9)
        canvas.setFillColor(colors.black)
        canvas.drawCentredString(PAGE_W / 2, PAGE_H - 10 * mm, MARKING)
        canvas.drawCentredString(PAGE_W / 2, 10 * mm, MARKING)
        canvas.setFont(fonts.REGULAR, 8)
        canvas.setFillColor(GREY)
        header = getattr(canvas, "_asb_header", "")
        canvas.drawString(MARGIN, PAGE_H - 14.5 * mm, header)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, PAGE_H - 16 * mm, PAGE_W - MARGIN, PAGE_H - 16 * mm)
        canvas.line(MARGIN, 14 * mm, PAGE_W - MARGIN, 14 * mm)
        canvas.drawString(MARGIN, 10 * mm, footer_left)
        canvas.restoreState()

    return draw


class MarkedDoc(BaseDocTemplate):  # type: ignore[misc]
    """A4 with the marking, running header and footer on every page."""

    def __init__(self, buffer: io.BytesIO, title: str, footer_left: str) -> None:
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 3 * mm,
            bottomMargin=MARGIN,
            title=title,
            author="",
            subject="",
            keywords="",
            creator="asb-desktop",
            lang=LANGUAGE,
            displayDocTitle=True,
        )
        frame = Frame(MARGIN, MARGIN, BODY_W, PAGE_H - 2 * MARGIN - 3 * mm, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates(
            [PageTemplate(id="marked", frames=[frame], onPageEnd=_furniture(footer_left))]
        )


def render(story: list[Flowable], title: str, footer_left: str) -> bytes:
    """Lay out ``story`` in a single pass (contents page numbers included)."""
    buffer = io.BytesIO()
    MarkedDoc(buffer, title, footer_left).build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
