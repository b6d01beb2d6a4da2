"""The Cases tab: the caseload, the case view and the casework forms."""
