"""The signed-in session the window shares with its pages.

Pages never open transactions or write models: they call ``readingroom`` service functions
with ``session.actor``, in operations (:mod:`ui.operations`); after a write the window's
``changes_made`` signal tells every page what changed, and each reads again what concerns it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from readingroom.paths import ServerUrl
from readingroom.staff import Actor


class Session(QObject):
    """Who is signed in, on which database."""

    actor_changed = Signal()
    status_message = Signal(str)  # a short note for the window's status bar

    def __init__(
        self,
        db_path: Path | ServerUrl,
        actor: Actor | None = None,
        *,
        demo: bool = False,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.db_path = db_path
        self.actor = actor
        self.demo = demo

    def set_actor(self, actor: Actor | None) -> None:
        self.actor = actor
        self.actor_changed.emit()

    def show_status(self, text: str) -> None:
        """Put ``text`` in the window's status bar (pages have no window of their own)."""
        self.status_message.emit(text)

    @property
    def on_server(self) -> bool:
        """The catalogue is on a PostgreSQL server (backed up by the server's own tools)."""
        return isinstance(self.db_path, ServerUrl)

    @property
    def role(self) -> str:
        return self.actor.role if self.actor else ""

    @property
    def can_change(self) -> bool:
        return self.role in ("librarian", "supervisor")

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"
