"""The desk's wrong answers of issue 11, typed into the real desk as a scanner would: a
renewal that would shorten the loan or not move it, and a refusal that spoke of a due date;
and on the writers' screen, a hold on a volume the writer has at home."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from readingroom import circulation, clock, inspection, kiosk
from readingroom.store.models import AuditEntry, Copy, Hold, Loan
from tests.ui.shell_support import borrower, desk_of, lendable_copy, wait_for_desk
from tests.ui.test_writers import choose, join_as, open_writers, search
from ui.pages.desk import RENEW

PIN = "2718"


def scan(qtbot, page, code: str) -> None:
    """What a keyboard-wedge scanner does: type the code, then Enter."""
    qtbot.keyClicks(page.scan_edit, code)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)


def press_enter(qtbot, page) -> None:
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)


def loan_of(barcode: str) -> Loan:
    return (
        Loan.select().join(Copy).where((Copy.barcode == barcode) & Loan.returned_at.is_null()).get()
    )


def far_inspection(supervisor) -> None:
    """The demo's inspection is 12 days ahead: a loan lent today is due the day before it
    (and a renewal may not run past it); move it out of the way of a 21-day loan."""
    inspection.schedule(supervisor, clock.today() + timedelta(days=60))


def test_a_renewal_on_the_day_of_the_lend_is_too_soon(qtbot, window, sign_in):
    page = desk_of(window)
    far_inspection(sign_in("supervisor"))
    writer, copy = borrower("writer"), lendable_copy()
    due = circulation.lend(sign_in("librarian"), copy.barcode, writer.member_no).loan.due
    page.set_mode(RENEW)
    scan(qtbot, page, copy.barcode)
    assert page.banner.tone == "refused"
    body = page.banner.body.text()
    assert "TOO_SOON" in body and "Too soon to renew" in body
    assert f"The renewal would not extend the loan (due {due.isoformat()})." in body
    assert "a supervisor may override" in body
    assert page.override_button.isVisible() and not page.action_button.isEnabled()
    press_enter(qtbot, page)
    loan = loan_of(copy.barcode)
    assert (loan.renewals, loan.due) == (0, due)


def test_the_desk_never_renews_a_loan_to_an_earlier_date(qtbot, window, sign_in):
    page = desk_of(window)
    boss = sign_in("supervisor")
    far_inspection(boss)
    writer, copy = borrower("writer"), lendable_copy()
    lent_on = clock.today() - timedelta(days=5)
    circulation.lend(boss, copy.barcode, writer.member_no, on=lent_on, backdate_reason="paper")
    due = loan_of(copy.barcode).due
    assert due == clock.today() + timedelta(days=16)
    day = clock.today() + timedelta(days=10)
    inspection.schedule(boss, day)  # not frozen yet, but before the due date
    page.set_mode(RENEW)
    scan(qtbot, page, copy.barcode)
    assert page.banner.tone == "refused"
    body = page.banner.body.text()
    assert "INSPECTION_FREEZE" in body
    assert f"must come back before the inspection on {day.isoformat()}" in body
    assert "brought forward" not in body
    press_enter(qtbot, page)
    loan = loan_of(copy.barcode)
    assert (loan.renewals, loan.due) == (0, due)  # not shortened to the day before


def test_a_refusal_at_the_desk_says_nothing_about_a_due_date(qtbot, window, sign_in):
    page = desk_of(window)
    inspection.schedule(sign_in("supervisor"), clock.today() + timedelta(days=10))
    copy = lendable_copy()
    scan(qtbot, page, borrower("civilian", clean=False).member_no)
    scan(qtbot, page, copy.barcode)
    assert page.banner.tone == "refused"
    assert "ROLE_NOT_PERMITTED" in page.banner.body.text()
    assert "brought forward" not in page.banner.body.text()
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Escape)
    scan(qtbot, page, borrower("writer").member_no)
    scan(qtbot, page, copy.barcode)
    assert page.banner.tone == "allowed"  # where a due date is given, its note is shown
    assert "brought forward" in page.banner.body.text()


def test_the_writers_screen_says_only_not_possible_here_for_a_volume_at_home(
    qtbot, window, sign_in
):
    """A writer who has the volume at home types their number and PIN: the usual reply,
    nothing about them, and no hold (ALREADY_ON_LOAN goes to the audit trail only)."""
    librarian = sign_in("librarian")
    writer, copy = borrower("writer"), lendable_copy()
    circulation.lend(librarian, copy.barcode, writer.member_no)
    kiosk.set_pin(librarian, writer.member_no, PIN)
    writers = open_writers(qtbot, window)
    search(qtbot, writers, copy.work.title)
    choose(writers, copy.work.title)
    if writers.detail.volume_combo.isVisible():
        writers.detail.volume_combo.setCurrentIndex(copy.volume - 1)
    before = Hold.select().count()
    assert join_as(qtbot, writers, writer.member_no, PIN) == kiosk.NOT_HERE
    assert Hold.select().count() == before
    assert (
        "already has this volume"
        in AuditEntry.select().order_by(AuditEntry.id.desc()).get().details
    )


def test_the_desk_finds_codes_typed_in_another_case_or_with_spaces(qtbot, window):
    """w-1002 and " k0020 " name W-1002 and K0020: a hand at the keyboard, a scanner's
    stray characters."""
    page = desk_of(window)
    writer, copy = borrower("writer"), lendable_copy()
    scan(qtbot, page, f" {writer.member_no.lower()} ")
    assert not page.message.isVisible()
    assert page.borrower_panel.name.text() == writer.name
    scan(qtbot, page, f"  {copy.barcode.lower()} ")
    assert page.banner.tone == "allowed", page.banner.body.text()
    press_enter(qtbot, page)
    loan = loan_of(copy.barcode)
    assert loan.borrower_id == writer.id
