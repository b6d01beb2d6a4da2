"""Tenancy imports run against the officer's real profile (``app``) with the test
clock on Monday 2 March 2026."""

from __future__ import annotations

import pytest

from asb_desktop.app import App
from asb_desktop.controllers.tenancy_import import TenancyImportController


@pytest.fixture
def imports(app: App) -> TenancyImportController:
    return TenancyImportController(app.unit)
