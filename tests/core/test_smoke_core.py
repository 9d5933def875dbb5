"""A first walk through the desk: lend, refuse, override, return, hold."""

from __future__ import annotations

from datetime import timedelta

import pytest

from readingroom import audit, circulation, clock, holds
from readingroom.errors import NotPermitted, Refused


def test_writer_borrows_and_returns_a_lendable_copy(
    supervisor, librarian, make_copy, make_borrower
):
    make_copy("B1")
    make_borrower("W1")
    lent = circulation.lend(librarian, "B1", "W1")
    loan, decision = lent.loan, lent.decision
    assert decision.allowed and loan.due == decision.due
    returned = circulation.return_copy(librarian, "B1", condition="worn").loan
    assert returned.returned_on is not None
    assert audit.verify().ok


def test_cadre_needs_a_supervisors_override_with_a_reason(
    supervisor, librarian, make_copy, make_borrower
):
    make_copy("B1")
    make_borrower("C1", "cadre")
    with pytest.raises(Refused) as refused:
        circulation.lend(librarian, "B1", "C1")
    assert refused.value.decision.codes == ["APPROVAL_REQUIRED"]
    with pytest.raises(NotPermitted):
        circulation.lend(librarian, "B1", "C1", override_reason="seminar")
    lent = circulation.lend(supervisor, "B1", "C1", override_reason="seminar")
    loan, decision = lent.loan, lent.decision
    assert decision.overridden and loan.override_by.username == "boss"
    assert loan.override_reason == "seminar"


def test_returned_copy_is_set_aside_for_the_first_in_line(librarian, make_copy, make_borrower):
    make_copy("B1")
    make_borrower("W1")
    make_borrower("W2")
    circulation.lend(librarian, "B1", "W1")
    holds.place_hold(librarian, "B1", "W2")
    circulation.return_copy(librarian, "B1")
    with pytest.raises(Refused) as refused:
        circulation.lend(librarian, "B1", "W1")
    assert "HELD_FOR_OTHER" in refused.value.decision.codes
    loan = circulation.lend(librarian, "B1", "W2").loan
    assert loan.borrower.member_no == "W2"


def test_a_cadres_renewal_needs_approval_again(supervisor, librarian, make_copy, make_borrower):
    make_copy("B1")
    make_borrower("C1", "cadre")
    circulation.lend(
        supervisor,
        "B1",
        "C1",
        override_reason="seminar",
        on=clock.today() - timedelta(days=5),  # renewing today extends the loan
        backdate_reason="lent at the seminar",
    )
    with pytest.raises(Refused) as refused:
        circulation.renew(librarian, "B1")
    assert refused.value.decision.codes == ["APPROVAL_REQUIRED"]
    renewal = circulation.renew(supervisor, "B1", override_reason="seminar runs on")
    loan, decision = renewal.loan, renewal.decision
    assert decision.overridden and loan.renewals == 1
