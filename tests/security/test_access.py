"""Restricted cases through the controllers: lead officer, other officer, supervisor."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from asb_desktop.app import App
from asb_desktop.controllers.access import AccessController, AccessDenied
from asb_desktop.controllers.cases import CasesController
from asb_desktop.domain.inputs import CaseInput
from tests.conftest import FakeClock, noise_report
from tests.security.casefile import colleague


@pytest.fixture
def cases(app: App) -> Iterator[tuple[App, str, str]]:
    open_id = app.cases.open_case(CaseInput(report_ids=[app.reports.log_report(noise_report()).id])).id
    secret = app.cases.open_case(
        CaseInput(report_ids=[app.reports.log_report(noise_report()).id], restricted=True,
                  lead_officer_id=app.unit.actor.user_id)
    ).id
    yield app, open_id, secret


def test_lead_officer_opens_restricted_case(cases: tuple[App, str, str]) -> None:
    app, _, secret = cases
    assert app.cases.get_case(secret).id == secret


def test_other_officer_sees_only_that_it_exists(cases: tuple[App, str, str], clock: FakeClock) -> None:
    app, open_id, secret = cases
    other = CasesController(colleague(app, "Jo Other", "officer"))
    assert other.get_case(open_id).id == open_id
    with pytest.raises(AccessDenied, match="restricted"):
        other.get_case(secret)
    reference = app.cases.get_case(secret).reference
    with pytest.raises(AccessDenied):
        other.find_by_reference(reference)
    rows = {r.id: r for r in other.caseload().rows}
    assert rows[secret].parties == "Restricted" and rows[secret].reference == reference
    assert "Okafor" not in rows[secret].parties
    assert rows[open_id].parties != "Restricted"


def test_supervisor_and_named_officer_open_it(cases: tuple[App, str, str]) -> None:
    app, _, secret = cases
    other_unit = colleague(app, "Jo Other", "officer")
    assert CasesController(colleague(app, "Pat Lead", "supervisor")).get_case(secret).id == secret
    with pytest.raises(AccessDenied):
        AccessController(other_unit).name_officer(secret, other_unit.actor.user_id, "cover")
    app_access = AccessController(app.unit)
    app_access.name_officer(secret, other_unit.actor.user_id, "Covering while on leave")
    assert CasesController(other_unit).get_case(secret).id == secret
    app_access.set_restricted(secret, False, "Risk reduced")
    third = CasesController(colleague(app, "Kim Third", "officer"))
    assert third.get_case(secret).id == secret
