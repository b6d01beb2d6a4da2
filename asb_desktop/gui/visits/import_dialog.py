"""File ▸ Import tenancies…: the housing system's CSV export into the profile.

The officer chooses the file and sees its first rows and how its columns are
read (recognised headers, or a mapping saved under a name for this landlord's
system, editable here and saved again); the import runs on the database lane
with a progress bar, and the result names each refused row by line, column and
reason, so the export can be fixed and imported again (nothing changes twice).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.tenancy_import import (
    ImportResult,
    Preview,
    TenancyImportController,
)
from asb_desktop.domain.tenancy_csv import FIELDS, REQUIRED
from asb_desktop.gui.common.errors import words_for
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.scrolled import scrolled
from asb_desktop.gui.common.widgets import named

NOT_MAPPED = "(not in the file)"
RECOGNISED = "Headers recognised"


class ImportTenanciesDialog(QDialog):
    #: Emitted on the UI thread when an import (or a refusal of the file) has finished.
    finished_import = Signal(object)  # ImportResult | None
    #: From the worker: (rows done, rows in all, what is happening).
    _progressed = Signal(int, int, str)

    def __init__(self, ops: OpsRunner, imports: TenancyImportController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import tenancies")
        self.setObjectName("importTenanciesDialog")
        self.resize(980, 760)
        self._ops = ops
        self._imports = imports
        self._headers: tuple[str, ...] = ()
        #: A seam for tests; the default asks the officer.
        self.ask_open_path: Callable[[], str] = self._ask_open_path

        self.path = named(QLineEdit(), "CSV file", "The housing system's tenancy export")
        self.path.setPlaceholderText("The housing system's tenancy export (.csv)")
        choose = QPushButton("C&hoose file…")
        self.saved = named(QComboBox(), "Column mapping", "Saved column mappings")
        self.status = QLabel("Choose the CSV file exported from the housing system.")
        self.status.setWordWrap(True)
        self.status.setObjectName("importStatus")
        self.preview_table = QTableWidget(0, 0)
        self.preview_table.setAccessibleName("First rows of the file")
        self.preview_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview_table.setMinimumHeight(150)
        self.columns: dict[str, QComboBox] = {}
        mapping_form = QWidget()
        grid = QFormLayout(mapping_form)
        for name, label in FIELDS.items():
            combo = named(QComboBox(), label, f"The file's column for {label.lower()}")
            self.columns[name] = combo
            grid.addRow(label + (" (needed)" if name in REQUIRED else ""), combo)
        self.mapping_name = named(QLineEdit(), "Mapping name",
                                  "Name to save this mapping under, e.g. the housing system")
        self.mapping_name.setPlaceholderText("e.g. Orchard export")
        self.save_mapping = QPushButton("Sa&ve mapping")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.hide()
        self.outcome = QPlainTextEdit()
        self.outcome.setReadOnly(True)
        self.outcome.setAccessibleName("Import result")
        self.outcome.hide()
        self.check_button = QPushButton("Chec&k only")
        self.import_button = QPushButton("&Import")
        self.import_button.setDefault(True)
        close = QPushButton("&Close")

        top = QHBoxLayout()
        top.addWidget(self.path, 1)
        top.addWidget(choose)
        mapping_label = QLabel("&Mapping:")
        mapping_label.setBuddy(self.saved)
        top.addWidget(mapping_label)
        top.addWidget(self.saved)
        named_row = QHBoxLayout()
        save_as = QLabel("Save &as:")
        save_as.setBuddy(self.mapping_name)
        named_row.addWidget(save_as)
        named_row.addWidget(self.mapping_name, 1)
        named_row.addWidget(self.save_mapping)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(QLabel("First rows of the file"))
        layout.addWidget(self.preview_table, 2)
        layout.addWidget(QLabel("How the columns are read"))
        layout.addWidget(scrolled(mapping_form, "Column mapping"), 3)
        layout.addLayout(named_row)
        layout.addWidget(self.outcome, 2)
        layout.addLayout(buttons)

        choose.clicked.connect(self._choose)
        self.path.returnPressed.connect(self.load_preview)
        self.saved.activated.connect(lambda _i: self.load_preview())
        self.save_mapping.clicked.connect(self._save_mapping)
        self.check_button.clicked.connect(lambda: self.start_import(dry_run=True))
        self.import_button.clicked.connect(lambda: self.start_import(dry_run=False))
        close.clicked.connect(self.reject)
        self._progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self._set_ready(False)
        self._refresh_saved()

    # -- choosing and previewing -------------------------------------------------

    def _ask_open_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, "Import tenancies", "",
                                              "CSV files (*.csv *.txt);;All files (*)")
        return path

    def _choose(self) -> None:
        path = self.ask_open_path()
        if path:
            self.path.setText(path)
            self.load_preview()

    def _refresh_saved(self, select: str = "") -> None:
        def got(names: dict[str, dict[str, str]]) -> None:
            self.saved.clear()
            self.saved.addItem(RECOGNISED, "")
            for name in sorted(names):
                self.saved.addItem(name, name)
            if select:
                self.saved.setCurrentIndex(max(self.saved.findData(select), 0))

        self._ops.run(self._imports.mappings, got, parent=self)

    def load_preview(self) -> None:
        path = self.path.text().strip()
        if not path:
            return
        name = str(self.saved.currentData() or "") or None
        self.status.setText("Reading the file…")

        def failed(exc: BaseException) -> None:
            self._set_ready(False)
            self.status.setText(words_for(exc))

        self._ops.run(lambda: self._imports.preview(Path(path), mapping_name=name),
                      self._previewed, failed, latest="tenancy-preview")

    def _previewed(self, p: Preview) -> None:
        self._headers = p.headers
        t = self.preview_table
        t.clear()
        t.setColumnCount(len(p.headers))
        t.setRowCount(len(p.rows))
        t.setHorizontalHeaderLabels(list(p.headers))
        for r, values in enumerate(p.rows):
            for c, value in enumerate(values[:len(p.headers)]):
                t.setItem(r, c, QTableWidgetItem(value))
        t.resizeColumnsToContents()
        for name, combo in self.columns.items():
            combo.clear()
            combo.addItem(NOT_MAPPED, "")
            for h in p.headers:
                combo.addItem(h, h)
            combo.setCurrentIndex(max(combo.findData(p.mapping.get(name, "")), 0))
        self._set_ready(True)
        self._say_missing(p.encoding)

    def _say_missing(self, encoding: str = "") -> None:
        missing = [FIELDS[f] for f in REQUIRED if not self.columns[f].currentData()]
        read = f"Read as {encoding}. " if encoding else ""
        if missing:
            self.status.setText(read + "Choose the columns for: " + ", ".join(missing) + ".")
        else:
            self.status.setText(read + "Every needed column is found. Check only, or Import.")

    def mapping(self) -> dict[str, str]:
        return {name: str(c.currentData()) for name, c in self.columns.items() if c.currentData()}

    def _save_mapping(self) -> None:
        name = self.mapping_name.text().strip()
        mapping = self.mapping()
        def saved(_result: object) -> None:
            self._refresh_saved(select=name)
            self.status.setText(f"Mapping {name!r} saved.")

        self._ops.run(lambda: self._imports.save_mapping(name, mapping), saved, parent=self)

    # -- importing ---------------------------------------------------------------

    def start_import(self, dry_run: bool) -> None:
        path = Path(self.path.text().strip())
        mapping = self.mapping()
        self._set_ready(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText("Checking the file…" if dry_run else "Importing…")

        def work() -> ImportResult:
            return self._imports.import_file(path, mapping=mapping, dry_run=dry_run,
                                             progress=self._progressed.emit)

        def failed(exc: BaseException) -> None:
            self.progress.hide()
            self._set_ready(bool(self._headers))
            self.status.setText(words_for(exc))
            self.finished_import.emit(None)

        self._ops.run(work, self._done, failed)

    def _show_progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        self.status.setText(f"{what}: {done:,} of {total:,}")

    def _done(self, r: ImportResult) -> None:
        self.progress.hide()
        self._set_ready(True)
        self.outcome.setPlainText(result_text(r))
        self.outcome.show()
        self.status.setText(result_text(r).splitlines()[0])
        self.finished_import.emit(r)

    def _set_ready(self, ready: bool) -> None:
        self.import_button.setEnabled(ready)
        self.check_button.setEnabled(ready)
        self.save_mapping.setEnabled(ready)


def result_text(r: ImportResult) -> str:
    """What happened, in the order an officer acts on it: counts, then each refusal."""
    if r.strict_refused:
        head = f"Nothing imported: {len(r.refused)} of {r.rows} rows were refused."
    else:
        would = "Checked only, nothing changed: " if r.dry_run else ""
        head = (f"{would}{r.added} added, {len(r.updated)} updated, {r.unchanged} unchanged, "
                f"{len(r.refused)} refused, of {r.rows} rows; {r.visits_scheduled} visits "
                f"scheduled, {r.visits_cancelled} cancelled.")
    lines = [head]
    if r.refused:
        lines += ["", "Refused rows (fix them in the export and import it again):"]
        lines += [f"  {x}" for x in r.refused]
    if r.updated:
        lines += ["", "Updated:"] + [f"  {u}" for u in r.updated]
    return "\n".join(lines)
