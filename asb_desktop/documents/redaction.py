"""Redaction: from a case as the officer sees it to a case fit for one audience.

Victims' addresses have been handed to abusers by landlords printing the
wrong thing. So redaction is done here, on the data, before any layout:
whatever :func:`prepare` leaves out cannot reach a PDF, because the layout
code only ever sees a :class:`PrintableCase`. Nothing is blacked out over
text that is still in the file.

The rules, by audience:

* ``internal``: everything the case holds.
* ``panel``: complainants', victims' and witnesses' contact details,
  addresses and dates of birth are left out; witnesses are named by role
  ("Witness 1"), in free text too; free text that mentions a protected
  person's address, postcode, phone or e-mail is left out whole.
* ``perpetrator``: nothing that identifies a complainant, victim or witness.
  Free text is left out unless an officer marked it shareable (contacts and
  evidence carry that flag; report descriptions, action descriptions,
  reasons and notes do not, so they are always left out), and even shareable
  text is left out if it names a protected person or gives their details.
  Nor does it say how much was left out (a count of contacts tells the reader
  how often the victim rang), name partner agencies that reveal a
  vulnerability ("Adult social care"), or call the reports domestic abuse.
* A home an alleged perpetrator shares with a complainant, victim or witness
  is printed for neither the panel nor the perpetrator (see ``guard``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from asb_desktop.documents.guard import shared_homes
from asb_desktop.domain.enums import (
    Adjustment,
    Category,
    ClosureOutcome,
    ContactMethod,
    EvidenceKind,
    HateStrand,
    InterventionKind,
    Labelled,
    PartyRole,
    ReferralKind,
    RiskTool,
)
from asb_desktop.domain.views import CaseDetail, PartyView, PersonView


class Audience(StrEnum):
    INTERNAL = "internal"
    PANEL = "panel"
    PERPETRATOR = "perpetrator"

    @property
    def label(self) -> str:
        return _AUDIENCE_LABELS[self.value]

    @property
    def explanation(self) -> str:
        """Printed on the cover, so a reader knows what was deliberately left out."""
        return _AUDIENCE_NOTES[self.value]


_AUDIENCE_LABELS = {
    "internal": "Internal (landlord staff only)",
    "panel": "Multi-agency panel",
    "perpetrator": "Alleged perpetrator",
}
_AUDIENCE_NOTES = {
    "internal": "Full record. Not to be shared outside the landlord.",
    "panel": "Prepared for the multi-agency panel. Contact details, addresses and dates of birth "
    "of complainants, victims and witnesses are left out; witnesses are named by role. "
    "Free text that gave those details is left out.",
    "perpetrator": "Prepared for disclosure to the alleged perpetrator. Nothing that identifies "
    "complainants, victims or witnesses is included. Free-text notes are included only "
    "where an officer marked them shareable.",
}

#: What the layout prints where a field was deliberately left out.
WITHHELD = "Not included in this version"

PROTECTED_ROLES = frozenset({PartyRole.COMPLAINANT, PartyRole.VICTIM, PartyRole.WITNESS})


def audience_of(value: str) -> Audience:
    try:
        return Audience(value)
    except ValueError:
        choices = ", ".join(a.value for a in Audience)
        raise ValueError(f"Unknown audience {value!r}; choose one of {choices}") from None


# -- the structure the layout prints ------------------------------------------


@dataclass(frozen=True)
class PrintParty:
    role: str
    name: str
    details: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ChronologyItem:
    when: datetime
    kind: str  # "Report" or "Contact"
    who: str
    text: str | None  # None: left out for this audience


@dataclass(frozen=True)
class PrintAction:
    description: str | None
    owner: str
    due_date: date | None
    status: str
    completed_on: date | None
    overdue: bool


@dataclass(frozen=True)
class PrintIntervention:
    kind: str
    person: str
    started_on: date | None
    expires_on: date | None
    review_on: date | None
    reason: str | None
    tried_before: str | None  # why earlier rungs of the ladder were skipped, if they were


@dataclass(frozen=True)
class PrintEvidence:
    kind: str
    description: str | None
    captured_on: date | None
    file_name: str


@dataclass(frozen=True)
class PrintReferral:
    kind: str
    person: str
    service: str
    made_on: date | None
    notes: str | None


@dataclass(frozen=True)
class PrintRisk:
    tool: str
    person: str
    assessed_on: date
    score: int
    level: str
    marac_referral: bool


@dataclass(frozen=True)
class PanelBrief:
    """Why a case is at panel and what partners are asked to do, entered when it is added to a pack."""

    why: str
    ask: str


@dataclass(frozen=True)
class PrintableCase:
    reference: str
    audience: Audience
    status: str
    risk_level: str
    restricted: bool
    categories: tuple[str, ...]
    hate_strands: tuple[str, ...]
    opened_on: date
    closed_on: date | None
    outcome: str
    closure_reason: str | None
    lead_officer: str
    lead_agency: str
    partner_agencies: tuple[str, ...]
    summary: str | None
    parties: tuple[PrintParty, ...]
    parties_note: str
    chronology: tuple[ChronologyItem, ...]
    actions: tuple[PrintAction, ...]
    interventions: tuple[PrintIntervention, ...]
    evidence: tuple[PrintEvidence, ...]
    referrals: tuple[PrintReferral, ...]
    risk_assessments: tuple[PrintRisk, ...] | None  # None: not shared with this audience
    left_out: tuple[str, ...]  # plain sentences: what was held back, counted (never for him)
    brief: PanelBrief | None = None

    @property
    def outstanding(self) -> tuple[PrintAction, ...]:
        return tuple(a for a in self.actions if a.status == "open")


# -- matching protected details in free text ------------------------------------


#: Consecutive digits of a protected phone number that are treated as giving it away.
PHONE_RUN = 8


class _Protected:
    """The details of complainants, victims and witnesses that free text must not carry."""

    def __init__(self, people: Iterable[PersonView], labels: dict[str, str]) -> None:
        self.terms: list[str] = []
        self.phones: list[str] = []
        self.names: list[re.Pattern[str]] = []
        self.labels = [(_name_pattern(name), label) for name, label in labels.items()]
        for p in people:
            for value in (p.email, p.address, p.postcode):
                self._term(value)
            if p.address:
                self._term(p.address.split(",")[0])
            if p.postcode:
                self._term(p.postcode.replace(" ", ""))
            digits = re.sub(r"\D", "", p.phone)
            if len(digits) >= 6:
                self.phones.append(digits)
            if p.name and p.name != "(no name)":
                self.names.append(_name_pattern(p.name))

    def _term(self, value: str) -> None:
        value = _fold(value)
        if len(value) >= 4:
            self.terms.append(value)

    def gives_contact(self, text: str) -> bool:
        low = _fold(text)
        if any(t in low for t in self.terms):
            return True
        digits = re.sub(r"\D", "", text)
        # Part of a number identifies as well as all of it (a file name cut short,
        # "ring 0770090046"): any PHONE_RUN digits in a row from a protected phone count.
        return any(
            phone[i:i + PHONE_RUN] in digits
            for phone in self.phones
            for i in range(max(1, len(phone) - PHONE_RUN + 1))
        )

    def names_someone(self, text: str) -> bool:
        return any(p.search(text) for p in self.names)

    def relabel(self, text: str) -> str:
        for pattern, label in self.labels:
            text = pattern.sub(label, text)
        return text


def _fold(text: str) -> str:
    """Case and spacing never hide an address: "14  LARCH close" is "14 larch close"."""
    return " ".join(text.casefold().split())


def _name_pattern(name: str) -> re.Pattern[str]:
    """The full name or any part of it of three letters or more, as whole words."""
    parts = sorted({name, *(w for w in name.split() if len(w) >= 3)}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in parts) + r")(?!\w)", re.I)


# -- the redaction -----------------------------------------------------------


def _label(enum: type[Labelled], value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value.replace("_", " ").capitalize()


#: Partner agencies the perpetrator's copy may name: the words that make one safe, and
#: the words that make one reveal something about the victim even so.
SAFE_AGENCY_WORDS = ("police", "community safety", "environmental health", "fire", "landlord",
                     "council", "mediation", "anti-social behaviour", "asb")
REVEALING_AGENCY_WORDS = ("social care", "mental health", "social services", "domestic", "idva",
                          "marac", "refuge", "women", "safeguarding", "health", "disab", "support",
                          "children", "adult", "victim", "care", "learning")


def disclosable_agency(name: str) -> bool:
    """Only agencies that say nothing about anyone's needs go on the perpetrator's copy."""
    low = name.casefold()
    return any(w in low for w in SAFE_AGENCY_WORDS) and not any(w in low for w in REVEALING_AGENCY_WORDS)


def _person_details(p: PersonView, full: bool, home: bool = True) -> tuple[tuple[str, str], ...]:
    rows: list[tuple[str, str]] = []
    if full:
        if p.date_of_birth:
            rows.append(("Date of birth", p.date_of_birth.strftime("%d %b %Y")))
        address = ", ".join(x for x in (p.address, p.postcode) if x)
        if address and not home:
            rows.append(("Address", "Left out: shared with a protected party"))
        elif address:
            rows.append(("Address", address))
        if p.phone:
            rows.append(("Phone", p.phone))
        if p.email:
            rows.append(("E-mail", p.email))
        if p.contact_preferences:
            rows.append(("Contact preferences", p.contact_preferences))
    if p.vulnerabilities:
        rows.append(("Vulnerabilities", p.vulnerabilities))
    if p.adjustments:
        adj = ", ".join(_label(Adjustment, a) for a in p.adjustments)
        notes = f" ({p.adjustment_notes})" if p.adjustment_notes else ""
        rows.append(("Reasonable adjustments", adj + notes))
    if p.language:
        rows.append(("Language", p.language))
    return tuple(rows)


def prepare(
    case: CaseDetail, audience: str | Audience, brief: PanelBrief | None = None
) -> PrintableCase:
    """The case as ``audience`` may see it; the only road from a case to paper."""
    aud = audience_of(audience) if isinstance(audience, str) else audience
    internal = aud is Audience.INTERNAL
    panel = aud is Audience.PANEL
    perp = aud is Audience.PERPETRATOR

    protected_parties = [p for p in case.parties if p.role in PROTECTED_ROLES]
    protected_names = {p.person.name for p in protected_parties}
    perpetrators = [
        p for p in case.parties
        if p.role == PartyRole.ALLEGED_PERPETRATOR and p.person.name not in protected_names
    ]
    perpetrator_names = {p.person.name for p in perpetrators}
    witness_labels: dict[str, str] = {}
    for p in protected_parties:
        if p.role == PartyRole.WITNESS and p.person.name not in witness_labels:
            witness_labels[p.person.name] = f"Witness {len(witness_labels) + 1}"
    # A witness who is also a complainant is still named by role to the panel.
    guard = _Protected((p.person for p in protected_parties), witness_labels)
    counts: dict[str, int] = {}

    def held(what: str) -> None:
        counts[what] = counts.get(what, 0) + 1

    def text(value: str, shareable: bool = False) -> str | None:
        """Free text for this audience, or None when it must be left out."""
        if internal or not value:
            return value
        if panel:
            return None if guard.gives_contact(value) else guard.relabel(value)
        if not shareable or guard.gives_contact(value) or guard.names_someone(value):
            return None
        return value

    def who(name: str) -> str:
        """A person's name as this audience may see it."""
        if internal or not name:
            return name
        if panel:
            return witness_labels.get(name, name)
        return name if name in perpetrator_names else ""

    parties = _parties(case.parties, aud, witness_labels, perpetrator_names, shared_homes(case))
    parties_note = {
        Audience.INTERNAL: "",
        Audience.PANEL: "Contact details and addresses of complainants, victims and witnesses "
        "are left out. Witnesses are named by role.",
        Audience.PERPETRATOR: "Complainants, victims and witnesses are not named in this version.",
    }[aud]

    chronology: list[ChronologyItem] = []
    for r in case.reports:
        cats = ", ".join(_category(c) for c in r.categories)
        if perp:
            said = safe_categories(r.categories, for_perpetrator=True)
            chronology.append(ChronologyItem(r.received_at, "Report", "", f"Report received: {said}"))
            held("report description")
            continue
        location = text(r.location) if r.location else ""
        body = text(r.excerpt)
        if body is None:
            held("report description")
        parts = [f"{cats}."]
        if location:
            parts.append(f"At {location}.")
        elif location is None:
            held("report location")
            parts.append("Location not included.")
        if body is not None:
            parts.append(body)
        chronology.append(
            ChronologyItem(r.received_at, "Report", who(r.reporter), " ".join(parts))
        )
    for c in case.contacts:
        if perp and not c.shareable:
            held("contact")
            continue
        summary = text(c.summary, c.shareable)
        if summary is None:
            held("contact note")
        method = _label(ContactMethod, c.method)
        line = f"{method}, {c.direction}" + (" (victim update)" if c.victim_update and not perp else "")
        chronology.append(
            ChronologyItem(c.at, "Contact", who(c.person),
                           None if summary is None else f"{line}. {summary}")
        )
    chronology.sort(key=lambda item: item.when)

    actions = tuple(
        PrintAction(
            description=None if perp else text(a.description), owner=a.owner,
            due_date=a.due_date, status=a.status, completed_on=a.completed_on, overdue=a.overdue,
        )
        for a in case.actions
    )
    if perp and actions:
        counts["action description"] = len(actions)

    interventions = tuple(
        PrintIntervention(
            kind=_label(InterventionKind, i.kind), person=who(i.person), started_on=i.started_on,
            expires_on=i.expires_on, review_on=i.review_on,
            reason=None if perp else text(i.proportionate_reason),
            tried_before=None if perp else text(i.tried_before),
        )
        for i in case.interventions
    )

    evidence: list[PrintEvidence] = []
    for e in case.evidence:
        if perp and not e.shareable:
            held("evidence item")
            continue
        description = text(e.description, e.shareable)
        evidence.append(
            PrintEvidence(
                kind=_label(EvidenceKind, e.kind), description=description,
                captured_on=e.captured_on,
                file_name="" if perp else (text(e.file_name) or ""),
            )
        )

    referrals: list[PrintReferral] = []
    for ref in case.referrals:
        if perp and ref.person not in perpetrator_names:
            held("referral")
            continue
        referrals.append(
            PrintReferral(
                kind=_label(ReferralKind, ref.kind), person=who(ref.person), service=ref.service,
                made_on=ref.made_on, notes=None if perp else text(ref.notes),
            )
        )

    risks = None if perp else tuple(
        PrintRisk(
            tool=_label(RiskTool, r.tool), person=who(r.person), assessed_on=r.assessed_on,
            score=r.score, level=r.level, marac_referral=r.marac_referral,
        )
        for r in case.risk_assessments
    )

    return PrintableCase(
        reference=case.reference,
        audience=aud,
        status=case.status,
        risk_level=case.risk_level,
        restricted=case.restricted,
        categories=(
            tuple(_category(c) for c in case.categories if c != Category.DOMESTIC_ABUSE.value)
            if perp else tuple(_category(c) for c in case.categories)
        ),
        hate_strands=tuple(_label(HateStrand, s) for s in case.hate_strands),
        opened_on=case.opened_at.date(),
        closed_on=case.closed_at.date() if case.closed_at else None,
        outcome=_label(ClosureOutcome, case.outcome) if case.outcome else "",
        closure_reason=None if perp else text(case.closure_reason),
        lead_officer=case.lead_officer.name if case.lead_officer else "",
        lead_agency=case.lead_agency,
        partner_agencies=(
            tuple(a for a in case.partner_agencies if disclosable_agency(a)) if perp
            else case.partner_agencies
        ),
        summary=None if perp else text(case.summary),
        parties=parties,
        parties_note=parties_note,
        chronology=tuple(chronology),
        actions=actions,
        interventions=interventions,
        evidence=tuple(evidence),
        referrals=tuple(referrals),
        risk_assessments=risks,
        left_out=() if perp else tuple(
            f"{n} {what}{'s' if n != 1 else ''}" for what, n in sorted(counts.items())
        ),
        brief=brief if panel or internal else None,
    )


def _category(value: str) -> str:
    return _label(Category, value)


def safe_categories(categories: Iterable[str], for_perpetrator: bool) -> str:
    """The kinds of behaviour in words for a sentence; never "domestic abuse" to the alleged abuser."""
    names = [
        _category(c).lower() for c in categories
        if not (for_perpetrator and c == Category.DOMESTIC_ABUSE.value)
    ]
    return ", ".join(dict.fromkeys(names)) or "behaviour reported to us"


def _parties(
    parties: tuple[PartyView, ...],
    aud: Audience,
    witness_labels: dict[str, str],
    perpetrator_names: set[str],
    sharing: frozenset[str] = frozenset(),
) -> tuple[PrintParty, ...]:
    out: list[PrintParty] = []
    for p in parties:
        role = _label(PartyRole, p.role)
        if aud is Audience.INTERNAL:
            out.append(PrintParty(role, p.person.name, _person_details(p.person, full=True)))
        elif aud is Audience.PANEL:
            if p.role == PartyRole.WITNESS:
                out.append(PrintParty(role, witness_labels[p.person.name], ()))
            elif p.role in PROTECTED_ROLES:
                out.append(PrintParty(role, p.person.name, _person_details(p.person, full=False)))
            else:
                home = p.person.id not in sharing
                out.append(PrintParty(role, p.person.name, _person_details(p.person, True, home)))
        elif p.role == PartyRole.ALLEGED_PERPETRATOR and p.person.name in perpetrator_names:
            out.append(PrintParty(role, p.person.name, ()))
    return tuple(out)
