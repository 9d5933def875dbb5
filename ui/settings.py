"""The window's own settings, through one typed wrapper over ``QSettings``.

Window geometry, splitter positions, the last page, the idle-lock time, the last
catalogue opened and the folder last chosen for each kind of file
(:mod:`ui.widgets.folder_ask`) live here (the catalogue's own settings live in its
database). Each option is a typed descriptor with a default, so a missing or mangled value
reads as the default and never as a crash. The file is always INI (portable, and tests can
point ``QSettings.setPath(IniFormat, UserScope, tmp)`` at a temporary folder).
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "ReadingRoom"
APPLICATION = "ReadingRoom"
IDLE_LOCK_DEFAULT_MINUTES = 10
IDLE_LOCK_RANGE = (1, 240)

T = TypeVar("T")


class Option(Generic[T]):
    """One typed setting: ``settings.name`` reads it (default if unset), assignment writes it."""

    def __init__(self, key: str, default: T):
        self.key = key
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: AppSettings | None, owner: type) -> Any:
        if obj is None:
            return self
        return obj.read(self.key, self.default)

    def __set__(self, obj: AppSettings, value: T) -> None:
        obj.write(self.key, value)


class AppSettings:
    """Typed access to the window's settings (``AppSettings.open()`` for the user's file)."""

    geometry: Option[QByteArray] = Option("window/geometry", QByteArray())
    window_state: Option[QByteArray] = Option("window/state", QByteArray())
    last_page: Option[str] = Option("window/last_page", "desk")
    idle_lock_minutes: Option[int] = Option("security/idle_lock_minutes", IDLE_LOCK_DEFAULT_MINUTES)
    last_database: Option[str] = Option("database/last", "")
    last_user: Option[str] = Option("signin/last_user", "")
    #: "" follows the system's language; otherwise a code such as "en" or "ko" (ui.i18n)
    language: Option[str] = Option("ui/language", "")

    def __init__(self, qsettings: QSettings):
        self.qsettings = qsettings

    @classmethod
    def open(cls) -> AppSettings:
        return cls(
            QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
            )
        )

    # -- typed reading and writing ------------------------------------------------------
    def read(self, key: str, default: Any) -> Any:
        raw = self.qsettings.value(key)
        if raw is None:
            return default
        try:
            return _convert(raw, default)
        except (TypeError, ValueError):
            return default

    def write(self, key: str, value: Any) -> None:
        self.qsettings.setValue(key, value)

    def sync(self) -> None:
        self.qsettings.sync()

    # -- values with rules ----------------------------------------------------------------
    def idle_lock_ms(self) -> int:
        """The idle time before the window locks, clamped to a sane range, in milliseconds."""
        low, high = IDLE_LOCK_RANGE
        return max(low, min(high, int(self.idle_lock_minutes))) * 60_000

    def splitter_state(self, name: str) -> QByteArray:
        return self.read(f"splitters/{name}", QByteArray())

    def set_splitter_state(self, name: str, state: QByteArray) -> None:
        self.write(f"splitters/{name}", state)

    def file_folder(self, kind: str) -> str:
        """The folder last chosen in a file dialog for ``kind`` ("" for none yet)."""
        return self.read(f"folders/{kind}", "")

    def set_file_folder(self, kind: str, folder: str) -> None:
        self.write(f"folders/{kind}", folder)


def _convert(raw: Any, default: Any) -> Any:
    """``raw`` as the type of ``default`` (INI files give strings back)."""
    if isinstance(default, QByteArray):
        return raw if isinstance(raw, QByteArray) else QByteArray(raw)
    if isinstance(default, bool):
        return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
    if isinstance(default, int):
        return int(raw)
    return str(raw)
