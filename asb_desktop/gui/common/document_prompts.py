"""What the window asks before a document is made: the domestic-abuse guard's questions.

The documents controller refuses and explains; these dialogs put the
question to the person at the screen. A supervisor refused a perpetrator's
summary or letter is asked for the reason for an override (recorded in the
audit log, then the document is built); an officer is only told to ask a
supervisor. A panel pack asks why each case is at panel and what partners
are asked to do, whether the meeting is a MARAC, and, when the controller
names them, confirms a domestic-abuse case outside MARAC or a past date.

No PDF code is imported here: the guard's errors and the panel brief are
plain classes, so the window starts without the PDF stack.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.documents.guard import ConfirmationNeeded, OverrideNeeded
from asb_desktop.documents.redaction import PanelBrief
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.scrolled import scrolled

#: Shortest reason accepted for an override, as the controller insists.
MIN_REASON = 10


class OverrideDialog(QDialog):
    """The refusal in full, and a box for the supervisor's reason."""

    def __init__(self, parent: QWidget | None, refusal: OverrideNeeded) -> None:
        super().__init__(parent)
        self.setWindowTitle("Override the domestic-abuse guard")
        why = QLabel(str(refusal))
        why.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason for the override")
        self.reason.setPlaceholderText("For example: disclosure ordered by the court on 3 March")
        label = QLabel("&Reason (goes in the audit log):")
        label.setBuddy(self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.record = buttons.addButton("Record &override", QDialogButtonBox.ButtonRole.AcceptRole)
        self.record.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: self.record.setEnabled(len(self.text()) >= MIN_REASON))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (why, label, self.reason, buttons):
            layout.addWidget(widget)
        self.resize(520, 320)

    def text(self) -> str:
        return " ".join(self.reason.toPlainText().split())


def ask_override(parent: QWidget | None, refusal: OverrideNeeded) -> str:
    """The supervisor's reason, or "" if they chose not to override."""
    dialog = OverrideDialog(parent, refusal)
    return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else ""


def confirm_points(parent: QWidget | None, question: ConfirmationNeeded) -> bool:
    """Each point the controller raised, asked as one yes/no question."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Before the panel pack is made",
                      "\n\n".join(text for _, text in question.points),
                      QMessageBox.StandardButton.Cancel, parent)
    go = box.addButton("Make the &pack", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    return box.clickedButton() is go


def override_handler(
    parent: QWidget, record: Callable[[str], None], rebuild: Callable[[], None], ops: OpsRunner,
    ask: Callable[[QWidget | None, OverrideNeeded], str] | None = None,
) -> Callable[[BaseException], bool]:
    """For a preview: on a refusal, ask a supervisor why, record it on the database lane,
    then build again. Returns False (not handled) for an officer, or when no reason is
    given, so the preview shows the refusal in its own words."""

    def handle(exc: BaseException) -> bool:
        if not isinstance(exc, OverrideNeeded) or not exc.supervisor:
            return False
        reason = (ask or ask_override)(parent, exc)
        if not reason:
            return False
        ops.run(lambda: record(reason), lambda _done: rebuild(), parent=parent)
        return True

    return handle


class PanelBriefDialog(QDialog):
    """Why each case is at panel and what partners are asked to do, before the pack is made."""

    def __init__(self, parent: QWidget | None, references: Sequence[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Panel pack: why each case is here")
        self.marac = QCheckBox("This meeting is a &MARAC")
        self.marac.setAccessibleName("This meeting is a MARAC")
        intro = QLabel("Each case's pages open with what you write here, so panel members know "
                       "why it is on the agenda and what they are asked to do.")
        intro.setWordWrap(True)
        self.why: dict[str, QLineEdit] = {}
        self.ask: dict[str, QLineEdit] = {}
        holder = QWidget()
        cases = QVBoxLayout(holder)
        for ref in references:
            group = QGroupBox(ref)
            form = QFormLayout(group)
            self.why[ref], self.ask[ref] = QLineEdit(), QLineEdit()
            self.why[ref].setAccessibleName(f"Why {ref} is at panel")
            self.ask[ref].setAccessibleName(f"What partners are asked to do about {ref}")
            form.addRow("Why it is at panel:", self.why[ref])
            form.addRow("What we ask of partners:", self.ask[ref])
            cases.addWidget(group)
        cases.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.make = buttons.addButton("&Continue", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.marac)
        layout.addWidget(scrolled(holder, "Cases in the pack"), 1)
        layout.addWidget(buttons)
        self.resize(640, 480)

    def briefs(self) -> dict[str, PanelBrief]:
        return {
            ref: PanelBrief(self.why[ref].text().strip(), self.ask[ref].text().strip())
            for ref in self.why
            if self.why[ref].text().strip() or self.ask[ref].text().strip()
        }
