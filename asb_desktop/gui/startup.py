"""The first-run question: with no profile in the folder, the officer chooses
a demonstration profile (clearly marked, invented data), a real profile of
their own, or to quit. Demo data is only ever put into a new demo profile,
never into a real one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.domain.enums import Role
from asb_desktop.gui.widgets import enum_items, fill_combo, heading, named

DEMO = "demo"
REAL = "real"


class StartupDialog(QDialog):
    def __init__(self, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("ASB Desktop — first start")
        self.setAccessibleName("First start")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("There is no profile on this computer yet", 1))
        where = QLabel(f"Profile folder: {folder}")
        where.setWordWrap(True)
        layout.addWidget(where)
        self.demo = named(QRadioButton("Try a &demonstration profile with invented cases"),
                          "Create a demonstration profile")
        self.real = named(QRadioButton("Create &my own profile for real casework"),
                          "Create my own profile")
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.demo)
        self.choice.addButton(self.real)
        self.demo.setChecked(True)
        layout.addWidget(self.demo)
        note = QLabel("Demonstration data is marked DEMO DATA everywhere and can never be "
                      "mixed into a real profile.")
        note.setProperty("hint", True)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.real)
        self.details = QWidget()
        form = QFormLayout(self.details)
        self.name = named(QLineEdit(), "Your name")
        self.role = named(fill_combo(QComboBox(), enum_items(Role)), "Your role")
        form.addRow("Your &name", self.name)
        form.addRow("Your &role", self.role)
        layout.addWidget(self.details)
        self.problem = QLabel()
        self.problem.setProperty("fieldError", True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox()
        self.go = buttons.addButton("Continue", QDialogButtonBox.ButtonRole.AcceptRole)
        self.go.setAccessibleName("Continue")
        quit_button = buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setAccessibleName("Quit")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.choice.buttonToggled.connect(lambda *_: self._toggle())
        self._toggle()

    def _toggle(self) -> None:
        self.details.setEnabled(self.real.isChecked())

    def _accept(self) -> None:
        if self.real.isChecked() and not self.name.text().strip():
            self.problem.setText("Enter your name")
            self.problem.show()
            self.name.setFocus()
            return
        self.accept()

    @property
    def kind(self) -> str:
        return DEMO if self.demo.isChecked() else REAL
