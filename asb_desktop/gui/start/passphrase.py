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

from asb_desktop.gui.common.widgets import heading, named
from asb_desktop.security.keys import MIN_PASSPHRASE


class PassphraseDialog(QDialog):
    def __init__(self, reason: str, new: bool, parent: QWidget | None = None,
                 noun: str = "passphrase", minimum: int = MIN_PASSPHRASE) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"ASB Desktop — {noun}")
        self.setAccessibleName(noun.capitalize())
        self.setMinimumWidth(520)
        self._new = new
        self._noun = noun
        self._minimum = minimum
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Create a {noun}" if new else f"Enter your {noun}", 1))
        why = QLabel(reason)
        why.setWordWrap(True)
        layout.addWidget(why)
        form = QFormLayout()
        label = noun if noun.isupper() else noun.capitalize()
        self.phrase = named(QLineEdit(), label)
        self.phrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(f"&{label}", self.phrase)
        self.again = named(QLineEdit(), f"{label} again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        if new:
            form.addRow(f"{label} &again", self.again)
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
            return f"Enter the {self._noun}"
        if self._new and len(text) < self._minimum:
            return f"The {self._noun} must be at least {self._minimum} characters long"
        if self._new and text != self.again.text():
            return f"The two {self._noun}s are not the same"
        return None

    def show_problem(self, problem: str) -> None:
        """Also used before the dialog opens, to say why it is asking again."""
        self.error.setText(problem)
        self.error.show()
        self.phrase.setFocus()

    def _check(self) -> None:
        problem = self.problem()
        if problem is None:
            self.accept()
            return
        self.show_problem(problem)
