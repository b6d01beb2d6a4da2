"""Every Qt Designer form in ui/ is compiled, and its committed Python is
exactly what pyside6-uic makes of it now: nobody edited the generated code
by hand, and nobody changed a form without running ``make forms``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from asb_desktop.gui.main_window import MainWindow

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


def test_every_row_of_the_designer_forms_can_show_its_error(window: MainWindow) -> None:
    """A row whose name does not match a controller field would never show its
    message: each ``field_`` row of each Designer form belongs to a field, and
    showing that field's error puts the message in that row and nowhere else."""
    forms = (window.reports_tab.form, window.reports_tab.panel, window.visits_tab.form)
    for form in forms:
        rows = {w.objectName(): w for w in form.findChildren(QWidget)
                if w.objectName().startswith("field_")}
        shown: set[str] = set()
        for key in form.errors.keys:
            form.errors.show({key: f"Problem with {key}"})
            showing = [name for name, row in rows.items()
                       if any(not label.isHidden() and label.text() == f"Problem with {key}"
                              for label in row.findChildren(QLabel, f"error_{name[6:]}"))]
            assert len(showing) == 1, (form.objectName(), key, showing)
            shown.update(showing)
        form.errors.clear()
        assert shown == set(rows), (form.objectName(), set(rows) - shown)


def test_a_form_missing_a_row_fails_as_it_is_made(qtbot: QtBot) -> None:
    from asb_desktop.gui.common.form_support import FormErrors

    form = QWidget()
    qtbot.addWidget(form)
    with pytest.raises(LookupError, match="field_notes"):
        FormErrors(form).adopt(form, "notes", form)
