"""Tenancies and the visits where ASB terms are explained (commitment 3)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from asb_desktop.app import App
from asb_desktop.controllers.errors import NotFound, UserError, ValidationError
from asb_desktop.controllers.visits import VisitFilter
from asb_desktop.domain.inputs import TenancyInput, VisitInput
from asb_desktop.domain.views import TenancyView
from tests.conftest import FakeClock, noise_report
from tests.core.support import counts, person


def _tenancy(app: App, reference: str = "T000123", start: date = date(2026, 2, 2)) -> TenancyView:
    tenant = app.people.add_person(person("Farah", "Begum"))
    return app.visits.add_tenancy(TenancyInput(
        reference=reference, address="7 Heron Walk, Eastbrook", postcode="eb3 4qt",
        tenure_type="starter", start_date=start, tenant_ids=[tenant.id]))


def test_new_tenancy_schedules_a_post_tenancy_visit_six_weeks_on(app: App) -> None:
    tenancy = _tenancy(app, start=date(2026, 2, 2))
    assert [t.name for t in tenancy.tenants] == ["Farah Begum"]
    assert tenancy.postcode == "EB3 4QT"
    [visit] = app.visits.list_visits().rows
    assert visit.tenancy_id == tenancy.id
    assert (visit.kind, visit.status) == ("post_tenancy", "due")
    assert visit.due_date == date(2026, 2, 2) + timedelta(days=42) == date(2026, 3, 16)
    assert visit.officer == "Sam Officer"
    assert (visit.terms_explained, visit.terms_total) == (0, 7)


def test_tenancy_reference_cannot_be_recorded_twice(app: App) -> None:
    _tenancy(app)
    before = counts(app)
    with pytest.raises(UserError, match="T000123 is already recorded"):
        app.visits.add_tenancy(TenancyInput(reference="T000123", address="Elsewhere",
                                            start_date=date(2026, 1, 1)))
    assert counts(app) == before


def test_tenancy_needs_reference_address_tenure_and_start(app: App) -> None:
    with pytest.raises(ValidationError) as caught:
        app.visits.add_tenancy(TenancyInput(tenure_type="forever"))
    assert set(caught.value.errors) == {"reference", "address", "tenure_type", "start_date"}


def _visit(tenancy_id: str, **overrides: object) -> VisitInput:
    data = VisitInput(tenancy_id, visit_date=date(2026, 3, 2), present="Farah Begum and her son",
                      checklist=["definition", "how_to_report", "consequences"],
                      acknowledged=True, acknowledged_by="Farah Begum")
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"present": ""}, "present"),
        ({"acknowledged_by": " "}, "acknowledged_by"),
        ({"checklist": ["definition", "bin_day"]}, "checklist"),
        ({"visit_date": date(2026, 3, 3)}, "visit_date"),
        ({"visit_date": None}, "visit_date"),
        ({"kind": "social_call"}, "kind"),
    ],
)
def test_visit_record_is_checked(app: App, overrides: dict[str, object], field: str) -> None:
    tenancy = _tenancy(app)
    before = counts(app)
    with pytest.raises(ValidationError) as caught:
        app.visits.record_visit(_visit(tenancy.id, **overrides))
    assert list(caught.value.errors) == [field]
    assert counts(app) == before


def test_unknown_checklist_item_is_named(app: App) -> None:
    tenancy = _tenancy(app)
    with pytest.raises(ValidationError) as caught:
        app.visits.record_visit(_visit(tenancy.id, checklist=["bin_day"]))
    assert caught.value.errors["checklist"] == "Unknown checklist item: bin_day"


def test_completing_the_scheduled_visit_marks_it_done(app: App) -> None:
    tenancy = _tenancy(app)
    [due] = app.visits.list_visits().rows
    done = app.visits.record_visit(_visit(tenancy.id, visit_id=due.id,
                                          checklist=["consequences", "definition"]))
    assert done.id == due.id
    assert (done.status, done.visit_date, done.acknowledged_by) == ("done", date(2026, 3, 2), "Farah Begum")
    assert done.checklist == ("definition", "consequences")
    page = app.visits.list_visits()
    assert page.total == 1
    assert (page.rows[0].status, page.rows[0].terms_explained) == ("done", 2)
    assert app.visits.list_visits(VisitFilter(status="due")).total == 0


def test_a_visit_from_another_tenancy_cannot_be_completed(app: App) -> None:
    first = _tenancy(app)
    second = _tenancy(app, reference="T000999")
    visit_of_first = next(v for v in app.visits.list_visits().rows if v.tenancy_id == first.id)
    with pytest.raises(NotFound):
        app.visits.record_visit(_visit(second.id, visit_id=visit_of_first.id))
    assert app.visits.get_visit(visit_of_first.id).status == "due"


def test_report_logged_during_a_visit_is_listed_on_the_visit(app: App) -> None:
    tenancy = _tenancy(app)
    [due] = app.visits.list_visits().rows
    app.visits.record_visit(_visit(tenancy.id, visit_id=due.id))
    report = app.reports.log_report(noise_report(channel="home_visit", visit_id=due.id))
    other = app.reports.log_report(noise_report())
    visit = app.visits.get_visit(due.id)
    assert visit.report_ids == (report.id,)
    assert other.id not in visit.report_ids
    assert app.reports.get_report(report.id).visit_id == due.id


def test_report_for_a_visit_not_in_the_profile_is_refused(app: App) -> None:
    before = counts(app)
    with pytest.raises(NotFound):
        app.reports.log_report(noise_report(visit_id="no-such-visit"))
    assert counts(app) == before


def test_visits_list_shows_due_before_done(app: App, clock: FakeClock) -> None:
    done_tenancy = _tenancy(app, reference="T000001", start=date(2026, 1, 5))
    _tenancy(app, reference="T000002", start=date(2026, 2, 20))
    _tenancy(app, reference="T000003", start=date(2026, 2, 1))
    first_due = next(v for v in app.visits.list_visits().rows if v.tenancy_id == done_tenancy.id)
    app.visits.record_visit(_visit(done_tenancy.id, visit_id=first_due.id))
    rows = app.visits.list_visits().rows
    assert [(r.tenancy_reference, r.status) for r in rows] == [
        ("T000003", "due"), ("T000002", "due"), ("T000001", "done")]
    assert [r.tenancy_reference for r in app.visits.list_visits(VisitFilter(text="T000002")).rows] == [
        "T000002"]
