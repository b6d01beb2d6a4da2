"""The sentences a letter is filled with, worded for the person who will read it.

Each function turns recorded facts into plain English (short sentences,
everyday words) for one reader: what happened and when, what the landlord
will do and by when, and what the reader can do (support, an ASB Case
Review, a complaint, the Housing Ombudsman). The alleged perpetrator's
words never say "domestic abuse" and never name a service that would tell
him the victim's needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from asb_desktop.documents.redaction import safe_categories
from asb_desktop.domain.landlord import Landlord
from asb_desktop.domain.policy import CaseReviewPolicy, SupportService
from asb_desktop.domain.views import ReportRow
from asb_desktop.domain.workdays import add_working_days

#: Most incidents a letter lists by date; more are summed up in one line.
MAX_INCIDENTS = 8
#: Most support services a letter lists.
MAX_SERVICES = 3
BULLET = "•"

#: Service kinds offered in letters, by reader. Domestic-abuse services never go in a
#: letter: it may be opened by the abuser (the officer gives those numbers in person).
REPORTER_KINDS = ("victim_support", "hate_crime", "mediation", "housing_support")
PERPETRATOR_KINDS = ("drug_alcohol", "mental_health", "debt_advice", "housing_support", "mediation")


def long_date(day: date) -> str:
    return day.strftime("%d %B %Y").lstrip("0")


def incidents(reports: Sequence[ReportRow], for_perpetrator: bool) -> str:
    """One line per report, newest last: its date and what kind of behaviour it was."""
    rows = sorted(reports, key=lambda r: r.received_at)
    lines = [
        f"{BULLET} {long_date(r.received_at.date())}: {safe_categories(r.categories, for_perpetrator)}"
        for r in rows[-MAX_INCIDENTS:]
    ]
    earlier = len(rows) - len(lines)
    if earlier > 0:
        lines.insert(0, f"{BULLET} {earlier} earlier report{'s' if earlier != 1 else ''} before these")
    return "\n".join(lines) or f"{BULLET} No dated reports are recorded."


def support(services: Iterable[SupportService], reader: str, hate: bool = False,
            abuse: bool = False) -> str:
    """Services the reader can contact themselves, from the landlord's directory.

    Mediation is never offered on a hate or domestic-abuse case: it puts the
    victim in a room with the person harming them.
    """
    kinds = PERPETRATOR_KINDS if reader == "alleged_perpetrator" else REPORTER_KINDS
    chosen = [
        s for s in services
        if s.kind in kinds and reader in s.serves and (hate or s.kind != "hate_crime")
        and not ((hate or abuse) and s.kind == "mediation")
    ]
    chosen.sort(key=lambda s: kinds.index(s.kind))
    lines = []
    for s in chosen[:MAX_SERVICES]:
        how = ", ".join(x for x in (s.phone and f"phone {s.phone}", s.website) if x)
        lines.append(f"{BULLET} {s.name}" + (f": {how}" if how else ""))
    return "\n".join(lines) or f"{BULLET} Ask your housing officer about local support services."


def case_review(policy: CaseReviewPolicy, landlord: Landlord) -> str:
    """The right to an ASB Case Review, with the threshold in the landlord's own terms."""
    ways = [t.description or f"{t.complaints} complaints within {t.within_months} months"
            for t in policy.thresholds]
    met = "; or ".join(ways)
    return (
        "If you have reported anti-social behaviour and feel nothing has been done, you can ask "
        f"for an ASB Case Review. You can ask for one if there have been {met}. "
        f"A complaint counts if you made it within {policy.qualifying_months} month"
        f"{'s' if policy.qualifying_months != 1 else ''} of the behaviour. To ask, contact "
        f"{landlord.name} ({landlord.contact_line}) or your local council. "
        f"We will tell you within {policy.decision_days} working days if a review will take place."
    )


def sentence(text: str) -> str:
    """Recorded words as a sentence of a letter: one line, ending in a full stop."""
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?" else text + "."


def complaints(landlord: Landlord) -> str:
    return f"If you are unhappy with how we have dealt with this, you can complain. {landlord.complaints}"


@dataclass(frozen=True)
class ContactTarget:
    """When the reporter will hear from us, said honestly even when the target has passed."""

    by: date
    days: int
    late_note: str


def contact_target(received: date, days: int, today: date) -> ContactTarget:
    """First contact ``days`` working days from the report, or from the next working day
    when it was received on a weekend or bank holiday.

    A report logged late (received last week, typed in today) can have a target
    already past: the letter says so and gives the next working day instead of
    quoting a date the reader can see has gone.
    """
    due = add_working_days(received, days)
    if due >= today:
        return ContactTarget(due, days, "")
    soon = add_working_days(today, 1)
    return ContactTarget(soon, days, (
        f"We aim to contact you within {days} working day{'s' if days != 1 else ''} of a report, "
        f"which was {long_date(due)}. We are sorry that we have missed this. "
    ))
