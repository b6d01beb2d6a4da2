"""Letters from the window: from a report or a case the officer chooses the
kind, sees whom it goes to and whether it will be in large print (from the
recipient's reasonable adjustments), and prints or saves it from the same
preview as case summaries, each print or save in the audit log."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from asb_desktop.app import App, create_profile
from asb_desktop.domain.inputs import CaseInput, PersonInput
from asb_desktop.gui.common.letter_dialog import LetterChooser
from asb_desktop.gui.common.preview import PreviewDialog
from asb_desktop.gui.main_window import MainWindow
from tests.conftest import ARTEFACTS, FakeClock, noise_report
from tests.core.support import audit_rows
from tests.gui.conftest import settle

#: Who the letters come from: a profile cannot make letters without it.
LANDLORD = """
[landlord]
name = "Eastbrook Homes"
address = "1 Market Street, Eastbrook, LS6 1AA"
phone = "0113 496 0000"
email = "asb@eastbrook.example.org"
complaints = "Phone 0113 496 0001 or e-mail complaints@eastbrook.example.org to complain."
signature = "Housing officer, ASB team"
"""


@pytest.fixture
def lettered(tmp_path: Path, clock: FakeClock) -> Iterator[App]:
    """An officer's profile whose settings name the landlord, as a real deployment's do."""
    folder = tmp_path / "lettered"
    folder.mkdir()
    (folder / "settings.toml").write_text(LANDLORD, encoding="utf-8")
    app = create_profile(folder, "Sam Officer", "officer", clock=clock)
    yield app
    app.close()


def shoot(widget: QDialog, name: str) -> Path:
    ARTEFACTS.mkdir(exist_ok=True)
    out = ARTEFACTS / f"{name}.png"
    assert widget.grab().save(str(out))
    return out


def show_report(window: MainWindow, qtbot: QtBot, row: int = 0) -> None:
    window.tabs.setCurrentWidget(window.reports_tab)
    window.reports_tab.table.selectRow(row)
    settle(qtbot, window)


def chooser_of(owner: object, qtbot: QtBot) -> LetterChooser:
    chooser = owner.letters  # type: ignore[attr-defined]
    assert isinstance(chooser, LetterChooser)
    qtbot.waitUntil(chooser.isVisible)
    return chooser


def previewed(chooser: LetterChooser, window: MainWindow, qtbot: QtBot) -> PreviewDialog:
    """Preview pressed: the chooser closes and the preview builds the letter on the lane."""
    chooser.preview_button.click()
    preview = chooser.preview
    assert preview is not None and not chooser.isVisible()
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: not preview.preview_button.isEnabled() or window.ops.idle(),
                    timeout=15000)
    settle(qtbot, window, 20000)
    return preview


def saved(preview: PreviewDialog, out: Path, qtbot: QtBot) -> None:
    preview.ask_save_path = lambda: str(out)
    with qtbot.waitSignal(preview.output_finished, timeout=10000) as finished:
        preview.save_button.click()
    assert finished.args == ["saved", True]


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def render(pdf: Path, name: str) -> None:
    """The letter's first page as a picture beside the screenshots, to look at."""
    ARTEFACTS.mkdir(exist_ok=True)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                        str(ARTEFACTS / name)], check=True)


def test_a_letter_needs_the_landlords_details_and_someone_to_write_to(
    app: App, clock: FakeClock, make_window: Callable[[App], MainWindow], qtbot: QtBot
) -> None:
    app.reports.log_report(noise_report(new_reporter=None, anonymous=True))
    clock.advance(minutes=5)
    app.reports.log_report(noise_report())
    window = make_window(app)
    show_report(window, qtbot, 1)  # the anonymous one, logged first
    panel = window.reports_tab.panel
    assert panel.report is not None and panel.report.anonymous
    panel.letter_button.click()
    chooser = chooser_of(panel, qtbot)
    assert not chooser.preview_button.isEnabled()
    assert "no one to write to" in chooser.recipient.text()
    chooser.reject()

    show_report(window, qtbot, 0)
    panel.letter_button.click()
    chooser = chooser_of(panel, qtbot)
    assert chooser.preview_button.isEnabled()
    preview = previewed(chooser, window, qtbot)
    # This profile's settings do not say who the landlord is: the officer is told what to fill in.
    assert "Letters need the landlord's details" in preview.status.text()
    assert not preview.save_button.isEnabled() and not preview.print_button.isEnabled()
    preview.reject()


def test_from_a_report_the_letter_is_in_large_print_when_the_reporter_needs_it(
    lettered: App, make_window: Callable[[App], MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    report = lettered.reports.log_report(noise_report(new_reporter=PersonInput(
        given_name="Amira", family_name="Okafor", address="14 Larch Close", postcode="LS6 2QT",
        adjustments=["large_print"])))
    window = make_window(lettered)
    show_report(window, qtbot)
    panel = window.reports_tab.panel
    panel.letter_button.click()
    chooser = chooser_of(panel, qtbot)
    kinds = [chooser.kind.itemData(i) for i in range(chooser.kind.count())]
    assert kinds == ["acknowledgement", "non_asb_advice", "refer_back"]
    assert "Large print, from their reasonable adjustments" in chooser.recipient.text()
    assert "Amira Okafor" in chooser.recipient.text()
    shoot(chooser, "letter-chooser-report")

    # Bad: advice that was never recorded cannot be written to anyone.
    chooser.choose("non_asb_advice")
    preview = previewed(chooser, window, qtbot)
    assert "Record the advice given for this report" in preview.status.text()
    assert not preview.save_button.isEnabled()
    preview.reject()

    # Good: the acknowledgement, saved and in the audit log against the report.
    panel.letter_button.click()
    chooser = chooser_of(panel, qtbot)
    chooser.choose("acknowledgement")
    preview = previewed(chooser, window, qtbot)
    assert preview.save_button.isEnabled(), preview.status.text()
    out = tmp_path / "acknowledgement.pdf"
    saved(preview, out, qtbot)
    text = pdf_text(out)
    assert "Dear Amira Okafor" in text and "Eastbrook Homes" in text
    render(out, "letter-acknowledgement-large")
    last = audit_rows(lettered)[-1]
    assert (last.action, last.entity, last.entity_id) == ("document.saved", "report", report.id)
    assert last.detail.startswith("Acknowledgement of a report letter; audience recipient")
    # Large print: the body is set at 16 pt, so the page holds far fewer words.
    fonts = {round(float(size)) for size in _font_sizes(out)}
    assert 16 in fonts


def _font_sizes(pdf: Path) -> list[str]:
    """The text sizes a PDF sets (``/F1 16 Tf``), read from its content streams."""
    sizes = []
    for page in PdfReader(pdf).pages:
        data = page.get_contents()
        stream = data.get_data().decode("latin-1") if data is not None else ""
        words = stream.split()
        sizes += [words[i - 1] for i, w in enumerate(words) if w == "Tf" and i]
    return sizes


def test_from_a_case_the_officer_chooses_the_letter_and_whom_it_is_to(
    lettered: App, make_window: Callable[[App], MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    report = lettered.reports.log_report(noise_report())
    case = lettered.cases.open_case(CaseInput(report_ids=[report.id]))
    lettered.cases.add_party(case.id, "alleged_perpetrator",
                             new=PersonInput(given_name="Dean", family_name="Walsh",
                                             address="12 Larch Close", postcode="LS6 2QT"))
    window = make_window(lettered)
    window.tabs.setCurrentWidget(window.cases_tab)
    view = window.cases_tab.view
    view.load(case.id)
    settle(qtbot, window)
    assert view.letter_button.isVisible()
    view.letter_button.click()
    chooser = chooser_of(view, qtbot)
    kinds = [chooser.kind.itemData(i) for i in range(chooser.kind.count())]
    assert sorted(kinds) == sorted(["warning", "closure", "acknowledgement", "non_asb_advice",
                                    "refer_back"])  # every kind the documents layer offers

    # Bad: a closure letter on a case still open.
    chooser.choose("closure")
    assert chooser.to.count() == 1 and "Amira Okafor" in chooser.to.currentText()
    preview = previewed(chooser, window, qtbot)
    assert f"Case {case.reference} is not closed yet" in preview.status.text()
    preview.reject()

    # Good: the warning letter to the alleged perpetrator, printed and audited.
    view.letter_button.click()
    chooser = chooser_of(view, qtbot)
    chooser.choose("warning")
    assert chooser.to.currentText() == "Dean Walsh (alleged perpetrator)"
    assert "Standard print" in chooser.recipient.text()
    shoot(chooser, "letter-chooser-case")
    preview = previewed(chooser, window, qtbot)
    assert preview.print_button.isEnabled(), preview.status.text()
    printed = tmp_path / "warning.pdf"

    def to_file(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    preview.ask_printer = to_file
    with qtbot.waitSignal(preview.output_finished, timeout=15000) as finished:
        preview.print_button.click()
    assert finished.args == ["printed", True]
    assert printed.exists()
    last = audit_rows(lettered)[-1]
    assert (last.action, last.entity, last.entity_id) == ("document.printed", "case", case.id)
    assert last.detail.startswith("Warning letter; audience recipient")
    shoot(preview, "letter-preview-warning")

    # A report letter from the case: the acknowledgement of its report.
    view.letter_button.click()
    chooser = chooser_of(view, qtbot)
    chooser.choose("acknowledgement")
    assert chooser.about.count() == 1 and not chooser.to.isVisible()
    preview = previewed(chooser, window, qtbot)
    out = tmp_path / "ack.pdf"
    saved(preview, out, qtbot)
    assert "Dear Amira Okafor" in pdf_text(out)
    assert audit_rows(lettered)[-1].entity_id == report.id
