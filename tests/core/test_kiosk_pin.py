"""The writers' screen acts only for the writer in front of it (issue 9, item 6).

A member number alone no longer joins a waiting list: the member's PIN must come with it.
Every refusal reads the same sentence; the real reason is audited for staff, the PIN never.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from readingroom import borrowers, clock, kiosk
from readingroom import writers_catalogue as wc
from readingroom.errors import BadInput, NotPermitted
from readingroom.store.db import database
from readingroom.store.models import AuditEntry, Copy, Hold
from tests.core.cli_support import InProcess

PIN = "20261"


def snapshot(without_audit: bool = False) -> str:
    lines = database.connection().iterdump()
    if without_audit:
        lines = (line for line in lines if "audit_" not in line and "borrower_kiosk" not in line)
    return "\n".join(lines)


@pytest.fixture
def frozen_clock(monkeypatch):
    class Clock:
        now = datetime(2026, 3, 2, 9, 0, 0)

        def advance(self, **delta) -> None:
            self.now += timedelta(**delta)

    frozen = Clock()
    monkeypatch.setattr(clock, "now", lambda: frozen.now)
    return frozen


@pytest.fixture
def screen(supervisor, librarian, make_copy, make_borrower):
    """A work with a copy on the shelf; writers with PINs, and every kind of other member."""
    make_copy("PL-1")
    make_borrower("W-1")
    make_borrower("W-2")
    make_borrower("K-1", "cadre")
    make_borrower("P-1", "civilian")
    make_borrower("X-1", expires=clock.today() - timedelta(days=1))
    make_borrower("S-1")
    make_borrower("N-1")  # a writer with no PIN
    for member_no in ("W-1", "W-2", "K-1", "P-1", "X-1", "S-1"):
        kiosk.set_pin(librarian, member_no, PIN)
    borrowers.suspend_borrower(supervisor, "S-1", "books kept past the inspection")
    return wc.search("Points")[0].work_id


def join(librarian, work_id: int, member_no: str, pin: str = PIN) -> wc.PlaceInLine:
    return wc.join_waiting_list(librarian, work_id, 1, member_no, pin)


def refusal_reasons() -> list[str]:
    return [
        e.details
        for e in AuditEntry.select()
        .where(AuditEntry.action == "kiosk-refused")
        .order_by(AuditEntry.id)
    ]


def test_the_right_pin_joins_and_sets_the_shelf_copy_aside(librarian, screen):
    placed = join(librarian, screen, "W-1")
    assert placed.set_aside
    hold = Hold.get()
    assert hold.borrower.member_no == "W-1" and Copy.get().status == "held"


@pytest.mark.parametrize(
    "member_no, pin, reason",
    [
        ("W-1", "0000", "wrong PIN"),
        ("NOBODY", PIN, "unknown member"),
        ("K-1", PIN, "not a writer (cadre)"),
        ("P-1", PIN, "not a writer (civilian)"),
        ("X-1", PIN, "membership expired"),
        ("S-1", PIN, "membership suspended"),
        ("N-1", PIN, "no PIN"),
    ],
)
def test_every_refusal_reads_the_same_and_sets_nothing_aside(
    librarian, screen, member_no, pin, reason
):
    before = snapshot(without_audit=True)
    with pytest.raises(wc.NotPossibleHere) as refused:
        join(librarian, screen, member_no, pin)
    assert refused.value.message == kiosk.NOT_HERE == "Not possible here: ask at the desk."
    assert snapshot(without_audit=True) == before  # no hold, no copy set aside
    assert Copy.get().status == "available"
    assert reason in refusal_reasons()[-1]
    assert PIN not in refusal_reasons()[-1]


def test_five_wrong_pins_lock_the_member_for_fifteen_minutes(librarian, screen, frozen_clock):
    for _ in range(kiosk.LOCK_AFTER):
        with pytest.raises(wc.NotPossibleHere):
            join(librarian, screen, "W-1", "9999")
    assert "locked_until" in refusal_reasons()[-1]
    with pytest.raises(wc.NotPossibleHere):  # even the right PIN, meanwhile
        join(librarian, screen, "W-1")
    assert "kiosk locked" in refusal_reasons()[-1]
    join(librarian, screen, "W-2")  # other members are not locked out
    frozen_clock.advance(minutes=14, seconds=59)
    with pytest.raises(wc.NotPossibleHere):
        join(librarian, screen, "W-1")
    frozen_clock.advance(seconds=2)
    assert join(librarian, screen, "W-1").position == 1


def test_a_right_pin_clears_the_wrong_tries(librarian, screen):
    for _ in range(kiosk.LOCK_AFTER - 1):
        with pytest.raises(wc.NotPossibleHere):
            join(librarian, screen, "W-1", "9999")
    join(librarian, screen, "W-1")
    assert kiosk.BorrowerKiosk.get().failures == 0


def test_a_new_pin_lifts_the_lock(librarian, screen):
    for _ in range(kiosk.LOCK_AFTER):
        with pytest.raises(wc.NotPossibleHere):
            join(librarian, screen, "W-1", "9999")
    kiosk.set_pin(librarian, "W-1", "13579")
    join(librarian, screen, "W-1", "13579")


# -- staff set and clear PINs ---------------------------------------------------------------


def test_the_pin_is_stored_hashed_and_never_audited(librarian, screen):
    kiosk.set_pin(librarian, "W-1", "8642")
    writer = borrowers.get_borrower("W-1")
    stored = kiosk.BorrowerKiosk.get(kiosk.BorrowerKiosk.borrower == writer.id).pin_hash
    assert stored.startswith("$argon2id$") and "8642" not in stored.split("$")[:4]
    entry = (
        AuditEntry.select()
        .where(AuditEntry.action == "kiosk-pin-set")
        .order_by(AuditEntry.id.desc())
        .get()
    )
    assert (entry.entity_id, entry.staff, entry.details) == ("W-1", "lib", "{}")


@pytest.mark.parametrize("bad", ["123", "123456789", "12a4", "", " 1234", "١٢٣٤"])
def test_a_pin_is_four_to_eight_digits(librarian, screen, bad):
    before = snapshot()
    with pytest.raises(BadInput, match="4 to 8 digits"):
        kiosk.set_pin(librarian, "W-1", bad)
    assert snapshot() == before


def test_clearing_a_pin_shuts_the_screen_to_that_member(librarian, screen):
    kiosk.clear_pin(librarian, "W-1")
    assert not kiosk.has_pin("W-1")
    with pytest.raises(wc.NotPossibleHere):
        join(librarian, screen, "W-1")
    with pytest.raises(BadInput):
        kiosk.clear_pin(librarian, "W-1")


def test_the_inspector_sets_no_pin(inspector, screen):
    before = snapshot()
    with pytest.raises(NotPermitted):
        kiosk.set_pin(inspector, "W-1", "1234")
    assert snapshot() == before


def test_borrower_pin_on_the_command_line(db, librarian, inspector, screen, capsys, monkeypatch):
    cli = InProcess(db, capsys, monkeypatch)
    done = cli("borrower", "pin", "W-2", user="lib", stdin="55555\n")
    assert done.code == 0, done
    assert "55555" not in done.out + done.err
    join(librarian, screen, "W-2", "55555")
    assert cli("borrower", "pin", "W-2", "--json", user="lib", stdin="12\n").code == 1
    assert cli("borrower", "pin", "W-404", user="lib", stdin="5555\n").code == 1
    assert cli("borrower", "pin", "W-2", user="insp", stdin="5555\n").code == 5
    cleared = cli("borrower", "pin", "W-2", "--clear", "--json", user="lib")
    assert cleared.code == 0 and cleared.json() == {"member_no": "W-2", "pin": False}
    assert not kiosk.has_pin("W-2")
