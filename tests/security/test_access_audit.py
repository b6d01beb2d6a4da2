"""Restricted cases through reports, search, the command line and documents; and
the audit of opening, refusing and searching that a supervisor can read."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from asb_desktop.app import App
from asb_desktop.cli.main import main
from asb_desktop.controllers.access import AccessDenied
from asb_desktop.controllers.audit import AuditController
from asb_desktop.controllers.cases import CaseFilter, CasesController
from asb_desktop.controllers.documents import DocumentsController
from asb_desktop.controllers.people import PeopleController
from asb_desktop.controllers.reports import ReportFilter, ReportsController
from asb_desktop.domain.inputs import CaseInput, PersonInput
from asb_desktop.store.models import AuditEntry
from tests.conftest import FakeClock, noise_report
from tests.security.casefile import colleague

VICTIM = PersonInput(given_name="Zofia", family_name="Wiśniewska", phone="07700 900555",
                     address="2 Quince Row", postcode="LS6 4QR")


@pytest.fixture
def restricted(app: App) -> tuple[str, str, str]:
    """A restricted domestic-abuse case led by a colleague: this profile's officer may not open it."""
    lead = colleague(app, "Lee Lead", "officer")
    report = app.reports.log_report(noise_report(new_reporter=VICTIM,
                                                 description="Threats through the letterbox"))
    case = app.cases.open_case(CaseInput(report_ids=[report.id], restricted=True,
                                         lead_officer_id=lead.actor.user_id))
    assert case.restricted  # the officer who opened it saw it once; not again
    return case.id, case.reference, report.id


def _actions(app: App, prefix: str) -> list[tuple[str, str | None, str]]:
    with app.unit.read() as s:
        rows = s.execute(sa.select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.detail)
                         .where(AuditEntry.action.like(prefix + "%")).order_by(AuditEntry.at)).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_reports_of_a_restricted_case_show_nothing_of_it(app: App, restricted: tuple[str, str, str]) -> None:
    _, reference, report_id = restricted
    with pytest.raises(AccessDenied):
        app.reports.get_report(report_id)
    (row,) = [r for r in app.reports.list_reports().rows if r.id == report_id]
    assert row.case_reference == reference and row.reporter == "Restricted"
    assert row.excerpt == "" and row.location == "" and row.categories == ()
    # Searching for the victim finds nothing: a search must not say who is on the case.
    assert app.reports.list_reports(ReportFilter(text="Wisniewska")).total == 0
    assert app.cases.caseload(CaseFilter(text="Wisniewska")).total == 0
    assert app.cases.caseload(CaseFilter(text="letterbox")).total == 0
    # Nor does the reporter look-up offer her address and phone.
    assert PeopleController(app.unit).find_people("Zofia") == []


def test_supervisor_finds_and_reads_it(app: App, restricted: tuple[str, str, str]) -> None:
    case_id, _, report_id = restricted
    boss = colleague(app, "Pat Boss", "supervisor")
    assert ReportsController(boss).get_report(report_id).description == "Threats through the letterbox"
    assert ReportsController(boss).list_reports(ReportFilter(text="Wisniewska")).total == 1
    assert [r.id for r in CasesController(boss).caseload(CaseFilter(text="Wisniewska")).rows] == [case_id]
    assert [p.phone for p in PeopleController(boss).find_people("Zofia")] == ["07700 900555"]


def test_command_line_and_documents_obey_the_rule(
    app: App, restricted: tuple[str, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id, reference, _ = restricted
    with pytest.raises(AccessDenied):
        DocumentsController(app.unit).case_summary(case_id, "panel")
    out = tmp_path / "summary.pdf"
    app.close()
    assert main(["--profile", str(app.folder), "summary", reference, "--out", str(out)]) == 2
    assert "restricted case" in capsys.readouterr().err
    assert not out.exists()


def test_opening_is_logged_and_a_refusal_too(app: App, restricted: tuple[str, str, str]) -> None:
    case_id, reference, _ = restricted
    with pytest.raises(AccessDenied):
        app.audit.view_case(case_id)
    lead_case = app.cases.open_case(CaseInput(report_ids=[app.reports.log_report(noise_report()).id]))
    assert app.audit.view_case(lead_case.id).reference == lead_case.reference
    assert _actions(app, "case.view") == [
        ("case.view_refused", case_id, "restricted case: not opened"),
        ("case.viewed", lead_case.id, lead_case.reference),
    ]
    assert reference not in [d for _, _, d in _actions(app, "case.view")]


def test_searches_are_logged_with_what_was_looked_for(app: App) -> None:
    app.cases.caseload(CaseFilter(text="  Okafor  "))
    app.reports.list_reports(ReportFilter(text="music"))
    PeopleController(app.unit).find_people("Amir")
    app.cases.caseload(CaseFilter(status="open"))  # a filter, not a search: not logged
    assert _actions(app, "search.") == [
        ("search.cases", None, "Okafor"), ("search.reports", None, "music"), ("search.people", None, "Amir"),
    ]


def test_only_a_supervisor_reads_a_case_audit_log(
    app: App, restricted: tuple[str, str, str], clock: FakeClock
) -> None:
    case_id, reference, _ = restricted
    with pytest.raises(AccessDenied, match="supervisor"):
        app.audit.case_log(case_id)
    boss = AuditController(colleague(app, "Pat Boss", "supervisor"))
    clock.advance(minutes=5)
    boss.view_case(case_id)
    log = boss.case_log(case_id)
    assert [r.action for r in log][:1] == ["case.viewed"] and log[0].user == "Pat Boss"
    assert {"case.opened", "report.logged"} <= {r.action for r in log}
    assert reference in log[0].detail
