"""A :class:`~ui.widgets.data_table.DataTable` whose column widths survive a model reset.

A list model that is reset (``RowListModel.set_rows``) makes the header forget its section
sizes; this table keeps the widths it had (the column defaults, or the user's) across it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.widgets.data_table import DataTable


class SteadyTable(DataTable):
    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(accessible_name, parent)
        self._widths: list[int] = []

    def setModel(self, model) -> None:  # noqa: N802 - Qt API
        super().setModel(model)
        model.modelAboutToBeReset.connect(self._remember_widths)
        model.modelReset.connect(self._restore_widths)

    def _remember_widths(self) -> None:
        self._widths = [self.columnWidth(section) for section in range(self.model().columnCount())]

    def _restore_widths(self) -> None:
        # every column but the one that takes the spare width (the stretch column, else the
        # last), which is then filled to the table's width
        for section, width in enumerate(self._widths):
            if section != self._stretch:
                self.setColumnWidth(section, width)
        self._fill_stretch_column()
