"""The passphrase dialog shown where the computer has no usable keyring."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from asb_desktop.gui.common.style import apply_style
from asb_desktop.gui.start.passphrase import PassphraseDialog
from asb_desktop.security.keys import NO_KEYRING_REASON
from tests.conftest import ARTEFACTS


def test_new_passphrase_must_be_long_enough_and_typed_twice(qtbot: QtBot, qapp: object) -> None:
    apply_style(qapp)  # type: ignore[arg-type]
    dialog = PassphraseDialog(NO_KEYRING_REASON, new=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert any("no usable password store" in label.text() for label in dialog.findChildren(QLabel))
    qtbot.keyClicks(dialog.phrase, "short")
    dialog._check()
    assert dialog.error.isVisible() and "at least 10 characters" in dialog.error.text()
    assert dialog.result() != PassphraseDialog.DialogCode.Accepted
    dialog.phrase.setText("bins by the back gate 44")
    qtbot.keyClicks(dialog.again, "bins by the back gate 45")
    dialog._check()
    assert "not the same" in dialog.error.text()
    ARTEFACTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(ARTEFACTS / "passphrase.png"))
    dialog.again.setText("bins by the back gate 44")
    dialog._check()
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted


def test_opening_asks_once_without_a_confirmation(qtbot: QtBot) -> None:
    dialog = PassphraseDialog("This profile is protected by a passphrase.", new=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.again.isVisible()
    dialog._check()
    assert dialog.error.text() == "Enter the passphrase"
    dialog.phrase.setText("x")  # any length: the key derived from it is what is checked
    dialog._check()
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
