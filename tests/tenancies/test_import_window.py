"""File ▸ Import tenancies… and the Tenancy visits tab, as an officer uses them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.visits.import_dialog import NOT_MAPPED, ImportTenanciesDialog
from asb_desktop.gui.visits.visit_pack import visit_pack_dialog
from asb_desktop.gui.visits.visits_tab import DUE_THIS_WEEK
from tests.conftest import ARTEFACTS
from tests.gui.conftest import make_window, settle, window
from tests.tenancies.exports import row, write

__all__ = ["make_window", "window"]  # the window fixtures of tests/gui, used here

TODAY = date(2026, 3, 2)


def _open(window: MainWindow, qtbot: QtBot, path: Path) -> ImportTenanciesDialog:
    file_menu = window.menuBar().actions()[0].menu()
    assert window.visits_tab.import_action in file_menu.actions()
    window.visits_tab.import_action.trigger()
    dialog = window.visits_tab.import_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.ask_open_path = lambda: str(path)
    dialog._choose()
    settle(qtbot, window)
    return dialog


def test_a_bad_file_then_a_good_one_through_the_import_dialog(
    app: App, window: MainWindow, qtbot: QtBot, tmp_path: Path,
) -> None:
    junk = tmp_path / "photo.csv"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    dialog = _open(window, qtbot, junk)
    assert dialog.status.text() == "photo.csv: The file is not a CSV text file (it holds binary data)."
    assert not dialog.import_button.isEnabled()

    # An export whose tenure column has a header nobody recognises, and one bad row.
    headers = ["Tenancy Ref", "Address Line 1", "Postcode", "Agreement kind", "Tenancy Start Date",
               "Tenant 1 Name", "Tenant 1 DOB"]
    f = write(tmp_path / "export.csv", [
        ["T-1", "12 Larch Close", "LS6 2QT", "Starter", (TODAY - timedelta(days=2)).strftime("%d/%m/%Y"),
         "Amira Okafor", "14/07/1988"],
        ["T-2", "3 Elm Road", "LS6 1AA", "Secure", "31/02/2026", "Pat Long", ""],
        ["T-3", "5 Ash Way", "LS6 3BB", "Introductory", TODAY.strftime("%d/%m/%Y"), "Li Wei", ""],
    ], headers=headers)
    dialog.ask_open_path = lambda: str(f)
    dialog._choose()
    settle(qtbot, window)
    assert dialog.preview_table.rowCount() == 3 and dialog.preview_table.item(0, 0).text() == "T-1"
    assert dialog.columns["tenure"].currentText() == NOT_MAPPED
    assert dialog.status.text() == "Read as UTF-8. Choose the columns for: Tenure."
    dialog.columns["tenure"].setCurrentIndex(dialog.columns["tenure"].findData("Agreement kind"))
    dialog.mapping_name.setText("Orchard")
    dialog.save_mapping.click()
    settle(qtbot, window)
    assert dialog.saved.currentText() == "Orchard"
    assert app.tenancy_import.mappings()["Orchard"]["tenure"] == "Agreement kind"

    with qtbot.waitSignal(dialog.finished_import, timeout=10000) as done:
        dialog.import_button.click()
    result = done.args[0]
    assert (result.added, len(result.refused)) == (2, 1)
    text = dialog.outcome.toPlainText()
    assert text.startswith("2 added, 0 updated, 0 unchanged, 1 refused, of 3 rows; 4 visits")
    assert "line 3, Tenancy Start Date: '31/02/2026' is not a real date" in text
    ARTEFACTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(ARTEFACTS / "import-tenancies.png"))

    # Importing again changes nothing, and says so.
    with qtbot.waitSignal(dialog.finished_import, timeout=10000):
        dialog.import_button.click()
    assert dialog.outcome.toPlainText().startswith("0 added, 0 updated, 2 unchanged, 1 refused")
    dialog.close()

    settle(qtbot, window)
    window.resize(1360, 860)  # the window's first size where the screen has room
    tab = window.visits_tab
    window.tabs.setCurrentWidget(tab)
    tab.which.setCurrentIndex(tab.which.findData(DUE_THIS_WEEK))
    settle(qtbot, window)
    assert tab.due_label.text() == "Overdue and due this week: Sam Officer 1 overdue, 1 this week"
    assert sorted(tab.model.index(r, 3).data() for r in range(tab.model.rowCount())) == ["T-1", "T-3"]
    assert tab.model.index(0, 1).data() == "28 Feb 2026 · Overdue"
    assert tab.grab().save(str(ARTEFACTS / "visits-due-this-week.png"))


def test_the_visit_pack_opens_in_the_document_preview(
    app: App, window: MainWindow, qtbot: QtBot, tmp_path: Path,
) -> None:
    app.tenancy_import.import_file(write(tmp_path / "e.csv", [row("T-1", TODAY)]))
    preview = visit_pack_dialog(window, app.exports, TODAY, window.ops)
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.preview_ready, timeout=15000) as ready:
        preview.show()
    assert ready.args == [2]
    preview.ask_save_path = lambda: str(tmp_path / "pack.pdf")
    with qtbot.waitSignal(preview.output_finished, timeout=15000) as out:
        preview.save_button.click()
    assert out.args == ["saved", True]
    assert (tmp_path / "pack.pdf").read_bytes().startswith(b"%PDF")
