"""Asking for the profile passphrase where the computer has no usable keyring.

The dialog says why it is asking (the reason comes from the key provider), and
for a new profile asks twice and enforces the minimum length, so a typo cannot
lock the officer out of their own casework.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.gui.widgets import heading, named
from asb_desktop.security.keys import MIN_PASSPHRASE


class PassphraseDialog(QDialog):
    def __init__(self, reason: str, new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("ASB Desktop — profile passphrase")
        self.setAccessibleName("Profile passphrase")
        self.setMinimumWidth(520)
        self._new = new
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Create a passphrase" if new else "Enter your passphrase", 1))
        why = QLabel(reason)
        why.setWordWrap(True)
        layout.addWidget(why)
        form = QFormLayout()
        self.phrase = named(QLineEdit(), "Passphrase")
        self.phrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("&Passphrase", self.phrase)
        self.again = named(QLineEdit(), "Passphrase again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        if new:
            form.addRow("Passphrase &again", self.again)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setProperty("fieldError", True)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def problem(self) -> str | None:
        text = self.phrase.text()
        if not text:
            return "Enter the passphrase"
        if self._new and len(text) < MIN_PASSPHRASE:
            return f"The passphrase must be at least {MIN_PASSPHRASE} characters long"
        if self._new and text != self.again.text():
            return "The two passphrases are not the same"
        return None

    def _check(self) -> None:
        problem = self.problem()
        if problem is None:
            self.accept()
            return
        self.error.setText(problem)
        self.error.show()
        self.phrase.setFocus()
