"""A form dialog that saves through a service function and shows its refusal inline.

The dialog stays open on bad input, puts the message above the form and the cursor in the
field the message names, so the librarian corrects it and saves again. It is opened with
``open()`` (window-modal, never a blocking ``exec()``) and emits ``saved`` when done.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.session import Session
from ui.widgets.message_bar import MessageBar
from ui.widgets.service import attempt


class FormDialog(QDialog):
    """Subclasses add rows with :meth:`add_row` and implement :meth:`submit`."""

    #: the saved record's key (a work id, a barcode, a member number)
    saved = Signal(object)

    def __init__(self, session: Session, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.set_title(title)
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        #: (words in an error message, the field they name), most specific first
        self.error_fields: list[tuple[str, QWidget]] = []

    def set_title(self, title: str) -> None:
        self.setWindowTitle(title)
        self.setAccessibleName(title)

    def add_row(self, label: str, widget: QWidget, *, names: tuple[str, ...] = ()) -> QWidget:
        """A labelled field; ``names`` are the words by which service messages name it."""
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.form.addRow(caption, widget)
        for name in names:
            self.error_fields.append((name, widget))
        self.error_fields.sort(key=lambda pair: -len(pair[0]))
        return widget

    def submit(self) -> Any:
        """Call the service function; return the key to emit with ``saved``."""
        raise NotImplementedError

    def save(self) -> bool:
        """Save, or show why not; True when saved (and the dialog closed)."""
        self.message.clear()
        ok, result = attempt(self.message, self.submit)
        if not ok:
            self._focus_named_field(str(getattr(result, "message", result)))
            return False
        self.saved.emit(result)
        self.accept()
        return True

    def _focus_named_field(self, message: str) -> None:
        text = message.lower()
        for name, widget in self.error_fields:
            if name in text:
                widget.setFocus()
                if hasattr(widget, "selectAll"):
                    widget.selectAll()
                return
