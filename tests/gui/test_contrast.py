"""The colours in the stylesheet meet WCAG 2.2 AA where an officer needs them.

Text 4.5:1 against what it sits on (error messages on the forms' off-white,
on a dialog's grey and in the white error summary); 3:1 for what identifies a
control (a box's border against the form around it) and for the focus
indicator (the dark ring or bar against the colours beside it). The ratios are
computed from ``resources/styles/app.qss`` and from the palette the app really
uses for dialogs, so a colour changed in the stylesheet is checked here.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from asb_desktop.gui.common.style import apply_style, stylesheet

TEXT = 4.5
NON_TEXT = 3.0


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(colour)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def rules() -> dict[str, dict[str, str]]:
    """Each selector of the stylesheet with its properties (a rule with several
    selectors is filed under each)."""
    text = re.sub(r"/\*.*?\*/", "", stylesheet(), flags=re.S)
    out: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", text):
        props = dict((k.strip(), v.strip()) for k, v in
                     (p.split(":", 1) for p in body.split(";") if ":" in p))
        for sel in selectors.split(","):
            out.setdefault(" ".join(sel.split()), {}).update(props)
    return out


def colour_in(value: str) -> str:
    found = re.search(r"#[0-9a-fA-F]{6}", value)
    assert found, value
    return found.group(0)


@pytest.fixture
def backgrounds(qapp: QApplication) -> dict[str, str]:
    """Where forms sit: the main window's forms, a dialog's own grey, the summary's white."""
    apply_style(qapp)
    qss = rules()
    return {
        "form": colour_in(qss["QMainWindow"]["background"]),
        "dialog": qapp.palette().color(QPalette.ColorRole.Window).name(),
        "error summary": colour_in(qss["QFrame#errorSummary"]["background"]),
    }


def test_the_contrast_sums_match_wcag_examples() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the AA grey
    # The red an earlier style used, on a dialog's grey: the 4.22:1 that failed.
    assert contrast("#d4351c", "#efefef") == pytest.approx(4.22, abs=0.01)


def test_error_text_is_4_5_to_1_wherever_a_form_shows_it(backgrounds: dict[str, str]) -> None:
    qss = rules()
    for selector in ('QLabel[fieldError="true"]', "QLabel#errorSummaryList"):
        ink = colour_in(qss[selector]["color"])
        for where, paper in backgrounds.items():
            ratio = contrast(ink, paper)
            assert ratio >= TEXT, f"{selector} {ink} on the {where} ({paper}): {ratio:.2f}:1"


def test_hints_and_examples_in_boxes_are_4_5_to_1(backgrounds: dict[str, str]) -> None:
    qss = rules()
    hint = colour_in(qss['QLabel[hint="true"]']["color"])
    for where, paper in backgrounds.items():
        assert contrast(hint, paper) >= TEXT, (where, hint, paper)
    example = colour_in(qss["QLineEdit"]["placeholder-text-color"])
    assert contrast(example, colour_in(qss["QLineEdit"]["background"])) >= TEXT


def test_box_and_button_borders_are_3_to_1_against_the_form(
    backgrounds: dict[str, str],
) -> None:
    """A white box on a grey dialog is told apart only by its border."""
    qss = rules()
    for selector in ("QLineEdit", "QPlainTextEdit", "QComboBox", "QDateEdit", "QPushButton"):
        edge = colour_in(qss[selector]["border"])
        inside = colour_in(qss[selector]["background"])
        for where, paper in {**backgrounds, "inside": inside}.items():
            ratio = contrast(edge, paper)
            assert ratio >= NON_TEXT, f"{selector} border {edge} on {where}: {ratio:.2f}:1"
    bar = colour_in(qss['QWidget[invalid="true"]']["border-left"])
    for where, paper in backgrounds.items():
        assert contrast(bar, paper) >= NON_TEXT, ("the bar beside a field in error", where)


#: Every control that can take focus, and the rule that draws its focus.
FOCUSED = ["QLineEdit:focus", "QPlainTextEdit:focus", "QComboBox:focus", "QListWidget:focus",
           "QTableView:focus", "QPushButton:focus", "QCheckBox:focus", "QRadioButton:focus",
           "QTabBar::tab:focus", "QToolBar QToolButton:focus"]


def test_every_focus_indicator_is_a_dark_edge_3_to_1_against_its_neighbours(
    backgrounds: dict[str, str],
) -> None:
    """A yellow fill alone is 1.3:1 against the off-white form; the dark edge
    is what a low-vision officer finds, so every focus rule draws one."""
    qss = rules()
    for selector in FOCUSED:
        props = qss[selector]
        edges = [v for k, v in props.items() if k.startswith("border") and "#" in v]
        assert edges, f"{selector} draws no edge when focused: {props}"
        ring = colour_in(edges[0])
        fill = colour_in(props["background"]) if "background" in props else None
        for where, paper in {**backgrounds, **({"fill": fill} if fill else {})}.items():
            ratio = contrast(ring, paper)
            assert ratio >= NON_TEXT, f"{selector} ring {ring} on {where}: {ratio:.2f}:1"
