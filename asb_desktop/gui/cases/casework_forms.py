"""The forms an officer fills in on an open case: a contact, a piece of
evidence, a referral or signposting (and, in ``intervention_form``, a step
on the intervention ladder).

Each is a dialog opened with ``open()``, never ``exec()``, so the window and
its workers keep running; it is window-modal, so the case behind it cannot
change while the officer types. The input goes to ``CaseworkController`` on
the database lane and a ``ValidationError`` comes back the GOV.UK way
(summary at the top, message beside the field, focus on the first problem),
so the window shows the same words as the command line. Ctrl+S or Enter in
a one-line field saves; Escape cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.casework import CaseworkController
from asb_desktop.controllers.errors import ValidationError
from asb_desktop.controllers.policy import PolicyController, RiskController
from asb_desktop.domain.enums import (
    Adjustment,
    ContactDirection,
    ContactMethod,
    EvidenceKind,
    PartyRole,
    ReferralKind,
)
from asb_desktop.domain.inputs import ContactInput, EvidenceInput, ReferralInput
from asb_desktop.domain.policy import SupportService
from asb_desktop.domain.rules.policy_exchange import SignpostInput
from asb_desktop.domain.views import CaseDetail, ReferralView
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.widgets import (
    enum_items,
    fill_combo,
    heading,
    label_of,
    named,
    qdate,
    to_date,
    to_datetime,
    when_text,
)

NOT_A_PARTY = "Not one of the parties"


def party_items(case: CaseDetail) -> list[tuple[str, object]]:
    """Each person on the case once, with every role they hold, so a
    complainant who is also the victim is not offered twice."""
    people: dict[str, tuple[str, list[str]]] = {}
    for p in case.parties:
        roles = people.setdefault(p.person.id, (p.person.name, []))[1]
        roles.append(label_of(p.role, PartyRole))
    return [(f"{name} ({', '.join(roles)})", pid) for pid, (name, roles) in people.items()]


def text_box(lines: int = 3) -> QPlainTextEdit:
    """A multi-line box that Tab leaves (a tab character in a case note is never wanted)."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    height = box.fontMetrics().lineSpacing() * lines + 16
    box.setMinimumHeight(height)
    box.setMaximumHeight(height + box.fontMetrics().lineSpacing() * 2)
    return box


def date_edit(day: date, latest: date | None = None) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    if latest is not None:  # evidence, contacts and referrals happen, they are not planned
        edit.setMaximumDate(qdate(latest))
    return edit


class OptionalDate(QWidget):
    """A date that may be left unset (an ABC's review date, a notice's expiry):
    a tick box says whether there is one, since a date box is never empty."""

    def __init__(self, name: str, tick: str, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.check = named(QCheckBox(tick), f"{name}: {tick.replace('&', '').lower()}")
        self.edit = named(date_edit(day), name)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        row.addWidget(self.check)
        row.addWidget(self.edit)
        row.addStretch(1)

    def value(self) -> date | None:
        return to_date(self.edit.date()) if self.check.isChecked() else None


class CaseworkDialog(QDialog):
    """What the four forms share: heading, error summary, a scrolling form,
    Save and Cancel, and the trip to the database lane and back. A form adds
    its rows to ``self.form`` and then calls ``finish()``."""

    #: The new record's id, once saved; the case view reloads the case on it.
    saved = Signal(str)

    def __init__(
        self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail, title: str,
        intro: str, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} — {case.reference}")
        self.setAccessibleName(title)
        self._ops = ops
        self._casework = casework
        self.case = case
        self.errors = FormErrors(self)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(heading(title, 1))
        note = QLabel(f"Case {case.reference}. {intro}")
        note.setWordWrap(True)
        note.setProperty("hint", True)
        self._layout.addWidget(note)
        self._layout.addWidget(self.errors.summary)
        self.body = QWidget()
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, 8, 0)  # clear of the scroll bar at large text sizes
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        column.addLayout(self.form)
        column.addStretch(1)  # spare height below the form, not between a hint and its box
        self.pane = QScrollArea()
        self.pane.setWidgetResizable(True)
        self.pane.setWidget(self.body)
        self.pane.setFrameShape(QScrollArea.Shape.NoFrame)
        self.pane.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._layout.addWidget(self.pane, 1)

    def finish(self, save_text: str) -> None:
        """The buttons, made after the fields so Tab reaches them last and the
        first field has the focus on opening; then a size that shows the whole
        form where the screen allows, so the officer scrolls only at large text sizes."""
        box = QDialogButtonBox()
        self.save_button = box.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName(save_text.replace("&", ""))
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)  # Enter in a one-line field saves
        self.save_button.clicked.connect(self.submit)
        self.cancel_button = named(box.addButton(QDialogButtonBox.StandardButton.Cancel),
                                   "Cancel", "Close without saving (Escape)")
        self.cancel_button.clicked.connect(self.reject)
        self._layout.addWidget(box)
        for keys in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return")):
            QShortcut(keys, self, self.submit)
        self.resize(max(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 105),
                    self.sizeHint().height())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.grow()  # sizes are only true once the style has polished every field

    def grow(self) -> None:
        """Taller, to the whole form if the screen has room (never shorter, so
        nothing jumps under the officer's pointer)."""
        want = self.sizeHint().height() + self.body.sizeHint().height() - self.pane.sizeHint().height()
        screen = self.screen().availableGeometry() if self.screen() else None
        limit = int(screen.height() * 0.9) if screen else want
        self.resize(self.width(), max(self.height(), min(want + 8, limit)))

    def show_errors(self, errors: dict[str, str]) -> None:
        """The GOV.UK summary and messages, with the first field in error
        scrolled into view (focus alone does not scroll the form)."""
        self.errors.show(errors)
        self.grow()  # room for the summary and the messages
        focused = self.focusWidget()
        if focused is not None and self.body.isAncestorOf(focused):
            self.pane.ensureWidgetVisible(focused)

    def job(self) -> Callable[[], object]:
        """The controller call, built from the form on the UI thread and run on the DB lane."""
        raise NotImplementedError

    def submit(self) -> None:
        if not self.save_button.isEnabled():
            return  # a save is already on its way
        self.save_button.setEnabled(False)
        self._ops.run(self.job(), self.done_saving, form=self.show_errors, parent=self,
                      after_failure=lambda _exc: self.save_button.setEnabled(True))

    def done_saving(self, result: object) -> None:
        self.save_button.setEnabled(True)
        self.errors.clear()
        self.saved.emit(str(result))
        self.accept()



class ContactDialog(CaseworkDialog):
    """A call, visit, letter or message with someone on the case: the record
    that shows the complainant was kept informed (commitment 9)."""

    def _show_needs(self) -> None:
        """The chosen person's reasonable adjustments and contact preferences, or nothing."""
        chosen = self.person.currentData()
        person = next((p.person for p in self.case.parties if p.person.id == chosen), None)
        words = []
        if person is not None and person.adjustments:
            words.append("Adjustments: " + ", ".join(label_of(a, Adjustment)
                                                    for a in person.adjustments))
        if person is not None and person.contact_preferences:
            words.append(f"Contact: {person.contact_preferences}")
        self.needs.setText(" · ".join(words))
        self.needs.setAccessibleName(self.needs.text())
        self.needs.setVisible(bool(words))

    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 today: date, parent: QWidget | None = None) -> None:
        super().__init__(ops, casework, case, "Record a contact",
                         "A call, visit, letter or message with someone on this case.", parent)
        self.setObjectName("contactDialog")
        self.person = fill_combo(QComboBox(), party_items(case), first=NOT_A_PARTY)
        self.errors.row(self.form, "person_id", "&Person", self.person)
        # What to adjust for the person chosen, before the officer picks how to reach them.
        self.needs = QLabel()
        self.needs.setObjectName("personNeeds")
        self.needs.setWordWrap(True)
        self.form.addRow("", self.needs)
        self.person.currentIndexChanged.connect(lambda _i: self._show_needs())
        self._show_needs()
        self.method = fill_combo(QComboBox(), enum_items(ContactMethod))
        self.errors.row(self.form, "method", "&How", self.method)
        self.direction = fill_combo(QComboBox(), enum_items(ContactDirection))
        self.errors.row(self.form, "direction", "&Direction", self.direction,
                        hint="Outgoing: you contacted them. Incoming: they contacted you.")
        when = QWidget()
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        self.just_now = named(QCheckBox("&Just now"), "Contact was just now",
                              "Untick to give an earlier date and time")
        self.just_now.setChecked(True)
        minute = QTime.currentTime()
        # Named by its visible label, so voice control reaches it by the word on screen.
        self.at = named(QDateTimeEdit(QDateTime(qdate(today), QTime(minute.hour(), minute.minute()))),
                        "When", "Date and time of the contact")
        self.at.setCalendarPopup(True)
        self.at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.at.setEnabled(False)
        self.just_now.toggled.connect(lambda now: self.at.setEnabled(not now))
        row.addWidget(self.just_now)
        row.addWidget(self.at)
        row.addStretch(1)
        self.errors.row(self.form, "at", "&When", when, focus=self.at)
        self.summary = text_box(4)
        self.errors.row(self.form, "summary", "Su&mmary", self.summary,
                        hint="What was said or agreed, and anything promised")
        self.victim_update = named(QCheckBox("This was an &update for the victim or complainant"),
                                   "Update for the victim or complainant",
                                   "Counts towards the regular victim updates the policy sets")
        self.form.addRow("", self.victim_update)
        self.shareable = named(QCheckBox("Can be shared with partner a&gencies"),
                               "Contact can be shared with partner agencies")
        self.form.addRow("", self.shareable)
        self.finish("&Save contact")

    def input(self) -> ContactInput:
        return ContactInput(
            case_id=self.case.id, person_id=self.person.currentData(),
            at=None if self.just_now.isChecked() else to_datetime(self.at.dateTime()),
            method=str(self.method.currentData()), direction=str(self.direction.currentData()),
            summary=self.summary.toPlainText(), shareable=self.shareable.isChecked(),
            victim_update=self.victim_update.isChecked(),
        )

    def job(self) -> Callable[[], object]:
        data, work = self.input(), self._casework
        return lambda: work.record_contact(data)


class EvidenceDialog(CaseworkDialog):
    """An item for the evidence log (commitment 7). A file named here is read
    only to fingerprint it (SHA-256), so a later copy can be shown to be the
    same one; the profile keeps the name and fingerprint, not the file."""

    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 today: date, parent: QWidget | None = None) -> None:
        super().__init__(ops, casework, case, "Log evidence",
                         "A diary sheet, photo, recording, statement or document.", parent)
        self.setObjectName("evidenceDialog")
        self.kind = fill_combo(QComboBox(), enum_items(EvidenceKind), first="Choose…")
        self.errors.row(self.form, "kind", "&Kind", self.kind)
        self.description = text_box(3)
        self.errors.row(self.form, "description", "&Description", self.description,
                        hint="What it shows, who made it and where the original is kept")
        self.captured_on = date_edit(today, latest=today)
        self.errors.row(self.form, "captured_on", "Date &captured", self.captured_on)
        pick = QWidget()
        row = QHBoxLayout(pick)
        row.setContentsMargins(0, 0, 0, 0)
        self.file = named(QLineEdit(), "File (optional)")
        self.file.setPlaceholderText("No file")
        self.browse = named(QPushButton("Choose &file…"), "Choose a file")
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self.choose_file)
        row.addWidget(self.file, 1)
        row.addWidget(self.browse)
        self.errors.row(self.form, "file_name", "Fi&le (optional)", pick, focus=self.file,
                        hint="Read once to fingerprint it; the file itself is not copied")
        self.shareable = named(QCheckBox("Can be shared with partner a&gencies"),
                               "Evidence can be shared with partner agencies")
        self.form.addRow("", self.shareable)
        self.finish("&Save evidence")

    def choose_file(self) -> None:
        self.file_dialog = QFileDialog(self, "Choose the evidence file")
        self.file_dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        self.file_dialog.fileSelected.connect(self.file.setText)
        self.file_dialog.open()

    def input(self) -> EvidenceInput:
        return EvidenceInput(
            case_id=self.case.id, kind=str(self.kind.currentData() or ""),
            description=self.description.toPlainText(),
            captured_on=to_date(self.captured_on.date()),
            file_name=Path(self.file.text().strip()).name if self.file.text().strip() else "",
            shareable=self.shareable.isChecked(),
        )

    def job(self) -> Callable[[], object]:
        data, work, path = self.input(), self._casework, self.file.text().strip()

        def run() -> str:
            if path:  # read on the worker: a file on a slow drive must not freeze the window
                try:
                    data.content = Path(path).read_bytes()
                except OSError:
                    raise ValidationError({"file_name": "That file cannot be read. Check the "
                                           "name, or leave it empty"}) from None
            return work.add_evidence(data)

        return run


class ReferralDialog(CaseworkDialog):
    """Signposting or a referral to a support service, for either side
    (commitments 8 and 9); the directory's services are offered as you type,
    and any other service can be typed in. A service chosen from the directory
    for a party goes through ``RiskController.signpost``, which refuses a
    victims' service for an alleged perpetrator and the other way round; the
    person's earlier referrals, on any case, show as they are chosen."""

    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 today: date, policy: PolicyController | None = None,
                 parent: QWidget | None = None, risk: RiskController | None = None) -> None:
        super().__init__(ops, casework, case, "Add a referral or signposting",
                         "Signposting: you gave them a service's details. "
                         "Referral: you passed their details to the service, with consent.",
                         parent)
        self.setObjectName("referralDialog")
        self.kind = fill_combo(QComboBox(), enum_items(ReferralKind))
        self.kind.setCurrentIndex(self.kind.findData(ReferralKind.SIGNPOSTING.value))
        self.errors.row(self.form, "kind", "&Kind", self.kind)
        self.person = fill_combo(QComboBox(), party_items(case), first=NOT_A_PARTY)
        self.errors.row(self.form, "person_id", "&Person", self.person)
        self._risk, self._policy = risk, policy
        self.earlier = QLabel()
        self.earlier.setObjectName("earlierReferrals")
        self.earlier.setWordWrap(True)
        self.earlier.setProperty("hint", True)
        self.form.addRow("", self.earlier)
        self.form.setRowVisible(self.earlier, False)
        self.person.currentIndexChanged.connect(lambda _i: self._show_earlier())
        self.service = QComboBox()
        self.service.setEditable(True)
        self.service.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        typed = self.service.lineEdit()
        assert typed is not None  # an editable combo always has one
        typed.setPlaceholderText("Choose from the directory or type a name")
        self.service.setCurrentIndex(-1)
        self.service_note = QLabel()
        self.service_note.setObjectName("serviceNote")
        self.service_note.setWordWrap(True)
        self.service_note.setProperty("hint", True)
        self.service_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.service_note.hide()
        chosen = QWidget()  # the note in the service's own box, so it wraps to the field's width
        column = QVBoxLayout(chosen)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.service)
        column.addWidget(self.service_note)
        self.errors.row(self.form, "service", "Ser&vice", chosen, focus=self.service)
        self.service.currentIndexChanged.connect(self._describe_service)
        self.made_on = date_edit(today, latest=today)
        self.errors.row(self.form, "made_on", "Date &made", self.made_on)
        self.notes = text_box(3)
        self.errors.row(self.form, "notes", "&Notes", self.notes)
        self._services: list[SupportService] = []
        if policy is not None:
            ops.run(policy.services, self._directory)
        self.finish("&Save")

    def _directory(self, services: list[SupportService]) -> None:
        typed = self.service.currentText()
        self._services = services
        self.service.blockSignals(True)
        fill_combo(self.service, [(s.name, s.key) for s in services])
        self.service.setCurrentIndex(-1)
        self.service.setEditText(typed)
        self.service.blockSignals(False)

    def _describe_service(self, index: int) -> None:
        """The phone number and notes to give the resident, from the directory."""
        key = self.service.itemData(index) if index >= 0 else None
        found = next((s for s in self._services if s.key == key), None)
        parts = [found.phone, found.website, found.notes] if found else []
        self.service_note.setText(" · ".join(p for p in parts if p))
        self.service_note.setAccessibleName(self.service_note.text())
        self.service_note.setVisible(bool(self.service_note.text()))
        self.grow()

    def _show_earlier(self) -> None:
        """What this person was already referred or signposted to, on any case."""
        pid, policy = self.person.currentData(), self._policy

        def shown(rows: list[ReferralView]) -> None:
            if self.person.currentData() != pid:
                return
            text = "; ".join(f"{when_text(r.made_on)} {label_of(r.kind, ReferralKind).lower()}: "
                             f"{r.service}" for r in rows)
            self.earlier.setText(f"Already for this person: {text}" if text else
                                 "No referrals or signposting for this person yet.")
            self.earlier.setAccessibleName(self.earlier.text())
            self.form.setRowVisible(self.earlier, True)
            self.grow()

        if pid is None or policy is None:
            self.form.setRowVisible(self.earlier, False)
            return
        self._ops.run(lambda: policy.person_referrals(str(pid)), shown, latest="person-referrals")

    def directory_key(self) -> str | None:
        """The directory's key for the service chosen, or None for one typed in."""
        i = self.service.currentIndex()
        if i < 0 or self.service.itemText(i) != self.service.currentText():
            return None
        return str(self.service.itemData(i))

    def input(self) -> ReferralInput:
        return ReferralInput(
            case_id=self.case.id, person_id=self.person.currentData(),
            kind=str(self.kind.currentData()), service=self.service.currentText(),
            made_on=to_date(self.made_on.date()), notes=self.notes.toPlainText(),
        )

    def job(self) -> Callable[[], object]:
        data, work, risk, key = self.input(), self._casework, self._risk, self.directory_key()
        if risk is not None and key is not None and data.person_id:
            chosen = SignpostInput(case_id=data.case_id, person_id=data.person_id,
                                   service_key=key, kind=data.kind, notes=data.notes,
                                   made_on=data.made_on)
            return lambda: risk.signpost(chosen)
        return lambda: work.add_referral(data)
