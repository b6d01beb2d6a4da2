"""Embedded fonts, so names print as they are spelt.

The standard PDF fonts only cover Latin-1: "Łukasz" or "李华" would come out
as black boxes. DejaVu Sans covers Latin, Greek, Cyrillic, Arabic and more;
Droid Sans Fallback adds Chinese, Japanese and Korean. reportlab has no
per-glyph fallback, so :func:`markup` wraps runs DejaVu cannot draw in the
fallback font. Only the glyphs used are embedded (reportlab subsets TrueType).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from asb_desktop.documents.resources import FONTS

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FALLBACK = "DroidSansFallback"

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    register()
    face = pdfmetrics.getFont(REGULAR).face  # type: ignore[attr-defined]
    return frozenset(face.charToGlyph)


def register() -> None:
    """Idempotent and thread-safe: the preview builds PDFs on a worker thread."""
    with _lock:
        if REGULAR in pdfmetrics.getRegisteredFontNames():
            return
        for name in (REGULAR, BOLD, ITALIC, BOLD_ITALIC):
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD_ITALIC)
        pdfmetrics.registerFontFamily(
            REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )


def _register_fallback() -> None:
    """Loaded only when a document needs it: the file is 4 MB and slow to parse."""
    with _lock:
        if FALLBACK not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FALLBACK, str(FONTS / "DroidSansFallbackFull.ttf")))
            addMapping(FALLBACK, 0, 0, FALLBACK)
            addMapping(FALLBACK, 1, 0, FALLBACK)
            addMapping(FALLBACK, 0, 1, FALLBACK)
            addMapping(FALLBACK, 1, 1, FALLBACK)


def markup(text: str) -> str:
    """Paragraph markup for plain text: escaped, line breaks kept, uncovered runs in the fallback.

    Every piece of recorded text goes through here, so a name like
    "<b>" or "A & B" prints literally instead of being read as markup.
    """
    covered = _covered()
    if all(ord(ch) in covered or ch == "\n" for ch in text):
        return escape(text).replace("\n", "<br/>")
    _register_fallback()
    out: list[str] = []
    run: list[str] = []
    in_fallback = False
    for ch in text:
        need = ch != "\n" and ord(ch) not in covered
        if need != in_fallback and run:
            out.append(_run("".join(run), in_fallback))
            run = []
        in_fallback = need
        run.append(ch)
    if run:
        out.append(_run("".join(run), in_fallback))
    return "".join(out)


def _run(text: str, fallback: bool) -> str:
    body = escape(text).replace("\n", "<br/>")
    return f'<font face="{FALLBACK}">{body}</font>' if fallback else body
