"""briefcase.toml is the single place packaging settings live; the staged
pyproject.toml Briefcase reads carries them with the project's own version and
dependencies."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def _load_packaging() -> object:
    spec = importlib.util.spec_from_file_location("packaging_script", ROOT / "packaging/briefcase.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_staged_settings_come_from_briefcase_toml_and_pyproject() -> None:
    script = _load_packaging()
    staged = tomllib.loads(script.staged_pyproject())  # type: ignore[attr-defined]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    settings = tomllib.loads((ROOT / "briefcase.toml").read_text())["tool"]["briefcase"]
    app = staged["tool"]["briefcase"]["app"]["asb-desktop"]
    assert staged["tool"]["briefcase"]["version"] == project["version"]
    assert app["requires"] == project["dependencies"]
    assert app["formal_name"] == settings["app"]["asb-desktop"]["formal_name"]
    assert "PySide6" not in app["requires"], "the WebEngine meta-package must not be shipped"
    icon = ROOT / (app["icon"] + ".png")
    assert icon.exists(), f"icon {icon} is missing"
