"""A loan's approval as the front doors read it: an override's reason as the supervisor
typed it, a back-date's (stored as ``back-dated: REASON``) by its phrase's key, so the
window and the PDFs say 소급 기록 in Korean; the English is what the loan stored."""

from __future__ import annotations

from datetime import timedelta

import pytest

from readingroom import circulation, clock
from readingroom.approvals import approval_said
from readingroom.browse import borrowers as borrower_browse
from readingroom.browse import loans, works
from readingroom.language import words
from readingroom.messages import Text


@pytest.fixture
def lent(supervisor, make_copy, make_borrower) -> None:
    make_borrower("W-1", name="리명희")
    make_borrower("C-1", role="cadre", name="오광철")
    make_copy("X1")
    make_copy("X2", access="approval")
    circulation.lend(
        supervisor, "X1", "W-1", on=clock.today() - timedelta(days=3), backdate_reason="종이대장"
    )
    circulation.lend(supervisor, "X2", "C-1", override_reason="back-dated: as typed")


def approvals() -> list[dict[str, str | None]]:
    """Each read path's approval of X1 (back-dated) and X2 (an override), by barcode."""
    rows = loans.loan_rows(loans.loan_ids()).values()
    by_loan = {row.barcode: row.override_reason for row in rows}
    history = borrower_browse.borrower_history("W-1").loans + (
        borrower_browse.borrower_history("C-1").loans
    )
    by_borrower = {line.barcode: line.override_reason for line in history}
    by_copy = {b: works.copy_loan_history(b)[0].override_reason for b in ("X1", "X2")}
    return [by_loan, by_borrower, by_copy]


def test_a_back_dated_loans_approval_is_said_by_key_an_overrides_as_typed(lent):
    north = words("ko_KP")
    for said in approvals():
        assert said["X1"] == "back-dated: 종이대장" and isinstance(said["X1"], Text)
        assert north.text(said["X1"]) == "소급 기록: 종이대장"
        # an override's reason stays as the supervisor typed it, whatever it reads like
        assert said["X2"] == "back-dated: as typed" and not isinstance(said["X2"], Text)
        assert north.text(said["X2"]) == "back-dated: as typed"


def test_nothing_recorded_says_nothing():
    assert approval_said(None, overridden=False) is None
    assert approval_said("", overridden=False) == ""
