"""Questions put to the user, in one patchable place (tests never run a modal dialog)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def question_box(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A yes-or-no question ("No" the default) whose text, often quoting a title or a name,
    is shown as plain text: never rendered as HTML."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Yes or no, "No" being the default."""
    return question_box(parent, title, text).exec() == QMessageBox.StandardButton.Yes
