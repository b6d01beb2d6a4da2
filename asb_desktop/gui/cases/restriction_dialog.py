"""Who may open a case: the lead officer or a supervisor marks it restricted
(a domestic-abuse victim's case, a colleague's neighbour) with a reason, and
names the officers who still need it. Everyone else no longer finds it, nor
the people named only on it.

Restricting is suggested, not forced, when the case involves domestic
abuse: the officer knows whether the household is at risk from someone with
access to the profile.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QListWidget, QListWidgetItem, QWidget

from asb_desktop.controllers.access import AccessController
from asb_desktop.controllers.casework import CaseworkController
from asb_desktop.controllers.errors import ValidationError
from asb_desktop.controllers.profile import ProfileController
from asb_desktop.domain.views import CaseDetail, UserView
from asb_desktop.gui.cases.case_sections import involves_domestic_abuse
from asb_desktop.gui.cases.casework_forms import text_box
from asb_desktop.gui.cases.fitted_dialog import FittedDialog
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.widgets import named

SUGGESTION = ("This case involves domestic abuse: restricting it is advised, so only the "
              "officers named here can open it or find the people on it.")


class RestrictionDialog(FittedDialog):
    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 access: AccessController, profile: ProfileController,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, casework, case, "Who can open this case",
                         "Only the lead officer or a supervisor can change this.", parent)
        self.setObjectName("restrictionDialog")
        self._access = access
        self.suggestion = QLabel(SUGGESTION)
        self.suggestion.setObjectName("restrictSuggestion")
        self.suggestion.setWordWrap(True)
        self.form.addRow(self.suggestion)
        self.form.setRowVisible(self.suggestion,
                                involves_domestic_abuse(case) and not case.restricted)
        self.restricted = named(QCheckBox("&Restricted: only named officers and supervisors"),
                                "Restricted")
        self.restricted.setChecked(case.restricted or involves_domestic_abuse(case))
        self.errors.row(self.form, "restricted", "Restriction", self.restricted)
        self.officers = named(QListWidget(), "Officers who may open it")
        self.officers.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        self.errors.row(self.form, "officers", "Na&me officers", self.officers,
                        hint="Tick each officer who needs to work on it; untick one who "
                             "no longer does")
        self.reason = text_box(3)
        self.errors.row(self.form, "reason", "Reaso&n", self.reason,
                        hint="Kept in the audit log with your name")
        ops.run(profile.users, self._team)
        self.finish("&Save")

    def _team(self, users: list[UserView]) -> None:
        lead = self.case.lead_officer.id if self.case.lead_officer else None
        for u in users:
            if u.id == lead:
                continue  # the lead officer always may
            item = QListWidgetItem(f"{u.name} ({u.role})")
            item.setData(Qt.ItemDataRole.UserRole, u.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            named_now = u.id in self.case.named_officers
            item.setCheckState(Qt.CheckState.Checked if named_now else Qt.CheckState.Unchecked)
            self.officers.addItem(item)
        if not self.officers.count():
            # An empty box says nothing; say why it is empty and where colleagues come from.
            item = QListWidgetItem("No other officers in this profile yet. A supervisor adds "
                                   "colleagues under File ▸ Team members.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.officers.addItem(item)

    def named_officers(self) -> list[str]:
        items = (self.officers.item(i) for i in range(self.officers.count()))
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in items
                if i.checkState() == Qt.CheckState.Checked]

    def job(self) -> Callable[[], object]:
        access, case_id, reason = self._access, self.case.id, self.reason.toPlainText()
        restricted, ticked = self.restricted.isChecked(), set(self.named_officers())
        before = set(self.case.named_officers)
        change = restricted != self.case.restricted
        added, removed = sorted(ticked - before), sorted(before - ticked)

        def run() -> str:
            if not change and not added and not removed:
                raise ValidationError({"restricted": "Change the restriction, or name or "
                                                     "untick an officer"})
            if change:
                access.set_restricted(case_id, restricted, reason)
            for user_id in added:  # each naming is its own audited write
                access.name_officer(case_id, user_id, reason)
            for user_id in removed:
                access.remove_officer(case_id, user_id, reason)
            return case_id

        return run
