"""The desk's side of the insider's attacks on the merged work: a return and a lend at once
are a renewal, and the window says so (tests/core/test_insider_attacks.py has the rest)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from readingroom import circulation, clock, inspection, staff
from tests.ui.shell_support import borrower, desk_of, lendable_copy, wait_for_desk


def scan(qtbot, page, code: str) -> None:
    qtbot.keyClicks(page.scan_edit, code)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)


def test_the_desk_refuses_a_lend_right_after_the_last_renewal_came_back(qtbot, window):
    librarian = staff.get_staff("librarian")
    writer, copy = borrower("writer"), lendable_copy()
    # lent days ago (a renewal on the day of the lend is TOO_SOON), the demo's inspection
    # moved far off (a renewal may not run past it)
    boss = staff.get_staff("supervisor")
    inspection.schedule(boss, clock.today() + timedelta(days=60))
    day = clock.today() - timedelta(days=5)
    circulation.lend(boss, copy.barcode, writer.member_no, on=day, backdate_reason="paper")
    circulation.renew(librarian, copy.barcode)  # the writers' one renewal
    circulation.return_copy(librarian, copy.barcode)
    page = desk_of(window)
    scan(qtbot, page, writer.member_no)
    scan(qtbot, page, copy.barcode)
    assert page.banner.tone == "refused"
    assert "RENEWAL_LIMIT" in page.banner.body.text()
    assert "gave this back today after 1 renewal" in page.banner.body.text()
