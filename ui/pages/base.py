"""What every page of the librarian's window is: a widget with a title, an icon and refresh()."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from ui.session import Session


class Page(QWidget):
    """A page of the main window. Subclasses set ``page_id``, ``title`` and ``icon_name``."""

    page_id = "page"
    icon_name = ""  # an SVG under readingroom/resources/icons, without the extension
    #: roles allowed to open the page (the service layer enforces what they may change)
    roles: tuple[str, ...] = ("librarian", "supervisor", "inspector")

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session

    @classmethod
    def title(cls) -> str:
        return cls.page_id

    def refresh(self) -> None:
        """Reload what the page shows from the database."""

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.refresh()

    def focus_primary(self) -> None:
        """Put the keyboard focus where work on this page starts."""
        self.setFocus()
