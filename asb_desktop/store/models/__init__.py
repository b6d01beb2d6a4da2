"""SQLAlchemy 2.0 typed models. Import from here so every table is registered."""

from asb_desktop.store.models.base import Base, new_id
from asb_desktop.store.models.cases import (
    Action,
    Case,
    CaseLink,
    CaseParty,
    Contact,
    Evidence,
    Intervention,
    Lesson,
    Referral,
    Review,
    RiskAssessment,
)
from asb_desktop.store.models.people import Device, Person, Property, Tenancy, TenancyMember, User
from asb_desktop.store.models.policy import (
    CaseReviewRequest,
    DashDetail,
    ReferBack,
    ReportAcknowledgement,
    TargetPause,
)
from asb_desktop.store.models.reports import Advice, Report
from asb_desktop.store.models.security import CaseAccess, LegalHold
from asb_desktop.store.models.sync import (
    CaseKey,
    SyncConflict,
    SyncPeer,
    SyncQuarantine,
    SyncReceived,
    SyncSealed,
    SyncSetAside,
)
from asb_desktop.store.models.system import AuditEntry, Change, Draft, Meta
from asb_desktop.store.models.visits import TenancyVisit

__all__ = [
    "Action",
    "Advice",
    "AuditEntry",
    "Base",
    "Case",
    "CaseAccess",
    "CaseKey",
    "CaseLink",
    "CaseParty",
    "CaseReviewRequest",
    "Change",
    "Contact",
    "DashDetail",
    "Device",
    "Draft",
    "Evidence",
    "Intervention",
    "LegalHold",
    "Lesson",
    "Meta",
    "Person",
    "Property",
    "ReferBack",
    "Referral",
    "Report",
    "ReportAcknowledgement",
    "Review",
    "RiskAssessment",
    "SyncConflict",
    "SyncPeer",
    "SyncQuarantine",
    "SyncReceived",
    "SyncSealed",
    "SyncSetAside",
    "TargetPause",
    "Tenancy",
    "TenancyMember",
    "TenancyVisit",
    "User",
    "new_id",
]
