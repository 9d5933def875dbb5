"""Waiting lists: first come first served per work and volume, set aside on return,
``HELD_FOR_OTHER`` for everyone else, and cancelling passes the copy on."""

from __future__ import annotations

import json

import pytest

from readingroom import audit, circulation, holds
from readingroom.errors import BadInput, NotFound, Refused
from readingroom.store.models import AuditEntry, Borrower, Copy, Hold

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases


def status(barcode: str) -> str:
    return Copy.get(Copy.barcode == barcode).status


def hold_of(member_no: str) -> Hold:
    return (
        Hold.select()
        .join(Borrower)
        .where(Borrower.member_no == member_no)
        .order_by(Hold.id.desc())
        .get()
    )


@pytest.fixture
def proof(make_copy, make_borrower, librarian):
    """Proof of the Man in three volumes (one copy each), volume 1 lent to W0, five writers."""
    for volume in (1, 2, 3):
        make_copy(
            f"P{volume}", "Proof of the Man", author="Seiichi Morimura", volume=volume, volumes=3
        )
    for n in range(5):
        make_borrower(f"W{n}")
    make_borrower("C1", "cadre")
    make_borrower("P9", "civilian")
    circulation.lend(librarian, "P1", "W0")


def test_holds_are_served_first_come_first_served(librarian, proof):
    for member_no in ("W3", "W1", "W2"):
        holds.place_hold(librarian, "P1", member_no)
    assert [holds.queue_position(hold_of(m)) for m in ("W3", "W1", "W2")] == [1, 2, 3]
    served = []
    for _ in range(3):
        circulation.return_copy(librarian, "P1")
        (ready,) = Hold.select().where(Hold.status == "ready")
        served.append(ready.borrower.member_no)
        circulation.lend(librarian, "P1", ready.borrower.member_no)
    assert served == ["W3", "W1", "W2"]


def test_a_returned_copy_is_set_aside_for_the_first_in_line(librarian, proof):
    holds.place_hold(librarian, "P1", "W1")
    holds.place_hold(librarian, "P1", "W2")
    assert hold_of("W1").status == "waiting"
    circulation.return_copy(librarian, "P1", condition="ragged")
    first = hold_of("W1")
    assert (first.status, first.copy.barcode, status("P1")) == ("ready", "P1", "held")
    assert holds.queue_position(first) == 0 and holds.queue_position(hold_of("W2")) == 1
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert entry.action == "hold-ready"
    details = json.loads(entry.details)
    assert details.pop("after").keys() == {"copy", "hold"}
    assert details == {"barcode": "P1", "member_no": "W1"}


def test_everyone_else_meets_held_for_other(supervisor, librarian, proof):
    holds.place_hold(librarian, "P1", "W1")
    circulation.return_copy(librarian, "P1")
    for member_no in ("W0", "W2", "C1"):
        codes = circulation.check("P1", member_no).codes
        assert "HELD_FOR_OTHER" in codes
        with pytest.raises(Refused):
            circulation.lend(librarian, "P1", member_no)
    assert circulation.check("P1", "W1").allowed
    loan = circulation.lend(librarian, "P1", "W1").loan
    assert loan.borrower.member_no == "W1" and hold_of("W1").status == "fulfilled"


def test_a_hold_on_a_copy_on_the_shelf_sets_it_aside_at_once(librarian, proof):
    hold = holds.place_hold(librarian, "P2", "W1").hold
    assert (hold.status, hold.copy.barcode, status("P2")) == ("ready", "P2", "held")
    assert status("P3") == "available"  # another volume is not touched


def test_holds_are_per_volume(librarian, proof):
    holds.place_hold(librarian, "P1", "W1")
    assert status("P2") == "available" and status("P3") == "available"
    assert circulation.check("P2", "W2").allowed


def test_cancel_passes_the_copy_to_the_next_in_line(librarian, proof):
    for member_no in ("W1", "W2", "W3"):
        holds.place_hold(librarian, "P1", member_no)
    circulation.return_copy(librarian, "P1")
    assert hold_of("W1").copy.barcode == "P1"
    holds.cancel_hold(librarian, "P1", "W1")
    assert hold_of("W1").status == "cancelled"
    assert hold_of("W2").status == "ready" and hold_of("W2").copy.barcode == "P1"
    assert status("P1") == "held"
    assert circulation.check("P1", "W1").codes == ["HELD_FOR_OTHER"]
    holds.cancel_hold(librarian, "P1", "W3")  # a waiting hold: the ready one is untouched
    assert hold_of("W2").status == "ready"
    holds.cancel_hold(librarian, "P1", "W2")
    assert status("P1") == "available"
    assert circulation.check("P1", "W4").allowed
    assert audit.verify().ok


def test_cancel_and_duplicates_are_bad_input(librarian, proof):
    with pytest.raises(NotFound):
        holds.cancel_hold(librarian, "P1", "W1")
    holds.place_hold(librarian, "P1", "W1")
    with pytest.raises(BadInput):
        holds.place_hold(librarian, "P1", "W1")
    with pytest.raises(NotFound):
        holds.place_hold(librarian, "NOPE", "W1")


def test_who_may_join_a_waiting_list(make_copy, make_borrower, librarian, proof):
    make_borrower("S1", status="suspended")
    make_copy("D1", "Dictionary of Synonyms", author="Editors", access="reading-room")
    entries = AuditEntry.select().count()
    with pytest.raises(Refused) as refused:
        holds.place_hold(librarian, "P1", "P9")
    assert refused.value.decision.codes == ["ROLE_NOT_PERMITTED"]
    with pytest.raises(Refused) as refused:
        holds.place_hold(librarian, "D1", "W1")
    assert refused.value.decision.codes == ["NOT_FOR_LOAN"]
    with pytest.raises(BadInput):
        holds.place_hold(librarian, "P1", "S1")
    assert AuditEntry.select().count() == entries and Hold.select().count() == 0
    hold = holds.place_hold(librarian, "P1", "C1").hold  # a cadre waits; lending needs approval
    assert hold.status == "waiting"


def test_the_set_aside_copy_goes_home_with_its_holder_only(supervisor, librarian, proof):
    holds.place_hold(librarian, "P1", "W1")
    circulation.return_copy(librarian, "P1")
    lent = circulation.lend(supervisor, "P1", "W2", override_reason="W1 is abroad")
    loan, result = lent.loan, lent.decision
    assert result.codes == ["HELD_FOR_OTHER"] and loan.override_by.username == "boss"
    assert (hold_of("W1").status, holds.queue_position(hold_of("W1"))) == ("waiting", 1)
    circulation.return_copy(librarian, "P1")
    assert hold_of("W1").status == "ready" and status("P1") == "held"
