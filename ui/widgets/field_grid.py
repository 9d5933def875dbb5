"""Read-only "label: value" lines for a detail pane; values can be selected and copied."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget


class FieldGrid(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.values: dict[str, QLabel] = {}

    def set_fields(self, fields: Sequence[tuple[str, str]]) -> None:
        """Show ``(label, value)`` pairs; empty values are left out."""
        while self._form.rowCount():
            self._form.removeRow(0)
        self.values.clear()
        for label, value in fields:
            if not value:
                continue
            shown = QLabel(value, self)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            shown.setAccessibleName(label)
            caption = QLabel(self.tr("%1:").replace("%1", label), self)
            caption.setBuddy(shown)
            self._form.addRow(caption, shown)
            self.values[label] = shown

    def value(self, label: str) -> str:
        return self.values[label].text() if label in self.values else ""
