"""The catalogue file as a front door sees it: open it, close it, tell whether it is
encrypted.

The window (and any other front door) uses these instead of the store's database handle, so
``ui/`` never reaches past the services into :mod:`readingroom.store.db`.
"""

from __future__ import annotations

from pathlib import Path

from readingroom.store import db


def open_catalogue(path: str | Path, key: str | None = None) -> None:
    """Open ``path`` as this thread's catalogue, brought up to date (a backup first when a
    migration is due); a typed environment error says what is wrong."""
    db.open_database(path, key=key)


def close_catalogue() -> None:
    """Close this thread's connection to the catalogue (nothing when none is open)."""
    db.close_database()


def is_encrypted(path: str | Path) -> bool:
    """Whether ``path`` holds data that is not a plain SQLite file (an encrypted catalogue,
    or something that is no database at all)."""
    path = Path(path)
    return path.exists() and path.stat().st_size > 0 and not db.is_plaintext(path)


def passphrase() -> str | None:
    """The passphrase the open catalogue was opened with (None for a plain file), for a
    copy made of it later (the day's backup when the window closes)."""
    return db.database_key()
