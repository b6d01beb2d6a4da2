"""The records entries of the File menu: subject access requests for everyone,
retention and legal holds for supervisors, and what both dialogs share.

The main window only adds these actions to its menu; building the dialogs and
keeping one of each alive lives here so the window stays small. The actions
are the window's children, so the app lock finds and disables them like every
other action, and the lock hides the dialogs with the app's other windows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QMenu, QProgressBar, QWidget

from asb_desktop.app import App
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.save_path import AskPath, ask_save_path

if TYPE_CHECKING:
    from asb_desktop.gui.records.retention_dialog import RetentionDialog
    from asb_desktop.gui.records.subject_access_dialog import SubjectAccessDialog

RETENTION_FOR_SUPERVISORS = "Retention and legal holds are a supervisor's decisions."


class Outcome(QLabel):
    """What the last step did, in words the officer can select and copy (a file's path)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))


class BusyRow(QWidget):
    """A moving bar and what is happening, for work that can take a minute.

    The work itself runs on a worker lane; this only tells the officer it is
    still going, so a slow purge or PDF does not look like a hung window.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyRow")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(160)
        self.bar.setAccessibleName("Working")
        self.label = QLabel()
        self.label.setWordWrap(True)
        row.addWidget(self.bar)
        row.addWidget(self.label, 1)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setAccessibleDescription(text)
        self.show()

    def stop(self) -> None:
        self.hide()

    @property
    def running(self) -> bool:
        return not self.isHidden()


class RecordsMenu:
    """The two actions and the one dialog of each kind they open."""

    def __init__(self, window: QMainWindow, app: App, ops: OpsRunner) -> None:
        self.window, self.app, self.ops = window, app, ops
        #: Answers the save dialog; a test replaces it with a function returning a path.
        self.ask_save_path: AskPath = ask_save_path
        self.retention_dialog: RetentionDialog | None = None
        self.subject_access_dialog: SubjectAccessDialog | None = None
        supervisor = app.unit.actor.is_supervisor
        self.subject_access_action = QAction("Subject &access request…", window)
        self.subject_access_action.setToolTip("Export everything held about one person")
        self.subject_access_action.triggered.connect(lambda _checked=False: self.open_subject_access())
        self.retention_action = QAction("Re&tention and legal holds…", window)
        self.retention_action.setToolTip("Purge closed cases past retention; place or lift "
                                         "legal holds (supervisors)")
        self.retention_action.triggered.connect(lambda _checked=False: self.open_retention())
        # Officers never see it, as with the caseload review; the controller refuses them too.
        self.retention_action.setVisible(supervisor)
        self.retention_action.setEnabled(supervisor)

    def add_to(self, menu: QMenu) -> None:
        menu.addAction(self.subject_access_action)
        menu.addAction(self.retention_action)

    def open_retention(self) -> RetentionDialog:
        from asb_desktop.gui.records.retention_dialog import RetentionDialog

        if self.retention_dialog is None:
            self.retention_dialog = RetentionDialog(self.ops, self.app, self.window)
        else:
            self.retention_dialog.reload()
        self.retention_dialog.open()
        return self.retention_dialog

    def open_subject_access(self) -> SubjectAccessDialog:
        from asb_desktop.gui.records.subject_access_dialog import SubjectAccessDialog

        if self.subject_access_dialog is None:
            self.subject_access_dialog = SubjectAccessDialog(
                self.ops, self.app.people, self.app.subject_access,
                self.app.unit.actor.is_supervisor, self.app.unit.today, self.window)
        else:
            self.subject_access_dialog.reset()
        self.subject_access_dialog.ask_save_path = self.ask_save_path
        self.subject_access_dialog.open()
        return self.subject_access_dialog
