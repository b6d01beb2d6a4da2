"""Where the window's letters come from, without loading the PDF stack to find out.

The documents controller brings in reportlab and the preview Qt PDF; the
window shows its first page without either. So a screen that can make a
letter is handed a maker, called only when the officer asks for one.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import TYPE_CHECKING

from asb_desktop.app import App

if TYPE_CHECKING:
    from asb_desktop.controllers.documents import DocumentsController

DocumentsMaker = Callable[[], "DocumentsController"]


def documents_maker(app: App) -> DocumentsMaker | None:
    """The profile's documents controller (its own letter templates first), made on
    each call; None where Qt PDF is not installed, so no screen offers a letter."""
    if importlib.util.find_spec("PySide6.QtPdf") is None:
        return None

    def make() -> DocumentsController:
        from asb_desktop.controllers.documents import DocumentsController

        return DocumentsController(app.unit, template_dirs=[app.folder / "templates"])

    return make
