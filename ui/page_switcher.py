"""The page switcher (Ctrl+K): every page the signed-in role may open, filtered as you type.

Ctrl+1..Ctrl+9 reach only the first nine pages; the switcher reaches them all. It is a
small popup over the window: a filter field and the pages, by the names the navigation
shows (so in the window's language). Typing keeps the pages whose name contains the
typed text (case and accents of Latin letters aside); Up and Down move in the list;
Enter or a click opens the page; Esc closes the popup and changes nothing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("PageSwitcher", text)


@dataclass(frozen=True)
class PageChoice:
    """One page offered: its id, the name the navigation shows, its icon."""

    page_id: str
    title: str
    icon: QIcon


def folded(text: str) -> str:
    """``text`` for matching: one case, compatibility forms folded, Latin accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)


def matches(title: str, typed: str) -> bool:
    """Whether a page named ``title`` is kept when ``typed`` is in the filter field."""
    words = folded(typed).split()
    name = folded(title)
    return all(word in name for word in words)


class PageSwitcher(QDialog):
    """The popup: ``chosen`` carries the page id picked; nothing is emitted on Esc."""

    chosen = Signal(str)

    def __init__(self, pages: list[PageChoice], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pageSwitcher")
        self.setWindowTitle(tr("Go to page"))
        self.setModal(True)
        self.pages = pages
        heading = QLabel(tr("Go to page"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.filter_edit = QLineEdit()
        self.filter_edit.setAccessibleName(tr("Page name"))
        self.filter_edit.setPlaceholderText(tr("Type part of a page's name"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.apply_filter)
        self.filter_edit.installEventFilter(self)
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Pages"))
        self.list.setIconSize(QSize(20, 20))
        self.list.setUniformItemSizes(True)
        self.list.itemClicked.connect(self._open_item)
        self.list.itemActivated.connect(self._open_item)
        for page in pages:
            item = QListWidgetItem(page.icon, page.title)
            item.setData(Qt.ItemDataRole.UserRole, page.page_id)
            item.setSizeHint(QSize(0, 30))
            self.list.addItem(item)
        self.empty = QLabel(tr("No page has that in its name."))
        self.empty.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self.resize(360, min(120 + 32 * len(pages), 520))
        self.apply_filter("")
        self.filter_edit.setFocus()

    def shown_pages(self) -> list[str]:
        """The ids of the pages the filter keeps, in order."""
        return [
            self.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if not self.list.item(row).isHidden()
        ]

    def apply_filter(self, typed: str) -> None:
        first: QListWidgetItem | None = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            keep = matches(item.text(), typed)
            item.setHidden(not keep)
            if keep and first is None:
                first = item
        if first is None:
            self.list.setCurrentRow(-1)
        else:
            self.list.setCurrentItem(first)
        self.empty.setVisible(first is None)

    def _move(self, step: int) -> None:
        rows = [r for r in range(self.list.count()) if not self.list.item(r).isHidden()]
        if not rows:
            return
        current = self.list.currentRow()
        at = rows.index(current) if current in rows else -1
        self.list.setCurrentRow(rows[max(0, min(len(rows) - 1, at + step))])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.filter_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down:
                self._move(1)
                return True
            if event.key() == Qt.Key.Key_Up:
                self._move(-1)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
        return super().eventFilter(watched, event)

    def open_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self._open_item(item)

    def _open_item(self, item: QListWidgetItem) -> None:
        if item.isHidden():
            return
        self.accept()
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
