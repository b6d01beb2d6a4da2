"""Python made by ``pyside6-uic`` from the Qt Designer forms in ``ui/``.

Never edit these by hand: change the ``.ui`` file in Designer and run
``make forms``. A test compiles every form again and fails if a module here
differs, so the two cannot drift. They are committed, not built at install
time, so a wheel or a Briefcase bundle needs no Qt tools. ruff and mypy
skip them (generated code has no type hints).

A field row the error summary must know is named ``field_<key>`` (with an
``error_<key>`` label inside), so ``FormErrors.adopt`` can find it; see
``asb_desktop/gui/__init__``.
"""
