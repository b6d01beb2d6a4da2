"""The controllers the case page needs beyond cases and casework: risk and
DASH, people, who may open a restricted case, the team's officers, and the
paused targets and ASB Case Review requests.

Gathered in one value so the window hands them to the case view once,
instead of the case view growing a parameter for each new screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from asb_desktop.app import App
from asb_desktop.controllers.access import AccessController
from asb_desktop.controllers.people import PeopleController
from asb_desktop.controllers.policy import RiskController
from asb_desktop.controllers.policy.follow_up import FollowUpController
from asb_desktop.controllers.profile import ProfileController
from asb_desktop.gui.common.letters import DocumentsMaker, documents_maker


@dataclass(frozen=True)
class CaseTools:
    risk: RiskController
    people: PeopleController
    access: AccessController
    profile: ProfileController
    follow_up: FollowUpController
    #: Letters from the case (the PDF stack is loaded only when one is asked for).
    documents: DocumentsMaker | None = None

    @classmethod
    def of(cls, app: App) -> CaseTools:
        return cls(app.risk, app.people, AccessController(app.unit), app.profile,
                   FollowUpController(app.unit), documents=documents_maker(app))
