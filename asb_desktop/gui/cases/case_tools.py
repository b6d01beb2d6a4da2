"""The controllers the case page needs beyond cases and casework: risk and
DASH, people, who may open a restricted case, and the team's officers.

Gathered in one value so the window hands them to the case view once,
instead of the case view growing a parameter for each new screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from asb_desktop.app import App
from asb_desktop.controllers.access import AccessController
from asb_desktop.controllers.people import PeopleController
from asb_desktop.controllers.policy import RiskController
from asb_desktop.controllers.profile import ProfileController


@dataclass(frozen=True)
class CaseTools:
    risk: RiskController
    people: PeopleController
    access: AccessController
    profile: ProfileController

    @classmethod
    def of(cls, app: App) -> CaseTools:
        return cls(app.risk, app.people, AccessController(app.unit), app.profile)
