"""The pages' reads run in the calls thread (issue 10): a borrower's detail fills when the
history has been read, an edit dialog opens when its form has been read, the policy preview
shows when it has been worked out; an answer for a row left meanwhile is dropped."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from readingroom import borrowers
from readingroom.browse import borrowers as browse_borrowers
from readingroom.store.db import close_database
from readingroom.store.models import Borrower
from tests.ui.pages_support import actor, demo_database, session_for, settled, show_page
from ui.pages import borrowers as borrowers_page
from ui.pages.borrowers import BorrowersPage
from ui.pages.policy import PolicyPage


@pytest.fixture
def demo_db(tmp_path):
    yield demo_database(tmp_path)
    close_database()


@pytest.fixture
def page(qtbot, demo_db):
    return show_page(qtbot, BorrowersPage(session_for(demo_db, actor("librarian"))))


def test_a_borrowers_history_is_read_in_the_calls_thread(qtbot, page, monkeypatch):
    threads: list[int] = []
    real = browse_borrowers.borrower_history

    def history(member_no, *args, **kwargs):
        threads.append(threading.get_ident())
        return real(member_no, *args, **kwargs)

    monkeypatch.setattr(borrowers_page, "borrower_history", history)
    writer = Borrower.get(Borrower.role == "writer")
    page.table.select_id(borrowers.get_borrower(writer.member_no).id)
    assert page.detail.name.text() != writer.name  # not yet: it is being read
    settled()
    assert page.detail.name.text() == writer.name
    assert threads and threading.get_ident() not in threads


def test_an_answer_for_a_borrower_left_meanwhile_is_dropped(qtbot, page):
    first, second = Borrower.select().order_by(Borrower.id).limit(2)
    page.detail.show_borrower(first.member_no)
    page.detail.show_borrower(second.member_no)  # chosen before the first answer came
    settled()
    assert page.detail.name.text() == second.name
    assert page.detail.history.borrower.member_no == second.member_no


def test_the_edit_dialog_opens_once_its_form_is_read(qtbot, page):
    writer = Borrower.get(Borrower.role == "writer")
    page.table.select_id(writer.id)
    settled()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.dialog is None  # the form is being read
    settled()
    assert page.dialog is not None and page.dialog.isVisible()
    assert page.dialog.member_no.text() == writer.member_no


def test_the_policy_preview_is_worked_out_in_the_calls_thread(qtbot, demo_db):
    policy_page = show_page(qtbot, PolicyPage(session_for(demo_db, actor("supervisor"))))
    policy_page.select_cell("writer", "lendable")
    settled()
    policy_page.days.setValue(14)
    assert policy_page.current_preview is None and not policy_page.save_button.isEnabled()
    settled()
    assert "after 14 days" in policy_page.preview_label.text()
    assert policy_page.save_button.isEnabled()
