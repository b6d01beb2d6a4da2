"""The Caseload review tab: figures, charts, panel packs."""
