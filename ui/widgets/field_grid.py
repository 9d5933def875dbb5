"""Read-only "label: value" lines for a detail pane; values can be selected and copied."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget


class FieldGrid(QWidget):
    """Captions right-aligned in the first column, values (wrapped) in the second."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(1, 1)
        self._grid.setVerticalSpacing(4)
        self.values: dict[str, QLabel] = {}
        # never squeezed below its lines (tables beside it give way instead)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def set_fields(self, fields: Sequence[tuple[str, str]]) -> None:
        """Show ``(label, value)`` pairs; empty values are left out."""
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.values.clear()
        row = 0
        for label, value in fields:
            if not value:
                continue
            shown = QLabel(value, self)
            shown.setTextFormat(Qt.TextFormat.PlainText)  # data: shown as typed, never HTML
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            shown.setAccessibleName(label)
            caption = QLabel(self.tr("%1:").replace("%1", label), self)
            caption.setTextFormat(Qt.TextFormat.PlainText)
            caption.setBuddy(shown)
            top_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
            self._grid.addWidget(caption, row, 0, top_right)
            self._grid.addWidget(shown, row, 1, Qt.AlignmentFlag.AlignTop)
            self.values[label] = shown
            row += 1

    def value(self, label: str) -> str:
        return self.values[label].text() if label in self.values else ""
