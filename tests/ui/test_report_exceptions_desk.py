"""The desk keeps the refusals the inspector asks about: a copy scanned for a civilian is
refused on the screen and recorded in the audit trail (who tried, for whom), and the desk
reads exactly as before."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from readingroom.store.models import AuditEntry, Loan
from tests.ui.shell_support import borrower, desk_of, lendable_copy, wait_for_desk


def scan(qtbot, page, code: str) -> None:
    qtbot.keyClicks(page.scan_edit, code)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)


def refused_entries() -> list[AuditEntry]:
    return list(AuditEntry.select().where(AuditEntry.action == "lend-refused"))


def test_a_lend_refused_at_the_desk_is_recorded_once_per_scan(qtbot, window):
    page = desk_of(window)
    civilian, copy = borrower("civilian", clean=False), lendable_copy()
    writer = borrower("writer")
    before = len(refused_entries())
    scan(qtbot, page, civilian.member_no)
    scan(qtbot, page, copy.barcode)
    assert page.banner.tone == "refused" and "ROLE_NOT_PERMITTED" in page.banner.body.text()
    assert page.override_button.isHidden() and not page.action_button.isEnabled()
    entries = refused_entries()
    assert len(entries) == before + 1
    entry = entries[-1]
    details = json.loads(entry.details)
    assert (entry.staff, entry.entity_id) == ("librarian", copy.barcode)
    assert details["member_no"] == civilian.member_no and details["via"] == "desk"
    assert details["refused"] == ["ROLE_NOT_PERMITTED"]
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)  # Enter on the refusal: nothing more
    wait_for_desk(qtbot, page)
    assert len(refused_entries()) == before + 1
    assert Loan.select().where(Loan.copy == copy.id, Loan.returned_at.is_null()).count() == 0
    scan(qtbot, page, writer.member_no)  # an allowed lend shown: nothing recorded
    scan(qtbot, page, copy.barcode)
    assert page.banner.tone == "allowed" and len(refused_entries()) == before + 1
