"""The Reports tab: logging a report, its assessment panel and the reports list."""
