"""The supervisor's "Changes set aside by sync" dialog, reached from the Sync
menu, over real set-aside rows made by three real devices syncing; and the
officer's Sync menu, where the entry is off and says who reviews these."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QTableView
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.sync.set_aside_dialog import FOR_SUPERVISORS, SetAsideDialog
from tests.conftest import ARTEFACTS
from tests.gui.conftest import settle
from tests.sync import conftest as sync_fixtures
from tests.sync.conftest import Device
from tests.sync.test_set_aside_view import SECRETS, make_both_kinds

# The sync tests' three real devices on a share, borrowed as they are.
template_profiles = sync_fixtures.template_profiles
share = sync_fixtures.share
team = sync_fixtures.team
_fresh_team_keys = sync_fixtures._fresh_team_keys


def _shown(table: QTableView) -> list[list[str]]:
    """Every cell as the supervisor reads it (and a screen reader announces it)."""
    model = table.model()
    return [[str(model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole))
             for c in range(model.columnCount())] for r in range(model.rowCount())]


def _open(window: MainWindow, qtbot: QtBot) -> SetAsideDialog:
    window.set_aside_action.trigger()
    settle(qtbot, window)
    dialog = window.set_aside_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Changes set aside by sync"
    return dialog


def test_supervisor_reads_and_filters_the_changes_set_aside(
    team: list[Device], make_window: Callable[[App], MainWindow], qtbot: QtBot
) -> None:
    _a, b, c = team
    made = make_both_kinds(team)
    window = make_window(c.app)
    assert window.set_aside_action.isEnabled()
    sync_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "S&ync")
    assert window.set_aside_action in sync_menu.actions()

    dialog = _open(window, qtbot)
    cells = _shown(dialog.table)
    assert cells, "the supervisor sees the set-aside changes"
    kinds = {row[4] for row in cells}
    assert kinds == {"Could not be applied here",
                     "Dropped: the record had been purged under retention"}
    party = next(row for row in cells if row[4] == "Could not be applied here"
                 and row[2] == "case party")
    assert party[1].startswith(b.app.unit.actor.name) and party[3] == made.kept_reference
    assert party[5] == "added at, case, person, role"  # names only, read as words
    everything = " ".join(" ".join(row) for row in cells) + dialog.details.text()
    for word in SECRETS:
        assert word not in everything, word
    assert dialog.details.text().count("Why:") == 1  # the chosen row's reason in full
    assert "unappliable" not in dialog.count.text()

    ARTEFACTS.mkdir(exist_ok=True)
    window.resize(1366, 768)
    dialog.resize(min(dialog.width(), 1366), min(dialog.height(), 768))
    for r, row in enumerate(cells):
        if row[2] == "case party" and row[4] == "Could not be applied here":
            dialog.table.selectRow(r)
    assert dialog.grab().save(str(ARTEFACTS / "set-aside-dialog.png"))

    # Filter: only what could not be applied, then only what a purge overtook.
    dialog.kind.setCurrentIndex(dialog.kind.findText("Could not be applied"))
    settle(qtbot, window)
    only = _shown(dialog.table)
    assert only and {row[4] for row in only} == {"Could not be applied here"}
    dialog.kind.setCurrentIndex(dialog.kind.findText("Dropped after a purge"))
    settle(qtbot, window)
    dropped = _shown(dialog.table)
    assert dropped and {row[5] for row in dropped} == {"None kept"}
    assert len(only) + len(dropped) == len(cells)

    # Sorting by a column reorders the rows; the newest is first until then.
    dialog.kind.setCurrentIndex(0)
    settle(qtbot, window)
    dialog.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    settle(qtbot, window)
    records = [row[2] for row in _shown(dialog.table)]
    assert records == sorted(records)
    dialog.close()


def test_officer_sees_the_entry_off_with_who_reviews_these(
    app: App, make_window: Callable[[App], MainWindow]
) -> None:
    window = make_window(app)
    action = window.set_aside_action
    assert action.text().replace("&", "") == "Changes set aside…"
    assert not action.isEnabled()
    assert action.toolTip() == FOR_SUPERVISORS and "supervisor reviews" in action.toolTip()
