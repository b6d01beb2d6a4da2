"""Start the real window on a profile and check that every screen fits the
screen it opens on: every tab, and the case view of the busiest case.

Run by ``test_window_fits.py`` in its own process on an X display (Xvfb) of
the laptop's size, with ``QT_SCALE_FACTOR`` for larger text, through the same
start-up as ``asb-desktop``. Prints one line per problem (``OFF …``, ``SCROLL
…``) and ``checked <name>`` per screen; saves ``fit-<suffix>-<name>.png``.

    python -m tests.gui.fit_check PROFILE_DIR OUT_DIR SUFFIX
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from asb_desktop.cli.main import open_window
from asb_desktop.gui.common.placement import FILE_NAME
from asb_desktop.gui.main_window import MainWindow
from tests.gui.shoot_tabs import _pin_chosen

#: The caseload's columns an officer must see without scrolling sideways.
KEY_COLUMNS = ("Reference", "Parties", "Risk", "Status", "Next action due", "Days open")
CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QLabel, QAbstractScrollArea)
#: The case view's forms, each shown at its fullest: button name -> what to fill first.
CASE_DIALOGS = {"assess": "questionnaire", "dash": "safe", "add_party": "new",
                "edit_person": "", "restrict": "", "pause": "", "case_review": "",
                "assign": "", "close": "survey"}
#: Dialogs opened from a menu or a tab: team members, adding a tenancy, the lessons log,
#: the team's laptops (Sync ▸ Team devices).
WINDOW_DIALOGS = ("team", "add_tenancy", "lessons", "team_devices")
#: Screens reached from a tab rather than the case view: the reports owed an
#: acknowledgement, and the supervisor's ASB Case Review watch.
OTHER_SCREENS = ("to_acknowledge", "case_review_watch")
#: Letters and the repeat not-ASB list: (screen name, how to open it) in the order visited.
LETTER_SCREENS = ("case_letter", "report_letter", "repeats")
#: A scroll area's own visible part excludes its contents, so it is not checked here.
SQUEEZED = (QAbstractButton, QComboBox, QLineEdit)


def _name(w: QWidget) -> str:
    text = getattr(w, "text", None)
    words = text() if callable(text) else ""
    return f"{type(w).__name__}({w.objectName() or w.accessibleName() or words!s:.40})"


def problems(window: QWidget) -> list[str]:
    """Controls on screen (not scrolled out of view) that lie past the screen's edge."""
    screen = window.screen().availableGeometry()
    found: list[str] = []
    frame = window.frameGeometry()
    if not screen.contains(frame):
        found.append(f"OFF window {frame.getRect()} past the screen {screen.getRect()}")
    for w in window.findChildren(QWidget):
        if not isinstance(w, CONTROLS) or not w.isVisible() or w.window() is not window:
            continue
        seen = w.visibleRegion().boundingRect()
        if seen.isEmpty():
            continue  # scrolled out of view inside a scroll area: reachable by scrolling
        top_left = w.mapToGlobal(seen.topLeft())
        rect = QRect(top_left, seen.size())
        if not screen.contains(rect):
            found.append(f"OFF {_name(w)} at {rect.getRect()} past {screen.getRect()}")
        if rect.width() < w.width() and isinstance(w, SQUEEZED) and not _scrolls_sideways(w):
            # cut off at the side, where no scroll bar can bring the rest into view
            found.append(f"CUT {_name(w)} shows {rect.width()} of {w.width()} px")
        if isinstance(w, QLineEdit) and w.width() < 6 * w.fontMetrics().averageCharWidth():
            found.append(f"CUT {_name(w)} squeezed to {w.width()} px")
    return found


def _scrolls_sideways(w: QWidget) -> bool:
    """Whether the scroll area holding ``w`` can scroll sideways to show it all."""
    p = w.parentWidget()
    while p is not None:
        if isinstance(p, QAbstractScrollArea):
            return p.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        p = p.parentWidget()
    return False


def caseload_columns(table: QTableView) -> list[str]:
    """Key columns of the caseload that need sideways scrolling to be seen."""
    header = table.horizontalHeader()
    width = table.viewport().width()
    model = table.model()
    titles = [str(model.headerData(i, header.orientation())) for i in range(model.columnCount())]
    found = []
    for title in KEY_COLUMNS:
        i = titles.index(title)
        if header.isSectionHidden(i):
            found.append(f"SCROLL caseload column {title!r} is hidden")
            continue
        right = header.sectionPosition(i) + header.sectionSize(i)
        if right > width:
            found.append(f"SCROLL caseload column {title!r} ends at {right} px, "
                         f"past the table's {width} px")
    return found


def main(profile: Path, out: Path, suffix: str) -> int:
    _pin_chosen(profile)
    (profile / FILE_NAME).unlink(missing_ok=True)  # placed as on first start, for this screen
    qapp = QApplication(sys.argv)
    state: dict[str, int] = {"code": 1}
    out.mkdir(parents=True, exist_ok=True)

    def when_idle(window: MainWindow, then: Callable[[], None]) -> None:
        def poll() -> None:
            if window.isVisible() and window.ops.idle():
                QTimer.singleShot(400, then)
            else:
                QTimer.singleShot(50, poll)
        QTimer.singleShot(200, poll)

    def check(window: QWidget, name: str, extra: list[str] | None = None) -> None:
        found = problems(window) + (extra or [])
        for line in found:
            print(f"{line} [{name}]", flush=True)
        window.grab().save(str(out / f"fit-{suffix}-{name}.png"))
        print(f"checked {name}", flush=True)

    def run(window: MainWindow) -> None:
        screen = window.screen()
        print(f"screen {screen.availableGeometry().getRect()} scale "
              f"{screen.devicePixelRatio()}", flush=True)
        steps: list[Callable[[Callable[[], None]], None]] = []
        for i in range(window.tabs.count()):
            def visit(done: Callable[[], None], i: int = i) -> None:
                window.tabs.setCurrentIndex(i)
                name = window.tabs.tabText(i).replace("&", "").split()[0].lower()

                def look() -> None:
                    extra = []
                    if window.tabs.currentWidget() is window.cases_tab:
                        extra = caseload_columns(window.cases_tab.table)
                    check(window, name, extra)
                    done()
                when_idle(window, look)
            steps.append(visit)

        def busiest(done: Callable[[], None]) -> None:
            tab = window.cases_tab
            window.tabs.setCurrentWidget(tab)
            tab.whose.setCurrentIndex(tab.whose.findData("all"))

            def choose() -> None:
                model = tab.model
                rows = [model.row_at(r) for r in range(model.rowCount())]
                best = max((r for r in rows if r is not None),
                           key=lambda r: r.days_open, default=None)
                if best is None:
                    print("OFF no case to open", flush=True)
                    done()
                    return
                tab.table.selectRow(rows.index(best))
                when_idle(window, lambda: (check(window, "case"), done()))
            when_idle(window, choose)
        steps.append(busiest)
        for name in CASE_DIALOGS:
            def dialog(done: Callable[[], None], name: str = name) -> None:
                view = window.cases_tab.view
                getattr(view, f"{name}_button").click()

                def look() -> None:
                    form = view.form_dialog
                    if form is None or not form.isVisible():
                        print(f"OFF no {name} dialog", flush=True)
                    else:
                        fill = CASE_DIALOGS[name]
                        if isinstance(getattr(form, fill, None), QComboBox):
                            getattr(form, fill).setCurrentIndex(1)  # its questions shown
                        elif fill:
                            getattr(form, fill).setChecked(True)
                        def shown() -> None:
                            check(form, name)
                            form.reject()
                            done()
                        QTimer.singleShot(300, shown)
                        return
                    done()
                when_idle(window, look)
            steps.append(dialog)

        def letters_and_repeats(name: str, done: Callable[[], None]) -> None:
            """The letter chooser from the case and from a report, and the repeats list."""
            tab, view = window.reports_tab, window.cases_tab.view

            def opened() -> QWidget | None:
                if name == "case_letter":
                    return view.letters
                if name == "report_letter":
                    return tab.panel.letters
                return getattr(tab, "repeats", None)

            def look() -> None:
                shown = opened()
                if shown is None or not shown.isVisible():
                    print(f"OFF no {name} dialog", flush=True)
                else:
                    check(shown, name)
                    shown.close()
                done()

            if name == "case_letter":
                view.letter_button.click()
            elif name == "repeats":
                tab.repeats_button.click()
            else:  # a report on show first, then its letter
                window.tabs.setCurrentWidget(tab)
                tab.lists.setCurrentIndex(0)
                tab.table.selectRow(0)

                def chosen() -> None:
                    tab.panel.letter_button.click()
                    when_idle(window, look)
                when_idle(window, chosen)
                return
            when_idle(window, look)
        for name in LETTER_SCREENS:
            steps.append(partial(letters_and_repeats, name))

        def acknowledgements(done: Callable[[], None]) -> None:
            tab = window.reports_tab
            window.tabs.setCurrentWidget(tab)
            if tab.acknowledgements is not None:
                tab.lists.setCurrentWidget(tab.acknowledgements)
            when_idle(window, lambda: (check(window, "to_acknowledge"), done()))
        steps.append(acknowledgements)

        def watch(done: Callable[[], None]) -> None:
            review = window.review_tab
            if review is None:
                print("OFF no caseload review tab", flush=True)
                done()
                return
            window.tabs.setCurrentWidget(review)
            review.case_review_button.click()

            def look() -> None:
                dialog = review.case_review_button.dialog
                if dialog is None or not dialog.isVisible():
                    print("OFF no case review watch", flush=True)
                else:
                    check(dialog, "case_review_watch")
                    dialog.reject()
                done()
            when_idle(window, look)
        steps.append(watch)

        def window_dialog(name: str, done: Callable[[], None]) -> None:
            if name == "team":
                window.team_action.trigger()
            elif name == "team_devices":
                window.team_devices_action.trigger()
            elif name == "add_tenancy":
                window.tabs.setCurrentWidget(window.visits_tab)
                window.visits_tab.tenancy_button.click()
            elif window.review_tab is not None:
                window.tabs.setCurrentWidget(window.review_tab)
                window.review_tab.looking_back.open_lessons()

            def look() -> None:
                review = window.review_tab
                shown = {"team": getattr(window, "team_dialog", None),
                         "team_devices": getattr(window, "team_devices_dialog", None),
                         "add_tenancy": window.visits_tab.tenancy_dialog,
                         "lessons": review.looking_back.lessons_dialog if review else None}[name]
                if shown is None or not shown.isVisible():
                    print(f"OFF no {name} dialog", flush=True)
                else:
                    check(shown, name)
                    shown.reject()
                done()
            when_idle(window, look)
        for name in WINDOW_DIALOGS:
            steps.append(partial(window_dialog, name))

        def next_step() -> None:
            if not steps:
                state["code"] = 0
                window.close()
                qapp.quit()
                return
            steps.pop(0)(next_step)
        next_step()

    def watch(what: str, obj: object) -> None:
        if what == "window" and isinstance(obj, MainWindow):
            when_idle(obj, lambda: run(obj))

    QTimer.singleShot(120_000, qapp.quit)  # never hang a test run
    code = open_window(profile, watch)
    return code or state["code"]


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]))
