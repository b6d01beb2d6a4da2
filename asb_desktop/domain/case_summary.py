"""What the caseload shows of a case without opening it: who it is about (the
parties summary) and when its next action falls due.

One rule for every writer of those columns: a controller after an edit, sync
after merging what arrived, and the demo filling a profile. When each wrote its
own version, two laptops could show the same case under different words after
a sync (the demo wrote ``A. Smith v B. Jones`` where an edit wrote ``A. Smith v
B. Jones, C. Brown``), and an officer searching by the words on screen found
different cases on each.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from asb_desktop.domain.enums import PartyRole

#: The sides the summary names: whoever complains or was harmed, against whoever
#: is alleged to have done it. Witnesses and others are left out of a one-line view.
_COMPLAINING = (PartyRole.COMPLAINANT.value, PartyRole.VICTIM.value)
_ALLEGED = PartyRole.ALLEGED_PERPETRATOR.value


def short_name(given_name: str, family_name: str) -> str:
    """``A. Smith``; a single name (``Amira``) stays whole."""
    if family_name:
        return f"{given_name[:1]}. {family_name}".strip(". ")
    return given_name


def parties_summary(parties: Iterable[tuple[str, str, str]]) -> str:
    """``A. Smith, B. Jones v C. Brown`` from (role, given name, family name) rows.

    Complainants come before victims, each side keeps the order given (callers
    pass parties ordered by person id, so every device writes the same text) and
    names are not repeated. With no complainant the summary starts ``v``.
    """
    by_role: dict[str, list[str]] = {}
    for role, given, family in parties:
        by_role.setdefault(str(role), []).append(short_name(given, family))
    complaining = [name for role in _COMPLAINING for name in by_role.get(role, [])]
    alleged = by_role.get(_ALLEGED, [])
    summary = ", ".join(dict.fromkeys(complaining))
    if alleged:
        against = ", ".join(alleged)
        summary = f"{summary} v {against}" if summary else f"v {against}"
    return summary


def next_action_due(open_action_dues: Iterable[date | None]) -> date | None:
    """The soonest due date among the case's open actions; None when nothing is due."""
    dues = [d for d in open_action_dues if d is not None]
    return min(dues) if dues else None
