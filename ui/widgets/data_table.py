"""The pages' table view: whole rows, keyboard-first, fixed row height, Enter opens."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.models.lazy_table import LazyTableModel

#: a column fitted to its contents is never wider than this many average characters
MAX_FIT_CHARS = 30
#: pixels around a cell's text (margins, the sort arrow); and room for a tone's icon
CELL_PADDING = 12
ICON_WIDTH = 22
#: on a wide screen the other columns of a large table grow by at most this fraction
MAX_GROWTH = 0.6


class DataTable(QTableView):
    """Emits ``open_requested(row)`` on Enter/Return or a double click; ``current_changed``
    when the current row changes. Over a :class:`LazyTableModel` it keeps the selected row
    (by id) across reloads and shows the model's sort column in the header."""

    open_requested = Signal(int)
    current_changed = Signal(int)

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.doubleClicked.connect(lambda index: self.open_requested.emit(index.row()))
        self._kept_id: int | None = None
        self._stretch = -1

    def setModel(self, model) -> None:  # noqa: N802 - Qt API
        super().setModel(model)
        self.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.current_changed.emit(current.row())
        )
        self._set_widths(model)
        if not isinstance(model, LazyTableModel):
            # a short list: columns fit their contents whenever the rows change
            model.modelReset.connect(self._fit_contents)
        else:
            model.modelAboutToBeReset.connect(self._remember)
            model.modelReset.connect(self._lay_out_now)
            # a long table's width never changes with its number of rows: a scroll bar that
            # came and went as a search narrowed resized the columns and painted twice
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
            model.loaded.connect(self._restore)
            model.unsortable.connect(self._show_sort)
            self.setSortingEnabled(False)
            self._show_sort()
            self.horizontalHeader().setSortIndicatorShown(True)
            self.horizontalHeader().setSectionsClickable(True)
            self.horizontalHeader().sortIndicatorChanged.connect(self._sort_clicked)

    def _set_widths(self, model) -> None:
        """Each column's default width; the ``stretch`` column (else the last) also takes
        the spare width, so the table never scrolls sideways while there is room."""
        columns = getattr(model, "columns", [])
        self._stretch = len(columns) - 1
        for section, column in enumerate(columns):
            self.setColumnWidth(section, self._default_width(column))
            if column.stretch:
                self._stretch = section
        self.horizontalHeader().setStretchLastSection(False)

    def _default_width(self, column) -> int:
        width = column.width * self._char_width() + CELL_PADDING
        return width + ICON_WIDTH if column.tone and column.tone_icon else width

    def _char_width(self) -> int:
        """A typical character's width (a digit: ``averageCharWidth`` runs narrow)."""
        return self.fontMetrics().horizontalAdvance("0")

    def _fill_stretch_column(self) -> None:
        model = self.model()
        if model is None or self._stretch < 0:
            return
        if isinstance(model, LazyTableModel):
            self._spread(model.columns)
            return
        others = sum(
            self.columnWidth(section)
            for section in range(model.columnCount())
            if section != self._stretch
        )
        least = self.horizontalHeader().sectionSizeHint(self._stretch)
        self.setColumnWidth(self._stretch, max(least, self.viewport().width() - others))

    def _spread(self, columns) -> None:
        """Share the spare width: the other columns grow a little (up to half as wide
        again), the stretch column takes the rest. Short of width, the stretch column gives
        some up (down to its heading's width), so the last columns stay in view rather than
        behind a sideways scroll bar."""
        widths = [self._default_width(column) for column in columns]
        others = sum(width for section, width in enumerate(widths) if section != self._stretch)
        spare = self.viewport().width() - sum(widths)
        grow = 1 + min(MAX_GROWTH, spare / 2 / others) if spare > 0 and others else 1
        for section, width in enumerate(widths):
            if section != self._stretch:
                self.setColumnWidth(section, int(width * grow))
        rest = self.viewport().width() - sum(
            self.columnWidth(section) for section in range(len(widths)) if section != self._stretch
        )
        least = min(widths[self._stretch], self.horizontalHeader().sectionSizeHint(self._stretch))
        self.setColumnWidth(self._stretch, max(least, rest))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fill_stretch_column()

    def _fit_contents(self) -> None:
        """A short list's columns fit their contents (within reason)."""
        limit = self._char_width() * MAX_FIT_CHARS
        for section in range(self.model().columnCount()):
            if section == self._stretch:
                continue
            self.resizeColumnToContents(section)
            if self.columnWidth(section) > limit:
                self.setColumnWidth(section, limit)
        self._fill_stretch_column()

    def _sort_clicked(self, section: int, order: Qt.SortOrder) -> None:
        self.model().sort(section, order)

    def _show_sort(self, _column: int | None = None) -> None:
        model = self.model()
        if not isinstance(model, LazyTableModel):  # only a lazy model sorts itself
            return
        header = self.horizontalHeader()
        header.blockSignals(True)
        order = Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(model.sort_column(), order)
        header.blockSignals(False)

    def _lay_out_now(self) -> None:
        """Lay the new rows out at once, not from the view's zero-time timer: left to the
        timer, the layout asks for a second paint of rows already painted (typing in the
        search field: one paint a keystroke, not two)."""
        self.executeDelayedItemsLayout()

    def _remember(self) -> None:
        self._kept_id = self.current_id()

    def _restore(self) -> None:
        if self._kept_id is not None:
            self.select_id(self._kept_id)

    def current_row(self) -> int:
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isRowSelected(
            index.row(), QModelIndex()
        ):
            return -1
        return index.row()

    def current_id(self) -> int | None:
        model = self.model()
        row = self.current_row()
        return model.id_at(row) if row >= 0 and hasattr(model, "id_at") else None

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.model().rowCount():
            return
        index = self.model().index(row, 0)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index)

    def select_id(self, row_id: int) -> bool:
        model = self.model()
        row = model.row_of(row_id) if isinstance(model, LazyTableModel) else -1
        if row >= 0:
            self.select_row(row)
        return row >= 0

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_row() >= 0:
            self.open_requested.emit(self.current_row())
            return
        super().keyPressEvent(event)
