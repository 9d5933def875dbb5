"""A table model over ids ordered in SQL, with rows fetched in blocks as they are shown.

The model holds the ordered ids of every matching row (so the scroll bar reflects the
true count) and a bounded cache of rows, filled a block at a time around the row the view
asks for — the approach of Anki's browser table. Sorting and filtering are done by
SQLite: :meth:`sort` and :meth:`reload` ask for the ids again. With ``threaded=True`` the
ids are fetched in a pool thread on its own connection (``ui.workers``), so a search over
a very large catalogue never freezes the window; the rows on screen stay until the new
ids arrive, and an answer to an older request is dropped. The first load is always done
at once (an index walk, under 0.1 s for 250,000 works), so a page shows its rows as soon
as it is shown, on screen or in a screenshot.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    Signal,
)

from readingroom.errors import ReadingRoomError
from ui.models.columns import NO_PARENT, ROW_ID_ROLE, Column, cell_data, header_data
from ui.workers import DatabaseJob

Index = QModelIndex | QPersistentModelIndex
IdsQuery = Callable[[], list[int]]


class LazyTableModel(QAbstractTableModel):
    """Subclasses give :meth:`ids_query` (a closure safe to run in another thread) and
    :meth:`fetch_rows`."""

    #: the ids were (re)loaded and the view reset
    loaded = Signal()
    #: loading the ids failed with a domain error (e.g. bad dates in a filter)
    load_failed = Signal(object)
    #: the user asked to sort by a column that cannot be sorted
    unsortable = Signal(int)

    BLOCK = 128
    CACHE_LIMIT = 4096

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None, *,
                 sort: str, descending: bool = False, threaded: bool = False):
        super().__init__(parent)
        self.columns = list(columns)
        self.sort_key = sort
        self.descending = descending
        self.threaded = threaded
        self._ids: list[int] = []
        self._cache: OrderedDict[int, Any] = OrderedDict()
        self._generation = 0
        #: ids being fetched in the pool: each job's signals -> (the job, its request number)
        self._jobs: dict[QObject, tuple[DatabaseJob, int]] = {}

    # -- what subclasses provide ----------------------------------------------------------

    def ids_query(self) -> IdsQuery:
        """A function returning the ordered ids for the current filter and sort."""
        raise NotImplementedError

    def fetch_rows(self, ids: list[int]) -> dict[int, Any]:
        raise NotImplementedError

    # -- loading --------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return bool(self._jobs)

    def reload(self) -> None:
        """Fetch the ids again (after a filter, a sort or a change to the data)."""
        first = self._generation == 0
        self._generation += 1
        generation, query = self._generation, self.ids_query()
        if not self.threaded or first:
            try:
                ids = query()
            except ReadingRoomError as error:
                self.load_failed.emit(error)
                return
            self._apply(generation, ids)
            return
        job = DatabaseJob(lambda _progress: query())
        self._jobs[job.signals] = (job, generation)
        # bound methods: Qt drops the connection if the model is deleted first
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        QThreadPool.globalInstance().start(job)

    def _finished(self, ids: list[int]) -> None:
        _job, generation = self._jobs.pop(self.sender())
        self._apply(generation, ids)

    def _failed(self, info: tuple) -> None:
        _job, generation = self._jobs.pop(self.sender())
        error = info[1]
        if generation != self._generation:
            return
        if isinstance(error, ReadingRoomError):
            self.load_failed.emit(error)
            return
        raise error.with_traceback(info[2])

    def _apply(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._ids = ids
        self._cache.clear()
        self.endResetModel()
        self.loaded.emit()

    def invalidate_rows(self) -> None:
        """Forget cached rows (their data changed) without asking for the ids again."""
        self._cache.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(self.columns) - 1))

    # -- rows -----------------------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return self._ids

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, row_id: int) -> int:
        """The position of ``row_id`` in the table, or -1 (a C-level scan: a few ms over
        250,000 ids, where building a position dict after every reload took ~120 ms)."""
        try:
            return self._ids.index(row_id)
        except ValueError:
            return -1

    def row_at(self, row: int) -> Any:
        """The row object at ``row`` (fetching its block if needed), or None."""
        row_id = self.id_at(row)
        if row_id is None:
            return None
        if row_id not in self._cache:
            self._fill(row)
        self._cache.move_to_end(row_id)
        return self._cache[row_id]

    def _fill(self, row: int) -> None:
        start = max(0, row - self.BLOCK // 4)
        wanted = [i for i in self._ids[start:start + self.BLOCK] if i not in self._cache]
        found = self.fetch_rows(wanted)
        for row_id in wanted:
            # a row deleted since the ids were read shows as empty until the next reload
            self._cache[row_id] = found.get(row_id)
        while len(self._cache) > self.CACHE_LIMIT:
            self._cache.popitem(last=False)

    # -- Qt model API ---------------------------------------------------------------------

    def rowCount(self, parent: Index = NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ROW_ID_ROLE:
            return self._ids[index.row()]
        return cell_data(self.columns[index.column()], self.row_at(index.row()), role)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return header_data(self.columns, section, orientation, role, sortable=True)

    def sort_column(self) -> int:
        keys = [column.sort for column in self.columns]
        return keys.index(self.sort_key) if self.sort_key in keys else -1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].sort
        if key is None:
            self.unsortable.emit(column)
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending) and self._generation:
            return
        self.sort_key, self.descending = key, descending
        self.reload()
