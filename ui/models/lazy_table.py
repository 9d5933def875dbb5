"""A table model over ids ordered in SQL, with rows fetched in blocks as they are shown.

The model holds the ordered ids of every matching row (so the scroll bar reflects the
true count) and a bounded cache of rows, filled a block at a time around the row the view
asks for — the approach of Anki's browser table. Sorting and filtering are done by
SQLite: :meth:`sort` and :meth:`reload` ask for the ids again. With ``threaded=True`` the
ids are fetched in another thread on its own connection (an :class:`ui.operations.QueryOp`
in the model's own :class:`ui.operations.Lane`, so a search never waits behind the desk's
calls, and its connection stays open from one key to the next), so a search over
a very large catalogue never freezes the window; the rows on screen stay until the new
ids arrive, and an answer to an older request is dropped (a stale query still running is
interrupted). The first load is always done at once, so a page shows its rows as soon as
it is shown, on screen or in a screenshot.

A model that gives :meth:`screen_query` shows its first screen before every id is read:
the first rows by ``LIMIT`` with the true count (or, for a search, the first matches in
the index's order), then the whole ordered id list from the reads thread. Reading 250,000
ids in order takes ~90 ms in SQLite alone; the first screen takes a few. Until the list
arrives the model is not :attr:`complete`: rows past the first screen are blank.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from readingroom.errors import ReadingRoomError
from readingroom.queries.interruptible import run_until_stale
from ui.models.columns import NO_PARENT, ROW_ID_ROLE, Column, cell_data, header_data
from ui.operations import Lane, QueryOp

Index = QModelIndex | QPersistentModelIndex
IdsQuery = Callable[[], list[int]]

#: SQLite virtual machine steps between checks that a background query is still wanted
ABORT_CHECK_STEPS = 10_000
#: after a keystroke, the pause before the ids past the first screen are read (a person
#: types a key every 100-300 ms; the first screen is on the table long before)
REST_AFTER_TYPING_MS = 200
#: milliseconds a model's reads thread keeps its connection open after its last read
#: (longer than a pause in typing to look at the results)
READS_IDLE_CLOSE_MS = 30_000


class Screen(Protocol):
    """A first screen (``readingroom.browse.works.FirstScreen`` is one); read only, so a
    frozen dataclass is one."""

    @property
    def ids(self) -> list[int]: ...

    @property
    def count(self) -> int | None:
        """The true number of rows, or None while not counted (``ids`` then in another
        order)."""

    @property
    def complete(self) -> bool:
        """``ids`` is every row, in the table's order."""


ScreenQuery = Callable[[], Screen]


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

    #: what the rows are filtered by (each model's own filter type)
    filter: Any

    def __init__(
        self,
        columns: Sequence[Column],
        parent: QObject | None = None,
        *,
        sort: str,
        descending: bool = False,
        threaded: bool = False,
    ):
        super().__init__(parent)
        self.columns = list(columns)
        self.sort_key = sort
        self.descending = descending
        self.threaded = threaded
        self._ids: list[int] = []
        self._count = 0
        self._complete = True
        self._counted = True
        #: True while ids read at once (not in the reads thread) are applied: nothing painted
        self.answering_at_once = False
        self._cache: OrderedDict[int, Any] = OrderedDict()
        self._generation = 0
        #: the latest request number, read by background queries to stop when stale
        self._latest = [0]
        #: the request whose ids after the first screen are still to be asked for
        self._rest_wanted: int | None = None
        # one timer per model, not a lambda per request
        self._rest_timer = QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.setInterval(0)
        self._rest_timer.timeout.connect(self._read_the_rest)
        #: how many reads this model has started in its lane and not yet heard back from
        self._reading = 0
        self._reads: Lane | None = None

    # -- what subclasses provide ----------------------------------------------------------

    def ids_query(self) -> IdsQuery:
        """A function returning the ordered ids for the current filter and sort."""
        raise NotImplementedError

    def screen_query(self) -> ScreenQuery | None:
        """A function returning the first screen fast, or None to read every id first."""
        return None

    def fetch_rows(self, ids: list[int]) -> dict[int, Any]:
        raise NotImplementedError

    def set_filter(self, filters: Any) -> None:
        """Show the rows matching ``filters`` (each model has its own filter type, kept in
        ``self.filter``): as the user types, so the rest of the ids waits for a pause."""
        if filters != self.filter:
            self.filter = filters
            self.reload(typing=True)

    # -- loading --------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return bool(self._reading) or self._rest_wanted == self._generation

    @property
    def complete(self) -> bool:
        """Every row's id is known (False while the rest follows the first screen)."""
        return self._complete

    @property
    def counted(self) -> bool:
        """The row count is the true one (False while a search's first screen is shown)."""
        return self._counted

    def reload(self, *, typing: bool = False) -> None:
        """Fetch the ids again (after a filter, a sort or a change to the data). ``typing``:
        the ids after the first screen are asked for only after :data:`REST_AFTER_TYPING_MS`
        without a newer request, so a search's long tail never stands in the way of the
        next keystroke's first screen (SQLite cannot interrupt a sort half done)."""
        self._rest_timer.setInterval(REST_AFTER_TYPING_MS if typing else 0)
        first = self._generation == 0
        self._generation += 1
        self._latest[0] = self._generation
        generation, query = self._generation, self.ids_query()
        screen = self.screen_query() if self.threaded else None
        if screen is not None:
            if first:
                self._at_once(generation, screen, self._show_screen)
            else:
                self._start(generation, screen, self._show_screen)
        elif first or not self.threaded:
            self._at_once(generation, query, self._apply)
        else:
            self._start(generation, query, self._apply)

    def _at_once(
        self, generation: int, query: Callable[[], Any], then: Callable[[int, Any], None]
    ) -> None:
        try:
            answer = query()
        except ReadingRoomError as error:
            self.load_failed.emit(error)
            return
        self.answering_at_once = True
        try:
            then(generation, answer)
        finally:
            self.answering_at_once = False

    def _start(
        self,
        generation: int,
        job: Callable[[], Any],
        then: Callable[[int, Any], None],
    ) -> None:
        self._reading += 1
        (
            QueryOp(self, job)  # a child of the model: dropped if the model goes first
            .on(self._lane())
            .success(lambda answer: self._finished(generation, then, answer))
            .failure(lambda error: self._failed(generation, error))
            .finally_(self._read_one)
            .run()
        )

    def _lane(self) -> Lane:
        """The model's own reads thread (made on first use), whose connection stays open
        while the user types (a new connection each key started with SQLite's page cache
        empty: a first screen took 7 ms, not 3, on the national catalogue); it ends with
        the model."""
        if self._reads is None:
            self._reads = Lane(f"readingroom-{type(self).__name__}", READS_IDLE_CLOSE_MS)
            self.destroyed.connect(self._reads.stop)
        return self._reads

    def _read_one(self) -> None:
        self._reading -= 1

    def _finished(self, generation: int, then: Callable[[int, Any], None], answer: Any) -> None:
        if generation == self._generation:
            then(generation, answer)

    def _failed(self, generation: int, error: BaseException) -> bool:
        """True when handled here: a stale request (a background query interrupted as it
        went stale) is dropped, a refusal is said by ``load_failed``; a bug goes on to the
        window's crash dialog."""
        if generation != self._generation:
            return True
        if isinstance(error, ReadingRoomError):
            self.load_failed.emit(error)
            return True
        return False

    def _show_screen(self, generation: int, screen: Screen) -> None:
        """The first screen is shown; the whole ordered id list follows from the reads thread."""
        if screen.complete:
            self._apply(generation, screen.ids)
            return
        counted = screen.count is not None
        self._reset(
            screen.ids,
            screen.count if screen.count is not None else len(screen.ids),
            complete=False,
            counted=counted,
        )
        self.loaded.emit()
        # after the first screen is painted (queued behind the view's update), and only if
        # no newer request came meanwhile (typing: each key supersedes the last)
        self._rest_wanted = generation
        self._rest_timer.start()

    def _read_the_rest(self) -> None:
        generation, self._rest_wanted = self._rest_wanted, None
        if generation == self._generation:
            self._start(
                generation, self._while_latest(generation, self.ids_query()), self._apply_rest
            )

    def _while_latest(self, generation: int, query: IdsQuery):
        """``query`` as a job that SQLite interrupts once a newer request is made."""
        latest = self._latest

        def job(_progress: object = None) -> list[int]:
            return run_until_stale(query, lambda: latest[0] != generation, ABORT_CHECK_STEPS)

        return job

    def _apply_rest(self, generation: int, ids: list[int]) -> None:
        """Every id after the first screen: the rows shown stay when the order is the same
        (a sort); a search's first screen, in the index's order, is replaced."""
        shown = len(self._ids)
        if len(ids) != self._count or ids[:shown] != self._ids:
            self._apply(generation, ids)
            return
        self._ids, self._complete, self._counted = ids, True, True
        if shown < len(ids):
            self.dataChanged.emit(
                self.index(shown, 0), self.index(len(ids) - 1, len(self.columns) - 1)
            )
        self.loaded.emit()

    def _apply(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation:
            return
        self._reset(ids, len(ids), complete=True)
        self.loaded.emit()

    def _reset(self, ids: list[int], count: int, *, complete: bool, counted: bool = True) -> None:
        self.beginResetModel()
        self._ids, self._count = ids, count
        self._complete, self._counted = complete, counted
        self._cache.clear()
        self.endResetModel()

    def invalidate_rows(self) -> None:
        """Forget cached rows (their data changed) without asking for the ids again."""
        self._cache.clear()
        if self._count:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self._count - 1, len(self.columns) - 1)
            )

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
        wanted = [i for i in self._ids[start : start + self.BLOCK] if i not in self._cache]
        found = self.fetch_rows(wanted)
        for row_id in wanted:
            # a row deleted since the ids were read shows as empty until the next reload
            self._cache[row_id] = found.get(row_id)
        while len(self._cache) > self.CACHE_LIMIT:
            self._cache.popitem(last=False)

    # -- Qt model API ---------------------------------------------------------------------

    def rowCount(self, parent: Index = NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        if role == ROW_ID_ROLE:
            return self.id_at(index.row())
        return cell_data(self.columns[index.column()], self.row_at(index.row()), role)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802 - Qt API
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
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
