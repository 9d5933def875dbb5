"""The writers' catalogue: never staff-only works, never a name, a queue place on joining."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from readingroom import audit, circulation, clock, kiosk, policy, staff
from readingroom import writers_catalogue as wc
from readingroom.errors import NotFound, NotPermitted
from readingroom.store.models import AuditEntry, Work

PIN = "4711"


@pytest.fixture
def shelf(supervisor, make_copy, make_borrower):
    make_copy("PM-1a", "Proof of the Man", volume=1, volumes=2)
    make_copy("PM-1b", "Proof of the Man", volume=1, volumes=2)
    make_copy("PM-2a", "Proof of the Man", volume=2, volumes=2)
    make_copy("REF-1", "Dictionary of Rhyme", access="reading-room")
    make_copy("SO-1", "Register of Restricted Literature", access="staff-only")
    make_borrower("W-1", name="Secret Writer Name")
    make_borrower("W-2", name="Another Writer")
    make_borrower("P-1", "civilian")
    for member_no in ("W-1", "W-2", "P-1"):
        kiosk.set_pin(supervisor, member_no, PIN)


def titles(works: list[wc.WriterWork]) -> list[str]:
    return [w.title for w in works]


def test_staff_only_works_are_never_listed_or_found(shelf):
    assert "Register of Restricted Literature" not in titles(wc.search(""))
    assert wc.search("Register") == []
    hidden = Work.get(Work.access == "staff-only").id
    assert wc.describe([hidden]) == []
    with pytest.raises(NotFound):
        wc.get(hidden)


def test_a_class_the_policy_closes_to_writers_disappears(shelf, supervisor):
    assert "Dictionary of Rhyme" in titles(wc.search(""))
    policy.set_rule(supervisor, "writer", "reading-room", "never")
    assert "Dictionary of Rhyme" not in titles(wc.search(""))
    assert "Proof of the Man" in titles(wc.search(""))


def test_availability_due_dates_and_waiting_list_per_volume(
    shelf, librarian, supervisor, make_borrower
):
    circulation.lend(librarian, "PM-1a", "W-1")
    circulation.lend(
        staff.get_staff("boss"),
        "PM-1b",
        "W-2",
        on=clock.today() - timedelta(days=5),
        backdate_reason="entered late",
    )
    work = wc.search("Proof")[0]
    first, second = work.volumes
    assert (first.on_shelf, first.in_circulation) == (0, 2)
    assert first.next_due == clock.today() + timedelta(days=21 - 5)
    assert (second.on_shelf, second.in_circulation, second.next_due) == (1, 1, None)
    make_borrower("W-3")  # W-1 and W-2 have volume 1 at home: they may not wait for it
    kiosk.set_pin(supervisor, "W-3", PIN)
    placed = wc.join_waiting_list(librarian, work.work_id, 1, "W-3", PIN)
    assert (placed.position, placed.set_aside) == (1, False)
    assert wc.get(work.work_id).volumes[0].waiting == 1
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).first().details.count(wc.VIA)


def test_nothing_returned_names_a_borrower(shelf, librarian):
    circulation.lend(librarian, "PM-1a", "W-1")
    for work in wc.search(""):
        text = repr(dataclasses.asdict(work))
        assert "Secret Writer Name" not in text and "W-1" not in text


def test_joining_a_volume_on_the_shelf_sets_a_copy_aside(shelf, librarian):
    work = wc.search("Proof")[0]
    placed = wc.join_waiting_list(librarian, work.work_id, 2, "W-1", PIN)
    assert placed.set_aside and placed.position == 0
    assert wc.get(work.work_id).volumes[1].on_shelf == 0
    assert audit.verify().ok


def test_joining_is_refused_for_civilians_and_reading_room_works(shelf, librarian):
    proof, rhyme = wc.search("Proof")[0], wc.search("Rhyme")[0]
    with pytest.raises(wc.NotPossibleHere) as civilian:
        wc.join_waiting_list(librarian, proof.work_id, 1, "P-1", PIN)
    with pytest.raises(wc.NotPossibleHere) as reading_room:
        wc.join_waiting_list(librarian, rhyme.work_id, 1, "W-1", PIN)
    assert civilian.value.message == reading_room.value.message == kiosk.NOT_HERE
    reasons = [
        e.details
        for e in AuditEntry.select()
        .where(AuditEntry.action == "kiosk-refused")
        .order_by(AuditEntry.id)
    ]
    assert "not a writer (civilian)" in reasons[0] and "reading-room" in reasons[1]


def test_the_inspector_cannot_place_a_hold_through_it(shelf, inspector):
    with pytest.raises(NotPermitted):
        wc.join_waiting_list(inspector, wc.search("Proof")[0].work_id, 1, "W-1", PIN)
