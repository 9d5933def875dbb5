"""Folders, files and names asked of the user, in one patchable place.

Pages call these through the module (``folder_ask.ask_folder(...)``) so a test replaces
them with a function returning a temporary path and never runs a modal dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def ask_folder(parent: QWidget, title: str) -> Path | None:
    """A folder chosen (or created) by the user; None when cancelled."""
    chosen = QFileDialog.getExistingDirectory(parent, title)
    return Path(chosen) if chosen else None


def ask_save_file(parent: QWidget, title: str, suggested: str, name_filter: str) -> Path | None:
    """A file name to write to (the dialog asks before replacing one); None when cancelled."""
    chosen, _selected = QFileDialog.getSaveFileName(parent, title, suggested, name_filter)
    return Path(chosen) if chosen else None
