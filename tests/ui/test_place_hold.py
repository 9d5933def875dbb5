"""Staff place holds by typing: from the Borrowers page (the selected borrower, a work typed)
and from the Waiting lists page (a member typed, the selected work chosen at first). A
refusal stays in the dialog with its reason code; the hold is audited with who placed it."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from readingroom import borrowers
from readingroom.store.db import close_database
from readingroom.store.models import AuditEntry, Borrower, Copy, Hold, Loan, Work
from tests.ui.pages_support import actor, demo_database, session_for, settled, show_page
from tests.ui.test_keys import duplicates
from ui.dialogs.place_hold import Member, PlaceHoldDialog
from ui.pages.borrowers import BorrowersPage
from ui.pages.holds import HoldsPage


@pytest.fixture
def demo_db(tmp_path):
    yield demo_database(tmp_path)
    close_database()


def free_writer() -> Borrower:
    """An active writer with nothing on loan and no hold."""
    busy = Loan.select(Loan.borrower).where(Loan.returned_at.is_null())
    waiting = Hold.select(Hold.borrower)
    return (
        Borrower.select()
        .where(
            (Borrower.role == "writer")
            & (Borrower.status == "active")
            & Borrower.id.not_in(busy)
            & Borrower.id.not_in(waiting)
        )
        .order_by(Borrower.member_no)
        .first()
    )


def lent_work() -> tuple[Work, int, Borrower]:
    """A lendable work with a volume on loan (its number), and who has it."""
    loan = (
        Loan.select()
        .join(Copy)
        .join(Work)
        .where(Loan.returned_at.is_null() & (Work.access == "lendable"))
        .order_by(Loan.id)
        .first()
    )
    return loan.copy.work, loan.copy.volume, loan.borrower


def choose_volume(qtbot, dialog: PlaceHoldDialog, volume: int) -> None:
    """Type the volume into its spin box, as a librarian would."""
    dialog.volume.setFocus()
    dialog.volume.selectAll()
    qtbot.keyClicks(dialog.volume, str(volume))
    assert dialog.volume.value() == volume


def open_dialog(qtbot, page) -> PlaceHoldDialog:
    button = page.hold_button if isinstance(page, BorrowersPage) else page.place_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.hold_dialog
    assert isinstance(dialog, PlaceHoldDialog)
    qtbot.waitExposed(dialog)
    return dialog


def type_and_wait(qtbot, picker, text: str) -> None:
    picker.edit.setFocus()
    qtbot.keyClicks(picker.edit, text)
    qtbot.waitUntil(lambda: not picker.timer.isActive() and picker.chosen() is not None)
    settled()


def last_place() -> dict:
    entry = (
        AuditEntry.select()
        .where(AuditEntry.action == "hold-place")
        .order_by(AuditEntry.id.desc())
        .first()
    )
    return json.loads(entry.details)


def test_the_borrower_page_places_a_hold_on_a_typed_work(qtbot, demo_db):
    page = show_page(qtbot, BorrowersPage(session_for(demo_db, actor("librarian"))))
    writer = free_writer()
    work, volume, _ = lent_work()
    assert page.table.select_id(writer.id)
    settled()
    dialog = open_dialog(qtbot, page)
    assert dialog.member_picker is None  # the selected borrower
    type_and_wait(qtbot, dialog.work_picker, work.title)
    assert dialog.work().work_id == work.id
    choose_volume(qtbot, dialog, volume)
    qtbot.keyClick(dialog.volume, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: writer.member_no in page.message.text())
    settled()
    hold = Hold.get((Hold.borrower == writer.id) & (Hold.work == work.id))
    assert hold.volume == volume
    if hold.status == "waiting":
        assert f"{writer.member_no} is number " in page.message.text()
    else:
        assert f"is set aside for {writer.member_no}" in page.message.text()
    placed = last_place()
    assert placed["via"] == "borrower-page" and placed["placed_by"] == "librarian"
    assert page.detail.holds.rowCount() == 1  # the history read again


def test_a_refused_hold_stays_in_the_dialog_with_its_code(qtbot, demo_db):
    work, volume, holder = lent_work()
    page = show_page(qtbot, BorrowersPage(session_for(demo_db, actor("librarian"))))
    assert page.table.select_id(holder.id)
    settled()
    before = Hold.select().count()
    dialog = open_dialog(qtbot, page)
    type_and_wait(qtbot, dialog.work_picker, work.title)
    choose_volume(qtbot, dialog, volume)
    qtbot.keyClick(dialog.volume, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.kind == "error")
    assert "(ALREADY_ON_LOAN)" in dialog.message.text()
    assert dialog.isVisible() and Hold.select().count() == before


def test_a_suspended_borrower_is_offered_no_hold(qtbot, demo_db):
    page = show_page(qtbot, BorrowersPage(session_for(demo_db, actor("librarian"))))
    suspended = Borrower.get(Borrower.status == "suspended")
    assert page.table.select_id(suspended.id)
    settled()
    assert not page.hold_button.isEnabled()


def test_the_waiting_list_page_places_a_hold_for_a_typed_member(qtbot, demo_db):
    page = show_page(qtbot, HoldsPage(session_for(demo_db, actor("librarian"))))
    work = page.works.row_at(page.works_table.current_row())
    writer = free_writer()
    dialog = open_dialog(qtbot, page)
    assert dialog.work().work_id == work.work_id  # the selected work, chosen at first
    type_and_wait(qtbot, dialog.member_picker, writer.member_no)
    assert dialog.member().member_no == writer.member_no
    qtbot.keyClick(dialog.member_picker.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: writer.member_no in page.message.text())
    settled()
    assert Hold.get((Hold.borrower == writer.id) & (Hold.work == work.work_id))
    assert last_place()["via"] == "waiting-list"
    assert writer.member_no in [
        page.queue.index(row, 2).data() for row in range(page.queue.rowCount())
    ]


def test_the_waiting_list_page_places_a_hold_on_another_typed_work(qtbot, demo_db):
    page = show_page(qtbot, HoldsPage(session_for(demo_db, actor("librarian"))))
    writer = free_writer()
    work, volume, _ = lent_work()
    dialog = open_dialog(qtbot, page)
    type_and_wait(qtbot, dialog.member_picker, writer.member_no)
    qtbot.keyClick(dialog.member_picker.edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in (dialog.member_picker.matches, dialog.work_picker.edit)
    dialog.work_picker.edit.clear()
    type_and_wait(qtbot, dialog.work_picker, work.title)
    choose_volume(qtbot, dialog, volume)
    qtbot.keyClick(dialog.volume, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: writer.member_no in page.message.text())
    assert Hold.get((Hold.borrower == writer.id) & (Hold.work == work.id)).volume == volume


def test_an_inspector_places_no_hold(qtbot, demo_db):
    page = show_page(qtbot, HoldsPage(session_for(demo_db, actor("inspector"))))
    assert not page.place_button.isEnabled()
    borrowers_page = show_page(qtbot, BorrowersPage(session_for(demo_db, actor("inspector"))))
    assert borrowers_page.table.select_id(borrowers.get_borrower(free_writer().member_no).id)
    settled()
    assert not borrowers_page.hold_button.isEnabled()


def test_the_dialog_binds_each_alt_key_once(qtbot, demo_db):
    session = session_for(demo_db, actor("librarian"))
    writer = free_writer()
    for member in (None, Member(writer.member_no, writer.name)):
        dialog = PlaceHoldDialog(session, via="waiting-list", member=member)
        qtbot.addWidget(dialog)
        assert duplicates(dialog) == []


def test_a_civilian_is_refused_with_the_roles_code(qtbot, demo_db):
    page = show_page(qtbot, BorrowersPage(session_for(demo_db, actor("librarian"))))
    civilian = Borrower.get((Borrower.role == "civilian") & (Borrower.status == "active"))
    assert page.table.select_id(civilian.id)
    settled()
    work, volume, _ = lent_work()
    dialog = open_dialog(qtbot, page)
    type_and_wait(qtbot, dialog.work_picker, work.title)
    choose_volume(qtbot, dialog, volume)
    qtbot.keyClick(dialog.volume, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.kind == "error")
    assert "(ROLE_NOT_PERMITTED)" in dialog.message.text()
    assert not Hold.select().where(Hold.borrower == civilian.id).exists()
