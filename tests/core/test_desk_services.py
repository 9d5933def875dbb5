"""The desk's reads: telling a member number from a barcode, previews of return and renewal."""

from __future__ import annotations

from datetime import timedelta

import pytest

from readingroom import circulation, clock, desk, holds
from readingroom.errors import BadInput, NotFound

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases


def test_a_scan_is_a_member_number_or_a_copy_barcode(make_copy, make_borrower):
    make_copy("RR-1")
    make_borrower("W-1")
    assert desk.identify(" W-1 ") == desk.Scan(desk.BORROWER, "W-1")
    assert desk.identify("RR-1\n") == desk.Scan(desk.COPY, "RR-1")
    with pytest.raises(NotFound, match="neither a member number nor a copy barcode"):
        desk.identify("XYZ")
    with pytest.raises(BadInput):
        desk.identify("   ")


def test_active_loan_and_renew_preview(librarian, supervisor, make_copy, make_borrower):
    make_copy("RR-1")
    make_borrower("W-1")
    make_borrower("W-2")
    assert desk.active_loan_of("RR-1") is None
    with pytest.raises(NotFound):
        desk.renew_preview("RR-1")
    circulation.lend(librarian, "RR-1", "W-1")
    assert desk.active_loan_of("RR-1").borrower.member_no == "W-1"
    loan, decision = desk.renew_preview("RR-1")
    assert loan.borrower.member_no == "W-1" and decision.codes == ["TOO_SOON"]
    _, decision = desk.renew_preview("RR-1", clock.today() + timedelta(days=3))
    assert decision.allowed and decision.due == clock.today() + timedelta(days=24)
    holds.place_hold(librarian, "RR-1", "W-2")
    _, decision = desk.renew_preview("RR-1", clock.today() + timedelta(days=3))
    assert decision.codes == ["WAITING_LIST"]


def test_set_aside_hold_names_the_waiting_borrower(librarian, make_copy, make_borrower):
    make_copy("RR-1")
    make_borrower("W-1")
    make_borrower("W-2")
    circulation.lend(librarian, "RR-1", "W-1")
    holds.place_hold(librarian, "RR-1", "W-2")
    assert desk.set_aside_hold("RR-1") is None
    circulation.return_copy(librarian, "RR-1", condition="worn")
    assert desk.set_aside_hold("RR-1").borrower.member_no == "W-2"
