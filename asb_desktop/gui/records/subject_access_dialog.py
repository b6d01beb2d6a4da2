"""Answering a subject access request: find the person, choose PDF or JSON,
save the export where the officer says.

The export is gathered, redacted and written by ``SubjectAccessController``
on the I/O lane (a PDF of a long history takes a while); the audit row is
written with the file, so the dialog only says where it went. Other people's
details are withheld unless a supervisor ticks the box; officers see the box
switched off, with the reason, rather than a refusal after the fact. A
failure leaves the person and choices as they were, ready to try again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.errors import UserError
from asb_desktop.controllers.people import PeopleController
from asb_desktop.controllers.subject_access import SubjectAccessController
from asb_desktop.documents.subject_access import THIRD_PARTY
from asb_desktop.domain.views import PersonView
from asb_desktop.gui.common.errors import show_error
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.ops import Lane, OpsRunner
from asb_desktop.gui.common.save_path import AskPath, ask_save_path
from asb_desktop.gui.common.widgets import heading, hint, named, when_text
from asb_desktop.gui.records.records_menu import BusyRow, Outcome

PERSON_ROLE = Qt.ItemDataRole.UserRole
OFFICER_THIRD_PARTIES = ("Only a supervisor can include other people's details, for example "
                         "with their consent.")
FORMATS = {"pdf": ("PDF files (*.pdf)", ".pdf"), "json": ("JSON files (*.json)", ".json")}


def who(p: PersonView) -> str:
    """Enough to tell two people of the same name apart, and no more."""
    parts = [p.name]
    if p.date_of_birth:
        parts.append(f"born {when_text(p.date_of_birth)}")
    place = ", ".join(x for x in (p.address, p.postcode) if x)
    if place:
        parts.append(place)
    return " — ".join(parts)


def with_suffix(chosen: str, suffix: str) -> Path:
    """The save dialog's answer with the format's ending; a different ending is a mistake."""
    path = Path(chosen)
    if not path.suffix:
        return path.with_name(path.name + suffix)
    if path.suffix.lower() != suffix:
        raise UserError(f"A {suffix[1:].upper()} export must be saved as a {suffix} file, "
                        f"not {path.name}.")
    return path


class SubjectAccessDialog(QDialog):
    """One request at a time: the person, the format, the file."""

    def __init__(self, ops: OpsRunner, people: PeopleController, sar: SubjectAccessController,
                 supervisor: bool, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("subjectAccessDialog")
        self.setWindowTitle("Subject access request")
        self.setAccessibleName("Subject access request")
        self._ops, self._people, self._sar, self._today = ops, people, sar, today
        #: Answers the save dialog; a test replaces it with a function returning a path.
        self.ask_save_path: AskPath = ask_save_path
        self.person: PersonView | None = None
        self.written: Path | None = None
        self.errors = FormErrors(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._search)
        self._build(supervisor)
        self.reset()
        self.resize(720, 560)

    def _build(self, supervisor: bool) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Subject access request", 1))
        intro = hint(
            "Export everything held about one person, for that person. Send it within one month "
            f"of the request. Other people's names, phone numbers, emails and addresses are "
            f"replaced by {THIRD_PARTY}, and records about them are left out.")
        layout.addWidget(intro)
        layout.addWidget(self.errors.summary)

        form = QFormLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type part of a name")
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(lambda _t: self._search_timer.start())
        self.results = named(QListWidget(), "People found")
        self.results.setMinimumHeight(120)
        self.results.currentItemChanged.connect(lambda item, _old: self._choose(item))
        picker = QWidget()
        box = QVBoxLayout(picker)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.search)
        box.addWidget(self.results)
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosenReporter")
        self.chosen_label.setWordWrap(True)
        box.addWidget(self.chosen_label)
        self.errors.row(form, "person", "&Person", picker, focus=self.search,
                        hint="Type part of the name of the person who asked, or on whose "
                             "behalf someone asked, then choose them from the list.")
        self.search.setAccessibleName("Find the person by name")

        kinds = QWidget()
        row = QHBoxLayout(kinds)
        row.setContentsMargins(0, 0, 0, 0)
        self.pdf = named(QRadioButton("&PDF, to print or send"), "Export as PDF")
        self.json = named(QRadioButton("&JSON, for another system"), "Export as JSON")
        self.kind = QButtonGroup(self)
        for button in (self.pdf, self.json):
            self.kind.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.errors.row(form, "format", "Format", kinds, focus=self.pdf)

        self.third_parties = named(QCheckBox("Include &third parties' details"),
                                   "Include third parties' details")
        self.third_parties.setEnabled(supervisor)
        third_hint = ("Only with a reason, such as their consent: the export then shows other "
                      "people's names and contact details." if supervisor else OFFICER_THIRD_PARTIES)
        self.third_parties.setAccessibleDescription(third_hint)
        self.third_parties.setToolTip(third_hint)
        self.errors.row(form, "include_third_parties", "Other people", self.third_parties,
                        hint=third_hint)
        layout.addLayout(form)

        self.busy = BusyRow()
        layout.addWidget(self.busy)
        self.outcome = Outcome("subjectAccessOutcome")
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = named(QPushButton("&Export…"), "Export",
                                   "Choose where to save the export, then write it")
        self.export_button.setProperty("primary", True)
        self.export_button.setDefault(True)
        self.close_button = named(QPushButton("Close"), "Close")
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.reject)

    def reset(self) -> None:
        """A new request: nothing of the last person left on screen."""
        self.errors.clear()
        self.search.clear()
        self.results.clear()
        self._choose(None)
        self.pdf.setChecked(True)
        self.third_parties.setChecked(False)
        self.written = None
        self.outcome.say("")
        self.search.setFocus()

    # -- the person ----------------------------------------------------------------

    def _search(self) -> None:
        text = self.search.text()
        if not text.strip():
            self.results.clear()
            return
        people = self._people

        def show(found: list[PersonView]) -> None:
            if self.search.text() != text:
                return  # typed on since: a newer search is coming
            self.results.clear()
            for p in found:
                item = QListWidgetItem(who(p))
                item.setData(PERSON_ROLE, p)
                self.results.addItem(item)
            if not found:
                self.results.addItem(QListWidgetItem("No one of that name in this profile."))

        self._ops.run(lambda: people.find_people(text), show)

    def _choose(self, item: QListWidgetItem | None) -> None:
        person = item.data(PERSON_ROLE) if item is not None else None
        if item is not None and not isinstance(person, PersonView):
            return  # the "no one found" line
        self.person = person
        text = f"Chosen: {who(person)}" if person else "No one chosen yet"
        self.chosen_label.setText(text)
        self.chosen_label.setAccessibleName(text)

    # -- the export ----------------------------------------------------------------

    def export(self) -> None:
        person = self.person
        if person is None:
            self.errors.show({"person": "Choose the person who made the request"})
            return
        self.errors.clear()
        kind = "pdf" if self.pdf.isChecked() else "json"
        filters, suffix = FORMATS[kind]
        suggested = f"Subject access {self._today().isoformat()}{suffix}"
        chosen = self.ask_save_path(self, "Save the subject access export", suggested, filters)
        if not chosen:
            return
        try:
            out = with_suffix(chosen, suffix)
        except UserError as exc:
            show_error(self, exc)
            return
        sar, include = self._sar, self.third_parties.isChecked()
        write = sar.export_pdf if kind == "pdf" else sar.export_json
        self.outcome.say("")
        self.busy.start(f"Writing the {kind.upper()} for {person.name}…")
        self.export_button.setEnabled(False)
        self._ops.run(lambda: write(person.id, out, include),
                      lambda path: self._written(path, include), lane=Lane.IO,
                      form=self.errors.show, parent=self, after_failure=self._not_written)

    def _written(self, path: Path, included: bool) -> None:
        self._idle()
        self.written = path
        others = "included" if included else f"replaced by {THIRD_PARTY}"
        self.outcome.say(f"Written to {path}\nOther people's details are {others}. The export is "
                  "recorded in the audit log.")

    def _not_written(self, _exc: BaseException) -> None:
        self._idle()
        self.outcome.say("The export was not written.")

    def _idle(self) -> None:
        self.busy.stop()
        self.export_button.setEnabled(True)

    def reject(self) -> None:
        """Escape or Close; not while the file is being written, so where it went is seen."""
        if self.busy.running:
            self.outcome.say("Wait for the export to finish; where it was saved will show here.")
            return
        super().reject()
