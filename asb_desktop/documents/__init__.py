"""Printed and exported documents: case summaries, panel packs and letters.

Qt-free and store-free: everything here works on the plain views controllers
return, so a test, the command line or the window can build the same PDF.
Redaction happens in :mod:`asb_desktop.documents.redaction`, on the data,
before any layout sees it.
"""
