"""The domestic-abuse and restricted-case rules every output obeys.

Sending an alleged abuser a summary or a letter about the case can tell him
what his victim said, when, and to whom: it can put her at risk. So on a case
with domestic abuse, or a restricted case, anything for the alleged
perpetrator needs a supervisor's recorded decision first. A home the victim
shares with him is never printed for the panel or for him, and a
domestic-abuse case going to a community panel rather than MARAC is only
included once someone has said they mean it.

These are pure checks on a :class:`CaseDetail`; the documents controller
applies them, so the window, the command line and panel packs obey them alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from asb_desktop.domain.enums import Category, PartyRole, RiskTool
from asb_desktop.domain.errors import UserError
from asb_desktop.domain.views import CaseDetail, PersonView

PROTECTED = frozenset({PartyRole.COMPLAINANT.value, PartyRole.VICTIM.value, PartyRole.WITNESS.value})


def involves_domestic_abuse(case: CaseDetail) -> bool:
    """Any report categorised as domestic abuse, or a DASH assessment on the case."""
    if Category.DOMESTIC_ABUSE.value in case.categories:
        return True
    if any(Category.DOMESTIC_ABUSE.value in r.categories for r in case.reports):
        return True
    return any(r.tool == RiskTool.DASH.value for r in case.risk_assessments)


def needs_override(case: CaseDetail) -> bool:
    """Anything for the alleged perpetrator of this case needs a supervisor's override."""
    return case.restricted or involves_domestic_abuse(case)


def _home(person: PersonView) -> str:
    """Address and postcode compared as written, whatever the case, commas or spacing."""
    return _fold(person.address, person.postcode)


def _fold(address: str, postcode: str) -> str:
    return " ".join(f"{address} {postcode}".casefold().replace(",", " ").split())


def home_key(address: str, postcode: str) -> str:
    """Equal for people in one household; empty unless both address and postcode are
    known, so two people with no address are never taken for one household."""
    return _fold(address, postcode) if address.strip() and postcode.strip() else ""


def same_home(a: PersonView, b: PersonView) -> bool:
    return bool(a.address and a.postcode) and _home(a) == _home(b)


def shared_homes(case: CaseDetail) -> frozenset[str]:
    """Ids of alleged perpetrators who share a home with a complainant, victim or witness."""
    protected = {_home(p.person) for p in case.parties if p.role in PROTECTED and _home(p.person)}
    return frozenset(
        p.person.id for p in case.parties
        if p.role == PartyRole.ALLEGED_PERPETRATOR.value and _home(p.person) in protected
    )


class OverrideNeeded(UserError):
    """Refused: a supervisor must record why this output is safe to make.

    The window asks a supervisor for the reason and tries again; the command
    line says which option to give.
    """

    def __init__(self, message: str, reference: str, supervisor: bool) -> None:
        super().__init__(message)
        self.reference = reference
        self.supervisor = supervisor


def refusal(case: CaseDetail, what: str, supervisor: bool) -> OverrideNeeded:
    why = "involves domestic abuse" if involves_domestic_abuse(case) else "is restricted"
    ask = ("Record an override with your reason to make it." if supervisor
           else "Only a supervisor can override this, with a reason.")
    return OverrideNeeded(
        f"Case {case.reference} {why}: {what} for the alleged perpetrator could tell them what "
        f"the victim reported and when, and put the victim at risk. {ask}",
        case.reference, supervisor,
    )


class ConfirmationNeeded(UserError):
    """The output can be made, but only once the person has confirmed each named point.

    ``points`` are keys of :data:`CONFIRMATIONS`; pass them back as ``confirm``.
    """

    def __init__(self, points: Sequence[tuple[str, str]]) -> None:
        super().__init__(" ".join(text for _, text in points))
        self.points = tuple(points)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.points)


#: What a panel pack can ask to be confirmed, and the command-line option for each.
CONFIRMATIONS = {"domestic_abuse": "--confirm-da", "past_meeting": "--confirm-past"}


@dataclass(frozen=True)
class PackCheck:
    marac: bool
    meeting: date
    today: date


def pack_points(cases: Iterable[CaseDetail], check: PackCheck) -> list[tuple[str, str]]:
    """What the person making a pack must confirm: DA cases outside MARAC, a past meeting."""
    points: list[tuple[str, str]] = []
    da = [c.reference for c in cases if involves_domestic_abuse(c)]
    if da and not check.marac:
        points.append(("domestic_abuse", (
            f"{', '.join(da)} involve{'s' if len(da) == 1 else ''} domestic abuse. MARAC is the usual "
            "forum for domestic-abuse cases; a community panel shares the case with more agencies. "
            "Confirm this panel is the right place."
        )))
    if check.meeting < check.today:
        points.append(("past_meeting", (
            f"The meeting date {check.meeting.strftime('%d %B %Y').lstrip('0')} has passed. "
            "Confirm the date is right."
        )))
    return points
