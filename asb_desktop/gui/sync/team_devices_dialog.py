"""Team devices: the laptops on the team share, this laptop's code, and a
supervisor enrolling a new laptop or removing a lost one.

Only an enrolled laptop's changes are applied by the team, and a laptop is
enrolled by a person who has checked it is the right one: its officer reads
out the code this dialog shows, and the supervisor enrols the laptop whose
code matches. Whether this laptop may enrol or remove laptops is the
roster's decision (a supervisor's laptop, or the one that set the share up),
which the window cannot know without reading the share; so the buttons are
there for everyone and an officer pressing them is told why not, in the
controller's words, rather than finding them gone.

Everything here reads or writes the share, so it runs on the I/O lane; a
share that does not answer is said in the dialog, and the code still shows
(it is this laptop's own, read without the share).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.team_devices import (
    REMOVED,
    WAITING,
    TeamDevice,
    TeamDevicesController,
)
from asb_desktop.domain.enums import Role
from asb_desktop.gui.common.errors import show_error, words_for
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.ops import Lane, OpsRunner, ShowOnForm
from asb_desktop.gui.common.widgets import heading, hint, named
from asb_desktop.sync.errors import NotConnected, ShareFault, SyncError

T = TypeVar("T")

TITLE = "Team devices"
CODE_SENTENCE = "Read this code to the supervisor who enrols this laptop."
INTRO = ("Every laptop that syncs with the team share is listed here. The team applies a "
         "laptop's changes once a supervisor has enrolled it, checked against what its "
         "officer may do.")
WHO_MAY = ("Only a supervisor's laptop, or the laptop that set up the share, can enrol or "
           "remove laptops.")
COLUMNS = ("Whose laptop", "Role", "Code", "Status")
THIS_LAPTOP = "(this laptop)"
READING = "Reading the team share…"
NOTHING = "No laptop has joined the team share yet."
SELF_WAITING = ("This laptop is waiting to be enrolled: read its code, above, to a supervisor. "
                "Until then the team does not apply what it sends.")
SELF_REMOVED = "This laptop was removed from the team: the others do not apply what it sends."
CHOOSE_FIRST = "Choose a laptop in the list first."
#: Before the words of a share that did not answer (or that this profile has not joined).
NOT_READ = "The list of laptops could not be read: {words}"
TRY_AGAIN = " Press Refresh to try again."


def _button(text: str) -> QPushButton:
    """A button heard by the words on it."""
    return named(QPushButton(text), text.replace("&", ""))


def _code_font(base: QFont, scale: float) -> QFont:
    """A code is read out character by character: fixed width, larger, bold."""
    font = QFont(base)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFamilies(["DejaVu Sans Mono", "Consolas", "Menlo", "monospace"])
    font.setPointSizeF(base.pointSizeF() * scale)
    font.setBold(True)
    return font


def _code_label(code: str, scale: float) -> QLabel:
    label = QLabel(code)
    label.setFont(_code_font(label.font(), scale))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def whose(device: TeamDevice) -> str:
    """The first column's words: the officer's name, and which row is this laptop."""
    return f"{device.user_name} {THIS_LAPTOP}" if device.this_device else device.user_name


def said_of(found: list[TeamDevice]) -> str:
    """The notice line under the list: how many wait, and this laptop's own standing
    first when it is not yet (or no longer) on the team."""
    if not found:
        return NOTHING
    waiting = sum(d.status == WAITING for d in found)
    counted = f"{len(found)} laptop(s); {waiting} waiting to be enrolled."
    me = next((d for d in found if d.this_device), None)
    if me is not None and me.status == WAITING:
        return f"{SELF_WAITING} {counted}"
    if me is not None and me.status == REMOVED:
        return f"{SELF_REMOVED} {counted}"
    return counted


def role_words(role: str) -> str:
    try:
        return Role(role).value.capitalize()
    except ValueError:
        return role.capitalize()


class _LaptopForm(QDialog):
    """What enrolling and removing share: the laptop chosen, a heading, the
    button that does it and Cancel, and the trip to the share's lane and back
    (the button is off meanwhile, so a second press sends nothing)."""

    def __init__(self, ops: OpsRunner, devices: TeamDevicesController, device: TeamDevice,
                 title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._ops = ops
        self._devices = devices
        self.device = device
        self.column = QVBoxLayout(self)

    def _finish(self, text: str, chars: int, submit: Callable[[], None]) -> QPushButton:
        """The button row; ``submit`` is what pressing the main button does."""
        buttons = QHBoxLayout()
        self.ok_button = _button(text)
        self.ok_button.setProperty("primary", True)
        self.ok_button.setDefault(True)
        self.cancel_button = _button("Cancel")
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)
        self.column.addLayout(buttons)
        self.ok_button.clicked.connect(submit)
        self.cancel_button.clicked.connect(self.reject)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * chars)
        return self.ok_button

    def _send(self, call: Callable[[], T], done: Callable[[T], None],
              form: ShowOnForm | None = None) -> None:
        if not self.ok_button.isEnabled():
            return  # already on its way
        self.ok_button.setEnabled(False)
        self._ops.run(call, done, lane=Lane.IO, form=form, parent=self,
                      after_failure=lambda _exc: self.ok_button.setEnabled(True))


class EnrolDialog(_LaptopForm):
    """The supervisor checks the code read out and chooses the role, then enrols."""

    enrolled = Signal(object)

    def __init__(self, ops: OpsRunner, devices: TeamDevicesController, device: TeamDevice,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, devices, device, "Enrol a laptop", parent)
        self.setObjectName("enrolDialog")
        name = device.user_name
        layout = self.column
        layout.addWidget(heading(f"Enrol {name}'s laptop", 1))
        ask = QLabel(f"Ask {name} to read out the code on their laptop (Sync ▸ Team "
                     "devices…). Enrol it only if that code is exactly:")
        ask.setWordWrap(True)
        layout.addWidget(ask)
        self.code = _code_label(device.fingerprint, 1.6)
        self.code.setObjectName("enrolCode")
        layout.addWidget(self.code)
        layout.addWidget(hint("If the code differs, do not enrol: another laptop may have "
                              f"asked to join in {name}'s name."))
        group = QGroupBox("Role on the team")
        group.setAccessibleName("Role on the team")
        roles = QVBoxLayout(group)
        self.officer = named(QRadioButton("&Officer"), "Officer")
        self.supervisor = named(QRadioButton("&Supervisor"), "Supervisor")
        roles.addWidget(self.officer)
        roles.addWidget(self.supervisor)
        roles.addWidget(hint(f"{name}'s laptop asked for {role_words(device.role).lower()}. "
                             "A supervisor's laptop can open every restricted case and enrol "
                             "or remove laptops."))
        (self.supervisor if device.role == Role.SUPERVISOR.value else self.officer).setChecked(True)
        layout.addWidget(group)
        self.enrol_button = self._finish("&Enrol this laptop", 70, self.submit)

    def role(self) -> str:
        return (Role.SUPERVISOR if self.supervisor.isChecked() else Role.OFFICER).value

    def submit(self) -> None:
        devices, device_id, role = self._devices, self.device.device_id, self.role()
        self._send(lambda: devices.enrol(device_id, role), self._done)

    def _done(self, device: TeamDevice) -> None:
        self.enrolled.emit(device)
        self.accept()


class RemoveDialog(_LaptopForm):
    """Why the laptop goes, and what removing it does, before it is removed."""

    removed = Signal(str)

    def __init__(self, ops: OpsRunner, devices: TeamDevicesController, device: TeamDevice,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, devices, device, "Remove a laptop from the team", parent)
        self.setObjectName("removeDeviceDialog")
        self.errors = FormErrors(self)
        layout = self.column
        layout.addWidget(heading(f"Remove {device.user_name}'s laptop from the team", 1))
        self.warning = QLabel(
            f"From now on, what this laptop sends is not applied on any laptop of the team. "
            f"What it sent before stays. Remove a laptop that is lost or stolen, or whose "
            f"officer has left. (Laptop code {device.fingerprint}.)")
        self.warning.setWordWrap(True)
        self.warning.setObjectName("removeWarning")
        layout.addWidget(self.warning)
        layout.addWidget(self.errors.summary)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.reason = QLineEdit()
        self.errors.row(form, "reason", "&Reason for removing it", self.reason,
                        hint="Kept in the audit log, for example: lost on the bus, "
                             "reported to IT.")
        layout.addLayout(form)
        self.remove_button = self._finish("Remove from &team", 80, self.submit)

    def submit(self) -> None:
        devices, device_id, reason = self._devices, self.device.device_id, self.reason.text()
        self._send(lambda: devices.revoke(device_id, reason), self._done, form=self.show_errors)

    def show_errors(self, errors: dict[str, str]) -> None:
        """The GOV.UK summary and the message above the field, with room made for them."""
        self.errors.show(errors)
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _done(self, _result: None) -> None:
        self.errors.clear()
        self.removed.emit(self.device.device_id)
        self.accept()


class TeamDevicesDialog(QDialog):
    """This laptop's code, the share's laptops, and enrolling or removing one."""

    def __init__(self, ops: OpsRunner, devices: TeamDevicesController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamDevicesDialog")
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self._ops = ops
        self._devices = devices
        self.items: list[TeamDevice] = []
        self.form: QDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(TITLE, 1))

        code_row = QHBoxLayout()
        caption = QLabel("This laptop's code:")
        bold = caption.font()
        bold.setBold(True)
        caption.setFont(bold)
        self.code = _code_label("…", 1.8)
        self.code.setObjectName("thisLaptopCode")
        code_row.addWidget(caption)
        code_row.addWidget(self.code)
        code_row.addStretch(1)
        layout.addLayout(code_row)
        self.code_sentence = QLabel(CODE_SENTENCE)
        self.code_sentence.setWordWrap(True)
        layout.addWidget(self.code_sentence)
        layout.addWidget(hint(f"{INTRO} {WHO_MAY}"))

        self.list_label = QLabel("&Laptops on the team share")
        layout.addWidget(self.list_label)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("teamDevicesTable")
        self.table.setAccessibleName("Laptops on the team share")
        self.list_label.setBuddy(self.table)
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        chars = self.fontMetrics().averageCharWidth()
        for c, width in enumerate((30, 12, 18)):
            self.table.setColumnWidth(c, chars * width)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the controller's order first
        self.table.setSortingEnabled(True)
        layout.addWidget(self.table, 1)

        status = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: how long the share takes is not known
        self.progress.setMaximumWidth(120)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(READING)
        self.progress.hide()
        self.notice = QLabel()
        self.notice.setObjectName("teamDevicesNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status.addWidget(self.progress)
        status.addWidget(self.notice, 1)
        layout.addLayout(status)

        buttons = QHBoxLayout()
        self.enrol_button = _button("&Enrol…")
        self.remove_button = _button("Re&move from team…")
        self.refresh_button = _button("Re&fresh")
        self.close_button = _button("Close")
        for b in (self.enrol_button, self.remove_button, self.refresh_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.enrol_button.clicked.connect(self.enrol)
        self.remove_button.clicked.connect(self.remove)
        self.refresh_button.clicked.connect(lambda: self.reload())
        self.close_button.clicked.connect(self.accept)
        for before, after in pairwise([self.table, self.enrol_button, self.remove_button,
                                       self.refresh_button, self.close_button]):
            self.setTabOrder(before, after)
        self.resize(self.fontMetrics().averageCharWidth() * 110,
                    self.fontMetrics().lineSpacing() * 26)
        self._read_code()
        self.reload()

    # -- reading ---------------------------------------------------------------------

    def _read_code(self) -> None:
        self._ops.run(self._devices.fingerprint, self.code.setText, lane=Lane.IO, parent=self,
                      after_failure=lambda _exc: self.code.setText("not available"))

    def reload(self, then: str = "") -> None:
        """Read the share's laptops again; ``then`` is what to say once they are shown."""
        self.progress.show()
        self.notice.setText(READING)
        self.refresh_button.setEnabled(False)
        self._ops.run(self._devices.devices, lambda found: self._show(found, then),
                      self._not_read, lane=Lane.IO, latest="team-devices")

    def _show(self, found: list[TeamDevice], then: str) -> None:
        self._reading_done()
        chosen = self.chosen()
        self.items = found
        self.table.setSortingEnabled(False)  # filled in the controller's order, then sorted
        self.table.setRowCount(len(found))
        for r, d in enumerate(found):
            cells = (whose(d), role_words(d.role), d.fingerprint, d.status)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, d.device_id)
                if c == 2:
                    item.setFont(_code_font(item.font(), 1.0))
                self.table.setItem(r, c, item)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()
        if chosen is not None:
            self._select(chosen.device_id)
        elif found:
            self.table.selectRow(0)
        self.notice.setText(then or said_of(found))

    def _not_read(self, exc: BaseException) -> None:
        """A share that does not answer (or is not joined) is said here, where the list
        would be; anything else is the one error route's."""
        self._reading_done()
        if isinstance(exc, SyncError):
            again = TRY_AGAIN if isinstance(exc, NotConnected | ShareFault) else ""
            self.notice.setText(NOT_READ.format(words=words_for(exc)) + again)
        else:
            self.notice.setText("")
            show_error(self, exc)

    def _reading_done(self) -> None:
        self.progress.hide()
        self.refresh_button.setEnabled(True)

    def _select(self, device_id: str) -> None:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == device_id:
                self.table.selectRow(r)
                return

    def chosen(self) -> TeamDevice | None:
        """The laptop of the selected row, whatever the sort order."""
        item = self.table.item(self.table.currentRow(), 0)
        if item is None:
            return None
        device_id = item.data(Qt.ItemDataRole.UserRole)
        return next((d for d in self.items if d.device_id == device_id), None)

    def rows(self) -> list[list[str]]:
        """The table's cells in the order shown (for tests, as a screen reader reads them)."""
        return [[(self.table.item(r, c) or QTableWidgetItem()).text()
                 for c in range(self.table.columnCount())] for r in range(self.table.rowCount())]

    # -- enrolling and removing -------------------------------------------------------

    def _open_form(self, make: Callable[[TeamDevice], QDialog]) -> None:
        device = self.chosen()
        if device is None:
            self.notice.setText(CHOOSE_FIRST)
            return
        self.form = make(device)
        self.form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form.open()

    def enrol(self) -> None:
        def make(device: TeamDevice) -> QDialog:
            form = EnrolDialog(self._ops, self._devices, device, self)
            form.enrolled.connect(lambda d: self.reload(
                f"Enrolled {d.user_name}'s laptop as {role_words(d.role).lower()}. The team "
                "applies its changes from the next sync."))
            return form
        self._open_form(make)

    def remove(self) -> None:
        def make(device: TeamDevice) -> QDialog:
            form = RemoveDialog(self._ops, self._devices, device, self)
            form.removed.connect(lambda _id: self.reload(
                f"Removed {device.user_name}'s laptop from the team. What it sends from now "
                "on is not applied."))
            return form
        self._open_form(make)

