"""What every list page owes a user who reads with a screen reader, works from the keyboard
or reads another language: accessible names, Ctrl+F, a sensible tab order, and every
word of the interface passed through Qt's translation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QWidget,
)

from readingroom.paths import resource
from readingroom.store.db import close_database
from tests.ui.pages_support import actor, demo_database, session_for, show_page
from ui import registry
from ui.pages.audit_log import AuditPage
from ui.pages.borrowers import BorrowersPage
from ui.pages.catalogue import CataloguePage
from ui.pages.holds import HoldsPage
from ui.pages.loans import LoansPage
from ui.pages.policy import PolicyPage

PAGES = [CataloguePage, BorrowersPage, LoansPage, HoldsPage, PolicyPage, AuditPage]
SEARCHING = [CataloguePage, BorrowersPage, LoansPage, AuditPage]
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTabWidget,
)
INNER = (QComboBox, QAbstractSpinBox, QAbstractItemView, QTabBar, QLineEdit, QTabWidget)
OPEN = "«"


@pytest.fixture
def demo_db(tmp_path):
    yield demo_database(tmp_path)
    close_database()


def controls(page: QWidget) -> list[QWidget]:
    """The page's own controls (not the parts Qt builds inside a combo box or a view)."""
    found = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, (QHeaderView, QTabBar)):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, INNER) or (
            parent is not None and isinstance(parent.parentWidget(), INNER)
        ):
            continue
        found.append(widget)
    return found


@pytest.mark.parametrize("page_class", PAGES, ids=lambda c: c.page_id)
def test_every_control_has_an_accessible_name(qtbot, demo_db, page_class):
    page = show_page(qtbot, page_class(session_for(demo_db, actor("supervisor"))))
    nameless = [
        f"{type(w).__name__} {w.objectName() or ''}".strip()
        for w in controls(page)
        if not w.accessibleName()
    ]
    assert nameless == []


@pytest.mark.parametrize("page_class", PAGES, ids=lambda c: c.page_id)
def test_pages_are_registered_with_a_title_and_an_icon(page_class):
    assert page_class in registry.page_classes()
    assert page_class.title() and page_class.title() != page_class.page_id
    assert resource("icons", f"{page_class.icon_name}.svg").exists()


@pytest.mark.parametrize("page_class", SEARCHING, ids=lambda c: c.page_id)
def test_ctrl_f_then_tab_walks_from_the_search_to_the_filters(qtbot, demo_db, page_class):
    page = show_page(qtbot, page_class(session_for(demo_db, actor("librarian"))))
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Tab)
    assert isinstance(QApplication.focusWidget(), QComboBox)


class Marking(QTranslator):
    """A translator that wraps every text it is asked for in «»."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002
        return f"{OPEN}{source}»" if source else source

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return False


def interface_texts(page: QWidget) -> list[str]:
    """The words the interface itself puts on screen (not the catalogue's data)."""
    texts = []
    for widget in controls(page) + page.findChildren(QLabel) + page.findChildren(QGroupBox):
        if isinstance(widget, QAbstractButton) and widget.text():
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit) and widget.placeholderText():
            texts.append(widget.placeholderText())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QComboBox) and widget.count() and widget.itemData(0) is None:
            texts.append(widget.itemText(0))  # a filter's "All …"
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            texts += [
                str(model.headerData(c, Qt.Orientation.Horizontal))
                for c in range(model.columnCount())
            ]
        elif isinstance(widget, QLabel) and widget.text() and widget.buddy() is not None:
            texts.append(widget.text())
    return texts


@pytest.mark.parametrize("page_class", PAGES, ids=lambda c: c.page_id)
def test_every_interface_text_goes_through_translation(qtbot, demo_db, page_class):
    marking = Marking()
    QCoreApplication.installTranslator(marking)
    try:
        page = show_page(qtbot, page_class(session_for(demo_db, actor("supervisor"))))
        texts = interface_texts(page)
        assert texts
        untranslated = [text for text in texts if OPEN not in text]
        assert untranslated == []
        assert page_class.title().startswith(OPEN)
    finally:
        QCoreApplication.removeTranslator(marking)


@pytest.mark.parametrize("page_class", [CataloguePage, BorrowersPage], ids=lambda c: c.page_id)
def test_ctrl_n_opens_the_new_record_dialog(qtbot, demo_db, page_class):
    page = show_page(qtbot, page_class(session_for(demo_db, actor("librarian"))))
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog is not None and page.dialog.isVisible()
    assert page.dialog.windowTitle().startswith("New ")
    page.dialog.reject()
