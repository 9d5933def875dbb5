"""The writers' screen says "ready for you since …" to the writer who typed their member
number and PIN there: each copy set aside for them with the day to collect it by, nothing
about anyone else; a wrong PIN reads as every refusal there does, and is audited."""

from __future__ import annotations

import json
from datetime import timedelta

from PySide6.QtCore import Qt

from readingroom import kiosk
from readingroom.store.models import AuditEntry, Hold
from tests.ui.pages_support import settled
from tests.ui.shell_support import borrower
from tests.ui.test_writers import PIN, open_writers

NOT_HERE = "Not possible here: ask at the desk."


def ask_ready(qtbot, writers, member_no: str, pin: str) -> str:
    """Type a member number and a PIN into the real fields, press Enter: the reply."""
    qtbot.keyClicks(writers.ready_member_edit, member_no)
    qtbot.keyClick(writers.ready_member_edit, Qt.Key.Key_Return)
    assert writers.ready_pin_edit.hasFocus()
    qtbot.keyClicks(writers.ready_pin_edit, pin)
    qtbot.keyClick(writers.ready_pin_edit, Qt.Key.Key_Return)
    assert writers.ready_member_edit.text() == writers.ready_pin_edit.text() == ""
    settled()
    return writers.ready_message.text()


def test_a_writer_sees_what_is_ready_for_them_since_when(qtbot, window, sign_in):
    hold = Hold.get(Hold.status == "ready")
    member = hold.borrower
    kiosk.set_pin(sign_in("librarian"), member.member_no, PIN)
    writers = open_writers(qtbot, window)
    text = ask_ready(qtbot, writers, member.member_no, PIN)
    by = hold.ready_on + timedelta(days=7)
    assert text == (
        f"Ready for you since {hold.ready_on.isoformat()}: {hold.work.title}, volume "
        f"{hold.volume}; collect it at the desk by {by.isoformat()}."
    )
    assert hold.copy.barcode not in text and member.name not in text


def test_nothing_ready_says_so(qtbot, window, sign_in):
    writer = borrower("writer")
    kiosk.set_pin(sign_in("librarian"), writer.member_no, PIN)
    writers = open_writers(qtbot, window)
    text = ask_ready(qtbot, writers, writer.member_no, PIN)
    assert text.startswith("Nothing is set aside for you yet")


def test_a_wrong_pin_reads_as_every_refusal_and_is_audited(qtbot, window, sign_in):
    member = Hold.get(Hold.status == "ready").borrower
    kiosk.set_pin(sign_in("librarian"), member.member_no, PIN)
    writers = open_writers(qtbot, window)
    assert ask_ready(qtbot, writers, member.member_no, "0000") == NOT_HERE
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    details = json.loads(entry.details)
    assert entry.action == "kiosk-refused" and details["reason"] == "wrong PIN"
    assert details["asked"] == "ready for me"


def test_joining_says_what_else_is_ready(qtbot, window, sign_in):
    """A writer who joins a list hears of the copies already set aside for them."""
    hold = Hold.get(Hold.status == "ready")
    member = hold.borrower
    kiosk.set_pin(sign_in("librarian"), member.member_no, PIN)
    writers = open_writers(qtbot, window)
    writers.search_edit.clear()
    qtbot.waitUntil(lambda: not writers.search_timer.isActive())
    settled()
    model = writers.model
    row = next(
        r
        for r in range(model.rowCount())
        if model.record(r).work_id != hold.work_id and model.record(r).rule == "loan"
    )
    writers.table.selectRow(row)
    qtbot.keyClicks(writers.detail.member_edit, member.member_no)
    qtbot.keyClicks(writers.detail.pin_edit, PIN)
    qtbot.keyClick(writers.detail.pin_edit, Qt.Key.Key_Return)
    settled()
    text = writers.detail.message.text()
    assert f"Ready for you since {hold.ready_on.isoformat()}: {hold.work.title}" in text


def test_what_is_ready_leaves_the_screen_after_a_while(qtbot, window, sign_in):
    member = Hold.get(Hold.status == "ready").borrower
    kiosk.set_pin(sign_in("librarian"), member.member_no, PIN)
    writers = open_writers(qtbot, window)
    assert ask_ready(qtbot, writers, member.member_no, PIN).startswith("Ready for you since")
    assert writers.ready_timer.isActive() and writers.ready_timer.interval() == 30_000
    writers.ready_timer.start(50)  # the half minute, shortened
    qtbot.waitUntil(lambda: writers.ready_message.text() == "")
