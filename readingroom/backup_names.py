"""Where a catalogue's backups live and how they are named: the layer below both
:mod:`readingroom.backup` (which makes and restores them) and :mod:`readingroom.doctor`
(which checks them), so neither imports the other to find them.

A backup is ``<stem>-<YYYYMMDD>-<HHMMSS>-<microseconds>-<reason>.db`` in the ``backups``
folder beside the catalogue.
"""

from __future__ import annotations

import re
from pathlib import Path

from readingroom import paths

__all__ = ["BACKUP_NAME", "backups_folder", "list_backups"]

BACKUP_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<day>\d{8})-(?P<time>\d{6})-(?P<micro>\d{6})"
    r"-(?P<reason>[a-z]+)\.db$"
)


def backups_folder(db_path: str | Path) -> Path:
    """The folder that holds the backups of the catalogue at ``db_path``."""
    return paths.backup_dir(Path(db_path))


def list_backups(db_path: str | Path) -> list[Path]:
    """The catalogue's backups in its backups folder, newest first."""
    folder, stem = backups_folder(db_path), Path(db_path).stem
    if not folder.is_dir():
        return []
    found = {
        p: match.group("day", "time", "micro")
        for p in folder.iterdir()
        if (match := BACKUP_NAME.match(p.name)) and match["stem"] == stem and p.is_file()
    }
    return sorted(found, key=found.__getitem__, reverse=True)
