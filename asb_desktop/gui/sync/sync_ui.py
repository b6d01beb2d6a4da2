"""Sync in the window: the status bar's words for the share, the dialog that
sets up or joins the team share, the dialog where a person decides a
conflict on a safety-critical field (both values shown, with who and when),
and the dialog that offers the fix when sync finds this profile is a copy.

Everything that touches the share runs on the I/O lane: a share on a server
that has gone away can hang for seconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.device import DeviceController, Reenrolled
from asb_desktop.controllers.sync import ConflictView, SyncController
from asb_desktop.gui.common.errors import show_error
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.ops import Lane, OpsRunner
from asb_desktop.gui.common.widgets import heading, named, when_text
from asb_desktop.sync.errors import CopiedProfile

#: The status bar's words for a profile that has no team share yet.
NOT_SET_UP_WORDS = "Share: not set up"
#: Why Sync now is off, said where the officer looks: its tooltip and status tip.
NOT_SET_UP_TIP = "The share is not set up — Sync ▸ Set up or join the team share…"
DEMO_TIP = "A demo profile never syncs: its people and places are invented."
NOT_REACHABLE_TIP = ("The team share did not answer. Changes wait safely on this laptop "
                     "and go the next time it does.")
#: The status bar's words while sync is stopped on a copied profile, until it is re-enrolled.
COPIED_WORDS = "Share: sync stopped (copied profile)"
COPIED_TIP = ("This profile is a copy of another laptop's. Nothing is lost; press Sync now "
              "and choose “Make this laptop a new device” to sync again.")
#: A window's dynamic property: the fix has been offered once this session.
_OFFERED = "copiedProfileOffered"


def share_words(sync: SyncController, device: DeviceController | None = None) -> str:
    """The status bar's words for the share. Blocks up to the probe's timeout.

    With ``device``, a copied profile that sync has stopped on says so here
    until it is fixed, rather than looking like a share that is fine."""
    if device is not None and device.copied():
        return COPIED_WORDS
    found = sync.probe()
    if found.online:
        return "Share: reachable"
    if "not set up" in found.message.lower():
        return NOT_SET_UP_WORDS
    return "Share: not reachable"


def sync_now_state(words: str, demo: bool) -> tuple[bool, str]:
    """Whether Sync now can do anything, and if not the words that say why.

    An unreachable share keeps Sync now on: the officer may have just plugged
    the network back in, and a failed try says so plainly. With no share at
    all, or on a demo profile, a try can only fail, so the action is off and
    points the way instead.
    """
    if demo:
        return False, DEMO_TIP
    if words == NOT_SET_UP_WORDS:
        return False, NOT_SET_UP_TIP
    return True, ""


#: Where a sync's notices send the officer about this laptop's place on the team.
TEAM_DEVICES_PLACE = "Team devices"
#: A laptop's code as the sync notices give it (``DeviceKeys.fingerprint``).
_CODE = re.compile(r"\b[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}\b")
WAITING_WORDS = ("This laptop waits for a supervisor to enrol it: read them its code {code} "
                 "(Sync ▸ Team devices…).")
OTHERS_WAITING = "Changes from {n} laptop(s) wait for a supervisor to enrol them (Sync ▸ Team devices…)."
#: How long a sync's result stays in the status bar when nothing in it needs doing.
SYNC_WORDS_MS = 15_000


def sync_words(report: object) -> tuple[str, int]:
    """The status bar's words for a finished sync, and for how long (0: until the next).

    A notice that sends the officer to Team devices (this laptop waits to be
    enrolled, or its keys or place on the team changed) comes first and stays,
    since until someone acts on it the team does not apply this laptop's work.
    The status bar cuts a long line at its end, so a waiting laptop's code is
    said first, in few words. Colleagues' laptops whose changes wait for
    enrolment are counted at the end, for the supervisor who can enrol them."""
    summary = getattr(report, "summary", None)
    text = summary() if callable(summary) else "Sync finished."
    others = sum(TEAM_DEVICES_PLACE in w for w in getattr(report, "waiting", []))
    if others:
        text += f" {OTHERS_WAITING.format(n=others)}"
    notices = [n for n in getattr(report, "notices", []) if TEAM_DEVICES_PLACE in n]
    if not notices:
        return text, SYNC_WORDS_MS
    lead = []
    for notice in notices:
        code = _CODE.search(notice)
        lead.append(WAITING_WORDS.format(code=code.group()) if code else notice)
        text = text.replace(f" {notice}", "")
    return " ".join([*lead, text]), 0


def share_tip(words: str) -> str:
    """The share label's tooltip: what to do about the state it shows."""
    if words == NOT_SET_UP_WORDS:
        return NOT_SET_UP_TIP
    if words == "Share: not reachable":
        return NOT_REACHABLE_TIP
    if words == COPIED_WORDS:
        return COPIED_TIP
    return ""


#: What the dialog says, in paragraphs; the command line prints ``Fork.message``, one paragraph.
WINDOW_WORDS = (
    "This laptop's profile is a copy of another laptop's profile: its folder was copied, or "
    "restored from a backup, so both laptops use the same identity on the team share. Sync "
    "has stopped here so that neither overwrites the other's work.\n\n"
    "Nothing has been lost. Everything saved on this laptop is still here, and the other "
    "laptop's work is safe on the share.\n\n"
    "To sync again, make this laptop a new device. Its unsent work then goes to the team "
    "under its new identity, and it receives what the other laptop has sent."
)


class CopiedProfileDialog(QDialog):
    """Sync found this profile is a copy of another laptop's: what that means, and the fix.

    The fix writes to the share, so it runs on the I/O lane; the dialog stays
    open to say what changed (which case references were renumbered)."""

    reenrolled = Signal(object)

    def __init__(self, ops: OpsRunner, device: DeviceController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("This profile is a copy")
        self.setAccessibleName("This profile is a copy")
        self.setObjectName("copiedProfileDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._ops = ops
        self._device = device
        layout = QVBoxLayout(self)
        self.title = heading("Sync has stopped on this laptop", 1)
        layout.addWidget(self.title)
        self.text = named(QLabel(WINDOW_WORDS), "What sync found")
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(520)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        buttons = QHBoxLayout()
        self.make_new = named(QPushButton("&Make this laptop a new device"),
                              "Make this laptop a new device",
                              "Gives this laptop its own identity on the team share; nothing "
                              "saved here is lost, and both laptops sync again.")
        self.make_new.setProperty("primary", True)
        self.close_button = named(QPushButton("Not now"), "Not now")
        buttons.addWidget(self.make_new)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.result_text = ""
        self.make_new.clicked.connect(self.reenrol)
        self.close_button.clicked.connect(self.accept)
        self.adjustSize()

    def reenrol(self) -> None:
        self.make_new.setEnabled(False)
        self.close_button.setEnabled(False)
        self.text.setText("Making this laptop a new device on the team share…")
        self._ops.run(self._device.reenrol, self._done, self._failed, lane=Lane.IO)

    def _done(self, result: Reenrolled) -> None:
        self.result_text = result.summary()
        self.title.setText("This laptop is now a device of its own")
        self.text.setText(self.result_text)
        self.make_new.hide()
        self.close_button.setText("Close")
        self.close_button.setAccessibleName("Close")
        self.close_button.setEnabled(True)
        self.close_button.setFocus()
        self.adjustSize()
        self.reenrolled.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.text.setText(WINDOW_WORDS)
        self.make_new.setEnabled(True)
        self.close_button.setEnabled(True)
        show_error(self, exc)


def offer_new_device(parent: QWidget, ops: OpsRunner, device: DeviceController,
                     exc: BaseException, after: Callable[[], None] | None = None,
                     once: bool = False) -> bool:
    """When a sync failed because this profile is a copy, offer the fix; True if it did.

    ``once`` is for syncs the officer did not ask for (the timer): the dialog
    comes up the first time only, not every few minutes after "Not now"."""
    if not isinstance(exc, CopiedProfile):
        return False
    if once and parent.property(_OFFERED):
        return True
    open_one = parent.findChild(CopiedProfileDialog)
    if open_one is not None and open_one.isVisible():
        return True
    parent.setProperty(_OFFERED, True)
    dialog = CopiedProfileDialog(ops, device, parent)
    if after is not None:
        dialog.reenrolled.connect(lambda _result: after())
    dialog.open()
    return True


class ShareDialog(QDialog):
    """Set up a folder as the team's share, or join the share a colleague set up."""

    def __init__(self, ops: OpsRunner, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Team share")
        self.setAccessibleName("Team share")
        self._ops = ops
        self._sync = sync
        self.errors = FormErrors(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Sync with the team share", 1))
        layout.addWidget(QLabel(
            "Records travel encrypted through a shared folder (a mapped drive or network "
            "folder). Your profile itself always stays on this laptop."
        ))
        layout.addWidget(self.errors.summary)
        self.join = named(QRadioButton("&Join the share a colleague set up"), "Join a share")
        self.new_share = named(QRadioButton("Set up a &new team share"), "Set up a new share")
        self.join.setChecked(True)
        layout.addWidget(self.join)
        layout.addWidget(self.new_share)
        form = QFormLayout()
        self.folder = QLineEdit()
        self.browse = named(QPushButton("&Browse…"), "Choose the share folder")
        self.errors.row(form, "folder", "Share &folder", self.folder)
        form.addRow("", self.browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors.row(form, "passphrase", "Enrolment &passphrase", self.passphrase,
                        hint="From the colleague who set up the share. For a new share, leave "
                             "it empty to have one made and shown once.")
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.ok = named(QPushButton("&Connect"), "Connect to the share")
        self.ok.setProperty("primary", True)
        self.cancel = named(QPushButton("Cancel"), "Cancel")
        buttons.addStretch(1)
        buttons.addWidget(self.ok)
        buttons.addWidget(self.cancel)
        layout.addLayout(buttons)
        self.result_text = ""
        self.browse.clicked.connect(self._browse)
        self.ok.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Choose the share folder")
        if chosen:
            self.folder.setText(chosen)

    def submit(self) -> None:
        folder = self.folder.text().strip()
        passphrase = self.passphrase.text()
        problems: dict[str, str] = {}
        if not folder:
            problems["folder"] = "Choose the share folder"
        if self.join.isChecked() and not passphrase:
            problems["passphrase"] = "Enter the enrolment passphrase"
        if problems:
            self.errors.show(problems)
            return
        self.errors.clear()
        self.ok.setEnabled(False)
        sync, creating = self._sync, self.new_share.isChecked()

        def work() -> str | None:
            if creating:
                return sync.init_share(Path(folder), passphrase or None)
            sync.join_share(Path(folder), passphrase)
            return None

        self._ops.run(work, self._done, lane=Lane.IO, form=self.errors.show, parent=self,
                      after_failure=lambda _exc: self.ok.setEnabled(True))

    def _done(self, shown: str | None) -> None:
        self.ok.setEnabled(True)
        if shown:
            self.result_text = shown
            QMessageBox.information(
                self, "Enrolment passphrase",
                "The share is ready. Give colleagues this passphrase to join it; it is shown "
                f"only now:\n\n{shown}",
            )
        self.accept()



class ConflictsDialog(QDialog):
    """Safety-critical fields edited on two devices: a person chooses which value stands."""

    def __init__(self, ops: OpsRunner, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sync conflicts")
        self.setAccessibleName("Sync conflicts")
        self.resize(820, 420)
        self._ops = ops
        self._sync = sync
        self.items: list[ConflictView] = []
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Decide sync conflicts", 1))
        layout.addWidget(QLabel(
            "Each of these was changed on two devices from the same earlier value. Nothing "
            "has been overwritten: choose the value that should stand."
        ))
        self.table = named(QTableWidget(0, 4), "Conflicts waiting for a decision")
        self.table.setHorizontalHeaderLabels(["Case", "What", "One device", "Other device"])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.empty = QLabel("No conflicts are waiting.")
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.keep_first = named(QPushButton("Keep the &first value"), "Keep the first value")
        self.keep_second = named(QPushButton("Keep the &second value"), "Keep the second value")
        self.close_button = named(QPushButton("Close"), "Close")
        for b in (self.keep_first, self.keep_second):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.keep_first.clicked.connect(lambda: self.keep(0))
        self.keep_second.clicked.connect(lambda: self.keep(1))
        self.close_button.clicked.connect(self.accept)
        self.reload()

    def reload(self) -> None:
        sync = self._sync
        self._ops.run(sync.conflicts, self._show)

    def _show(self, items: list[ConflictView]) -> None:
        self.items = items
        self.table.setRowCount(len(items))
        for i, c in enumerate(items):
            cells = [c.case_reference, c.label] + [
                f"{ch.shown} — {ch.who}, {when_text(ch.when)}" for ch in c.choices[:2]
            ]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not items)
        for b in (self.keep_first, self.keep_second):
            b.setEnabled(bool(items))
        if items:
            self.table.selectRow(0)

    def keep(self, which: int) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.items):
            return
        conflict = self.items[row]
        if which >= len(conflict.choices):
            return
        value: Any = conflict.choices[which].value
        sync = self._sync
        self._ops.run(lambda: sync.resolve_conflict(conflict.id, value), lambda _r: self.reload())

