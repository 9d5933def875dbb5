"""A table model over a short list of records (a borrower's loans, search results).

Columns are described once (header, how to show a record, alignment); the model answers
display, tooltip, alignment, accessible text, an optional per-row tone and icon, and the
record itself under ``RECORD_ROLE``. For short lists only: big tables page in SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon

from ui.models.columns import plain_tooltip

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: its header and how a record reads in it."""

    header: str
    text: Callable[[Any], str]
    align: Qt.AlignmentFlag = LEFT
    sort_key: Callable[[Any], Any] | None = None


class RecordsModel(QAbstractTableModel):
    """Rows of records shown through :class:`Column` descriptions."""

    def __init__(
        self,
        columns: Sequence[Column],
        parent: QObject | None = None,
        *,
        tone: Callable[[Any], QColor | None] | None = None,
        icon: Callable[[Any], QIcon | None] | None = None,
    ):
        super().__init__(parent)
        self.columns = list(columns)
        self.records: list[Any] = []
        self.tone = tone
        self.icon = icon

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self.records[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self.records)
            or not 0 <= index.column() < len(self.columns)
        ):
            return None
        record, column = self.records[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(column.text(record))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align.value)
        if role == Qt.ItemDataRole.ForegroundRole and self.tone is not None:
            colour = self.tone(record)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0 and self.icon is not None:
            return self.icon(record)
        if role == RECORD_ROLE:
            return record
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802 - Qt API
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        spec = self.columns[column]
        key = spec.sort_key or (lambda record: spec.text(record).casefold())
        self.layoutAboutToBeChanged.emit()
        old = {id(record): row for row, record in enumerate(self.records)}
        self.records.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        moves = {old[id(record)]: row for row, record in enumerate(self.records)}
        for persistent in self.persistentIndexList():
            row = moves.get(persistent.row(), persistent.row())
            self.changePersistentIndex(persistent, self.index(row, persistent.column()))
        self.layoutChanged.emit()
