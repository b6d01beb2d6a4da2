"""The Qt front end: the only package that imports PySide6.

It calls controllers on ``asb_desktop.app.App`` and never the store. Work
goes through ``ops.OpsRunner`` so the UI thread never waits on the database.
Modules are named after what they hold: ``main_window``, one module per tab
(``reports_tab``, ``cases_tab``, ``visits_tab``), the forms and views they
show (``report_form``, ``report_panel``, ``case_view``), the table models
(``caseload_model``, ``reports_model``, ``visits_model``) and the shared
pieces (``form_support`` for the error pattern, ``drafts``, ``status_bar``).

Forms laid out once are Qt Designer files in ``ui/`` (compiled into
``gui.forms``): the first-start dialog, the report form, the report's
assessment panel and the visit form. A field
row in a Designer form follows the GOV.UK pattern by name: a ``field_<key>``
widget holding an optional hint, an ``error_<key>`` label and the control,
where ``<key>`` is the controller's field name; ``FormErrors.adopt``
registers it and fails as the form is made if the row is missing. Lists that
come from the domain (categories, strands, ASB terms) are filled in from code
and put in the Tab order with ``widgets.follow_in_tab_order``. The casework
and supervisor dialogs are still built in Python with
``FormErrors.row``, which makes the same row in code.
"""
