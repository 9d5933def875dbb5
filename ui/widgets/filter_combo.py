"""A drop-down filter: "All …" first, then labelled values; ``value()`` is None for all."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget


class FilterCombo(QComboBox):
    """Emits ``value_changed(value)`` (None for the "all" entry) when the choice changes."""

    value_changed = Signal(object)

    def __init__(self, all_label: str, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.addItem(all_label, None)
        self.setAccessibleName(accessible_name)
        self.setToolTip(accessible_name)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currentIndexChanged.connect(lambda _i: self.value_changed.emit(self.value()))

    def set_choices(self, choices: Iterable[tuple[str, Any]]) -> None:
        """Replace the values (keeping "all" and, if still offered, the current choice)."""
        current = self.value()
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for label, value in choices:
            self.addItem(label, value)
        index = self.findData(current) if current is not None else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
        if self.value() != current:
            self.value_changed.emit(self.value())

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value) if value is not None else 0
        if index < 0:
            raise ValueError(f"{value!r} is not a choice of {self.accessibleName()}")
        self.setCurrentIndex(index)
