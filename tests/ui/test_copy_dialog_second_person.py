"""The Copy dialog asks a second staff member before a copy is marked lost or withdrawn,
as **Mark copy as** does (issue 14: two people for acts that remove a copy)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from readingroom import catalogue, trail
from readingroom.queries import forms
from readingroom.store.db import close_database
from tests.ui.pages_support import actor, demo_database, session_for, settled
from ui.dialogs import second_person
from ui.dialogs.copy_dialog import CopyDialog

BARCODE = "RR00002"


@pytest.fixture
def demo_db(tmp_path):
    yield demo_database(tmp_path)
    close_database()


def choose_lost(qtbot, demo_db) -> CopyDialog:
    session = session_for(demo_db, actor("supervisor"))
    work = forms.work_form(catalogue.get_copy(BARCODE).work_id)
    dialog = CopyDialog(session, work, forms.copy_form(BARCODE))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.status is not None
    dialog.status.setFocus()
    while dialog.status.currentData() != "lost":  # the arrow keys, as a hand would
        qtbot.keyClick(dialog.status, Qt.Key.Key_Down)
    return dialog


def test_marking_lost_asks_a_second_person_and_records_both(qtbot, demo_db, monkeypatch):
    asked: list[str] = []

    def ask(parent, session, what):
        asked.append(what)
        return actor("librarian")

    monkeypatch.setattr(second_person, "ask_second_person", ask)
    dialog = choose_lost(qtbot, demo_db)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settled()
    assert asked and BARCODE in asked[0]
    assert catalogue.get_copy(BARCODE).status == "lost"
    entry = trail.recent_entries(1, action="copy-edit")[0]
    assert '"confirmed_by":"librarian"' in entry.details


def test_nobody_confirming_saves_nothing(qtbot, demo_db, monkeypatch):
    monkeypatch.setattr(second_person, "ask_second_person", lambda parent, session, what: None)
    dialog = choose_lost(qtbot, demo_db)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settled()
    assert catalogue.get_copy(BARCODE).status == "available"
    assert dialog.isVisible() and "nobody confirmed" in dialog.message.text()
