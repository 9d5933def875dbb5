"""The branch name on the Reports page: shown to everyone, changed by a supervisor typing it,
saved in the calls thread and audited; a bad name is refused inline and changes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from readingroom import settings
from readingroom.store.models import AuditEntry
from tests.ui.inspection_support import (  # noqa: F401 - fixtures
    boss_fixture,
    open_page_fixture,
    session_as_fixture,
)
from tests.ui.pages_support import settled
from ui.pages.reports import ReportsPage

DEFAULT = "Writers' Union, Regional Branch"


def branch_changes() -> list[AuditEntry]:
    return list(
        AuditEntry.select().where(
            (AuditEntry.action == "setting-change") & (AuditEntry.entity_id == "branch")
        )
    )


def type_and_save(qtbot, page: ReportsPage, text: str) -> None:
    page.branch_edit.selectAll()
    qtbot.keyClick(page.branch_edit, Qt.Key.Key_Delete)
    # QTest types Latin-1 keys only: the rest arrives as a keyboard input method's text would
    for char in text:
        if ord(char) < 256:
            qtbot.keyClicks(page.branch_edit, char)
        else:
            page.branch_edit.insert(char)
    page.message.kind = ""
    qtbot.keyClick(page.branch_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.message.kind != "")
    settled()


def test_a_supervisor_types_a_new_branch_name(qtbot, open_page):
    page = open_page(ReportsPage, "supervisor")
    assert page.branch_edit.text() == DEFAULT
    assert page.branch_button.isEnabled() and not page.branch_edit.isReadOnly()
    type_and_save(qtbot, page, "  평양 작가동맹 도서실  ")
    assert page.message.kind == "success", page.message.text()
    assert settings.branch() == "평양 작가동맹 도서실"
    assert page.branch_edit.text() == "평양 작가동맹 도서실"
    (entry,) = branch_changes()
    assert entry.staff == "supervisor"


def test_a_bad_branch_name_is_refused_and_changes_nothing(qtbot, open_page):
    page = open_page(ReportsPage, "supervisor")
    type_and_save(qtbot, page, "   ")
    assert page.message.kind == "error" and "empty" in page.message.text()
    type_and_save(qtbot, page, "x" * 130)
    assert page.message.kind == "error" and "at most" in page.message.text()
    assert settings.branch() == DEFAULT and not branch_changes()


def test_others_see_the_branch_but_cannot_change_it(qtbot, open_page):
    for role in ("librarian", "inspector"):
        page = open_page(ReportsPage, role)
        assert page.branch_edit.text() == DEFAULT
        assert page.branch_edit.isReadOnly() and not page.branch_button.isEnabled()
        assert page.branch_note.isVisible()
        qtbot.keyClicks(page.branch_edit, "Elsewhere")
        qtbot.keyClick(page.branch_edit, Qt.Key.Key_Return)
        settled()
        assert settings.branch() == DEFAULT and not branch_changes()
