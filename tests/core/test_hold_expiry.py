"""Set-aside holds expire: a copy set aside waits ``pickup_days`` (default 7); then the hold
expires, the copy passes to the next in line or goes back on the shelf, each expiry is an
audit entry with its after-images (``audit verify`` and ``doctor`` stay clean), and staff
place holds on a work's volume from the borrower and waiting-list pages."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

import pytest

from readingroom import audit, circulation, clock, holds, settings
from readingroom.errors import BadInput, NotPermitted, Refused
from readingroom.messages import Code
from readingroom.store.models import AuditEntry, Copy, Hold
from tests.core.cli_support import InProcess, audit_count

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases

PLACED = date.today()


def copy_status(barcode: str) -> str:
    return Copy.get(Copy.barcode == barcode).status


def hold_of(member_no: str) -> Hold:
    (hold,) = [h for h in Hold.select().order_by(Hold.id) if h.borrower.member_no == member_no]
    return hold


def entries(action: str) -> list[dict]:
    return [
        json.loads(entry.details)
        for entry in AuditEntry.select().where(AuditEntry.action == action).order_by(AuditEntry.id)
    ]


def days_later(monkeypatch: pytest.MonkeyPatch, days: int) -> date:
    day = PLACED + timedelta(days=days)
    monkeypatch.setattr(clock, "today", lambda: day)
    return day


@pytest.fixture
def shelf(make_copy, make_borrower, librarian):
    """One copy of a one-volume work on the shelf, set aside for W1; W2 waits behind."""
    make_copy("S1", "The Sand Castle")
    for member_no in ("W1", "W2", "W3"):
        make_borrower(member_no)
    placed = holds.place_hold(librarian, "S1", "W1")
    assert placed.set_aside is not None and placed.hold.ready_on == PLACED
    holds.place_hold(librarian, "S1", "W2")
    return placed.hold.work_id


def test_a_set_aside_copy_waits_its_pickup_days_then_passes_on(librarian, shelf, monkeypatch):
    days_later(monkeypatch, 7)  # the last day it waits
    assert holds.past_pickup() == []
    assert holds.expire_set_aside(librarian).expired == ()
    assert hold_of("W1").status == "ready"
    today = days_later(monkeypatch, 8)
    assert [h.borrower.member_no for h in holds.past_pickup()] == ["W1"]
    (gone,) = holds.expire_set_aside(librarian).expired
    assert (gone.member_no, gone.barcode, gone.passed_to) == ("W1", "S1", "W2")
    assert gone.pickup_by == PLACED + timedelta(days=7)
    first = hold_of("W1")
    assert first.status == "expired" and first.copy_id is None and first.closed_at is not None
    second = hold_of("W2")
    assert second.status == "ready" and second.ready_on == today
    assert second.copy.barcode == "S1" and copy_status("S1") == "held"
    (expiry,) = entries("hold-expire")
    after = expiry.pop("after")  # the rows the expiry wrote, for the replay
    assert '"expired"' in after["hold"][str(first.id)] and '"available"' in after["copy"]["1"]
    assert expiry == {
        "member_no": "W1",
        "barcode": "S1",
        "ready_on": PLACED.isoformat(),
        "pickup_by": (PLACED + timedelta(days=7)).isoformat(),
    }
    ready = entries("hold-ready")[-1]
    assert (ready["barcode"], ready["member_no"]) == ("S1", "W2")
    chain, differences, _ = audit.verify_and_compare()
    assert chain.ok and differences == []
    # the next in line has a week of their own from today
    days_later(monkeypatch, 15)
    assert not holds.expire_set_aside(librarian)
    days_later(monkeypatch, 16)
    (gone,) = holds.expire_set_aside(librarian).expired
    assert (gone.member_no, gone.passed_to) == ("W2", None)
    assert copy_status("S1") == "available" and hold_of("W2").status == "expired"
    assert audit.verify_and_compare()[1] == []


def test_an_expired_borrower_may_wait_again_and_is_last_in_line(librarian, shelf, monkeypatch):
    days_later(monkeypatch, 8)
    holds.expire_set_aside(librarian)
    again = holds.place_hold(librarian, "S1", "W1")
    assert again.hold.status == "waiting" and again.position == 1  # W2 has the copy


def test_nothing_to_expire_writes_nothing(librarian, shelf, db_path, monkeypatch):
    before = audit_count(db_path)
    assert holds.expire_set_aside(librarian).expired == ()
    assert audit_count(db_path) == before


def test_only_desk_staff_expire_holds(inspector, shelf, monkeypatch):
    days_later(monkeypatch, 30)
    with pytest.raises(NotPermitted):
        holds.expire_set_aside(inspector)
    assert hold_of("W1").status == "ready"


def test_the_pickup_days_are_a_supervisors_setting(supervisor, librarian, shelf, monkeypatch):
    assert settings.pickup_days() == 7
    with pytest.raises(NotPermitted):
        settings.set_pickup_days(librarian, 3)
    for wrong in (0, -1, 91):
        with pytest.raises(BadInput):
            settings.set_pickup_days(supervisor, wrong)
    changed = settings.set_pickup_days(supervisor, 3)
    assert (changed.old, changed.new) == ("7", "3") and settings.pickup_days() == 3
    change = entries("setting-change")[-1]
    assert (change["old"], change["new"]) == ("7", "3")
    days_later(monkeypatch, 4)
    assert [g.member_no for g in holds.expire_set_aside(librarian).expired] == ["W1"]


def test_a_staff_hold_is_audited_with_who_placed_it_and_where(librarian, shelf, make_borrower):
    holds.place_hold_on_work(librarian, shelf, 1, "W3", via=holds.VIA_BORROWER_PAGE)
    last = entries("hold-place")[-1]
    assert last["placed_by"] == "lib" and last["via"] == "borrower-page"
    assert last["member_no"] == "W3"
    with pytest.raises(BadInput, match="already on the waiting list"):
        holds.place_hold_on_work(librarian, shelf, 1, "W3", via=holds.VIA_WAITING_LIST)
    with pytest.raises(BadInput, match="no volume 2"):
        holds.place_hold_on_work(librarian, shelf, 2, "W3")


def test_a_staff_hold_on_a_volume_the_borrower_has_is_refused(librarian, shelf, monkeypatch):
    days_later(monkeypatch, 8)
    holds.expire_set_aside(librarian)  # S1 now set aside for W2
    circulation.lend(librarian, "S1", "W2")
    with pytest.raises(Refused) as refused:
        holds.place_hold_on_work(librarian, shelf, 1, "W2", via=holds.VIA_WAITING_LIST)
    assert [r.code for r in refused.value.decision.reasons] == [Code.ALREADY_ON_LOAN]


# -- the command line ----------------------------------------------------------------------


@pytest.fixture
def cli(db_path, shelf, capsys, monkeypatch) -> InProcess:
    return InProcess(db_path, capsys, monkeypatch)


def test_holds_expire_prints_what_expired_and_the_trail_stays_clean(cli, monkeypatch):
    nothing = cli("holds", "expire", user="lib")
    assert nothing.code == 0 and "nothing expired" in nothing.out, nothing
    days_later(monkeypatch, 8)
    done = cli("holds", "expire", user="lib")
    assert done.code == 0, done
    assert "1 hold expired:" in done.out
    assert "S1 The Sand Castle vol. 1: W1 did not collect it by" in done.out
    assert "now set aside for W2" in done.out
    days_later(monkeypatch, 16)
    shown = cli("holds", "expire", "--json", user="lib")
    assert shown.code == 0, shown
    (gone,) = shown.json()["expired"]
    assert gone["member_no"] == "W2" and gone["passed_to"] is None and gone["barcode"] == "S1"
    for check in (("audit", "verify"), ("doctor",)):
        result = cli(*check)
        assert result.code == 0, (check, result)


@pytest.mark.sqlite_only  # reads the SQLite file itself
def test_holds_expire_is_refused_to_an_inspector(cli, monkeypatch):
    days_later(monkeypatch, 8)
    refused = cli("holds", "expire", user="insp")
    assert refused.code == 5, refused
    with sqlite3.connect(cli.db) as conn:
        assert conn.execute("SELECT count(*) FROM hold WHERE status = 'expired'").fetchone() == (0,)
    conn.close()


def test_settings_pickup_days_shows_and_a_supervisor_changes_it(cli, monkeypatch):
    shown = cli("settings", "pickup-days", user="lib")
    assert shown.code == 0 and "waits 7 days" in shown.out, shown
    refused = cli("settings", "pickup-days", "3", user="lib")
    assert refused.code == 5 and "supervisor" in refused.err, refused
    wrong = cli("settings", "pickup-days", "0")
    assert wrong.code == 1 and "1 to 90 days" in wrong.err, wrong
    changed = cli("settings", "pickup-days", "3", "--json")
    assert changed.code == 0 and changed.json() == {"pickup_days": 3, "old": 7}, changed
    days_later(monkeypatch, 4)
    assert "W1 did not collect it by" in cli("holds", "expire", user="lib").out
