"""Print preview for case summaries, panel packs and letters.

The officer chooses the audience first and only then is a PDF built: a
preview for the wrong audience on screen is already a disclosure risk when a
colleague or a resident is in the room. Building, and each print's or save's
audit row, run on the window's one database lane (``OpsRunner``), in order
with the officer's other work; a build for an audience no longer chosen is
dropped. Print and Save only ever send out
the PDF that is on screen, for the audience shown; changing the audience
clears the preview until it is rebuilt.

The dialog knows nothing of cases or the store: it is given ``build``
(audience → PDF bytes) and ``on_output`` (how, audience, where), which the
window wires to ``DocumentsController`` so every print and save is audited.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Signal
from PySide6.QtGui import QImage, QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.documents import OVERRIDE_LETTER, OVERRIDE_SUMMARY, DocumentsController
from asb_desktop.controllers.errors import UserError
from asb_desktop.documents.letters import LetterKind
from asb_desktop.files import write_atomically
from asb_desktop.gui.common.document_prompts import override_handler
from asb_desktop.gui.common.errors import show_error
from asb_desktop.gui.common.ops import OpsRunner

log = logging.getLogger(__name__)

#: (value, words shown) for case documents; letters pass their own single choice.
CASE_AUDIENCES: tuple[tuple[str, str], ...] = (
    ("internal", "Internal: landlord staff only (everything)"),
    ("panel", "Multi-agency panel: no victim or witness contact details"),
    ("perpetrator", "Alleged perpetrator: nothing identifying complainants or witnesses"),
)
#: Pages are rendered for the printer at this resolution: sharp on paper
#: without a gigabyte image per page at a printer's native 1200 dpi.
PRINT_DPI = 240


class _NotWritten(Exception):
    def __init__(self, path: str, exc: OSError) -> None:
        super().__init__(path)
        self.path = path
        self.reason = exc.strerror or str(exc)


class PreviewDialog(QDialog):
    """``PreviewDialog(parent, title, build, on_output, audiences=CASE_AUDIENCES, file_name=...)``.

    ``build(audience) -> bytes`` and ``on_output(how, audience, where)`` run on
    the window's database lane (``ops``) and must not touch widgets. ``on_output`` writes
    the audit row before a print's pages go out (``how="printed"``, ``where`` the
    printer's name) and after a save's file is written (``how="saved"``,
    ``where`` the path; the file is removed again if the row cannot be written).
    ``output_finished`` reports the outcome on the UI thread.
    """

    #: Emitted on the UI thread when a preview is on screen (page count).
    preview_ready = Signal(int)
    #: A print or save finished: ("printed" or "saved", whether it went out and was audited).
    output_finished = Signal(str, bool)

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        build: Callable[[str], bytes],
        on_output: Callable[[str, str, str], None],
        audiences: Sequence[tuple[str, str]] = CASE_AUDIENCES,
        file_name: str = "document.pdf",
        ops: OpsRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 1000)
        self._build = build
        self._on_output = on_output
        self._file_name = file_name
        self._ops = ops or OpsRunner(self)
        self._token = 0
        self._pdf: bytes | None = None
        self._pdf_audience = ""
        self._buffer: QBuffer | None = None
        #: Seams for tests; the defaults ask the officer.
        self.ask_printer: Callable[[QPrinter], bool] = self._ask_printer
        self.ask_save_path: Callable[[], str] = self._ask_save_path
        #: Asked first when a build is refused (the domestic-abuse guard); True if it
        #: took the refusal in hand (a supervisor's override, then a rebuild).
        self.on_refused: Callable[[BaseException], bool] | None = None

        self.audience = QComboBox()
        for value, words in audiences:
            self.audience.addItem(words, value)
        self.audience.setAccessibleName("Audience")
        # Redacted by default: the full record is a deliberate choice.
        panel = self.audience.findData("panel")
        self.audience.setCurrentIndex(max(panel, 0))
        label = QLabel("&Audience:")
        label.setBuddy(self.audience)
        self.preview_button = QPushButton("&Preview")
        self.preview_button.setDefault(True)
        self.status = QLabel("Choose who the document is for, then Preview.")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Preview status")

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.view.setAccessibleName("Document preview")

        self.print_button = QPushButton("P&rint…")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button = QPushButton("&Save as PDF…")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        close = QPushButton("&Close")

        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.audience, 1)
        top.addWidget(self.preview_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        self.preview_button.clicked.connect(self.build_preview)
        self.audience.currentIndexChanged.connect(self._audience_changed)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        close.clicked.connect(self.reject)
        self._set_ready(False)

    # -- building ----------------------------------------------------------------

    def current_audience(self) -> str:
        return str(self.audience.currentData())

    def build_preview(self) -> None:
        self._token += 1
        self._clear()
        self.status.setText("Building the preview…")
        self.preview_button.setEnabled(False)
        token, audience, build = self._token, self.current_audience(), self._build
        self._ops.run(lambda: build(audience), lambda pdf: self._built(token, pdf),
                      lambda exc: self._failed(token, exc), latest=f"preview:{id(self)}")

    def _built(self, token: int, pdf: bytes) -> None:
        if token != self._token:
            return  # an older build for an audience no longer chosen
        self.preview_button.setEnabled(True)
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            self.status.setText("The preview could not be shown. Try again, or save it as a PDF.")
            buffer.deleteLater()
            return
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self._pdf = pdf
        self._pdf_audience = self.current_audience()
        pages = self.document.pageCount()
        self.status.setText(f"{pages} page{'s' if pages != 1 else ''}: {self.audience.currentText()}.")
        self._set_ready(True)
        self.preview_ready.emit(pages)

    def _failed(self, token: int, exc: BaseException) -> None:
        if token != self._token:
            return
        self.preview_button.setEnabled(True)
        if self.on_refused is not None and self.on_refused(exc):
            self.status.setText("Override recorded in the audit log; building the preview…")
            return
        if isinstance(exc, UserError):
            self.status.setText(str(exc))
        else:
            log.error("building a preview failed", exc_info=exc)
            self.status.setText("Something went wrong building the preview; it has been logged.")

    def _audience_changed(self) -> None:
        self._token += 1  # any build in flight is for the old audience
        self._clear()
        self.preview_button.setEnabled(True)
        self.status.setText("Audience changed: Preview again before printing or saving.")

    def _clear(self) -> None:
        self._pdf = None
        self.document.close()
        self._set_ready(False)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    # -- output ------------------------------------------------------------------

    def _ask_printer(self, printer: QPrinter) -> bool:
        return QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted

    def _ask_save_path(self) -> str:
        path, _ = QFileDialog.getSaveFileName(self, "Save as PDF", self._file_name, "PDF (*.pdf)")
        return path

    def print_document(self) -> None:
        if self._pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("Document")  # spoolers show this: no names or references
        if not self.ask_printer(printer):
            return
        where = printer.outputFileName() or printer.printerName() or "printer"
        audience = self._pdf_audience
        # Recorded before the pages go out: a print that is not in the audit
        # log must not happen, and paper cannot be called back afterwards. The
        # audit write runs on a worker; the pages go out when it has landed.
        self._in_background(
            "Recording the print in the audit log…",
            lambda: self._on_output("printed", audience, where),
            lambda _result: self._send_pages(printer, where),
            lambda exc: self._not_recorded("printed", exc),
        )

    def _send_pages(self, printer: QPrinter, where: str) -> None:
        painter = QPainter()
        if not painter.begin(printer):
            self.status.setText("The printer could not be started.")
            self.output_finished.emit("printed", False)
            return
        try:
            target = printer.pageRect(QPrinter.Unit.DevicePixel)
            for i in range(self.document.pageCount()):
                if i:
                    printer.newPage()
                points = self.document.pagePointSize(i)
                size = QSize(round(points.width() * PRINT_DPI / 72), round(points.height() * PRINT_DPI / 72))
                image: QImage = self.document.render(i, size)
                scale = min(target.width() / size.width(), target.height() / size.height())
                painter.drawImage(QRectF(0, 0, size.width() * scale, size.height() * scale), image)
        finally:
            painter.end()
        self.status.setText(f"Sent to {where}. The print is recorded in the audit log.")
        self.output_finished.emit("printed", True)

    def save_document(self) -> None:
        if self._pdf is None:
            return
        path = self.ask_save_path()
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        pdf, audience = self._pdf, self._pdf_audience

        def write_and_record() -> None:
            """Off the UI thread: the file, then its audit row; no audit row, no file."""
            try:
                write_atomically(Path(path), pdf)
            except OSError as exc:
                raise _NotWritten(path, exc) from exc
            try:
                self._on_output("saved", audience, path)
            except BaseException:
                Path(path).unlink(missing_ok=True)
                raise

        def saved(_result: object) -> None:
            self.status.setText(f"Saved to {path}. The save is recorded in the audit log.")
            self.output_finished.emit("saved", True)

        self._in_background("Saving…", write_and_record, saved,
                            lambda exc: self._not_recorded("saved", exc))

    def _in_background(
        self,
        message: str,
        work: Callable[[], object],
        done: Callable[[object], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        self.status.setText(message)
        self._set_ready(False)

        def finished(result: object) -> None:
            self._set_ready(self._pdf is not None)
            done(result)

        def broke(exc: BaseException) -> None:
            self._set_ready(self._pdf is not None)
            failed(exc)

        self._ops.run(work, finished, broke)

    def _not_recorded(self, how: str, exc: BaseException) -> None:
        if isinstance(exc, _NotWritten):
            self.status.setText(f"Could not save {exc.path}: {exc.reason}.")
        else:
            show_error(self, exc)
            self.status.setText(f"Not {how}: it could not be recorded in the audit log.")
        self.output_finished.emit(how, False)

    def done(self, result: int) -> None:
        # Closing never waits: a build still running is ignored when it lands,
        # and a print or save already on its way is finished and audited.
        self._token += 1
        super().done(result)


def case_summary_dialog(
    parent: QWidget | None, documents: DocumentsController, case_id: str, reference: str,
    ops: OpsRunner | None = None,
) -> PreviewDialog:
    """The preview for one case, with prints and saves audited against the case."""

    def on_output(how: str, audience: str, where: str) -> None:
        documents.record_output(how, f"Case summary {reference}", "case", case_id, audience, where)

    dialog = PreviewDialog(
        parent, f"Case summary {reference}", lambda audience: documents.case_summary(case_id, audience),
        on_output, file_name=f"{reference}-summary.pdf", ops=ops,
    )
    dialog.on_refused = override_handler(
        dialog, lambda reason: documents.record_override(case_id, OVERRIDE_SUMMARY, reason),
        dialog.build_preview, dialog._ops)
    return dialog


def letter_dialog(
    parent: QWidget | None,
    documents: DocumentsController,
    kind: str,
    report_id: str | None = None,
    case_id: str | None = None,
    ops: OpsRunner | None = None,
    person_id: str | None = None,
) -> PreviewDialog:
    """A letter has one audience, its recipient; the preview shows whom it is for.
    ``person_id`` chooses among a case's parties (which victim a closure letter is to)."""
    label = LetterKind(kind).label
    document = label if "letter" in label.lower() else f"{label} letter"  # not "Warning letter letter"

    def build(_audience: str) -> bytes:
        return documents.letter(kind, report_id=report_id, case_id=case_id, person_id=person_id).pdf

    def on_output(how: str, _audience: str, where: str) -> None:
        entity, entity_id = ("report", report_id) if report_id else ("case", case_id)
        documents.record_output(how, document, entity, entity_id, "recipient", where)

    dialog = PreviewDialog(parent, label, build, on_output,
                           audiences=(("recipient", "The person the letter is addressed to"),),
                           file_name=f"{kind}-letter.pdf", ops=ops)
    if case_id:
        dialog.on_refused = override_handler(
            dialog, lambda reason: documents.record_override(case_id, OVERRIDE_LETTER, reason),
            dialog.build_preview, dialog._ops)
    return dialog
