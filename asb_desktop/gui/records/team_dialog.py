"""Team members: the colleagues this profile knows (lead officers, action
owners, officers named on a restricted case), and this laptop's support code for
support calls.

Anyone may add an officer colleague, so a case can be given to them; only a
supervisor adds a supervisor or changes a colleague's role, and nobody
changes their own (``domain.permissions.role_change_refusal``: a supervisor
opens every restricted case, so the role is the key to them). The refusal is
the controller's, shown beside the role in its own words; the window does
not hide the choice, so an officer learns why rather than finding it gone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.controllers.errors import PermissionDenied, ValidationError
from asb_desktop.controllers.profile import ProfileController
from asb_desktop.domain.enums import Role
from asb_desktop.domain.views import UserView
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.scrolled import scrolled
from asb_desktop.gui.common.widgets import enum_items, fill_combo, heading, hint, label_of, named

CHOOSE_COLLEAGUE = "Choose the colleague in the list first"


def refusal_on(field: str, call: Callable[[], UserView]) -> Callable[[], UserView]:
    """The controller's refusal (an officer adding a supervisor) beside ``field``,
    like any other problem with the form, instead of in a separate message box."""

    def run() -> UserView:
        try:
            return call()
        except PermissionDenied as exc:
            raise ValidationError({field: str(exc)}) from None

    return run


def _form_box(title: str) -> tuple[QGroupBox, FormErrors, QFormLayout]:
    """A titled box holding a small form with its own error summary."""
    box = QGroupBox(title)
    box.setAccessibleName(title)
    column = QVBoxLayout(box)
    errors = FormErrors(box)
    column.addWidget(errors.summary)
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    column.addLayout(form)
    return box, errors, form


class TeamDialog(QDialog):
    def __init__(self, ops: OpsRunner, profile: ProfileController, is_supervisor: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a fresh list each time it opens
        self.setWindowTitle("Team members")
        self.setAccessibleName("Team members")
        self._ops, self._profile = ops, profile
        self.users: list[UserView] = []
        outer = QVBoxLayout(self)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)  # clear of the scroll bar
        layout.addWidget(heading("Team members", 1))
        self.device = QLabel("Support code for this laptop: …")
        self.device.setObjectName("deviceCode")
        self.device.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.device)
        layout.addWidget(hint(
            "Colleagues known to this profile: they can lead cases, own actions and be named "
            "on a restricted case. " + ("As a supervisor you can add officers and supervisors "
                                        "and change a colleague's role." if is_supervisor else
                                        "You can add an officer; only a supervisor can add a "
                                        "supervisor or change a role.")))
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("teamTable")
        self.table.setAccessibleName("Team members")
        self.table.setHorizontalHeaderLabels(["Name", "Role"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height()
                                    + self.table.verticalHeader().defaultSectionSize() * 4 + 4)
        layout.addWidget(self.table, 1)

        add_box, self.add_errors, add_form = _form_box("Add a colleague")
        self.name = QLineEdit()
        self.add_errors.row(add_form, "name", "&Name", self.name)
        self.role = fill_combo(QComboBox(), enum_items(Role))
        self.add_errors.row(add_form, "role", "R&ole", self.role)
        self.add_button = named(QPushButton("&Add colleague"), "Add colleague")
        add_form.addRow("", self.add_button)
        layout.addWidget(add_box)

        role_box, self.role_errors, role_form = _form_box("Change the chosen colleague's role")
        self.new_role = fill_combo(QComboBox(), enum_items(Role))
        self.role_errors.row(role_form, "role", "New ro&le", self.new_role)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        self.role_errors.row(role_form, "reason", "&Reason", self.reason,
                             hint="Kept in the audit log with your name")
        self.role_button = named(QPushButton("&Change role"), "Change role")
        role_form.addRow("", self.role_button)
        layout.addWidget(role_box)
        self.outcome = QLabel()
        self.outcome.setObjectName("teamOutcome")
        self.outcome.setWordWrap(True)
        layout.addWidget(self.outcome)

        # The forms scroll under the list when the text is large; Close stays in view.
        outer.addWidget(scrolled(body, "Team members"), 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        named(box.button(QDialogButtonBox.StandardButton.Close), "Close")
        outer.addWidget(box)
        self.add_button.clicked.connect(self.add_colleague)
        self.name.returnPressed.connect(self.add_colleague)
        self.role_button.clicked.connect(self.change_role)
        self.table.currentCellChanged.connect(lambda *_a: self._chosen_changed())
        width = self.fontMetrics().averageCharWidth() * 80
        screen = self.screen().availableGeometry() if self.screen() else None
        height = body.sizeHint().height() + box.sizeHint().height() + 40
        self.resize(width, min(height, int(screen.height() * 0.9)) if screen else height)
        self.reload()
        ops.run(profile.device_code, self._show_device)

    def _show_device(self, code: str) -> None:
        self.device.setText(f"Support code for this laptop: <b>{code or 'not set'}</b> "
                            "(give it when you call for support)")
        self.device.setAccessibleName(f"Support code for this laptop: {code or 'not set'}")

    def reload(self) -> None:
        self._ops.run(self._profile.users, self._show_users, latest="team-members")

    def _show_users(self, users: list[UserView]) -> None:
        chosen = self.chosen()
        self.users = users
        self.table.setRowCount(len(users))
        for i, u in enumerate(users):
            for j, text in enumerate((u.name, label_of(u.role, Role))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, u.id)
                self.table.setItem(i, j, item)
        # The colleague chosen before stays chosen; nobody is chosen for the officer.
        at = next((i for i, u in enumerate(users) if chosen is not None and u.id == chosen.id), -1)
        self.table.setCurrentCell(at, 0 if at >= 0 else -1)

    def chosen(self) -> UserView | None:
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def _chosen_changed(self) -> None:
        user = self.chosen()
        if user is not None:  # offer the other role
            other = Role.OFFICER if user.role == Role.SUPERVISOR.value else Role.SUPERVISOR
            self.new_role.setCurrentIndex(self.new_role.findData(other.value))

    def _send(self, button: QPushButton, errors: FormErrors, call: Callable[[], UserView],
              done: Callable[[UserView], str]) -> None:
        """One write, its button off until it answers; what it did said under the forms,
        a refusal beside the role."""
        def succeeded(user: UserView) -> None:
            button.setEnabled(True)
            errors.clear()
            self.outcome.setText(done(user))
            self.reload()

        button.setEnabled(False)
        self._ops.run(refusal_on("role", call), succeeded, form=errors.show, parent=self,
                      after_failure=lambda _exc: button.setEnabled(True))

    def add_colleague(self) -> None:
        profile, name, role = self._profile, self.name.text(), str(self.role.currentData())

        def added(user: UserView) -> str:
            self.name.clear()
            return f"{user.name} added as {label_of(user.role, Role).lower()}."

        self._send(self.add_button, self.add_errors, lambda: profile.add_user(name, role), added)

    def change_role(self) -> None:
        user = self.chosen()
        if user is None:
            self.role_errors.show({"role": CHOOSE_COLLEAGUE})
            return
        profile, role, reason = self._profile, str(self.new_role.currentData()), self.reason.toPlainText()

        def changed(user: UserView) -> str:
            self.reason.clear()
            return f"{user.name} is now {label_of(user.role, Role).lower()}."

        self._send(self.role_button, self.role_errors,
                   lambda: profile.set_role(user.id, role, reason), changed)
