"""The preview dialog, offscreen: audience first, built off the UI thread, print and save audited."""

from __future__ import annotations

import threading
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.controllers.documents import DocumentsController
from asb_desktop.gui.common.preview import PreviewDialog
from tests.documents.conftest import PROTECTED_CONTACT, Built, audit_rows, pdf_text


def _dialog(qtbot: QtBot, built: Built, docs: DocumentsController) -> tuple[PreviewDialog, list[int]]:
    threads: list[int] = []

    def build(audience: str) -> bytes:
        threads.append(threading.get_ident())
        return docs.case_summary(built.case.id, audience)

    def on_output(how: str, audience: str, where: str) -> None:
        docs.record_output(how, f"Case summary {built.case.reference}", "case", built.case.id,
                           audience, where)

    dialog = PreviewDialog(None, "Case summary", build, on_output,
                           file_name=f"{built.case.reference}.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, threads


def _has_ink(dialog: PreviewDialog) -> bool:
    image = dialog.view.viewport().grab().toImage()
    white = QColor("white").rgb()
    step = 7
    return any(
        image.pixel(x, y) != white and QColor(image.pixel(x, y)).lightness() < 100
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    )


def test_preview_builds_off_the_ui_thread_and_save_is_audited(
    qtbot: QtBot, app: App, built: Built, docs: DocumentsController, tmp_path: Path
) -> None:
    dialog, threads = _dialog(qtbot, built, docs)
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.document.pageCount() == 0 and threads == []  # nothing built before a choice
    assert not _has_ink(dialog)

    dialog.audience.setCurrentIndex(dialog.audience.findData("panel"))
    with qtbot.waitSignal(dialog.preview_ready, timeout=15000) as ready:
        dialog.preview_button.click()
    pages = ready.args[0]
    assert pages >= 1 and dialog.document.pageCount() == pages
    assert threads and threads[0] != threading.get_ident()
    assert dialog.save_button.isEnabled() and "Multi-agency panel" in dialog.status.text()
    qtbot.waitUntil(lambda: _has_ink(dialog), timeout=5000)

    out = tmp_path / "panel.pdf"
    dialog.ask_save_path = lambda: str(out)
    with qtbot.waitSignal(dialog.output_finished, timeout=10000) as finished:
        dialog.save_button.click()
    assert finished.args == ["saved", True]
    text = " ".join(" ".join(pdf_text(out.read_bytes())).split())
    assert "Multi-agency panel" in text
    for value in PROTECTED_CONTACT:
        assert value not in text
    rows = audit_rows(app)
    assert [(r.action, r.entity_id) for r in rows] == [("document.saved", built.case.id)]
    assert "audience panel" in rows[0].detail and str(out) in rows[0].detail

    # Changing the audience takes the old preview away until it is rebuilt.
    dialog.audience.setCurrentIndex(dialog.audience.findData("internal"))
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()


def test_print_renders_every_page_and_is_audited(
    qtbot: QtBot, app: App, built: Built, docs: DocumentsController, tmp_path: Path
) -> None:
    dialog, _ = _dialog(qtbot, built, docs)
    dialog.audience.setCurrentIndex(dialog.audience.findData("perpetrator"))
    with qtbot.waitSignal(dialog.preview_ready, timeout=15000) as ready:
        dialog.preview_button.click()
    printed = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    dialog.ask_printer = to_file
    with qtbot.waitSignal(dialog.output_finished, timeout=10000):
        dialog.print_button.click()
    assert len(PdfReader(printed).pages) == ready.args[0]
    rows = audit_rows(app)
    assert [r.action for r in rows] == ["document.printed"]
    assert "audience perpetrator" in rows[0].detail


def test_cancelled_save_writes_nothing_and_logs_nothing(
    qtbot: QtBot, app: App, built: Built, docs: DocumentsController
) -> None:
    dialog, _ = _dialog(qtbot, built, docs)
    with qtbot.waitSignal(dialog.preview_ready, timeout=15000):
        dialog.preview_button.click()
    dialog.ask_save_path = lambda: ""
    dialog.save_button.click()
    assert audit_rows(app) == []



def test_a_save_that_cannot_be_audited_leaves_no_file(
    qtbot: QtBot, built: Built, docs: DocumentsController, tmp_path: Path
) -> None:
    def refuse(how: str, audience: str, where: str) -> None:
        raise OSError("disk full")

    dialog = PreviewDialog(None, "Case summary", lambda a: docs.case_summary(built.case.id, a), refuse)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_ready, timeout=15000):
        dialog.preview_button.click()
    out = tmp_path / "kept.pdf"
    dialog.ask_save_path = lambda: str(out)
    with qtbot.waitSignal(dialog.output_finished, timeout=10000) as finished:
        dialog.save_button.click()
    assert finished.args == ["saved", False]
    assert not out.exists()
    assert "could not be recorded in the audit log" in dialog.status.text()
    printed = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    dialog.ask_printer = to_file
    with qtbot.waitSignal(dialog.output_finished, timeout=10000) as finished:
        dialog.print_button.click()
    assert finished.args == ["printed", False]
    assert not printed.exists()


def test_ready_made_dialogs_audit_against_the_case_and_the_report(
    qtbot: QtBot, app: App, built: Built, docs: DocumentsController, tmp_path: Path
) -> None:
    from asb_desktop.gui.common.preview import case_summary_dialog, letter_dialog

    summary = case_summary_dialog(None, docs, built.case.id, built.case.reference)
    qtbot.addWidget(summary)
    assert summary.current_audience() == "panel"  # redacted unless chosen otherwise
    with qtbot.waitSignal(summary.preview_ready, timeout=15000):
        summary.preview_button.click()
    summary.ask_save_path = lambda: str(tmp_path / "s.pdf")
    with qtbot.waitSignal(summary.output_finished, timeout=10000):
        summary.save_button.click()

    report_id = built.case.reports[0].id
    letter = letter_dialog(None, docs, "acknowledgement", report_id=report_id)
    qtbot.addWidget(letter)
    with qtbot.waitSignal(letter.preview_ready, timeout=15000):
        letter.preview_button.click()
    letter.ask_save_path = lambda: str(tmp_path / "l.pdf")
    with qtbot.waitSignal(letter.output_finished, timeout=10000):
        letter.save_button.click()
    assert "Dear Zoë Łukasz" in " ".join(pdf_text((tmp_path / "l.pdf").read_bytes()))

    rows = [(r.action, r.entity, r.entity_id, r.detail.split(";")[0]) for r in audit_rows(app)]
    assert rows == [
        ("document.saved", "case", built.case.id, f"Case summary {built.case.reference}"),
        ("document.saved", "report", report_id, "Acknowledgement of a report letter"),
    ]
