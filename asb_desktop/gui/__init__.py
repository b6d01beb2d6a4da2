"""The Qt front end: the only package that imports PySide6.

It calls controllers on ``asb_desktop.app.App`` and never the store. Work
goes through ``ops.OpsRunner`` so the UI thread never waits on the database.
Modules are named after what they hold: ``main_window``, one module per tab
(``reports_tab``, ``cases_tab``, ``visits_tab``), the forms and views they
show (``report_form``, ``report_panel``, ``case_view``), the table models
(``caseload_model``, ``reports_model``, ``visits_model``) and the shared
pieces (``form_support`` for the error pattern, ``drafts``, ``status_bar``).

Forms are built in Python rather than in Qt Designer ``.ui`` files: each
control is registered, as it is made, under the controller's field name
(for the error summary and the message beside the field), given its
accessible name, and wired to the draft keeper. Doing that from a ``.ui``
file would split every field across two places and leave the Python half to
look controls up by object name, which is where mismatches creep in.
"""
