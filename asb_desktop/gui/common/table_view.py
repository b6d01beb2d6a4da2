"""A table set up the same way everywhere: whole rows selected, sortable
headers, sensible widths from the model's columns, keyboard first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from asb_desktop.gui.common.paged_model import PagedTableModel


def make_table(
    model: PagedTableModel[object], name: str, parent: QWidget | None = None,
    sortable: bool = True,
) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setObjectName(name.replace(" ", "_").lower())
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    scale = max(1.0, view.fontMetrics().averageCharWidth() / 7.0)
    for i, col in enumerate(model.columns):
        view.setColumnWidth(i, int(col.width * scale))
    if sortable and model.sort_key is None:
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the usual order, unsorted
    elif sortable:
        keys = [c.sort_key for c in model.columns]
        column = keys.index(model.sort_key) if model.sort_key in keys else 0
        header.setSortIndicator(
            column,
            Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder,
        )
    view.setSortingEnabled(sortable)
    return view
