"""Where things live: the user's data folder (platform convention) and the bundled files.

The resources (demo CSVs, fonts, icons, translations) are package data under
``readingroom/resources/``, declared in pyproject.toml's ``[tool.setuptools.package-data]``, so
a wheel carries them. They are found through :func:`importlib.resources.files`, which gives
the installed folder, whether from a checkout, an editable install or a wheel.
"""

from __future__ import annotations

import os
import sys
from importlib.resources import files
from pathlib import Path

from readingroom.store.server import ServerUrl, database_target

__all__ = ["ServerUrl", "database_target"]  # re-exported: the front doors' way to them

APP_DIR_NAME = "ReadingRoom"
DB_ENV = "READINGROOM_DB"
RESOURCES_PACKAGE = "readingroom"
RESOURCES_FOLDER = "resources"


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


def default_db_target() -> Path | ServerUrl:
    """:func:`default_db_path`, or the PostgreSQL server ``$READINGROOM_DB`` names."""
    env = os.environ.get(DB_ENV)
    return database_target(env) if env else default_db_path()


def demo_db_path() -> Path:
    """The demo collection lives in its own file, never mixed with real records."""
    return data_dir() / "demo.db"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def log_dir() -> Path:
    return data_dir() / "logs"


def resources_dir() -> Path:
    """The folder of bundled resources, as a real :class:`~pathlib.Path`.

    A checkout, an editable install and an installed wheel all hold the package as plain files,
    so ``importlib.resources`` gives a Path, which Qt and fpdf2 can open by name. A package
    imported from a zip archive gives none; that is not a supported way to install.
    """
    folder = files(RESOURCES_PACKAGE) / RESOURCES_FOLDER
    if not isinstance(folder, Path):
        raise RuntimeError(
            f"Reading Room's resources are not plain files ({folder!r}): install it with pip."
        )
    return folder


def resource(*parts: str) -> Path:
    """A bundled file or folder, e.g. ``resource("fonts", "NanumGothic.ttf")``."""
    return resources_dir().joinpath(*parts)
