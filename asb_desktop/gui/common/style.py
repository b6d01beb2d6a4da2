"""Loading the stylesheet from ``resources/styles``.

Looked for beside the package when installed, or at the top of a checkout
when run from source; a missing stylesheet leaves the plain platform look
rather than stopping the app.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

_HERE = Path(__file__).resolve().parent
CANDIDATES = [_HERE.parent / "resources" / "styles", _HERE.parent.parent / "resources" / "styles"]


def stylesheet() -> str:
    for folder in CANDIDATES:
        path = folder / "app.qss"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return ""


def apply_style(qapp: QApplication) -> None:
    qapp.setStyle("Fusion")
    qapp.setStyleSheet(stylesheet())
