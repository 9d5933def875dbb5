"""The desk's basket without a window: every copy scanned after a member card joins it with
its own decision; Enter does every allowed one, refused ones stay until removed or
overridden; another member card asks first; Return and Renew use the same basket."""

from __future__ import annotations

from datetime import timedelta

import pytest

from readingroom import circulation, clock, desk
from readingroom.desk import LEND, RENEW, RETURN, DeskSession
from readingroom.errors import BadInput, Refused
from readingroom.store.models import Hold, Loan


@pytest.fixture
def shelf(make_copy, make_borrower):
    make_copy("RR-1")
    make_copy("RR-2", title="Tokyo Express")
    make_copy("RR-3", title="Inspector Imanishi Investigates")
    make_copy("RR-9", title="Reading-room copy", access="reading-room")
    make_borrower("W-1")
    make_borrower("W-2")
    make_borrower("K-1", role="cadre")


def lent_barcodes() -> set[str]:
    return {loan.copy.barcode for loan in Loan.select().where(Loan.returned_at.is_null())}


def test_every_scanned_copy_joins_the_basket_and_enter_lends_every_allowed_one(shelf, librarian):
    """The loss of issue 11: W, RR-1 (may be lent), RR-2, Enter lent only RR-2."""
    session = DeskSession()
    session.scan("W-1")
    session.scan("RR-1")
    session.scan("RR-9")  # refused: not for take-home loan
    session.scan("RR-2")
    assert [i.barcode for i in session.basket] == ["RR-1", "RR-9", "RR-2"]
    assert [i.refused for i in session.basket] == [False, True, False]
    assert session.basket[0].title == "Points and Lines" and session.basket[0].due is not None
    assert session.pending.barcode == "RR-2"  # the last scanned is the current row
    assert session.next_step() == desk.ACT and session.unconfirmed() == 3
    run = session.confirm(librarian)
    assert [d.barcode for d in run.done] == ["RR-1", "RR-2"] and run.refused == ()
    assert lent_barcodes() == {"RR-1", "RR-2"}
    assert [i.barcode for i in session.basket] == ["RR-9"]  # the refused one stays, marked
    assert session.pending.barcode == "RR-9" and session.next_step() == desk.REFUSED
    assert "NOT_FOR_LOAN" in session.pending.decision.codes
    session.remove("RR-9")
    assert session.basket == [] and session.pending is None
    assert session.next_step() == desk.NOTHING


def test_a_copy_scanned_twice_is_one_row_decided_again(shelf):
    session = DeskSession()
    session.scan("W-1")
    session.scan("RR-1")
    session.scan("RR-2")
    session.scan("RR-1")
    assert [i.barcode for i in session.basket] == ["RR-1", "RR-2"]
    assert session.current == "RR-1"


def test_a_refused_row_is_overridden_on_its_own(shelf, librarian, supervisor):
    session = DeskSession()
    session.scan("K-1")  # a cadre: every lend needs a supervisor's approval
    session.scan("RR-1")
    session.scan("RR-2")
    assert session.next_step() == desk.REFUSED and session.confirm(librarian) == desk.Run()
    session.select("RR-1")
    done = session.override(supervisor, "A seminar")
    assert done.barcode == "RR-1" and done.decision.overridden
    assert lent_barcodes() == {"RR-1"}
    assert [i.barcode for i in session.basket] == ["RR-2"] and session.current == "RR-2"


def test_another_member_card_asks_first_and_then_starts_a_new_basket(shelf):
    session = DeskSession()
    session.scan("W-1")
    assert not session.asks_first(desk.look(LEND, session.member_no, "W-2"))  # empty basket
    session.scan("RR-1")
    assert not session.asks_first(desk.look(LEND, session.member_no, "W-1"))  # the same card
    other = desk.look(LEND, session.member_no, "W-2")
    assert session.asks_first(other)
    session.seen(other)  # the desk asked; the librarian discarded
    assert session.member_no == "W-2" and session.basket == []


def test_a_lend_refused_when_tried_stays_in_the_basket_with_that_refusal(shelf, librarian):
    session = DeskSession()
    session.scan("W-1")
    session.scan("RR-1")
    session.scan("RR-2")
    circulation.lend(librarian, "RR-1", "W-2")  # another desk was quicker
    run = session.confirm(librarian)
    assert [d.barcode for d in run.done] == ["RR-2"] and run.refused == ("RR-1",)
    assert [i.barcode for i in session.basket] == ["RR-1"]
    assert "ON_LOAN" in session.basket[0].decision.codes


def test_an_on_loan_refusal_offers_a_hold_for_that_borrower(shelf, librarian):
    circulation.lend(librarian, "RR-1", "W-2")
    session = DeskSession()
    session.scan("W-1")
    session.scan("RR-1")
    item = session.current_item
    assert item.refused and item.may_hold
    held = desk.place_hold(librarian, item)
    assert held == desk.HoldAtDesk("W-1", "RR-1", "Points and Lines", 1, 1, None)
    hold = Hold.get()
    assert hold.borrower.member_no == "W-1" and hold.work_id == Loan.get().copy.work_id
    with pytest.raises(BadInput, match="already on the waiting list"):
        desk.place_hold(librarian, item)
    session.scan("RR-1")
    assert not session.current_item.may_hold  # waiting now: no second hold is offered
    session.scan("RR-9")
    assert not session.current_item.may_hold  # refused, but not because it is on loan


def test_a_hold_for_a_volume_the_borrower_has_is_refused(shelf, librarian):
    circulation.lend(librarian, "RR-1", "W-1")
    session = DeskSession()
    session.scan("W-1")
    session.scan("RR-1")
    assert not session.current_item.may_hold  # they have it: no hold is offered
    with pytest.raises(Refused) as refused:
        desk.place_hold(librarian, session.current_item)
    assert refused.value.decision.codes == ["ALREADY_ON_LOAN"]


def test_returns_take_back_every_copy_each_with_its_grade(shelf, librarian):
    circulation.lend(librarian, "RR-1", "W-1")
    circulation.lend(librarian, "RR-2", "W-2")
    session = DeskSession(RETURN)
    session.scan("RR-1")
    session.scan("RR-2")
    session.scan("RR-3")  # not on loan: shown, joins no basket
    assert [i.barcode for i in session.basket] == ["RR-1", "RR-2"]
    assert [i.condition for i in session.basket] == ["good", "good"]
    assert session.basket[1].borrower_name == "Member W-2"
    session.set_condition("RR-1", "worn")
    with pytest.raises(BadInput):
        session.set_condition("RR-2", "shredded")
    session.scan("RR-1")  # scanned again: the grade chosen stays
    assert session.item("RR-1").condition == "worn"
    run = session.confirm(librarian)
    assert [(d.barcode, d.condition) for d in run.done] == [("RR-1", "worn"), ("RR-2", "good")]
    assert lent_barcodes() == set() and session.basket == []


def test_renewals_use_the_same_basket(shelf, librarian, supervisor):
    day = clock.today() - timedelta(days=5)  # renewing on the day of the lend is TOO_SOON
    circulation.lend(supervisor, "RR-1", "W-1", on=day, backdate_reason="paper register")
    circulation.lend(librarian, "RR-2", "W-1")  # today: too soon to renew
    session = DeskSession(RENEW)
    session.scan("RR-1")
    session.scan("RR-2")
    assert [i.refused for i in session.basket] == [False, True]
    run = session.confirm(librarian)
    assert [d.barcode for d in run.done] == ["RR-1"] and run.done[0].action == RENEW
    assert [i.barcode for i in session.basket] == ["RR-2"]
    assert "TOO_SOON" in session.basket[0].decision.codes


def test_a_new_mode_or_person_empties_the_basket(shelf):
    session = DeskSession()
    session.scan("W-1")
    session.scan("RR-1")
    session.set_mode(RENEW)
    assert session.basket == [] and session.member_no == "W-1"
    session.set_mode(LEND)
    session.scan("RR-1")
    session.clear()
    assert session.basket == [] and session.member_no is None and session.pending is None
