"""Choosing a letter from a report or a case, then seeing it in the print preview.

From a report the officer can write the letters about a report (the
acknowledgement, the non-ASB advice, the refer-back); from a case, the
case's letters (the warning to the alleged perpetrator, the closure letter
to a complainant or victim) and any report letter about one of its reports:
every kind the documents layer offers. The chooser says whom the letter
goes to with their reasonable adjustments, and whether it will be in large
print (chosen from those adjustments, never by the officer, so nobody who
asked for large print is sent small type).

Nothing leaves the app from here: the preview builds the PDF on the
window's lane, and its Print and Save write the audit row, as for case
summaries. This module brings in the PDF stack, so the window imports it
only when a letter is first asked for.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.documents import DocumentsController
from asb_desktop.documents.letters import LetterKind, needs_large_print
from asb_desktop.domain.enums import PartyRole
from asb_desktop.domain.views import CaseDetail, PersonView, ReportView
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.preview import PreviewDialog, letter_dialog
from asb_desktop.gui.common.widgets import heading, hint, html_text, label_of, person_line, when_text

REPORT_KINDS = tuple(k for k in LetterKind if k.about_report)
CASE_KINDS = tuple(k for k in LetterKind if not k.about_report)
#: Who each case letter is written to.
RECIPIENTS = {
    LetterKind.WARNING: (PartyRole.ALLEGED_PERPETRATOR.value,),
    LetterKind.CLOSURE: (PartyRole.COMPLAINANT.value, PartyRole.VICTIM.value),
}


def print_words(person: PersonView | None) -> str:
    """What the officer is told about the recipient's reasonable adjustments."""
    if person is None:
        return "There is no one to write to: the report is anonymous."
    size = ("Large print, from their reasonable adjustments." if needs_large_print(person)
            else "Standard print: no large-print adjustment is recorded.")
    return f"To: {person_line(person)}. {size}"


class LetterChooser(QDialog):
    """``LetterChooser(parent, ops, documents, report=…)`` or ``(…, case=…)``."""

    def __init__(
        self, parent: QWidget | None, ops: OpsRunner, documents: Callable[[], DocumentsController],
        report: ReportView | None = None, case: CaseDetail | None = None,
    ) -> None:
        super().__init__(parent)
        if (report is None) == (case is None):
            raise ValueError("a letter is about a report or a case")
        self.setObjectName("letterChooser")
        about = (f"case {case.reference}" if case is not None
                 else f"the report of {when_text(report.received_at) if report else ''}")
        self.setWindowTitle(f"Letter about {about}")
        self.setAccessibleName("Letter")
        self._ops = ops
        self._documents = documents
        self.report = report
        self.case = case
        #: The preview last opened from here (the officer prints or saves there).
        self.preview: PreviewDialog | None = None

        self.kind = QComboBox()
        kinds = REPORT_KINDS if report else CASE_KINDS + REPORT_KINDS
        for k in kinds:
            self.kind.addItem(k.label, k.value)
        self.about = QComboBox()  # a case's report, for a report letter from the case
        self.to = QComboBox()  # a case's party, for a case letter
        if case is not None:
            for r in case.reports:
                if r.reporter:
                    self.about.addItem(f"{when_text(r.received_at)}: reported by {r.reporter}", r.id)
        self.recipient = QLabel()
        self.recipient.setObjectName("letterRecipient")
        self.recipient.setWordWrap(True)
        self.recipient.setAccessibleName("Who the letter is to")

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._row(form, "&Kind of letter", self.kind)
        self._row(form, "About the &report", self.about)
        self._row(form, "&To", self.to)
        form.addRow(self.recipient)
        self._form = form

        box = QDialogButtonBox()
        self.preview_button = box.addButton("&Preview…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview_button.setAccessibleName("Preview")
        self.preview_button.setProperty("primary", True)
        self.preview_button.setDefault(True)
        cancel = box.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        cancel.clicked.connect(self.reject)
        self.preview_button.clicked.connect(self.open_preview)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Write a letter", 1))
        layout.addWidget(hint(f"About {about}. Choose the letter and check whom it is to; "
                              "Preview shows it as it will print. Nothing is sent or recorded "
                              "until you print or save it, and each print or save goes in the "
                              "audit log."))
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(box)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.to.currentIndexChanged.connect(self._describe)
        self.about.currentIndexChanged.connect(self._describe)
        self._kind_changed()
        self.resize(max(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 80),
                    self.sizeHint().height())

    @staticmethod
    def _row(form: QFormLayout, text: str, field: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        field.setAccessibleName(text.replace("&", ""))
        form.addRow(label, field)

    def choose(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def current_kind(self) -> LetterKind:
        return LetterKind(str(self.kind.currentData()))

    def _kind_changed(self, *_args: object) -> None:
        kind = self.current_kind()
        case = self.case
        self.to.blockSignals(True)
        self.to.clear()
        if case is not None and not kind.about_report:
            roles = RECIPIENTS[kind]
            for p in case.parties:
                if p.role in roles:
                    self.to.addItem(f"{p.person.name} ({label_of(p.role, PartyRole).lower()})",
                                    p.person.id)
        self.to.blockSignals(False)
        self._form.setRowVisible(self.about, case is not None and kind.about_report)
        self._form.setRowVisible(self.to, case is not None and not kind.about_report)
        self._describe()

    def _person(self) -> PersonView | None:
        if self.report is not None:
            return self.report.reporter
        if self.case is None or self.current_kind().about_report:
            return None
        wanted = self.to.currentData()
        return next((p.person for p in self.case.parties if p.person.id == wanted), None)

    def _describe(self, *_args: object) -> None:
        kind, case = self.current_kind(), self.case
        if case is not None and kind.about_report:
            words = ("The letter goes to the reporter of the chosen report, in large print "
                     "if their reasonable adjustments ask for it." if self.about.count()
                     else "None of this case's reports has a reporter to write to.")
        elif case is not None and not self.to.count():
            words = "This case has no one in the right role for this letter."
        else:
            words = print_words(self._person())
        self.recipient.setText(html_text(words))
        self.recipient.setAccessibleDescription(words)
        if self.report is not None:
            someone = self.report.reporter is not None
        else:
            someone = (self.about if kind.about_report else self.to).count() > 0
        self.preview_button.setEnabled(someone)

    def open_preview(self) -> None:
        """The chosen letter in the print preview; the chooser closes behind it."""
        if not self.preview_button.isEnabled():
            return
        kind = self.current_kind()
        report_id = (self.report.id if self.report else
                     str(self.about.currentData()) if kind.about_report else None)
        case_id = self.case.id if self.case is not None and not kind.about_report else None
        person_id = self.to.currentData() if case_id else None
        self.preview = letter_dialog(self.parentWidget(), self._documents(), kind.value,
                                     report_id=report_id, case_id=case_id, ops=self._ops,
                                     person_id=person_id)
        self.accept()
        self.preview.open()
        self.preview.build_preview()  # one audience, the recipient: no need to ask first


def open_letter(
    parent: QWidget, ops: OpsRunner, documents: Callable[[], DocumentsController],
    report: ReportView | None = None, case: CaseDetail | None = None, kind: str = "",
) -> LetterChooser:
    """The chooser, opened (window-modal, never blocking the lanes); ``kind`` preselects one."""
    chooser = LetterChooser(parent, ops, documents, report=report, case=case)
    if kind:
        chooser.choose(kind)
    chooser.open()
    return chooser
