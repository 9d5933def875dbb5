"""The window draws every title of the many-scripts catalogue: no box, no lost accent.

The application font falls back through the bundled families (readingroom.fonts), so a
title in Korean with Hanja, Japanese, Chinese, Russian, Greek, Vietnamese, French or Hebrew
(tests/core/scripts_support.py) is drawn whatever fonts the platform has: every character
the Catalogue page shows is in one of them, in regular and in bold.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication, QTableView

from readingroom import fonts
from tests.core.scripts_support import AUTHORS, TITLES, add_books, lend_books
from tests.ui.pages_support import session_for, show_page, table_texts
from ui import theme
from ui.pages.catalogue import CataloguePage


@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[list[str]]:
    """The bundled fonts registered and made the application font's fallbacks (as
    ui.app.application() does), for this test only."""
    before = qapp.font()
    yield theme.use_bundled_fonts(qapp)
    qapp.setFont(before)


@pytest.fixture
def page(qtbot, db, supervisor, app_font) -> CataloguePage:
    add_books(supervisor)
    lend_books(supervisor)
    shown = show_page(qtbot, CataloguePage(session_for(db, supervisor)))
    assert isinstance(shown, CataloguePage)
    return shown


def drawn_by(char: str, bold: bool = False) -> list[str]:
    """The bundled families that hold a glyph for ``char`` themselves (without merging, a
    QFont answers for the fonts Qt would fall back to as well)."""
    found = []
    for family in fonts.families():
        font = QFont(family)
        font.setBold(bold)
        font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
        if QFontMetrics(font).inFontUcs4(ord(char)):
            found.append(family)
    return found


def test_every_bundled_family_is_registered_in_both_weights(app_font) -> None:
    for family in fonts.families():
        assert QFontDatabase.hasFamily(family), family
        assert {"Regular", "Bold"} <= set(QFontDatabase.styles(family)), family
        assert QFontInfo(QFont(family)).family() == family  # not a substitute


def test_the_application_font_falls_back_through_them_in_order(app_font) -> None:
    assert app_font[-len(fonts.STACK) :] == fonts.families()
    assert QApplication.font().families() == app_font


def test_the_catalogue_page_shows_every_title_as_written_with_a_glyph_for_each_character(
    page: CataloguePage,
) -> None:
    shown = [unicodedata.normalize("NFC", text) for text in table_texts(page.model, 0)]
    assert sorted(shown) == sorted(TITLES)
    view = page.findChild(QTableView)
    assert view is not None
    assert view.font().families()[-len(fonts.STACK) :] == fonts.families()  # inherited
    lacking = {
        (char, bold)
        for text in shown + list(AUTHORS)
        for char in text
        if not char.isspace()
        for bold in (False, True)
        if not drawn_by(char, bold)
    }
    assert not lacking, f"no bundled font draws {sorted(lacking)}"


def test_the_japanese_forms_and_the_macron_come_from_the_fallbacks(app_font) -> None:
    """What issue 13 saw as 人間の□明 and Seicho: NanumGothic lacks them, a fallback has them."""
    assert drawn_by("証")[0] == "Noto Sans CJK JP"
    assert drawn_by("ō")[0] == "Noto Sans"
    assert drawn_by("春")[0] == "NanumGothic"  # a Hanja keeps its Korean form
    assert drawn_by("ש")[0] == "Noto Sans Hebrew"
    assert drawn_by("😀") == []  # the check can fail: no bundled font has emoji
