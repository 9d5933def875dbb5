"""The Waiting lists page: queues in order, copies set aside, cancelling a hold."""

from __future__ import annotations

import pytest

from readingroom import circulation, holds
from readingroom.browse import waiting
from readingroom.store.db import close_database
from readingroom.store.models import AuditEntry, Borrower, Copy, Hold, Loan
from tests.ui.pages_support import (
    actor,
    changed_elsewhere,
    demo_database,
    session_for,
    settled,
    show_page,
    table_texts,
)
from ui.models.holds_model import queue_model, set_aside_model, waiting_works_model
from ui.operations import CIRCULATION
from ui.pages.holds import HoldsPage


@pytest.fixture
def demo_db(tmp_path):
    yield demo_database(tmp_path)
    close_database()


@pytest.fixture
def queued(demo_db):
    """The demo's waiting list plus two more writers behind the first, in this order
    (the demo's copy already set aside for someone else is released, so one queue remains)."""
    for ready in Hold.select().where(Hold.status == "ready"):
        holds.cancel_hold_by_id(actor("librarian"), ready.id)
    hold = Hold.get(Hold.status == "waiting")
    lent = (
        Loan.select()
        .join(Copy)
        .where(
            Loan.returned_at.is_null() & (Copy.work == hold.work_id) & (Copy.volume == hold.volume)
        )
        .first()
    )
    at_home = (  # nobody waits for a volume they have on loan (ALREADY_ON_LOAN)
        Loan.select(Loan.borrower)
        .join(Copy)
        .where(
            Loan.returned_at.is_null() & (Copy.work == hold.work_id) & (Copy.volume == hold.volume)
        )
    )
    writers = [
        b.member_no
        for b in Borrower.select()
        .where(
            (Borrower.role == "writer")
            & (Borrower.status == "active")
            & (Borrower.id != hold.borrower_id)
            & Borrower.id.not_in(at_home)
        )
        .order_by(Borrower.member_no)
        .limit(2)
    ]
    for member_no in writers:
        holds.place_hold(actor("librarian"), lent.copy.barcode, member_no)
    return hold.borrower.member_no, writers, lent.copy.barcode


@pytest.fixture
def page(qtbot, demo_db):
    return show_page(qtbot, HoldsPage(session_for(demo_db, actor("librarian"))))


def test_the_queue_in_order(qtbot, queued, page):
    first, behind, _ = queued
    page.refresh()
    settled()
    assert table_texts(page.works, 1) == ["3"]
    assert table_texts(page.queue, 2) == [first, *behind]
    assert table_texts(page.queue, 0) == ["1", "2", "3"]


def test_a_returned_copy_is_set_aside_for_the_first_in_line(qtbot, queued, page):
    first, behind, barcode = queued
    circulation.return_copy(actor("librarian"), barcode, condition="ragged")
    changed_elsewhere(page, CIRCULATION)
    settled()
    assert table_texts(page.set_aside, 0) == [barcode]
    assert first in page.set_aside.index(0, 2).data()
    assert table_texts(page.queue, 0) == ["to collect", "1", "2"]
    assert page.queue.index(0, 6).data() == f"set aside: {barcode}"


def test_cancel_a_hold_moves_the_next_up(qtbot, queued, page, monkeypatch):
    first, behind, barcode = queued
    circulation.return_copy(actor("librarian"), barcode)
    page.refresh()
    settled()
    asked = []
    monkeypatch.setattr("ui.widgets.ask.confirm", lambda *args: asked.append(args) or True)
    page.set_aside_table.select_row(0)
    page.cancel_aside_button.click()
    qtbot.waitUntil(lambda: "cancelled" in page.message.text())  # in the window's calls thread
    settled()  # and the lists read again
    assert asked and first in asked[0][2]
    assert table_texts(page.set_aside, 2)[0].startswith(behind[0])
    assert table_texts(page.queue, 2) == [behind[0], behind[1]]
    action = AuditEntry.select().order_by(AuditEntry.id.desc()).limit(2)
    assert {entry.action for entry in action} == {"hold-cancel", "hold-ready"}
    assert "cancelled" in page.message.text()


def test_the_lists_are_read_off_the_gui_thread(queued, page):
    """A refresh asks the calls thread: the tables change when the newest answer arrives
    (the older one, asked first, is dropped)."""
    first, behind, barcode = queued
    before = table_texts(page.queue, 2)
    circulation.return_copy(actor("librarian"), barcode)
    page.refresh()
    page.refresh()
    assert table_texts(page.queue, 2) == before and page.set_aside.rowCount() == 0
    settled()
    assert table_texts(page.set_aside, 0) == [barcode]
    assert table_texts(page.queue, 0) == ["to collect", "1", "2"]
    assert page.queue_caption.text().startswith("Waiting list: ")


def test_another_works_queue_is_read_off_the_gui_thread(page):
    """Choosing a work asks the calls thread for its queue; of two asked quickly, only the
    last chosen is shown."""
    first, second = (page.works.row_at(row) for row in (0, 1))
    page.works_table.select_row(1)
    assert page.queue_caption.text() == f"Waiting list: {first.title}"  # not read yet
    settled()
    assert page.queue_caption.text() == f"Waiting list: {second.title}"
    assert table_texts(page.queue, 2) == [line.member_no for line in waiting.queue(second.work_id)]
    page.works_table.select_row(0)
    page.works_table.select_row(1)
    page.works_table.select_row(0)
    settled()
    assert page.queue_caption.text() == f"Waiting list: {first.title}"
    assert table_texts(page.queue, 2) == [line.member_no for line in waiting.queue(first.work_id)]


def test_saying_no_cancels_nothing(qtbot, queued, page, monkeypatch):
    monkeypatch.setattr("ui.widgets.ask.confirm", lambda *args: False)
    page.refresh()
    settled()
    page.queue_table.select_row(1)
    page.cancel_button.click()
    assert page.queue.rowCount() == 3


def test_inspector_cannot_cancel(qtbot, queued, demo_db, monkeypatch):
    page = show_page(qtbot, HoldsPage(session_for(demo_db, actor("inspector"))))
    page.queue_table.select_row(0)
    assert not page.cancel_button.isEnabled()
    monkeypatch.setattr("ui.widgets.ask.confirm", lambda *args: True)
    page.cancel_selected_hold()
    qtbot.waitUntil(lambda: page.message.kind == "error")  # refused in the calls thread
    assert "inspector" in page.message.text()
    assert page.queue.rowCount() == 3


def test_models_pass_the_model_tester(qtmodeltester, queued):
    _, _, barcode = queued
    circulation.return_copy(actor("librarian"), barcode)
    for model, rows in (
        (waiting_works_model(), waiting.works_with_waiting_lists()),
        (queue_model(), waiting.queue(waiting.works_with_waiting_lists()[0].work_id)),
        (set_aside_model(), waiting.set_aside()),
    ):
        model.set_rows(rows)
        assert model.rowCount()
        qtmodeltester.check(model)
