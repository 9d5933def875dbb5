"""A short, read-only list shown whole: the desk's borrower panel, the reading room's tables."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.records_model import RecordsModel


def small_table(
    model: RecordsModel, name: str, *, stretch: int = 0, parent: QWidget | None = None
) -> QTableView:
    """Whole rows, no editing, one line a row; columns fit their contents and column
    ``stretch`` takes the spare width."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view
