"""asb-desktop: offline-first ASB, hate-incident and domestic-abuse case work for housing officers.

The package is a Qt-free library (domain, store, controllers, sync, documents,
security) under a thin PySide6 front end in ``asb_desktop.gui``.
"""

__version__ = "0.1.0"
