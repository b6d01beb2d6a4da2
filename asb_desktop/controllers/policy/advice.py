"""Advice given on a not-ASB report and the refer-back of a repeat, as the
window shows them beside one report (commitment 13).

A refer-back is about the same reporter or their household (the same home:
address and postcode), never about someone else who complained about the
same place: telling one reporter that a neighbour complained too, or what
that neighbour was advised, is a disclosure. The offers are matched on that
household here and :meth:`PolicyController.refer_back` refuses anything else.

Declining a refer-back is a decision with a reason but no record of its own:
it is kept in the audit log (``advice.refer_back_declined`` against the
report), where the window reads it back, so no table was needed for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.documents.guard import home_key
from asb_desktop.domain.policy import AdviceText
from asb_desktop.domain.rules.policy_exchange import AdviceOffer
from asb_desktop.store.models import Advice, AuditEntry, Person, ReferBack, Report, User

#: The audit action of a declined refer-back; its detail holds the reason.
DECLINED = "advice.refer_back_declined"


@dataclass(frozen=True)
class AdviceGiven:
    """Advice recorded on a report: the library entry it came from and the words given."""

    id: str
    given_on: date
    advice_key: str
    title: str
    text: str
    given_by: str


@dataclass(frozen=True)
class ReferBackGiven:
    """A refer-back recorded on a report: when, to which earlier advice, and what was said."""

    id: str
    given_on: date
    advice_id: str
    advice_given_on: date
    response: str


@dataclass(frozen=True)
class ReportAdvice:
    """Everything about advice and refer-back for one report, for the officer beside it."""

    report_id: str
    not_asb: bool
    anonymous: bool
    library: tuple[AdviceText, ...]  # entries for the report's categories first
    given: tuple[AdviceGiven, ...]
    offers: tuple[AdviceOffer, ...]  # earlier advice to this reporter or household, newest first
    referred: tuple[ReferBackGiven, ...]
    declined: tuple[str, ...]  # "On 3 March 2026: reason", from the audit log


def household(s: Session, person_id: str | None) -> str:
    """The home key of a person on record ("" for nobody, or nobody with a full address)."""
    person = s.get(Person, person_id) if person_id else None
    return home_key(person.address, person.postcode) if person else ""


def same_household(s: Session, advised: str | None, reporter: str | None) -> bool:
    """Whether advice given to ``advised`` may be referred back to ``reporter``."""
    if not advised or not reporter:
        return False
    if advised == reporter:
        return True
    home = household(s, reporter)
    return bool(home) and home == household(s, advised)


def suited_first(library: tuple[AdviceText, ...], categories: tuple[str, ...]) -> tuple[AdviceText, ...]:
    """The library with the entries answering this report's kind of issue first."""
    wanted = set(categories)
    return tuple(sorted(library, key=lambda a: not wanted & set(a.categories)))


def recorded(s: Session, report: Report, library: tuple[AdviceText, ...]) -> tuple[
        tuple[AdviceGiven, ...], tuple[ReferBackGiven, ...], tuple[str, ...]]:
    """The advice, refer-backs and declined refer-backs already recorded on ``report``."""
    titles = {a.key: a.title for a in library}
    given = tuple(
        AdviceGiven(a.id, a.given_at.date(), a.advice_key, titles.get(a.advice_key, "Advice given"),
                    a.advice_text, name or "")
        for a, name in s.execute(
            sa.select(Advice, User.name).outerjoin(User, User.id == Advice.given_by)
            .where(Advice.report_id == report.id).order_by(Advice.given_at, Advice.id))
    )
    referred = tuple(
        ReferBackGiven(r.id, r.given_at.date(), r.advice_id, at.date(), r.response)
        for r, at in s.execute(
            sa.select(ReferBack, Advice.given_at).join(Advice, Advice.id == ReferBack.advice_id)
            .where(ReferBack.report_id == report.id).order_by(ReferBack.given_at, ReferBack.id))
    )
    declined = tuple(
        f"On {at.day} {at:%B %Y}: {detail}"
        for at, detail in s.execute(
            sa.select(AuditEntry.at, AuditEntry.detail)
            .where(AuditEntry.entity == "report", AuditEntry.entity_id == report.id,
                   AuditEntry.action == DECLINED).order_by(AuditEntry.at))
    )
    return given, referred, declined
