"""The vocabulary officers use, as enums.

Values are stored in the database and in sync bundles, so they are stable
snake_case strings; ``label`` gives the words shown in the UI and on paper.
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A StrEnum whose members know the words officers use for them."""

    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("_", " ").capitalize())


class Role(Labelled):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"


class Channel(Labelled):
    """How a report was received."""

    PHONE = "phone"
    EMAIL = "email"
    IN_PERSON = "in_person"
    HOME_VISIT = "home_visit"
    ONLINE_FORM = "online_form"
    LETTER = "letter"
    PARTNER_AGENCY = "partner_agency"


class Category(Labelled):
    """What a report is about. Risk follows from these (see ``domain.risk``)."""

    HATE_INCIDENT = "hate_incident"
    DOMESTIC_ABUSE = "domestic_abuse"
    VIOLENCE = "violence"
    THREATS_TO_LIFE = "threats_to_life"
    DRUG_SUPPLY = "drug_supply"
    VERBAL_ABUSE = "verbal_abuse"
    HARASSMENT = "harassment"
    DRINK_DRUG_ASB = "drink_drug_asb"
    NOISE = "noise"
    CRIME = "crime"
    VANDALISM = "vandalism"
    ANIMALS = "animals"
    FLY_TIPPING = "fly_tipping"
    # Common reports that are usually not ASB (commitment 13): lifestyle clashes.
    LIFESTYLE = "lifestyle"
    PARKING = "parking"
    CHILDREN_PLAYING = "children_playing"
    OTHER = "other"


class HateStrand(Labelled):
    """The five monitored strands of a hate incident."""

    DISABILITY = "disability"
    RACE = "race"
    RELIGION = "religion"
    SEXUAL_ORIENTATION = "sexual_orientation"
    TRANSGENDER_IDENTITY = "transgender_identity"


class Assessment(Labelled):
    """Commitment 5: each report is assessed on its own merit."""

    ASB = "asb"
    NOT_ASB = "not_asb"
    MORE_INFORMATION = "more_information"


class AsbLimb(Labelled):
    """The three limbs of s2(1) Anti-social Behaviour, Crime and Policing Act 2014."""

    HARASSMENT_ALARM_DISTRESS = "harassment_alarm_distress"
    NUISANCE_OCCUPATION = "nuisance_occupation"
    HOUSING_RELATED_NUISANCE = "housing_related_nuisance"


class RiskLevel(Labelled):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return {"low": 1, "medium": 2, "high": 3}[self.value]


class CaseStatus(Labelled):
    OPEN = "open"
    MONITORING = "monitoring"
    CLOSED = "closed"


class PartyRole(Labelled):
    COMPLAINANT = "complainant"
    VICTIM = "victim"
    ALLEGED_PERPETRATOR = "alleged_perpetrator"
    WITNESS = "witness"
    OTHER = "other"


class ActionStatus(Labelled):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class InterventionKind(Labelled):
    """Tools in rough order of escalation (commitment 6); ``rung`` is that order."""

    ADVICE = "advice"
    WARNING_LETTER = "warning_letter"
    MEDIATION = "mediation"
    ABC = "abc"
    CPW = "cpw"
    CPN = "cpn"
    CIVIL_INJUNCTION = "civil_injunction"
    CLOSURE_NOTICE = "closure_notice"
    CLOSURE_ORDER = "closure_order"
    NOSP = "nosp"
    POSSESSION = "possession"

    @property
    def rung(self) -> int:
        return list(InterventionKind).index(self)


class EvidenceKind(Labelled):
    DIARY_SHEET = "diary_sheet"
    PHOTO = "photo"
    RECORDING = "recording"
    STATEMENT = "statement"
    DOCUMENT = "document"
    OTHER = "other"


class ContactMethod(Labelled):
    PHONE = "phone"
    HOME_VISIT = "home_visit"
    OFFICE = "office"
    EMAIL = "email"
    LETTER = "letter"
    TEXT = "text"


class ContactDirection(Labelled):
    OUTGOING = "outgoing"
    INCOMING = "incoming"


class ReferralKind(Labelled):
    REFERRAL = "referral"
    SIGNPOSTING = "signposting"


class VisitKind(Labelled):
    SIGN_UP = "sign_up"
    POST_TENANCY = "post_tenancy"
    OTHER = "other"


class VisitStatus(Labelled):
    DUE = "due"
    DONE = "done"
    MISSED = "missed"
    # The tenancy ended before the visit was made.
    CANCELLED = "cancelled"


class TenureType(Labelled):
    SECURE = "secure"
    INTRODUCTORY = "introductory"
    ASSURED = "assured"
    STARTER = "starter"
    FIXED_TERM = "fixed_term"
    LICENCE = "licence"
    SHARED_OWNERSHIP = "shared_ownership"


class Adjustment(Labelled):
    """Reasonable adjustments (commitment 11), shown wherever the person appears."""

    INTERPRETER = "interpreter"
    BSL_INTERPRETER = "bsl_interpreter"
    LARGE_PRINT = "large_print"
    EASY_READ = "easy_read"
    BRAILLE = "braille"
    HOME_VISITS_ONLY = "home_visits_only"
    TEXT_NOT_CALLS = "text_not_calls"
    SUPPORT_WORKER_PRESENT = "support_worker_present"
    OTHER = "other"


class ClosureOutcome(Labelled):
    RESOLVED = "resolved"
    NO_FURTHER_ACTION = "no_further_action"
    REFERRED_TO_LEAD_AGENCY = "referred_to_lead_agency"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"
    WITHDRAWN = "withdrawn"
    LEGAL_ACTION_CONCLUDED = "legal_action_concluded"


class RiskTool(Labelled):
    ASB_MATRIX = "asb_matrix"
    DASH = "dash"


class ReviewKind(Labelled):
    CASE_REVIEW = "case_review"
    QUALITY_REVIEW = "quality_review"
    ASB_CASE_REVIEW = "asb_case_review"


_LABELS = {
    "in_person": "In person",
    "home_visit": "Home visit",
    "office": "Office meeting",
    "text": "Text message",
    "online_form": "Online form",
    "partner_agency": "Partner agency",
    "drink_drug_asb": "Drink/drug-related ASB",
    "threats_to_life": "Threats to life",
    "fly_tipping": "Fly-tipping",
    "asb": "ASB",
    "not_asb": "Not ASB",
    "more_information": "More information needed",
    "harassment_alarm_distress": "s2(1)(a) harassment, alarm or distress",
    "nuisance_occupation": "s2(1)(b) nuisance to occupation of residential premises",
    "housing_related_nuisance": "s2(1)(c) housing-related nuisance or annoyance",
    "alleged_perpetrator": "Alleged perpetrator",
    "abc": "Acceptable Behaviour Contract",
    "cpw": "Community Protection Warning",
    "cpn": "Community Protection Notice",
    "nosp": "Notice of seeking possession",
    "post_tenancy": "Post-tenancy (settling-in) visit",
    "sign_up": "Sign-up",
    "bsl_interpreter": "BSL interpreter",
    "text_not_calls": "Text, not calls",
    "asb_matrix": "ASB risk matrix",
    "dash": "DASH",
    "asb_case_review": "ASB Case Review",
    "referred_to_lead_agency": "Referred to lead agency",
}
