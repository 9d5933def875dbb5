"""The branch's printing language on the Reports page: a supervisor chooses 조선어, 한국어
or English (saved in the calls thread, audited) whatever the window's own language; a
librarian sees it and cannot change it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from readingroom import settings
from readingroom.store.db import close_database
from readingroom.store.models import AuditEntry
from tests.ui.pages_support import actor, demo_database, session_for, settled, show_page
from ui.pages.reports import ReportsPage
from ui.widgets.print_language import PrintLanguageCombo


def test_a_supervisor_chooses_the_printing_language(qtbot, tmp_path):
    db = demo_database(tmp_path)
    try:
        page = show_page(qtbot, ReportsPage(session_for(db, actor("supervisor"))))
        settled()
        box = page.print_language
        assert box.currentData() == "en" and box.isEnabled()
        assert [box.itemText(i) for i in range(box.count())] == [
            "조선어",
            "한국어",
            "English",
        ]
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Up)  # English -> 한국어
        settled()
        qtbot.keyClick(box, Qt.Key.Key_Up)  # 한국어 -> 조선어
        settled()
        assert settings.print_language() == "ko_KP"
        entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
        assert (entry.action, entry.entity_id) == ("setting-change", "print_language")
        box.reload()
        settled()
        assert box.currentData() == "ko_KP"
    finally:
        close_database()


def test_a_librarian_sees_the_printing_language_but_cannot_change_it(qtbot, tmp_path):
    db = demo_database(tmp_path)
    try:
        page = show_page(qtbot, ReportsPage(session_for(db, actor("librarian"))))
        settled()
        box = page.print_language
        assert not box.isEnabled() and "supervisor" in box.toolTip()
        assert isinstance(box, PrintLanguageCombo)
    finally:
        close_database()
