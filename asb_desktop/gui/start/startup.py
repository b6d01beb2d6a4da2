"""The first-run question: with no profile in the folder, the officer chooses
a demonstration profile (clearly marked, invented data) as an officer or a
supervisor, a real profile of their own, or to quit. Demo data is only ever put into a new demo profile,
never into a real one.

The layout is the Designer form ``ui/startup.ui``; this class fills it and
decides what Continue means."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from asb_desktop.domain.enums import Role
from asb_desktop.gui.common.widgets import as_heading, enum_items, fill_combo
from asb_desktop.gui.forms.ui_startup import Ui_StartupDialog

DEMO = "demo"
REAL = "real"


class StartupDialog(QDialog, Ui_StartupDialog):
    def __init__(self, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setupUi(self)  # type: ignore[no-untyped-call]
        as_heading(self.title, 1)
        self.where.setText(f"Profile folder: {folder}")
        fill_combo(self.role, enum_items(Role))
        fill_combo(self.demo_role, [
            ("An officer (your own cases)", Role.OFFICER.value),
            ("A supervisor (the whole caseload and its review)", Role.SUPERVISOR.value),
        ])
        self.go.clicked.connect(self._accept)
        self.quit_button.clicked.connect(self.reject)
        self.choice.buttonToggled.connect(lambda *_: self._toggle())
        self._toggle()

    def _toggle(self) -> None:
        self.details.setEnabled(self.real.isChecked())
        self.demo_details.setEnabled(self.demo.isChecked())

    def _accept(self) -> None:
        if self.real.isChecked() and not self.name.text().strip():
            self.problem.setText("Enter your name")
            self.problem.show()
            self.name.setFocus()
            return
        self.accept()

    def demo_role_value(self) -> str:
        """The role the demonstration profile's user has (a supervisor sees the review tab)."""
        return str(self.demo_role.currentData())

    @property
    def kind(self) -> str:
        return DEMO if self.demo.isChecked() else REAL
