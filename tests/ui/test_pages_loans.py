"""The Loans page: active and overdue loans, sortable by due date, overdue ones marked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from readingroom import circulation, clock, reminders
from readingroom.store.models import Borrower, Copy, Loan
from tests.ui.pages_support import (
    actor,
    changed_elsewhere,
    demo_on,
    session_for,
    settled,
    show_page,
    table_texts,
    wait_loaded,
)
from ui import i18n
from ui.models.loans_model import LoansModel
from ui.operations import CIRCULATION, Changes
from ui.pages.loans import LoansPage


@pytest.fixture
def demo_db(tmp_path, db_backend, request, monkeypatch):
    yield from demo_on(request, monkeypatch, tmp_path)


@pytest.fixture
def page(qtbot, demo_db):
    return show_page(qtbot, LoansPage(session_for(demo_db, actor("librarian"))))


def active_loans():
    return Loan.select().where(Loan.returned_at.is_null())


@pytest.mark.both_databases
def test_active_loans_by_due_date_overdue_first_and_marked(page):
    dues = table_texts(page.model, 0)
    assert len(dues) == active_loans().count()
    assert dues == sorted(dues)
    today = clock.today()
    overdue = [loan for loan in active_loans() if loan.due < today]
    assert overdue, "the demo has overdue loans"
    first = page.model.index(0, 1)
    days = (today - min(loan.due for loan in overdue)).days
    assert first.data() == f"{days} days overdue"
    assert first.data(Qt.ItemDataRole.DecorationRole) is not None
    assert first.data(Qt.ItemDataRole.ForegroundRole) is not None
    not_overdue = page.model.index(len(overdue), 1)
    assert not_overdue.data().startswith("due ")
    assert not_overdue.data(Qt.ItemDataRole.DecorationRole) is None
    assert page.summary.text() == f"{len(dues)} active, {len(overdue)} overdue"


def test_sort_by_due_date_descending(qtbot, page):
    page.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    dues = table_texts(page.model, 0)
    assert dues == sorted(dues, reverse=True)


@pytest.mark.both_databases
def test_overdue_only_and_search(qtbot, page):
    page.show_filter.set_value("overdue")
    today = clock.today()
    assert page.model.rowCount() == active_loans().where(Loan.due < today).count()
    page.show_filter.set_value(None)
    loan = active_loans().first()
    page.search.setText(loan.copy.barcode)
    page.search.flush()
    assert table_texts(page.model, 3) == [loan.copy.barcode]


def test_detail_names_the_borrower_and_the_approval(qtbot, page):
    approved = active_loans().where(Loan.override_by.is_null(False)).first()
    page.table.select_id(approved.id)
    settled()  # the detail is read in the calls thread
    assert page.detail_title.text().startswith(approved.copy.barcode)
    assert approved.override_reason in page.fields.value("Approved by")
    assert approved.borrower.member_no in page.fields.value("Borrower")


def test_a_back_dated_loans_approval_reads_in_the_windows_korean(qtbot, qapp, demo_db):
    """조선어: a loan copied in from the paper ledger says 소급 기록 and the supervisor's
    reason as written; nothing of the stored English is left."""
    supervisor = actor("supervisor")
    copy = Copy.select().where(Copy.status == "available").order_by(Copy.barcode).first()
    writer = Borrower.select().where(Borrower.role == "writer").order_by(Borrower.id).first()
    lent = circulation.lend(
        supervisor,
        copy.barcode,
        writer.member_no,
        on=clock.today() - timedelta(days=2),
        backdate_reason="종이대장",
    )
    i18n.install_translator(qapp, "ko_KP")
    try:
        page = show_page(qtbot, LoansPage(session_for(demo_db, actor("librarian"))))
        page.table.select_id(lent.loan.id)
        settled()
        assert page.fields.value("승인자").endswith(": 소급 기록: 종이대장")
    finally:
        i18n.install_translator(qapp, "en")


def test_a_reminder_sent_shows_on_the_loan(qtbot, page, tmp_path, monkeypatch):
    monkeypatch.setattr("readingroom.pdf.write_letter", lambda path, letters: None)
    today = clock.today()
    overdue = active_loans().where(Loan.due < today).order_by(Loan.due).first()
    page.table.select_id(overdue.id)
    settled()  # the detail is read in the calls thread
    assert page.fields.value("Reminders") == "none sent yet"
    sent = reminders.send(actor("librarian"), tmp_path, today)
    changed_elsewhere(page, Changes.named("reminder"))
    wait_loaded(qtbot, page.model)
    page.table.select_id(overdue.id)
    settled()  # the detail is read in the calls thread
    level = next(r.level for r in sent.reminders if r.loan_id == overdue.id)
    days = (today - overdue.due).days
    assert page.fields.value("Reminders") == (
        f"{level} · {reminders.LEVEL_NAMES[level]} — sent {today.isoformat()}, {days} days overdue"
    )
    not_due = active_loans().where(Loan.due >= today).first()
    page.table.select_id(not_due.id)
    settled()  # the detail is read in the calls thread
    assert page.fields.value("Reminders") == ""


@pytest.mark.both_databases
def test_a_return_elsewhere_updates_the_list(qtbot, page):
    loan = active_loans().first()
    circulation.return_copy(actor("librarian"), loan.copy.barcode)
    changed_elsewhere(page, CIRCULATION)
    assert loan.copy.barcode not in table_texts(page.model, 3)


def test_a_loan_due_today_says_so(qtbot, page, demo_db):
    loan = active_loans().where(Loan.due >= clock.today()).first()
    Loan.update(due=clock.today()).where(Loan.id == loan.id).execute()
    page.refresh()
    row = page.model.row_of(loan.id)
    assert page.model.index(row, 1).data() == "due today"
    Loan.update(due=clock.today() - timedelta(days=1)).where(Loan.id == loan.id).execute()
    page.refresh()
    assert page.model.index(page.model.row_of(loan.id), 1).data() == "1 day overdue"


def test_model_passes_the_model_tester(qtmodeltester, demo_db):
    model = LoansModel()
    model.reload()
    qtmodeltester.check(model)
