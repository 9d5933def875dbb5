"""The stocktake page asks for the inspector's name at the close and keeps it with the
signed stocktake (issue 12: it is printed on the inspection report's signature line)."""

from __future__ import annotations

from readingroom import stocktake
from tests.ui.inspection_support import (  # noqa: F401 - fixtures
    boss_fixture,
    confirm_yes_fixture,
    open_page_fixture,
    session_as_fixture,
    wait_for_job,
)
from ui.pages.stocktake import StocktakePage


def test_the_close_keeps_the_inspectors_name(qtbot, open_page, boss, confirm_yes):
    stocktake.start(boss)
    page = open_page(StocktakePage, "supervisor")
    assert page.inspector_name.isEnabled()
    page.signed_by.setText("Park Sang-ho")
    page.inspector_name.setText("  Lee Min-jae ")
    page.close_button.click()
    wait_for_job(qtbot, page)
    signed = stocktake.newest_stocktake()
    assert signed.is_signed and signed.inspector == "Lee Min-jae"
    assert page.inspector_name.text() == ""


def test_without_an_inspectors_name_the_close_still_signs(qtbot, open_page, boss, confirm_yes):
    stocktake.start(boss)
    page = open_page(StocktakePage, "supervisor")
    page.signed_by.setText("Park Sang-ho")
    page.close_button.click()
    wait_for_job(qtbot, page)
    signed = stocktake.newest_stocktake()
    assert signed.is_signed and signed.inspector is None


def test_a_librarian_cannot_type_the_inspectors_name(qtbot, open_page, boss):
    stocktake.start(boss)
    page = open_page(StocktakePage, "librarian")
    assert not page.inspector_name.isEnabled()
