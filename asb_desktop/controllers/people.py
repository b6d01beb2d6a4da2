"""Residents and others who appear in cases."""

from __future__ import annotations

import re

import sqlalchemy as sa

from asb_desktop.controllers.access import hidden_cases, readable_person
from asb_desktop.controllers.audit import record_search
from asb_desktop.controllers.casework import refresh_case
from asb_desktop.controllers.errors import Problems
from asb_desktop.controllers.mapping import person_view
from asb_desktop.domain.enums import Adjustment
from asb_desktop.domain.inputs import PersonInput
from asb_desktop.domain.views import PersonView
from asb_desktop.store.models import Case, CaseParty, Person
from asb_desktop.store.search import matching_ids
from asb_desktop.store.unit import Unit

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9 +()\-]{6,20}$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


def check_person(p: PersonInput, problems: Problems, prefix: str = "") -> None:
    """Field checks shared by every form that takes a person."""
    if not (p.given_name.strip() or p.family_name.strip()):
        problems.add(prefix + "family_name", "Enter the person's name")
    if p.email.strip() and not _EMAIL.match(p.email.strip()):
        problems.add(prefix + "email", "Enter an email address like name@example.com")
    if p.phone.strip() and not _PHONE.match(p.phone.strip()):
        problems.add(prefix + "phone", "Enter a phone number using digits, like 07700 900123")
    if p.postcode.strip() and not _POSTCODE.match(p.postcode.strip().upper()):
        problems.add(prefix + "postcode", "Enter a real postcode, like SW1A 1AA")
    known = {a.value for a in Adjustment}
    for adj in p.adjustments:
        if adj not in known:
            problems.add(prefix + "adjustments", f"Unknown reasonable adjustment: {adj}")


def new_person(p: PersonInput, unit: Unit) -> Person:
    return Person(
        given_name=p.given_name.strip(),
        family_name=p.family_name.strip(),
        date_of_birth=p.date_of_birth,
        phone=p.phone.strip(),
        email=p.email.strip(),
        address=p.address.strip(),
        postcode=p.postcode.strip().upper(),
        contact_preferences=p.contact_preferences.strip(),
        vulnerabilities=p.vulnerabilities.strip(),
        adjustments=list(p.adjustments),
        adjustment_notes=p.adjustment_notes.strip(),
        language=p.language.strip(),
        equality={k: v for k, v in p.equality.items() if v},
        created_at=unit.now(),
        created_by=unit.actor.user_id,
    )


class PeopleController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit

    def add_person(self, data: PersonInput) -> PersonView:
        problems = Problems()
        check_person(data, problems)
        problems.raise_if_any()
        with self._unit.write("person.added") as tx:
            person = new_person(data, self._unit)
            tx.session.add(person)
            tx.session.flush()
            tx.audit("person", person.id, "Added a person")
        return person_view(person)

    def update_person(self, person_id: str, data: PersonInput) -> PersonView:
        problems = Problems()
        check_person(data, problems)
        problems.raise_if_any()
        with self._unit.write("person.updated") as tx:
            # Someone known only from restricted cases this user may not open is not theirs to change.
            person = readable_person(tx.session, self._unit.actor, person_id)
            fresh = new_person(data, self._unit)
            changed = []
            for field in (
                "given_name", "family_name", "date_of_birth", "phone", "email", "address",
                "postcode", "contact_preferences", "vulnerabilities", "adjustments",
                "adjustment_notes", "language", "equality",
            ):
                if field == "equality" and not data.equality:
                    continue  # a form without the monitoring questions leaves the answers alone
                if getattr(person, field) != getattr(fresh, field):
                    setattr(person, field, getattr(fresh, field))
                    changed.append(field)
            if {"given_name", "family_name"} & set(changed):
                # The caseload shows parties by name; keep it in step with the correction.
                cases = tx.session.scalars(
                    sa.select(Case).where(
                        Case.id.in_(sa.select(CaseParty.case_id).where(CaseParty.person_id == person.id))
                    )
                ).all()
                for case in cases:
                    refresh_case(tx.session, case)
            tx.audit("person", person.id, "Changed " + ", ".join(changed) if changed else "")
        return person_view(person)

    def get_person(self, person_id: str) -> PersonView:
        with self._unit.read() as s:
            return person_view(readable_person(s, self._unit.actor, person_id))

    def find_people(self, text: str, limit: int = 20) -> list[PersonView]:
        """Names found as the officer types (prefix match on any word of the name)."""
        ids = matching_ids("person", text)
        if ids is None:
            return []
        record_search(self._unit, "people", text)
        query = sa.select(Person).where(Person.id.in_(ids))
        hidden = hidden_cases(self._unit.actor)
        if hidden is not None:
            # Someone named on a restricted case this user may not open (a victim of
            # domestic abuse, say) is not offered here, whatever else they appear on.
            on_hidden = sa.select(CaseParty.person_id).where(CaseParty.case_id.in_(hidden))
            query = query.where(Person.id.not_in(on_hidden))
        with self._unit.read() as s:
            people = s.scalars(
                query.order_by(Person.family_name, Person.given_name).limit(limit)
            ).all()
            return [person_view(p) for p in people]
