"""Loading the stylesheet from ``resources/styles``.

Looked for beside the package when installed, or at the top of a checkout
when run from source; a missing stylesheet leaves the plain platform look
rather than stopping the app.

The text colours that must be read are set here too, after the sheet, so
they win over it (in Qt stylesheets, of two equally specific rules the later
one applies) and so the contrast test checks the colours the officer sees.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

_HERE = Path(__file__).resolve().parent
CANDIDATES = [_HERE.parent / "resources" / "styles", _HERE.parent.parent / "resources" / "styles"]

#: Error text. GOV.UK's #d4351c reaches only 4.2:1 on the grey of a dialog
#: (#efefef, the Fusion window colour every form dialog has), under WCAG AA's
#: 4.5:1; this red gives 6.2:1 there and 7.1:1 on white.
ERROR_TEXT = "#b10e1e"
#: Quieter text that still tells the officer something: a greyed (disabled)
#: field or hint (the time a form will use, what a field is for) and the
#: example in an empty box ("For example 23:30"), which Qt otherwise draws at
#: half-strength black, 3.9:1. This grey reaches 4.5:1 on every background it
#: sits on (4.8:1 on the dialog grey #efefef), yet is plainly lighter than live text.
MUTED_TEXT = "#626a6e"

READABLE_TEXT = f"""
/* From asb_desktop/gui/style.py: text colours that meet WCAG AA (4.5:1). */
QLabel#errorSummaryList {{ color: {ERROR_TEXT}; }}
QLabel[fieldError="true"] {{ color: {ERROR_TEXT}; }}
QLabel[hint="true"]:disabled {{ color: {MUTED_TEXT}; }}
QLineEdit:disabled, QPlainTextEdit:disabled, QComboBox:disabled, QDateEdit:disabled,
QDateTimeEdit:disabled, QListWidget:disabled {{ color: {MUTED_TEXT}; }}
QLineEdit, QPlainTextEdit, QTextEdit {{ placeholder-text-color: {MUTED_TEXT}; }}
"""


def stylesheet() -> str:
    for folder in CANDIDATES:
        path = folder / "app.qss"
        if path.is_file():
            return path.read_text(encoding="utf-8") + READABLE_TEXT
    return ""


def apply_style(qapp: QApplication) -> None:
    qapp.setStyle("Fusion")
    qapp.setStyleSheet(stylesheet())
