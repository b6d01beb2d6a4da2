"""What leaves the app from the review: the figures as CSV and panel packs.

Both are built and written on a worker, and both are audited by their
controller (``export_figures_csv`` and ``export_panel_pack``). The save
dialog and the "open the file" step are plain functions the tab holds as
attributes, so a test can answer them without a person.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDateEdit, QDialog, QWidget

from asb_desktop.app import App
from asb_desktop.controllers.errors import UserError
from asb_desktop.controllers.review import ReviewController
from asb_desktop.domain.review import Figures
from asb_desktop.files import write_atomically
from asb_desktop.gui.common.widgets import qdate

DOCUMENTS_MODULE = "asb_desktop.controllers.documents"
NO_PANEL_PACKS = "Panel packs are not available in this build."

def twelve_months_to(today: date) -> tuple[date, date]:
    """Whole months, so every bar of the month chart but the current one is a full month."""
    y, m = (today.year - 1, today.month + 1) if today.month < 12 else (today.year, 1)
    return date(y, m, 1), today


def date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd MMM yyyy")
    return edit


def csv_job(review: ReviewController, figures: Figures, path: str) -> Callable[[], Path]:
    def job() -> Path:
        text = review.export_figures_csv(figures)
        out = Path(path)
        try:
            write_atomically(out, text.encode("utf-8"))
        except OSError as exc:
            raise UserError(f"Cannot write {out}: {exc.strerror}.") from None
        return out

    return job


def panel_packs_available() -> bool:
    return importlib.util.find_spec(DOCUMENTS_MODULE) is not None


def panel_pack_job(app: App, references: Sequence[str], meeting: date, path: str,
                   choices: PackChoices | None = None) -> Callable[[], Path]:
    """The pack is redacted for the panel audience and audited by the documents controller;
    it raises the controller's ``ConfirmationNeeded`` for the tab to ask about."""
    from asb_desktop.controllers.documents import DocumentsController

    docs = DocumentsController(app.unit, template_dirs=[app.folder / "templates"])
    refs = list(references)
    chosen = choices or PackChoices()

    def job() -> Path:
        return docs.export_panel_pack(refs, meeting, Path(path), marac=chosen.marac,
                                      confirm=chosen.confirmed, briefs=chosen.briefs)

    return job


@dataclass(frozen=True)
class PackChoices:
    """What the person making a pack said: MARAC or not, each case's brief, what they confirmed."""

    marac: bool = False
    briefs: Mapping[str, Any] = field(default_factory=dict)  # reference -> PanelBrief
    confirmed: tuple[str, ...] = ()


def ask_pack_choices(parent: QWidget, references: Sequence[str]) -> PackChoices | None:
    """Why each case is at panel, what partners are asked, and whether it is a MARAC."""
    from asb_desktop.gui.common.document_prompts import PanelBriefDialog

    dialog = PanelBriefDialog(parent, references)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return PackChoices(marac=dialog.marac.isChecked(), briefs=dialog.briefs())


def confirm_pack(parent: QWidget, question: Any) -> bool:
    """The controller's points (a domestic-abuse case outside MARAC, a past date), asked."""
    from asb_desktop.gui.common.document_prompts import confirm_points

    return confirm_points(parent, question)
