"""Where things live: the user's data folder (platform convention) and the project's resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "ReadingRoom"
DB_ENV = "READINGROOM_DB"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The per-user data folder: XDG on Linux, Application Support on macOS, AppData on Windows."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def default_db_path() -> Path:
    """``$READINGROOM_DB`` if set, else ``catalogue.db`` in the data folder."""
    env = os.environ.get(DB_ENV)
    return Path(env) if env else data_dir() / "catalogue.db"


def demo_db_path() -> Path:
    """The demo collection lives in its own file, never mixed with real records."""
    return data_dir() / "demo.db"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def log_dir() -> Path:
    return data_dir() / "logs"


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)
