"""A form dialog that saves through a service function and shows its refusal inline.

The save runs in the window's calls thread (:class:`ui.operations.CollectionOp`), so a
locked catalogue never freezes the window; Save is off meanwhile. The dialog stays open on
bad input or a refusal, puts the message above the form and the cursor in the field the
message names, so the librarian corrects it and saves again; once saved it emits ``saved``
and closes. It is opened with ``open()`` (window-modal, never a blocking ``exec()``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from readingroom.errors import ReadingRoomError
from ui.operations import Changes, CollectionOp
from ui.session import Session
from ui.widgets.message_bar import MessageBar

W = TypeVar("W", bound=QWidget)


class FormDialog(QDialog):
    """Subclasses add rows with :meth:`add_row` and implement :meth:`submit`."""

    #: the saved record's key (a work id, a barcode, a member number)
    saved = Signal(object)
    #: what a save changes (the window reloads the pages it concerns)
    writes = Changes.everything()

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

    def add_row(self, label: str, widget: W, *, names: tuple[str, ...] = ()) -> W:
        """A labelled field; ``names`` are the words by which service messages name it."""
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.form.addRow(caption, widget)
        for name in names:
            self.error_fields.append((name, widget))
        self.error_fields.sort(key=lambda pair: -len(pair[0]))
        return widget

    def submit(self) -> Callable[[], Any]:
        """Read the form (here, in the GUI thread) and return the service call that saves
        it (run in the calls thread, touching no widget); it returns the key for ``saved``."""
        raise NotImplementedError

    def save(self) -> None:
        """Save in the calls thread: closed once saved, or the refusal shown above the form."""
        self.message.clear()
        CollectionOp(self, self.submit(), self.writes).success(self._saved).inline(
            self._refused
        ).disabling(self.save_button).run()

    def _saved(self, key: Any) -> None:
        self.saved.emit(key)
        self.accept()

    def _refused(self, error: ReadingRoomError) -> None:
        self.message.show_error(error)
        self._focus_named_field(str(getattr(error, "message", error)))

    def _focus_named_field(self, message: str) -> None:
        text = message.lower()
        for name, widget in self.error_fields:
            if name in text:
                widget.setFocus()
                if hasattr(widget, "selectAll"):
                    widget.selectAll()
                return
