"""ListPage: the skeleton the list pages share, written once.

A small page over a list of words shows what the base does on its own (filtering from the
search field and from a filter, the count, selecting and showing the first row, Ctrl+F);
the four list pages are built on it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ui.models.columns import Column
from ui.models.lazy_table import LazyTableModel
from ui.pages.audit_log import AuditPage
from ui.pages.borrowers import BorrowersPage
from ui.pages.catalogue import CataloguePage
from ui.pages.list_page import ListPage
from ui.pages.loans import LoansPage
from ui.session import Session
from ui.widgets.filter_combo import FilterCombo

WORDS = ["apple", "banana", "cherry", "apricot", "blueberry"]


class WordsModel(LazyTableModel):
    def __init__(self, parent=None):
        super().__init__([Column("Word", str, sort="word")], parent, sort="word")
        self.filter: tuple[str, str | None] = ("", None)

    def set_filter(self, filters) -> None:
        self.filter = filters
        self.reload()

    def ids_query(self):
        text, first = self.filter
        return lambda: [
            i
            for i, word in enumerate(WORDS)
            if text in word and (first is None or word.startswith(first))
        ]

    def fetch_rows(self, ids):
        return {i: WORDS[i] for i in ids}


class WordsPage(ListPage):
    page_id = "words"
    orientation = Qt.Orientation.Vertical

    def __init__(self, session):
        super().__init__(session)
        self.build(WordsModel(self))

    def search_hint(self):
        return "Search words"

    def table_name(self):
        return "Words"

    def build_filters(self):
        self.first = FilterCombo("Any letter", "First letter", self)
        self.first.set_choices([("a", "a"), ("b", "b")])
        self.count = self.make_count_label("Number of words")
        return [self.first, self.count]

    def build_detail(self, parent):
        self.shown = QLabel(parent)
        return self.shown

    def current_filter(self):
        return (self.search.text(), self.first.value())

    def show_count(self):
        self.count.setText(f"{self.model.rowCount()} words")

    def show_row(self, row):
        self.shown.setText(self.model.row_at(row) or "none")


@pytest.fixture
def words(qtbot, tmp_path):
    page = WordsPage(Session(tmp_path / "none.db"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_the_base_lays_out_filters_message_and_a_named_splitter(words):
    assert words.splitter.objectName() == "words.splitter"
    assert words.splitter.orientation() == Qt.Orientation.Vertical
    assert [words.splitter.widget(i) for i in range(2)] == [words.table, words.shown]
    assert words.search.placeholderText() == "Search words"
    assert words.table.accessibleName() == "Words"
    assert words.count.textFormat() == Qt.TextFormat.PlainText


def test_the_first_row_is_selected_shown_and_counted_after_loading(words):
    assert words.count.text() == "5 words"
    assert words.table.current_row() == 0 and words.shown.text() == "apple"


def test_searching_and_filtering_reload_the_table(qtbot, words):
    words.first.setCurrentIndex(words.first.findData("b"))
    qtbot.waitUntil(lambda: words.count.text() == "2 words")
    words.search.setText("blue")
    qtbot.waitUntil(lambda: words.count.text() == "1 words")
    assert words.shown.text() == "blueberry"


def test_ctrl_f_goes_to_the_search_field(qtbot, words):
    words.table.setFocus()
    qtbot.keyClick(words, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(words.search.hasFocus)


@pytest.mark.parametrize("page", [CataloguePage, BorrowersPage, LoansPage, AuditPage])
def test_the_list_pages_are_list_pages_and_keep_no_skeleton_of_their_own(page):
    assert issubclass(page, ListPage)
    for name in ("focus_primary", "_apply_filter", "_build_filters"):
        assert name not in vars(page), f"{page.__name__}.{name}"
    assert {"build_detail", "current_filter", "search_hint"} <= set(vars(page))
