"""What a new officer reads in the first hour is all there and readable: the
status bar's message is not hidden behind its permanent labels at 1366 px
(nor at 150% on 1920 px), the lock screen's words are not clipped at 150%
text, and error, hint and example text reach WCAG AA contrast (4.5:1) on the
background they are actually drawn on.

The QT_SCALE_FACTOR checks run in a child process (this file run as a
script), since Qt reads the scale factor only once, when it starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QFontMetricsF, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from asb_desktop.app import App, create_profile
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.style import apply_style
from asb_desktop.gui.lock.lock import AppLock, install_app_lock
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.status_bar import AppStatusBar, FitLabel
from asb_desktop.gui.sync.sync_ui import ShareDialog, share_words
from asb_desktop.security.lock import IdleLock
from asb_desktop.sync.service import SyncReport
from tests.conftest import ARTEFACTS, ROOT, FakeClock
from tests.gui.conftest import settle

#: What "Sync now" says after a busy day's sync: the officer must read all of it.
SYNC_RESULT = SyncReport(pushed_changes=38294, pulled_changes=1204, pulled_bundles=17,
                         new_conflicts=3).summary()
LONG_NAME = "Samantha Fitzgerald-Okonkwo"


# -- what the officer sees ---------------------------------------------------------------


def fits_on_one_line(label: QLabel, text: str) -> bool:
    return QFontMetricsF(label.font()).horizontalAdvance(text) <= label.contentsRect().width()


def message_seen(bar: AppStatusBar) -> dict[str, object]:
    """How the current message looks: shown whole, or cut with all of it in the tooltip."""
    label = bar.message_label
    full = bar.currentMessage()
    right_edge = label.geometry().right()
    overlapped = any(w.isVisible() and w.geometry().left() <= right_edge
                     for w in bar.findChildren(FitLabel) if w is not label
                     and w.geometry().left() > label.geometry().left())
    return {
        "visible": label.isVisible(),
        "whole": label.shown() == full and fits_on_one_line(label, full),
        "tipped": label.shown().endswith("…") and label.toolTip() == full,
        "overlapped": overlapped,
    }


def permanent_labels_honest(bar: AppStatusBar) -> list[str]:
    """Permanent labels that show less than their words without a tooltip carrying them."""
    return [w.text() for w in bar.findChildren(FitLabel)
            if w.isVisible() and w is not bar.message_label
            and not (w.shown() == w.text() and fits_on_one_line(w, w.text()))
            and w.toolTip() != w.text()]


def _window(app: App, qtbot: QtBot, width: int, demo: bool = False) -> MainWindow:
    window = MainWindow(app, OpsRunner(), demo=demo, share=lambda: share_words(app.sync, app.device),
                        sync_now=app.sync.sync_now)
    qtbot.addWidget(window)
    window.show()
    window.showNormal()  # placement maximises on the small offscreen screen
    window.resize(width, 768)
    window.start()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.status.share_label.text() != "Share: checking…")
    return window


@pytest.fixture
def styled(qapp: QApplication) -> QApplication:
    apply_style(qapp)
    return qapp


@pytest.fixture
def long_named(tmp_path: Path, clock: FakeClock) -> Iterator[App]:
    a = create_profile(tmp_path / "long", LONG_NAME, "supervisor", clock=clock)
    yield a
    a.close()


@pytest.fixture
def demo_app(tmp_path: Path, clock: FakeClock) -> Iterator[App]:
    a = create_profile(tmp_path / "demo", LONG_NAME, "supervisor", demo=True, clock=clock)
    yield a
    a.close()


# -- the status bar ----------------------------------------------------------------------


@pytest.mark.parametrize("demo", [False, True], ids=["real", "demo"])
def test_the_sync_result_is_read_whole_at_1366(
    styled: QApplication, long_named: App, demo_app: App, demo: bool, qtbot: QtBot
) -> None:
    window = _window(demo_app if demo else long_named, qtbot, 1366, demo=demo)
    bar = window.status
    assert bar.width() == 1366
    bar.showMessage(SYNC_RESULT, 15000)
    seen = message_seen(bar)
    assert seen == {"visible": True, "whole": True, "tipped": False, "overlapped": False}, seen
    assert permanent_labels_honest(bar) == []
    if demo:
        assert bar.demo_label.isVisible() and bar.demo_label.shown().startswith("DEMO DATA")
    ARTEFACTS.mkdir(exist_ok=True)
    assert bar.grab().save(str(ARTEFACTS / f"status-bar-1366-{'demo' if demo else 'real'}.png"))
    bar.clearMessage()
    assert not bar.message_label.isVisible()
    # With the message gone, every label has its full words back.
    assert all(w.shown() == w.text() for w in bar.findChildren(FitLabel) if w.isVisible())


def test_a_message_too_long_for_any_room_ends_in_dots_with_all_of_it_in_the_tooltip(
    styled: QApplication, demo_app: App, qtbot: QtBot
) -> None:
    window = _window(demo_app, qtbot, 1000, demo=True)
    bar = window.status
    failure = ("Sync did not finish: S:\\Housing\\ASB team share is not connected: it has no "
               "asb-desktop share marker (the drive may not be mounted). Nothing was changed.")
    bar.showMessage(failure)
    seen = message_seen(bar)
    assert seen == {"visible": True, "whole": False, "tipped": True, "overlapped": False}, seen
    assert bar.message_label.accessibleName() == failure
    assert permanent_labels_honest(bar) == []


def test_a_status_tip_from_the_menus_gets_the_same_room(
    styled: QApplication, long_named: App, qtbot: QtBot
) -> None:
    """Qt shows a hovered action's status tip through the same message slot."""
    window = _window(long_named, qtbot, 1366)
    tip = window.sync_action.statusTip()
    assert tip.startswith("The share is not set up")
    window.status.showMessage(tip)
    assert message_seen(window.status)["whole"]


# -- the lock screen ---------------------------------------------------------------------


def lock_labels_clipped(lock: AppLock) -> list[str]:
    """The lock page's labels whose words need more room than they were given."""
    clipped = []
    for label in lock.page.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if label.wordWrap():
            high_enough = label.heightForWidth(label.width()) <= label.height()
            wide_enough = label.minimumSizeHint().width() <= label.width()
        else:
            high_enough = label.sizeHint().height() <= label.height()
            wide_enough = label.sizeHint().width() <= label.width()
        if not (high_enough and wide_enough):
            clipped.append(f"{label.text()!r} {label.size().toTuple()} needs "
                           f"{label.heightForWidth(label.width())} high")
    return clipped


def _locked(qtbot: QtBot, clock: FakeClock, width: int, height: int) -> tuple[QMainWindow, AppLock]:
    window = QMainWindow()
    window.setCentralWidget(QLabel("Amira Okafor, 14 Larch Close"))
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    lock = install_app_lock(window, IdleLock(clock), lambda _pin: False)
    lock.lock_now()
    lock.pin.setText("0000")
    lock.try_unlock()  # the red "not right" line shows too
    qtbot.waitUntil(lambda: lock.message.isVisible() and lock.message.height() > 0)
    return window, lock


def test_the_lock_screen_words_all_show_at_150_percent_text(
    styled: QApplication, qtbot: QtBot, clock: FakeClock
) -> None:
    font = QApplication.font()
    larger = QApplication.font()
    larger.setPointSizeF(font.pointSizeF() * 1.5)
    QApplication.setFont(larger)
    try:
        window, lock = _locked(qtbot, clock, 1366, 768)
        assert lock.hint.font().pointSizeF() == pytest.approx(larger.pointSizeF())
        assert lock_labels_clipped(lock) == []
        assert lock.hint.height() >= 2 * QFontMetricsF(lock.hint.font()).lineSpacing()
        window.close()
    finally:
        QApplication.setFont(font)


def test_the_lock_screen_words_all_show_at_normal_text(
    styled: QApplication, qtbot: QtBot, clock: FakeClock
) -> None:
    _, lock = _locked(qtbot, clock, 1366, 768)
    assert lock_labels_clipped(lock) == []


# -- QT_SCALE_FACTOR=1.5, in a child process -------------------------------------------------


def _child(folder: Path) -> dict[str, object]:
    """Run in the child: a 1920 px screen at 150% is 1280 logical px wide."""
    qapp = QApplication([])
    apply_style(qapp)
    app = create_profile(folder, LONG_NAME, "supervisor", demo=True)
    ops = OpsRunner()
    window = MainWindow(app, ops, demo=True, share=lambda: share_words(app.sync, app.device),
                        sync_now=app.sync.sync_now)
    window.show()
    window.showNormal()
    window.resize(1280, 700)
    window.start()
    while not ops.idle() or window.status.share_label.text() == "Share: checking…":
        qapp.processEvents()
        time.sleep(0.01)
    window.status.showMessage(SYNC_RESULT)
    qapp.processEvents()
    out: dict[str, object] = {
        "ratio": window.devicePixelRatio(),
        "bar_width": window.status.width(),
        "message": message_seen(window.status),
        "labels": permanent_labels_honest(window.status),
    }
    window.close()
    ops.wait_all()
    app.close()
    results = {}
    for scale in (1.0, 1.5):
        font = QApplication.font()
        if scale != 1.0:
            font.setPointSizeF(font.pointSizeF() * scale)
        QApplication.setFont(font)
        plain = QMainWindow()
        plain.setCentralWidget(QLabel("Amira Okafor"))
        plain.resize(1280, 680)
        plain.show()
        lock = install_app_lock(plain, IdleLock(FakeClock()), lambda _pin: False)
        lock.lock_now()
        lock.pin.setText("0000")
        lock.try_unlock()
        for _ in range(5):
            qapp.processEvents()
        results[str(scale)] = lock_labels_clipped(lock)
        plain.grab().save(str(folder.parent / f"lock-{scale}.png"))
        plain.close()
    out["lock"] = results
    return out


def test_at_qt_scale_factor_150_the_message_and_the_lock_screen_fit(tmp_path: Path) -> None:
    env = {**os.environ, "QT_SCALE_FACTOR": "1.5", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.gui.test_status_and_lock_fit", str(tmp_path / "profile")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["ratio"] == 1.5
    assert found["bar_width"] == 1280
    assert found["message"] == {"visible": True, "whole": True, "tipped": False,
                                "overlapped": False}
    assert found["labels"] == []
    assert found["lock"] == {"1.0": [], "1.5": []}


# -- contrast ------------------------------------------------------------------------------


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green())
            + 0.0722 * channel(colour.blue()))


def over(colour: QColor, background: QColor) -> QColor:
    """``colour`` as drawn on ``background``: Qt draws some text half see-through
    (an empty box's example text, by default), and it is the blend that is read."""
    a = colour.alphaF()
    return QColor.fromRgbF(*(a * c + (1 - a) * b for c, b in (
        (colour.redF(), background.redF()), (colour.greenF(), background.greenF()),
        (colour.blueF(), background.blueF()))))


def contrast(fg: QColor, bg: QColor) -> float:
    """WCAG contrast ratio, from 1:1 to 21:1, of text ``fg`` drawn on ``bg``."""
    a, b = over(fg, bg), bg
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def drawn_background(top: QWidget, widget: QWidget) -> QColor:
    """The colour most of ``widget``'s area is painted in, as the officer sees it."""
    image = top.grab().toImage()
    corner = widget.mapTo(top, QPoint(0, 0))
    counts = Counter(image.pixel(x, y)
                     for x in range(corner.x(), corner.x() + widget.width())
                     for y in range(corner.y(), corner.y() + widget.height()))
    return QColor.fromRgb(counts.most_common(1)[0][0])


def test_error_hint_and_example_text_reach_4_5_to_1_where_they_are_drawn(
    styled: QApplication, app: App, qtbot: QtBot, clock: FakeClock
) -> None:
    # The formula itself, on pairs whose ratios WCAG's own examples give.
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert contrast(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)
    text, disabled = QPalette.ColorRole.WindowText, QPalette.ColorGroup.Disabled
    ops = OpsRunner()
    dialog = ShareDialog(ops, app.sync)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ok.click()  # nothing filled in: two field errors and the summary
    errors = [w for w in dialog.findChildren(QLabel)
              if w.property("fieldError") and w.isVisible()]
    assert len(errors) == 2
    found: dict[str, float] = {}
    for label in errors:
        found[f"field error {label.text()!r}"] = contrast(
            label.palette().color(text), drawn_background(dialog, label))
    summary = dialog.errors.summary.list
    summary_bg = drawn_background(dialog, summary)
    found["error summary"] = contrast(summary.palette().color(text), summary_bg)
    found["error summary links"] = contrast(
        summary.palette().color(QPalette.ColorRole.Link), summary_bg)
    hint = next(w for w in dialog.findChildren(QLabel) if w.property("hint"))
    found["hint"] = contrast(hint.palette().color(text), drawn_background(dialog, hint))
    dialog.folder.setEnabled(False)
    found["greyed field"] = contrast(dialog.folder.palette().color(disabled, QPalette.ColorRole.Text),
                                     drawn_background(dialog, dialog.folder))
    dialog.setEnabled(False)
    found["greyed hint"] = contrast(hint.palette().color(disabled, text),
                                    drawn_background(dialog, hint))
    dialog.close()

    window, lock = _locked(qtbot, clock, 1000, 700)
    found["lock error"] = contrast(lock.message.palette().color(text),
                                   drawn_background(window, lock.message))
    box = QLineEdit()
    box.setPlaceholderText("For example 23:30, or 'most nights'")
    qtbot.addWidget(box)
    box.show()
    found["example in an empty box"] = contrast(
        box.palette().color(QPalette.ColorRole.PlaceholderText), drawn_background(box, box))
    ops.wait_all()
    assert {k: round(v, 2) for k, v in found.items() if v < 4.5} == {}, found


if __name__ == "__main__":  # the child process of the QT_SCALE_FACTOR test
    print(json.dumps(_child(Path(sys.argv[1]))))
