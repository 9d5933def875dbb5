"""The desk's state machine without a window: scan, pending action, confirm, override."""

from __future__ import annotations

from datetime import timedelta

import pytest

from readingroom import circulation, clock, desk, holds
from readingroom.desk import LEND, RENEW, RETURN, DeskSession
from readingroom.errors import BadInput, NotFound, NotPermitted
from readingroom.store.models import Loan

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases


@pytest.fixture
def shelf(make_copy, make_borrower):
    make_copy("RR-1")
    make_copy("RR-2", title="Tokyo Express")
    make_borrower("W-1")
    make_borrower("W-2")
    make_borrower("C-1", role="civilian")
    make_borrower("K-1", role="cadre")


def test_a_member_then_a_copy_makes_a_lend_pending_and_enter_lends_it(shelf, librarian):
    session = DeskSession()
    seen = session.scan("W-1")
    assert seen.outcome == desk.BORROWER_SHOWN and seen.borrower["member_no"] == "W-1"
    assert session.member_no == "W-1" and session.pending is None
    assert session.next_step() == desk.NOTHING and session.confirm(librarian) == desk.Run()
    seen = session.scan("RR-1")
    assert seen.outcome == desk.DECIDED and seen.copy["barcode"] == "RR-1"
    assert session.pending == desk.Pending(LEND, "RR-1", "W-1", seen.pending.decision)
    assert session.next_step() == desk.ACT and not Loan.select().exists()
    (done,) = session.confirm(librarian).done
    assert done.action == LEND and done.due == seen.pending.decision.due
    assert done.borrower["loans"][0]["barcode"] == "RR-1" and done.copy["status"] == "on-loan"
    assert session.pending is None and session.member_no == "W-1"
    assert Loan.select().count() == 1


def test_a_copy_before_any_member_asks_for_the_member_first(shelf):
    session = DeskSession()
    seen = session.scan("RR-1")
    assert seen.outcome == desk.NEED_MEMBER and seen.copy["barcode"] == "RR-1"
    assert session.pending is None and session.member_no is None


def test_a_refusal_stands_until_a_supervisor_overrides_it(shelf, librarian, supervisor):
    session = DeskSession()
    session.scan("K-1")
    session.scan("RR-1")
    assert session.next_step() == desk.REFUSED and session.may_override()
    assert session.confirm(librarian) == desk.Run() and not Loan.select().exists()
    done = session.override(supervisor, "A seminar")
    assert done.decision.overridden and done.approver == supervisor.display_name
    assert done.reason == "A seminar" and session.pending is None
    assert Loan.get().override_by.username == "boss"


def test_a_civilian_cannot_be_overridden(shelf, supervisor):
    session = DeskSession()
    session.scan("C-1")
    session.scan("RR-1")
    assert session.next_step() == desk.REFUSED and not session.may_override()
    assert session.override(supervisor, "no") is None and not Loan.select().exists()


def test_a_refusal_met_when_acting_replaces_the_pending_decision(shelf, librarian):
    session = DeskSession()
    session.scan("W-1")
    session.scan("RR-1")
    circulation.lend(librarian, "RR-1", "W-2")  # another desk was quicker
    assert session.confirm(librarian) == desk.Run(refused=("RR-1",))  # marked, kept
    assert session.next_step() == desk.REFUSED and session.basket[0].barcode == "RR-1"
    assert "ON_LOAN" in session.pending.decision.codes


def test_a_return_shows_the_loan_and_records_the_grade(shelf, librarian):
    circulation.lend(librarian, "RR-1", "W-1")
    holds.place_hold(librarian, "RR-1", "W-2")
    session = DeskSession()
    session.set_mode(RETURN)
    seen = session.scan("RR-1")
    assert seen.outcome == desk.TAKING_BACK and seen.loan.member_no == "W-1"
    assert seen.loan.condition == "good" and session.member_no == "W-1"
    session.set_condition("RR-1", "worn")
    (done,) = session.confirm(librarian).done
    assert done.action == RETURN and done.condition == "worn" and done.days_late <= 0
    assert done.set_aside == desk.SetAside(done.set_aside.name, "W-2")
    assert session.pending is None
    assert session.scan("RR-2").outcome == desk.NOT_ON_LOAN and session.pending is None


def test_a_renewal_is_previewed_then_done(shelf, librarian, supervisor):
    day = clock.today() - timedelta(days=5)  # renewing on the day of the lend is TOO_SOON
    circulation.lend(supervisor, "RR-1", "W-1", on=day, backdate_reason="paper register")
    session = DeskSession(RENEW)
    seen = session.scan("RR-1")
    assert seen.outcome == desk.DECIDED and session.member_no == "W-1"
    assert session.pending.action == RENEW and session.next_step() == desk.ACT
    (done,) = session.confirm(librarian).done
    assert done.action == RENEW and done.due == seen.pending.decision.due


def test_refresh_redecides_and_a_failed_refresh_drops_the_pending_action(shelf, librarian):
    session = DeskSession()
    session.scan("W-1")
    session.scan("RR-1")
    circulation.lend(librarian, "RR-1", "W-2")
    session.refresh()
    assert session.next_step() == desk.REFUSED
    session.set_mode(RENEW)
    circulation.lend(librarian, "RR-2", "W-1")
    session.scan("RR-2")
    circulation.return_copy(librarian, "RR-2")
    assert session.refresh().gone == {"RR-2": "RR-2 is not on loan."}
    assert session.pending is None and session.basket == []  # dropped, and the desk says why


def test_modes_clear_and_bad_scans(shelf, inspector):
    session = DeskSession()
    with pytest.raises(BadInput):
        session.scan("  ")
    with pytest.raises(NotFound):
        session.scan("nobody")
    session.scan("W-1")
    session.scan("RR-1")
    with pytest.raises(NotPermitted):
        session.confirm(inspector)  # an inspector sees the decision but may not lend
    assert session.pending is not None
    session.set_mode(RETURN)
    assert session.pending is None and session.member_no == "W-1"
    session.clear()
    assert session.member_no is None and session.mode == RETURN
    with pytest.raises(BadInput):
        session.set_mode("steal")
