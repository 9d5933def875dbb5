"""Folders, files and names asked of the user, in one patchable place.

Pages call these through the module (``folder_ask.ask_folder(...)``) so a test replaces
them with a function returning a temporary path and never runs a modal dialog.

Each dialog opens where the user last chose a file or folder of the same kind (reports,
bundles, letters, catalogues, imported files), else in the user's documents folder, never
in the folder the app happened to be started from. The remembered folders are the
window's settings (:class:`ui.settings.AppSettings`, ``folders/<kind>``), not the
catalogue's: they belong to this user on this computer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ui.settings import AppSettings

#: the kinds of files asked for, each remembered apart
REPORTS = "reports"  # a report exported as CSV or PDF
BUNDLES = "bundles"  # an inspection bundle written or checked
LETTERS = "letters"  # the folder for reminder and recall letters
CATALOGUES = "catalogues"  # a catalogue file opened or made (the welcome)
IMPORTS = "imports"  # a CSV to import
KINDS = (REPORTS, BUNDLES, LETTERS, CATALOGUES, IMPORTS)


def documents_folder() -> Path:
    """The user's documents folder (their home when there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_folder(kind: str) -> Path:
    """Where a dialog for ``kind`` opens: the folder remembered for it while it still
    exists, else the documents folder."""
    remembered = AppSettings.open().file_folder(kind)
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()


def remember(kind: str, folder: Path) -> None:
    """Open the next dialog for ``kind`` in ``folder``."""
    settings = AppSettings.open()
    settings.set_file_folder(kind, str(folder))
    settings.sync()


def ask_folder(parent: QWidget, title: str, kind: str, *, new: bool = False) -> Path | None:
    """A folder chosen (or created) by the user; None when cancelled. ``new``: a new folder
    is made each time (a bundle), so the next dialog opens beside it, not inside it."""
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start_folder(kind)))
    if not chosen:
        return None
    folder = Path(chosen)
    remember(kind, folder.parent if new else folder)
    return folder


def ask_save_file(
    parent: QWidget, title: str, suggested: str, name_filter: str, kind: str
) -> Path | None:
    """A file name to write to (the dialog asks before replacing one); None when cancelled.
    ``suggested`` is a file name, offered in the folder for ``kind``."""
    start = start_folder(kind) / Path(suggested).name
    chosen, _selected = QFileDialog.getSaveFileName(parent, title, str(start), name_filter)
    if not chosen:
        return None
    path = Path(chosen)
    remember(kind, path.parent)
    return path


def ask_open_file(parent: QWidget, title: str, name_filter: str, kind: str) -> Path | None:
    """An existing file chosen by the user; None when cancelled."""
    chosen, _selected = QFileDialog.getOpenFileName(
        parent, title, str(start_folder(kind)), name_filter
    )
    if not chosen:
        return None
    path = Path(chosen)
    remember(kind, path.parent)
    return path
