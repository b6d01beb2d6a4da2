from asb_desktop.app import App
from tests.conftest import noise_report


def test_a_logged_report_is_listed(app: App) -> None:
    report = app.reports.log_report(noise_report())
    page = app.reports.list_reports()
    assert [r.id for r in page.rows] == [report.id]
