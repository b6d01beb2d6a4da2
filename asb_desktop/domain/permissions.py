"""Who may write to a case, and who may change who is a supervisor.

These are plain functions over facts already read (the user's id and role, a
case's restriction, lead officer and named officers), with no session and no
writes, so that every caller obeys one statement of the rule: the controllers
before each write, the store's guard on user rows, and sync when it checks the
changes arriving from other devices (sync sits below the controllers and may
import only the store and this layer).

The rule for writing is the rule for opening: a restricted case (domestic
abuse, safeguarding, staff involved) is written to only by its lead officer,
officers named on it and supervisors. Someone who may not read a case must not
be able to change it either, or a refused read still lets them alter, reassign
or close it unseen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from asb_desktop.domain.enums import Role
from asb_desktop.domain.errors import UserError


class NotPermitted(UserError):
    """This user may not make this change; the message says who may."""


@dataclass(frozen=True)
class CaseFacts:
    """What the rule needs to know about one case."""

    reference: str
    restricted: bool
    lead_officer_id: str | None
    named_officer_ids: frozenset[str] = field(default_factory=frozenset)


def is_supervisor(role: str) -> bool:
    return role == Role.SUPERVISOR.value


def may_open_case(user_id: str, role: str, case: CaseFacts) -> bool:
    """An unrestricted case is open to every officer; a restricted one only to
    its lead officer, the officers named on it and supervisors."""
    if not case.restricted or is_supervisor(role):
        return True
    return user_id == case.lead_officer_id or user_id in case.named_officer_ids


def case_write_refusal(user_id: str, role: str, case: CaseFacts) -> str | None:
    """Why this user may not write to ``case``, in words for the officer, or None if they may."""
    if may_open_case(user_id, role, case):
        return None
    return (
        f"{case.reference} is a restricted case. Only its lead officer, officers named on it "
        "and supervisors can change it; nothing was saved."
    )


def manage_refusal(user_id: str, role: str, case: CaseFacts) -> str | None:
    """Why this user may not change who sees ``case`` (whether it is restricted, who
    leads it while restricted, which officers are named on it), or None if they may.

    Only its lead officer or a supervisor: a named officer may work a restricted
    case but not widen who else reads it."""
    if is_supervisor(role) or user_id == case.lead_officer_id:
        return None
    return (f"Only the lead officer of {case.reference} or a supervisor can change who sees it; "
            "nothing was saved.")


def person_hidden(user_id: str, role: str, appearances: Iterable[CaseFacts | None]) -> bool:
    """True when everything that ties a person to the caseload is a restricted
    case this user may not open (a domestic abuse victim known only from such a
    case, say): their details are then withheld as if they were not here.

    ``appearances`` holds one entry per place the person appears: the case, or
    None for something not on a case (a report not yet in a case, a tenancy).
    Someone who appears nowhere yet was just added and is not hidden.
    """
    seen = False
    for case in appearances:
        seen = True
        if case is None or may_open_case(user_id, role, case):
            return False
    return seen


def role_change_refusal(
    actor_id: str, actor_role: str, target_id: str, current_role: str | None, new_role: str
) -> str | None:
    """Why this user may not give ``target_id`` the role ``new_role``, or None if they may.

    ``current_role`` is None for a user being added. A supervisor reads every
    restricted case, so only a supervisor may make one, and nobody may change
    their own role: otherwise an officer could make themselves a supervisor and
    read every restricted case on reopening. Adding an officer colleague (to
    name as lead officer or action owner) grants nothing and stays open to all.
    The one user row nobody else can write is the profile's own first one,
    written when the profile is created.
    """
    if current_role is None:
        if target_id == actor_id:
            return None  # creating this profile: its own user, in the role chosen
        if new_role == Role.SUPERVISOR.value and not is_supervisor(actor_role):
            return "Only a supervisor can add a supervisor."
        return None
    if current_role == new_role:
        return None
    if target_id == actor_id:
        return "Nobody can change their own role; ask another supervisor."
    if not is_supervisor(actor_role):
        return "Only a supervisor can change a colleague's role."
    return None
