"""Controllers for the landlord's policy: ``PolicyController`` (what is due,
case review, repeat non-ASB advice, libraries, ladder, equality) and
``RiskController`` (risk matrix, DASH, signposting)."""

from asb_desktop.controllers.policy.controller import PolicyController
from asb_desktop.controllers.policy.risk import RiskController

__all__ = ["PolicyController", "RiskController"]
