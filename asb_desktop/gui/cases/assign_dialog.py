"""Giving one case a new lead officer, from the case page (a colleague on
leave, a case that needs a specialist), with the reason kept in the audit
log. The caseload review moves many cases at once; this is the one case in
front of the officer.

A restricted case stays restricted: only its lead officer or a supervisor
can move it (the controller refuses anyone else, in the words shown here),
and its new lead officer may open it from then on. Moving it takes nobody's
access away: the officer who led it is named on it first, so an officer
handing over their own restricted case can still open it to hand it over
well; "Who can open this case" is where access is decided.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from asb_desktop.controllers.access import AccessController
from asb_desktop.controllers.cases import CasesController
from asb_desktop.controllers.casework import CaseworkController
from asb_desktop.controllers.errors import ValidationError
from asb_desktop.controllers.profile import ProfileController
from asb_desktop.domain.enums import Role
from asb_desktop.domain.views import CaseDetail, UserView
from asb_desktop.gui.cases.casework_forms import text_box
from asb_desktop.gui.cases.fitted_dialog import FittedDialog
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.widgets import fill_combo, label_of

RESTRICTED_NOTE = "This case is restricted: its new lead officer will be able to open it."
STAYS_NAMED = " {lead} stays named on it and can still open it."
NO_OFFICER = "Choose the officer who will lead the case"


class AssignDialog(FittedDialog):
    def __init__(self, ops: OpsRunner, casework: CaseworkController, case: CaseDetail,
                 cases: CasesController, profile: ProfileController, access: AccessController,
                 parent: QWidget | None = None) -> None:
        lead = case.lead_officer.name if case.lead_officer else "nobody yet"
        super().__init__(ops, casework, case, "Change the lead officer",
                         f"The lead officer now is {lead}.", parent)
        self.setObjectName("assignDialog")
        self._cases, self._access = cases, access
        self.note = QLabel(RESTRICTED_NOTE + (STAYS_NAMED.format(lead=lead)
                                              if case.lead_officer else ""))
        self.note.setObjectName("assignRestrictedNote")
        self.note.setWordWrap(True)
        self.form.addRow(self.note)
        self.form.setRowVisible(self.note, case.restricted)
        self.officer = fill_combo(QComboBox(), [], first="Choose…")
        self.errors.row(self.form, "officer_id", "New &lead officer", self.officer)
        self.reason = text_box(3)
        self.errors.row(self.form, "reason", "Reaso&n", self.reason,
                        hint="Kept in the audit log with your name")
        ops.run(profile.users, self._team)
        self.finish("&Save")

    def _team(self, users: list[UserView]) -> None:
        lead = self.case.lead_officer.id if self.case.lead_officer else None
        fill_combo(self.officer, [(f"{u.name} ({label_of(u.role, Role).lower()})", u.id)
                                  for u in users if u.id != lead], first="Choose…")

    def job(self) -> Callable[[], object]:
        cases, access, case_id = self._cases, self._access, self.case.id
        officer, reason = self.officer.currentData(), self.reason.toPlainText()
        lead = self.case.lead_officer
        keep = lead.id if self.case.restricted and lead is not None else None

        def run() -> str:
            if officer is None:
                problems = {"officer_id": NO_OFFICER}
                if not reason.strip():  # both at once, as the controller would say them
                    try:
                        cases.assign(case_id, "", reason)
                    except ValidationError as exc:
                        problems |= exc.errors
                raise ValidationError(problems)
            if keep is not None and reason.strip():  # each its own audited write
                access.name_officer(case_id, keep, f"Led the case before: {reason.strip()}")
            return cases.assign(case_id, str(officer), reason).id

        return run
