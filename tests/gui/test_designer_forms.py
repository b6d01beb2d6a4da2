"""Every Qt Designer form in ui/ is compiled, and its committed Python is
exactly what pyside6-uic makes of it now: nobody edited the generated code
by hand, and nobody changed a form without running ``make forms``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
FORMS = sorted((ROOT / "ui").glob("*.ui"))
GENERATED = ROOT / "asb_desktop" / "gui" / "forms"


def _comparable(text: str) -> list[str]:
    """The compiler stamps its own version in a comment; the code is what matters."""
    return [line for line in text.splitlines() if "Qt User Interface Compiler version" not in line]


def test_there_are_designer_forms() -> None:
    assert FORMS, "ui/ holds the Designer forms"


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.name)
def test_generated_module_matches_its_form(form: Path) -> None:
    uic = Path(sys.executable).with_name("pyside6-uic")
    made = subprocess.run([str(uic), str(form)], capture_output=True, text=True, check=True)
    committed = GENERATED / f"ui_{form.stem}.py"
    assert committed.is_file(), f"run `make forms`: {committed.name} is missing"
    assert _comparable(committed.read_text(encoding="utf-8")) == _comparable(made.stdout), (
        f"{committed.name} differs from {form.name}; run `make forms` and never edit it by hand"
    )
