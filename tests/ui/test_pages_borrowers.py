"""The Borrowers page: search, filters, add and edit, suspend and reinstate, history."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from readingroom import borrowers, circulation
from readingroom.browse.borrowers import borrower_history
from readingroom.store.models import AuditEntry, Borrower, Copy, Hold, Loan
from tests.ui.pages_support import (
    actor,
    demo_on,
    saved,
    session_for,
    settled,
    show_page,
    table_texts,
)
from ui.models.borrowers_model import (
    BorrowersModel,
    history_holds_model,
    history_loans_model,
)
from ui.pages import borrowers as borrowers_page
from ui.pages.borrowers import BorrowersPage


@pytest.fixture
def demo_db(tmp_path, db_backend, request, monkeypatch):
    yield from demo_on(request, monkeypatch, tmp_path)


@pytest.fixture
def page(qtbot, demo_db):
    return show_page(qtbot, BorrowersPage(session_for(demo_db, actor("librarian"))))


def select_member(page: BorrowersPage, member_no: str) -> None:
    assert page.table.select_id(borrowers.get_borrower(member_no).id)
    settled()  # the history is read in the calls thread


def last_action() -> str:
    return AuditEntry.select().order_by(AuditEntry.id.desc()).first().action


def test_lists_borrowers_by_name_with_loan_counts(page):
    names = table_texts(page.model, 1)
    assert len(names) == Borrower.select().count()
    assert names == sorted(names, key=str.lower)
    assert page.count_label.text() == f"{len(names)} borrowers"


@pytest.mark.both_databases
def test_search_and_filters(qtbot, page):
    cadre = Borrower.get(Borrower.role == "cadre")
    page.search.setText(cadre.member_no)
    page.search.flush()
    assert table_texts(page.model, 0) == [cadre.member_no]
    page.search.setText("")
    page.search.flush()
    page.role_filter.set_value("civilian")
    assert set(table_texts(page.model, 0)) == {
        b.member_no for b in Borrower.select().where(Borrower.role == "civilian")
    }
    page.role_filter.set_value(None)
    page.status_filter.set_value("suspended")
    assert set(table_texts(page.model, 0)) == {
        b.member_no for b in Borrower.select().where(Borrower.status == "suspended")
    }


def test_sort_by_overdue_puts_the_late_first_and_marks_them(qtbot, page):
    column = next(i for i, c in enumerate(page.model.columns) if c.sort == "overdue")
    page.table.horizontalHeader().setSortIndicator(column, Qt.SortOrder.DescendingOrder)
    first = page.model.index(0, column)
    assert int(first.data()) >= 1
    assert first.data(Qt.ItemDataRole.DecorationRole) is not None
    assert first.data(Qt.ItemDataRole.ForegroundRole) is not None


@pytest.mark.both_databases
def test_history_shows_loans_past_and_present_and_holds(qtbot, page):
    hold = Hold.select().where(Hold.status == "waiting").first()
    loan = (
        Loan.select()
        .join_from(Loan, Copy)
        .where(
            Loan.returned_at.is_null() & (Copy.work == hold.work_id) & (Copy.volume == hold.volume)
        )
        .first()
    )
    lender = loan.borrower
    circulation.return_copy(actor("supervisor"), loan.copy.barcode, condition="worn")
    page.refresh()
    select_member(page, lender.member_no)
    assert page.detail.name.text() == lender.name
    states = table_texts(page.detail.loans, 3)
    assert states[-1].startswith("returned ")
    assert len(states) == Loan.select().where(Loan.borrower == lender).count()
    select_member(page, hold.borrower.member_no)  # the returned copy is set aside for them
    assert table_texts(page.detail.holds, 2) == [f"Set aside: {loan.copy.barcode}"]
    assert hold.work.title in page.detail.holds.index(0, 0).data()


def test_a_refused_member_number_is_said_in_the_windows_korean(qtbot, qapp, page):
    """A keyed refusal of the domain (said where it is raised) shows in 조선어 when the
    window speaks it, its member numbers in place: the dialog renders it by its key
    (ui.reasons.error_text), never by matching the English sentence."""
    from ui import i18n

    taken = Borrower.select().first().member_no
    assert i18n.install_translator(qapp, "ko_KP") == "ko_KP"
    try:
        page.new_button.click()
        dialog = page.dialog
        qtbot.keyClicks(dialog.member_no, taken.lower())  # the same number once normalised
        dialog.name.setText("리철수")
        assert not saved(dialog)
        shown = dialog.message.text()
    finally:
        i18n.remove_translators(qapp)
    assert shown == (
        f"회원번호 '{taken.lower()}' (정규화하면 {taken})은 이미 쓰이고 있습니다. "
        "아무것도 추가하지 않았습니다."
    ), shown


@pytest.mark.both_databases
def test_add_a_borrower_after_a_duplicate_member_number(qtbot, page):
    page.new_button.click()
    dialog = page.dialog
    taken = Borrower.select().first().member_no
    qtbot.keyClicks(dialog.member_no, taken.lower())  # the same number once normalised
    dialog.name.setText("Kang Sun-ok")
    assert not saved(dialog)
    assert dialog.message.text() == (
        f"The member number {taken.lower()!r} ({taken} once normalised) is already used; "
        "nothing was added."
    )
    assert dialog.focusWidget() is dialog.member_no
    dialog.member_no.clear()
    qtbot.keyClicks(dialog.member_no, " w-2001")  # stored in the one form, as imports do
    dialog.expires.setDate(dialog.expires.date().addDays(10))
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    settled()
    added = Borrower.get(Borrower.member_no == "W-2001")
    assert (added.name, added.role, added.status) == ("Kang Sun-ok", "writer", "active")
    assert added.expires is not None and added.expires > date.today()
    assert page.detail.name.text() == "Kang Sun-ok"
    assert last_action() == "borrower-add"


def test_a_borrower_needs_a_name(qtbot, page):
    page.new_borrower()
    page.dialog.member_no.setText("W-2002")
    assert not saved(page.dialog)
    assert page.dialog.message.text() == "A borrower needs a name."
    assert page.dialog.focusWidget() is page.dialog.name


@pytest.mark.both_databases
def test_suspend_and_reinstate(qtbot, page, monkeypatch):
    active = Borrower.get(Borrower.status == "active")
    select_member(page, active.member_no)
    assert page.suspend_button.text() == "S&uspend"
    monkeypatch.setattr(borrowers_page, "ask_suspension_reason", lambda *_: None)
    page.suspend_button.click()  # cancelled: nothing happens
    assert borrowers.get_borrower(active.member_no).status == "active"
    monkeypatch.setattr(
        borrowers_page, "ask_suspension_reason", lambda *_: "kept Proof of the Man for five weeks"
    )
    page.suspend_button.click()
    settled()
    assert borrowers.get_borrower(active.member_no).status == "suspended"
    assert last_action() == "borrower-suspend"
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert "kept Proof of the Man for five weeks" in entry.details
    assert "suspended" in page.message.text()
    assert page.current_member_no() == active.member_no
    assert page.suspend_button.text() == "&Reinstate"
    page.suspend_button.click()  # a librarian: lifting a suspension is a supervisor's
    settled()
    assert borrowers.get_borrower(active.member_no).status == "suspended"
    assert last_action() == "borrower-suspend"
    assert "supervisor" in page.message.text()


def test_a_supervisor_reinstates(qtbot, demo_db):
    page = show_page(qtbot, BorrowersPage(session_for(demo_db, actor("supervisor"))))
    suspended = Borrower.get(Borrower.status == "suspended")
    select_member(page, suspended.member_no)
    assert page.suspend_button.text() == "&Reinstate"
    page.suspend_button.click()
    settled()
    assert borrowers.get_borrower(suspended.member_no).status == "active"
    assert last_action() == "borrower-reinstate"


def test_enter_edits_the_selected_borrower(qtbot, page):
    member = Borrower.get(Borrower.role == "writer")
    select_member(page, member.member_no)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    settled()  # the dialog opens once its form is read
    dialog = page.dialog
    assert dialog.member_no.text() == member.member_no and dialog.member_no.isReadOnly()
    dialog.organisation.setText("Writers' Union, Prose Section")
    dialog.expires_set.setChecked(False)
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    edited = borrowers.get_borrower(member.member_no)
    assert (edited.organisation, edited.expires) == ("Writers' Union, Prose Section", None)
    assert last_action() == "borrower-edit"


def test_inspector_cannot_suspend(qtbot, demo_db):
    page = show_page(qtbot, BorrowersPage(session_for(demo_db, actor("inspector"))))
    page.table.select_row(0)
    settled()
    assert not page.suspend_button.isEnabled() and not page.new_button.isEnabled()
    member_no = page.current_member_no()
    page.toggle_suspension()
    settled()
    assert page.message.kind == "error" and "inspector" in page.message.text()
    assert borrowers.get_borrower(member_no).status == "active"


def test_models_pass_the_model_tester(qtmodeltester, demo_db):
    model = BorrowersModel()
    model.reload()
    qtmodeltester.check(model)
    history = borrower_history(Loan.select().first().borrower.member_no)
    loans = history_loans_model()
    loans.set_rows(history.loans)
    qtmodeltester.check(loans)
    holder = next(b for b in Borrower.select() if borrower_history(b.member_no).holds)
    holds = history_holds_model()
    holds.set_rows(borrower_history(holder.member_no).holds)
    qtmodeltester.check(holds)


def test_staff_set_and_clear_a_writers_screen_pin(qtbot, page, monkeypatch):
    from readingroom import kiosk
    from ui.pages import borrowers as borrowers_page

    writer = Borrower.get(Borrower.role == "writer")
    select_member(page, writer.member_no)
    assert page.pin_button.isEnabled() and not page.clear_pin_button.isEnabled()
    monkeypatch.setattr(borrowers_page, "ask_pin", lambda parent, member_no: "12")
    qtbot.mouseClick(page.pin_button, Qt.MouseButton.LeftButton)
    settled()
    assert "4 to 8 digits" in page.message.text() and not kiosk.has_pin(writer.member_no)
    monkeypatch.setattr(borrowers_page, "ask_pin", lambda parent, member_no: "246810")
    qtbot.mouseClick(page.pin_button, Qt.MouseButton.LeftButton)
    settled()
    assert kiosk.has_pin(writer.member_no) and last_action() == "kiosk-pin-set"
    assert "246810" not in page.message.text() and page.clear_pin_button.isEnabled()
    qtbot.mouseClick(page.clear_pin_button, Qt.MouseButton.LeftButton)
    settled()
    assert not kiosk.has_pin(writer.member_no) and last_action() == "kiosk-pin-clear"
    assert not page.clear_pin_button.isEnabled()
