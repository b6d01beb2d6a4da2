"""The hand-worked three-case caseload the review tests share (figures in
tests/review/test_review_figures.py's docstring)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.review import ReviewController
from asb_desktop.domain.inputs import (
    ActionInput,
    CaseInput,
    ClosureInput,
    ContactInput,
    PersonInput,
    ReportInput,
)
from tests.conftest import FakeClock


@dataclass
class Caseload:
    app: App
    clock: FakeClock
    review: ReviewController
    helen: str
    priya: str
    a: str
    b: str
    c: str


def _open(app: App, clock: FakeClock, when: datetime, category: str, strands: list[str],
          officer: str) -> str:
    clock.set(when)
    report = app.reports.log_report(ReportInput(
        received_at=when,
        new_reporter=PersonInput(given_name="Res", family_name=f"Ident{category}"),
        categories=[category], hate_strands=strands, description=f"{category} reported",
    ))
    return app.cases.open_case(CaseInput(report_ids=[report.id], lead_officer_id=officer)).id


def contact(app: App, clock: FakeClock, case_id: str, when: datetime) -> None:
    clock.set(when)
    app.casework.record_contact(ContactInput(case_id=case_id, at=when, summary="Called",
                                             victim_update=True))


def _close(app: App, clock: FakeClock, case_id: str, when: datetime, score: int) -> None:
    clock.set(when)
    app.cases.close_case(ClosureInput(case_id=case_id, outcome="resolved",
                                      reason="Behaviour stopped", satisfaction=score))


def build_caseload(folder: Path) -> Iterator[Caseload]:
    clock = FakeClock(datetime(2025, 12, 1, 9, 0))
    app = create_profile(folder, "Helen Marsh", "supervisor", clock=clock)
    me = app.unit.actor.user_id
    priya = app.profile.add_user("Priya Raman", "officer").id
    c = _open(app, clock, datetime(2025, 12, 22, 10, 0), "vandalism", [], me)
    a = _open(app, clock, datetime(2026, 1, 5, 10, 0), "noise", [], priya)
    contact(app, clock, c, datetime(2026, 1, 9, 11, 0))
    contact(app, clock, a, datetime(2026, 1, 7, 11, 0))
    app.casework.add_action(ActionInput(case_id=a, description="Visit", due_date=date(2026, 2, 20)))
    _close(app, clock, c, datetime(2026, 1, 30, 16, 0), 2)
    b = _open(app, clock, datetime(2026, 2, 2, 10, 0), "hate_incident", ["race"], me)
    contact(app, clock, b, datetime(2026, 2, 3, 11, 0))
    _close(app, clock, b, datetime(2026, 2, 23, 16, 0), 5)
    clock.set(datetime(2026, 3, 2, 9, 0))
    yield Caseload(app, clock, ReviewController(app.unit), me, priya, a, b, c)
    app.close()
