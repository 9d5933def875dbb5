"""A search field that searches as you type, once typing pauses (debounced)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

#: how long typing must pause before a search runs
DEBOUNCE_MS = 150


class SearchField(QLineEdit):
    """Emits ``search_changed(text)`` ``DEBOUNCE_MS`` after the last keystroke, or at once
    on Enter; Escape clears the field."""

    search_changed = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setAccessibleName(placeholder)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self._last = ""
        self.textChanged.connect(lambda _text: self._timer.start())

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        """Emit now if the text changed since the last emission."""
        self._timer.stop()
        if self.text() != self._last:
            self._last = self.text()
            self.search_changed.emit(self._last)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.flush()
        elif event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.flush()
            return
        super().keyPressEvent(event)
