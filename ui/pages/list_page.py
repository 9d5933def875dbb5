"""What the list pages (catalogue, borrowers, loans, audit log) share: one lazy table.

From the top: a filter row (the search field, then the page's filters and its count), the
page's other rows (actions, dates), the message bar and any further bars, then a splitter
with the table and the page's detail (a pane, a text). Typing or choosing a filter asks the
model for :meth:`ListPage.current_filter`; after every load the count is shown, the first
row is selected when none is, and the selected row is shown in the detail. Ctrl+F goes to
the search field.

A subclass makes its own state and model, then calls :meth:`ListPage.build` with the model;
it fills in the hooks below (``search_hint``, ``build_filters``, ``build_detail``,
``current_filter``, ``show_row``, ...).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QSplitter, QVBoxLayout, QWidget

from ui.models.lazy_table import LazyTableModel
from ui.pages.base import Page
from ui.widgets.data_table import DataTable
from ui.widgets.filter_combo import FilterCombo
from ui.widgets.message_bar import MessageBar
from ui.widgets.search_field import SearchField


class ListPage(Page):
    """A page of one lazy table with a filter row above and a detail beside or below."""

    #: the table beside the detail (horizontal) or above it (vertical)
    orientation = Qt.Orientation.Horizontal
    #: the table's and the detail's first sizes
    sizes: tuple[int, int] = (600, 400)
    #: how the table and the detail share a resize (None: as Qt likes)
    stretch: tuple[int, int] | None = None

    model: LazyTableModel
    search: SearchField
    message: MessageBar
    splitter: QSplitter
    table: DataTable

    # -- building -------------------------------------------------------------------------

    def build(self, model: LazyTableModel) -> None:
        """Lay the page out around ``model`` (call once, from the subclass's ``__init__``)."""
        self.model = model
        layout = QVBoxLayout(self)
        layout.addLayout(self._filter_row())
        for row in self.build_rows():
            layout.addLayout(row)
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        for bar in self.build_bars():
            layout.addWidget(bar)
        layout.addWidget(self._build_splitter(), 1)
        self.search.search_changed.connect(self.apply_filter)
        self.model.loaded.connect(self.loaded)
        self.table.current_changed.connect(self.show_row)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_primary)

    def _filter_row(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.search = SearchField(self.search_hint(), self)
        bar.addWidget(self.search, 1)
        for widget in self.build_filters():
            if isinstance(widget, FilterCombo):
                widget.value_changed.connect(self.apply_filter)
            bar.addWidget(widget)
        return bar

    def _build_splitter(self) -> QSplitter:
        self.splitter = QSplitter(self.orientation, self)
        self.splitter.setObjectName(f"{self.page_id}.splitter")
        self.table = DataTable(self.table_name(), self.splitter)
        self.table.setModel(self.model)
        detail = self.build_detail(self.splitter)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        if self.stretch is not None:
            self.splitter.setStretchFactor(0, self.stretch[0])
            self.splitter.setStretchFactor(1, self.stretch[1])
        self.splitter.setSizes(list(self.sizes))
        self.splitter.setChildrenCollapsible(False)
        return self.splitter

    def make_count_label(self, name: str) -> QLabel:
        """A plain-text label for the filter row that says how many rows are shown."""
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAccessibleName(name)
        return label

    # -- hooks ----------------------------------------------------------------------------

    def search_hint(self) -> str:
        """The search field's placeholder text."""
        raise NotImplementedError

    def table_name(self) -> str:
        """The table's accessible name."""
        raise NotImplementedError

    def build_filters(self) -> list[QWidget]:
        """The widgets after the search field in the filter row; its filter combos reload
        the table when changed."""
        return []

    def build_rows(self) -> list[QLayout]:
        """Rows under the filter row (actions, dates)."""
        return []

    def build_bars(self) -> list[QWidget]:
        """Widgets under the message bar (another message bar)."""
        return []

    def build_detail(self, parent: QWidget) -> QWidget:
        """The widget beside or under the table that shows the selected row."""
        raise NotImplementedError

    def current_filter(self) -> Any:
        """The filter the model is asked for (from the search field and the filters)."""
        raise NotImplementedError

    def show_count(self) -> None:
        """Say how many rows are shown, after each load."""

    def select_wanted(self) -> None:
        """After a load, select a row the page asked for (a record just saved)."""

    def show_row(self, row: int) -> None:
        """Show the table's ``row`` (-1: none) in the detail."""
        raise NotImplementedError

    # -- behaviour ------------------------------------------------------------------------

    def refresh(self) -> None:
        self.model.reload()

    def focus_primary(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def apply_filter(self, *_args: object) -> None:
        self.model.set_filter(self.current_filter())

    def loaded(self) -> None:
        self.show_count()
        self.select_wanted()
        if self.table.current_row() < 0 and self.model.rowCount():
            self.table.select_row(0)
        self.show_row(self.table.current_row())
