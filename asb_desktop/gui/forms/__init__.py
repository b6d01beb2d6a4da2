"""Python made by ``pyside6-uic`` from the Qt Designer forms in ``ui/``.

Never edit these by hand: change the ``.ui`` file in Designer and run
``make forms``. A test compiles every form again and fails if a module here
differs, so the two cannot drift. They are committed, not built at install
time, so a wheel or a Briefcase bundle needs no Qt tools. ruff and mypy
skip them (generated code has no type hints).

Forms go here when they are laid out once and filled from code; forms whose
every field is registered with the error summary and the draft keeper as it
is made (the report, visit and casework forms) are built in Python, next to
that registration (see ``asb_desktop/gui/__init__``).
"""
