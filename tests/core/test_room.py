"""The reading room: issue, return, status, closing (refused, or forced with two people),
the policy read for the room, IN_READING_ROOM at a lend, readiness, stocktake, reminders,
the second person for lost and withdrawn, and the custody ledger behind all of it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from readingroom import catalogue, circulation, clock, confirm, inspection, room, trail
from readingroom.errors import BadInput, NotPermitted, Refused
from readingroom.store.models import AuditEntry
from tests.core.cli_support import INTEGRITY_ERRORS, PASSWORD, InProcess, outside_connection

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases


@pytest.fixture
def hall(db, supervisor, librarian, make_copy, make_borrower):
    make_copy("R1", "Points and Lines")
    make_copy("R2", "Proof of the Man", author="Seiichi Morimura", access="reading-room")
    make_copy("R3", "The Crab Cannery Ship", author="Takiji Kobayashi")
    make_copy("S1", "Union Minutes", author="The Branch", access="staff-only")
    make_borrower("W1", name="Kim Writer")
    make_borrower("W2", name="Ri Writer")
    make_borrower("K1", "cadre", name="Pak Cadre")
    make_borrower("V1", "civilian", name="Choe Civilian")
    return supervisor


def codes(run) -> list[str]:
    return [r["code"] for r in run.json()["reasons"]]


# -- the policy read for the room ----------------------------------------------------------


def test_a_writer_reads_a_lendable_and_a_reading_room_work_at_a_table(hall, librarian):
    first = room.issue(librarian, "R1", "W1")
    assert first.decision.allowed and first.item.seat == 1
    second = room.issue(librarian, "r2", "W1")  # the reader's own seat again
    assert second.item.seat == 1 and second.item.barcode == "R2"
    third = room.issue(librarian, "R3", "W2", seat=5)
    assert third.item.seat == 5
    out = room.in_room()
    assert [(i.barcode, i.member_no, i.seat) for i in out] == [
        ("R1", "W1", 1),
        ("R2", "W1", 1),
        ("R3", "W2", 5),
    ]
    entry = AuditEntry.get_by_id(first.audit_seq)
    assert entry.action == "room-issue" and '"seat":1' in entry.details


@pytest.mark.parametrize(
    ("barcode", "member", "code", "overridable"),
    [
        ("R1", "K1", "APPROVAL_REQUIRED", True),
        ("R1", "V1", "ROLE_NOT_PERMITTED", False),
        ("S1", "W1", "NOT_FOR_LOAN", False),
    ],
)
def test_the_policy_for_the_room(hall, librarian, barcode, member, code, overridable):
    decision = room.check(barcode, member)
    assert code in decision.codes
    assert decision.overridable is overridable
    with pytest.raises(Refused):
        room.issue(librarian, barcode, member)
    assert room.in_room() == []


def test_a_supervisor_overrides_approval_with_a_reason(hall, librarian, supervisor):
    with pytest.raises(NotPermitted):
        room.issue(librarian, "R1", "K1", override_reason="letter from the secretary")
    issued = room.issue(supervisor, "R1", "K1", override_reason="letter from the secretary")
    assert issued.decision.overridden and issued.decision.codes == ["APPROVAL_REQUIRED"]
    assert AuditEntry.get_by_id(issued.audit_seq).action == "room-issue-override"


def test_member_and_copy_refusals(hall, librarian, supervisor, make_borrower):
    from readingroom import borrowers

    borrowers.suspend_borrower(supervisor, "W2", "kept a volume")
    assert "BORROWER_SUSPENDED" in room.check("R1", "W2").codes
    make_borrower("W3", expires=clock.today() - timedelta(days=1))
    assert room.check("R1", "W3").codes == ["BORROWER_EXPIRED"]
    circulation.lend(librarian, "R3", "W1")
    assert room.check("R3", "W1").codes == ["ON_LOAN"]
    catalogue.mark_copy(librarian, "R1", "missing")
    assert room.check("R1", "W1").codes == ["NOT_AVAILABLE"]


def test_a_copy_in_the_room_is_never_lent_nor_issued_again(hall, librarian, supervisor):
    room.issue(librarian, "R1", "W1")
    decision = room.check("R1", "W2")
    assert decision.codes == ["IN_READING_ROOM"] and not decision.overridable
    with pytest.raises(Refused) as refused:
        circulation.lend(supervisor, "R1", "W2", override_reason="the reader asked")
    assert refused.value.decision.codes == ["IN_READING_ROOM"]
    assert "seat 1" in refused.value.decision.reasons[0].message
    with pytest.raises(BadInput, match="reading room"):
        catalogue.mark_copy(librarian, "R1", "missing")


def test_the_database_keeps_a_copy_in_one_place(hall, librarian, db):
    room.issue(librarian, "R1", "W1")
    circulation.lend(librarian, "R3", "W2")
    conn = outside_connection(db)
    with pytest.raises(INTEGRITY_ERRORS, match="IN_READING_ROOM"):
        conn.execute(
            "INSERT INTO loan (copy_id, borrower_id, lent_on, lent_at, due) "
            "SELECT c.id, b.id, '2026-01-01', '2026-01-01', '2026-02-01' FROM copy c, "
            "borrower b WHERE c.barcode = 'R1' AND b.member_no = 'W2'"
        )
    with pytest.raises(INTEGRITY_ERRORS, match="ON_LOAN"):
        conn.execute(
            "INSERT INTO room_issue (copy_id, borrower_id, seat, issued_at, issued_by) "
            "SELECT c.id, b.id, 3, '2026-01-01', 'x' FROM copy c, borrower b "
            "WHERE c.barcode = 'R3' AND b.member_no = 'W1'"
        )
    with pytest.raises(INTEGRITY_ERRORS, match="ROLE_NOT_PERMITTED"):
        conn.execute(
            "INSERT INTO room_issue (copy_id, borrower_id, seat, issued_at, issued_by) "
            "SELECT c.id, b.id, 3, '2026-01-01', 'x' FROM copy c, borrower b "
            "WHERE c.barcode = 'R2' AND b.member_no = 'V1'"
        )
    conn.close()


def test_seats(hall, librarian, supervisor):
    assert room.seats() == 12
    with pytest.raises(BadInput, match="no seat 13"):
        room.issue(librarian, "R1", "W1", seat=13)
    room.issue(librarian, "R1", "W1", seat=2)
    with pytest.raises(BadInput, match="taken by W1"):
        room.issue(librarian, "R3", "W2", seat=2)
    with pytest.raises(NotPermitted):
        room.set_seats(librarian, 4)
    with pytest.raises(BadInput):
        room.set_seats(supervisor, 1)  # seat 2 is taken
    room.set_seats(supervisor, 2)
    assert room.seats() == 2
    room.issue(librarian, "R3", "W2")  # the last free seat
    assert [(i.barcode, i.seat) for i in room.in_room()] == [("R3", 1), ("R1", 2)]


# -- return and closing ----------------------------------------------------------------------


def test_return_from_the_room(hall, librarian):
    room.issue(librarian, "R1", "W1")
    back = room.return_from_room(librarian, "R1", condition="worn")
    assert back.copy_status == "available" and back.condition == "worn"
    assert catalogue.get_copy("R1").condition == "worn"
    with pytest.raises(BadInput, match="not in the reading room"):
        room.return_from_room(librarian, "R1")
    assert room.in_room() == []


def test_closing_is_refused_while_a_copy_is_out(hall, librarian):
    room.issue(librarian, "R1", "W1")
    room.issue(librarian, "R3", "W2")
    with pytest.raises(Refused) as refused:
        room.close(librarian)
    reason = refused.value.decision.reasons[0]
    assert reason.code == "ITEMS_IN_ROOM"
    assert "R1 (W1, seat 1)" in reason.message and "R3 (W2, seat 2)" in reason.message
    room.return_from_room(librarian, "R1")
    room.return_from_room(librarian, "R3")
    closed = room.close(librarian)
    assert not closed.forced and closed.not_returned == ()
    assert AuditEntry.get_by_id(closed.audit_seq).action == "room-close"


def test_a_forced_closing_needs_a_supervisor_a_reason_and_a_second_person(
    hall, librarian, supervisor
):
    room.issue(librarian, "R1", "W1")
    second = confirm.second_person(supervisor, "lib", PASSWORD)
    with pytest.raises(NotPermitted):
        room.close(librarian, force=True, reason="power cut", confirmed_by=second)
    with pytest.raises(BadInput):
        room.close(supervisor, force=True, reason=" ", confirmed_by=second)
    with pytest.raises(NotPermitted):
        room.close(supervisor, force=True, reason="power cut")
    with pytest.raises(NotPermitted):
        confirm.second_person(supervisor, "boss", PASSWORD)  # the same person twice
    with pytest.raises(NotPermitted):
        confirm.second_person(supervisor, "lib", "wrong password")
    assert room.in_room() != []
    closed = room.close(supervisor, force=True, reason="power cut", confirmed_by=second)
    assert [i.barcode for i in closed.not_returned] == ["R1"]
    assert catalogue.get_copy("R1").status == "missing"
    assert room.in_room() == []
    entries = trail.recent_entries(10, action="room-not-returned")
    assert entries and '"confirmed_by":"lib"' in entries[0].details
    # readiness and the reminders name it against its reader
    ready = inspection.readiness()
    item = next(i for i in ready.items if i.barcode == "R1")
    assert item.reason == inspection.NOT_RETURNED and item.borrower == "W1"
    from readingroom import reminders

    assert [u.barcode for u in reminders.not_returned_at_closing()] == ["R1"]
    catalogue.mark_copy(librarian, "R1", "available", "found under seat 1")
    assert reminders.not_returned_at_closing() == []
    assert trail.check_trail().ok, trail.check_trail().problem


def test_readiness_counts_a_copy_in_the_room_and_a_stocktake_waits(hall, librarian):
    from readingroom import stocktake

    room.issue(librarian, "R2", "W1")
    items = inspection.readiness().items
    assert [(i.reason, i.barcode, i.borrower) for i in items] == [(inspection.IN_ROOM, "R2", "W1")]
    with pytest.raises(Refused) as refused:
        stocktake.start(librarian)
    assert refused.value.decision.codes == ["ITEMS_IN_ROOM"]
    room.return_from_room(librarian, "R2")
    stocktake.start(librarian)


# -- two people for lost and withdrawn --------------------------------------------------------


def test_marking_lost_or_withdrawn_needs_a_second_person(hall, librarian, supervisor):
    with pytest.raises(NotPermitted):
        catalogue.mark_copy(librarian, "R1", "lost")
    with pytest.raises(NotPermitted):
        catalogue.edit_copy(librarian, "R1", status="lost")
    lib = confirm.second_person(supervisor, "lib", PASSWORD)
    boss = confirm.second_person(librarian, "boss", PASSWORD)
    with pytest.raises(NotPermitted):
        catalogue.mark_copy(librarian, "R1", "lost", confirmed_by=librarian)
    marked = catalogue.mark_copy(librarian, "R1", "lost", "not seen since May", boss)
    assert marked.status == "lost"
    catalogue.mark_copy(supervisor, "R3", "withdrawn", "burnt", lib)
    entry = trail.recent_entries(1)[0]
    assert entry.action == "copy-edit" and '"confirmed_by":"lib"' in entry.details
    assert entry.staff == "boss"
    moves = catalogue.copy_history("R3")
    assert (moves[-1].from_place, moves[-1].to_place, moves[-1].confirmed_by) == (
        "shelf",
        "withdrawn",
        "lib",
    )


def test_the_inspector_cannot_confirm(hall, librarian, inspector):
    with pytest.raises(NotPermitted, match="may not confirm"):
        confirm.second_person(librarian, "insp", PASSWORD)


# -- the custody ledger ---------------------------------------------------------------------


def test_every_move_is_in_the_ledger_with_its_audit_entry(hall, librarian):
    lent = circulation.lend(librarian, "R1", "W1")
    back = circulation.return_copy(librarian, "R1")
    issued = room.issue(librarian, "R1", "W2", seat=4)
    returned = room.return_from_room(librarian, "R1")
    moves = catalogue.copy_history("R1")
    assert [(m.from_place, m.to_place) for m in moves] == [
        ("shelf", "desk"),
        ("desk", "reader"),
        ("reader", "desk"),
        ("desk", "shelf"),
        ("shelf", "desk"),
        ("desk", "room"),
        ("room", "desk"),
        ("desk", "shelf"),
    ]
    seqs = [m.audit_seq for m in moves]
    assert (
        seqs
        == [lent.audit_seq] * 2
        + [back.audit_seq] * 2
        + [issued.audit_seq] * 2
        + [returned.audit_seq] * 2
    )
    assert moves[5].seat == 4 and moves[5].member_no == "W2" and moves[0].staff == "lib"
    for move in moves:  # each names the entry of its change
        assert '"barcode":"R1"' in AuditEntry.get_by_id(move.audit_seq).details
    assert trail.check_trail().ok, trail.check_trail().problem


# -- the command line -----------------------------------------------------------------------


def test_the_room_commands(hall, db, capsys, monkeypatch):
    cli = InProcess(db, capsys, monkeypatch)
    run = cli("room", "issue", "R1", "W1", "--seat", "3", user="lib")
    assert run.code == 0, run
    assert "seat 3" in run.out
    refused = cli("room", "issue", "R3", "V1", "--json", user="lib")
    assert refused.code == 3 and codes(refused) == ["ROLE_NOT_PERMITTED"]
    assert cli("room", "issue", "R3", "K1", user="lib").code == 3
    assert cli("room", "issue", "R3", "K1", "--override", "approved", user="lib").code == 5
    assert cli("room", "issue", "R3", "K1", "--override", "secretary's letter").code == 0
    lend = cli("lend", "R1", "W2", "--override", "asked", "--json")
    assert lend.code == 3 and codes(lend) == ["IN_READING_ROOM"]
    status = cli("room", "status", "--json").json()
    assert status["seats"] == 12
    assert [(i["barcode"], i["member_no"], i["seat"]) for i in status["items"]] == [
        ("R3", "K1", 1),
        ("R1", "W1", 3),
    ]
    assert set(status["items"][0]) >= {"title", "volume", "since", "minutes"}
    assert "Seat" in cli("room", "status").out
    closing = cli("room", "close", user="lib")
    assert closing.code == 3 and "ITEMS_IN_ROOM" in closing.err
    assert "R1" in closing.err and "R3" in closing.err
    assert cli("inspection", "start", user="lib").code == 3
    assert cli("room", "return", "R3", "--condition", "worn", user="lib").code == 0
    assert cli("room", "return", "R3", user="lib").code == 1
    # forced: supervisor, reason, a second person whose password is on stdin
    same = cli(
        "room",
        "close",
        "--force",
        "--reason",
        "fire drill",
        "--confirmed-by",
        "boss",
        stdin=PASSWORD + "\n",
    )
    assert same.code == 5, same
    wrong = cli(
        "room",
        "close",
        "--force",
        "--reason",
        "fire drill",
        "--confirmed-by",
        "lib",
        stdin="nope\n",
    )
    assert wrong.code == 5
    assert cli("room", "close", "--force", "--confirmed-by", "lib", stdin=PASSWORD).code == 1
    as_lib = cli(
        "room",
        "close",
        "--force",
        "--reason",
        "x",
        "--confirmed-by",
        "boss",
        user="lib",
        stdin=PASSWORD + "\n",
    )
    assert as_lib.code == 5
    forced = cli(
        "room",
        "close",
        "--force",
        "--reason",
        "fire drill",
        "--confirmed-by",
        "lib",
        "--json",
        stdin=PASSWORD + "\n",
    )
    assert forced.code == 0, forced
    data = forced.json()
    assert data["forced"] and data["confirmed_by"] == "lib"
    assert [i["barcode"] for i in data["not_returned"]] == ["R1"]
    ready = cli("inspection", "readiness", "--json").json()
    assert {"barcode": "R1", "reason": "not-returned-at-closing", "borrower": "W1"}.items() <= (
        next(i for i in ready["items"] if i["barcode"] == "R1").items()
    )
    shown = cli("borrower", "show", "W1", "--json").json()
    assert [u["barcode"] for u in shown["not_returned"]] == ["R1"]
    assert "NOT RETURNED" in cli("borrower", "show", "W1").out
    due = cli("reminders", "due", "--json").json()
    assert [u["barcode"] for u in due["not_returned"]] == ["R1"]
    assert "Not returned at the reading room's closing" in cli("reminders", "due").out
    history = cli("copy", "history", "R1", "--json").json()
    assert [(m["from"], m["to"]) for m in history["moves"]][-1] == ("room", "missing")
    assert history["moves"][-1]["confirmed_by"] == "lib"
    assert "room -> missing" in cli("copy", "history", "R1").out
    assert cli("audit", "verify").code == 0


def test_copy_mark_and_settings_on_the_command_line(hall, db, capsys, monkeypatch):
    cli = InProcess(db, capsys, monkeypatch)
    assert cli("copy", "mark", "R1", "lost", user="lib").code == 5
    assert (
        cli("copy", "mark", "R1", "lost", "--confirmed-by", "lib", user="lib", stdin=PASSWORD).code
        == 5
    )
    run = cli(
        "copy", "mark", "R1", "lost", "--confirmed-by", "boss", user="lib", stdin=PASSWORD + "\n"
    )
    assert run.code == 0, run
    assert cli("copy", "mark", "R3", "missing", user="lib").code == 0  # one person suffices
    assert cli("settings", "room-seats", "--json").json() == {"room_seats": 12}
    assert cli("settings", "room-seats", "20", user="lib").code == 5
    assert cli("settings", "room-seats", "0").code == 1
    assert cli("settings", "room-seats", "20").code == 0
    assert cli("room", "issue", "R2", "W1", "--seat", "20", user="lib").code == 0
    exceptions = cli("room", "issue", "R3", "V1", user="lib")
    assert exceptions.code in (1, 3)


def test_refused_room_use_is_kept_and_in_the_exceptions_register(hall, librarian, tmp_path):
    from readingroom import reports

    with pytest.raises(Refused):
        room.issue(librarian, "R2", "V1")
    supervisor = confirm.second_person(librarian, "boss", PASSWORD)
    room.issue(librarian, "R1", "W1")
    second = confirm.second_person(supervisor, "lib", PASSWORD)
    room.close(supervisor, force=True, reason="power cut", confirmed_by=second)
    kept = trail.recent_entries(5, action="lend-refused")
    assert kept and '"via":"room"' in kept[0].details
    out = tmp_path / "exceptions.csv"
    reports.export(librarian, "exceptions", "csv", out)
    text = out.read_text(encoding="utf-8")
    assert "reading-room use refused" in text and "ROLE_NOT_PERMITTED" in text
    assert "not returned at the reading room's closing (seat 1)" in text and "power cut" in text


def test_a_stocktake_records_the_copies_it_missed_and_found(hall, librarian, supervisor):
    from readingroom import stocktake

    catalogue.mark_copy(librarian, "R3", "missing", "not on its shelf")
    stocktake.start(librarian)
    for barcode in ("R2", "R3", "S1"):
        stocktake.scan(librarian, barcode)
    stocktake.close(supervisor, "Lee Min-jae")
    missed = catalogue.copy_history("R1")[-1]
    assert (missed.kind, missed.from_place, missed.to_place) == (
        "stocktake-missed",
        "shelf",
        "missing",
    )
    assert "copy-missing" == trail.recent_entries(None)[missed.audit_seq - 1].action
    found = catalogue.copy_history("R3")[-1]
    assert (found.kind, found.from_place, found.to_place) == ("stocktake-found", "missing", "shelf")
    assert trail.check_trail().ok, trail.check_trail().problem


def test_a_copy_at_a_table_is_not_set_aside_until_it_comes_back(hall, librarian):
    from readingroom import holds

    room.issue(librarian, "R1", "W1")
    placed = holds.place_hold(librarian, "R1", "W2")
    assert placed.set_aside is None and catalogue.get_copy("R1").status == "available"
    back = room.return_from_room(librarian, "R1")
    assert back.copy_status == "held" and back.set_aside_for == "W2"
    assert trail.check_trail().ok, trail.check_trail().problem


# -- what withholds a copy from a table (issue 14's restrictions and condition rows) --------


def test_a_restricted_work_never_goes_to_a_table_and_the_attempt_is_kept(hall, librarian):
    from readingroom import restrictions

    restrictions.restrict(hall, "R3", reason="under review", authority="Union secretariat")
    with pytest.raises(Refused) as refused:
        room.issue(hall, "R3", "W1", override_reason="the writer insists")
    assert refused.value.decision.codes == ["RESTRICTED"]
    assert not refused.value.decision.overridable
    assert room.in_room() == []
    tried = AuditEntry.select().where(AuditEntry.action == "lend-refused").get()
    assert '"via":"room"' in tried.details and "RESTRICTED" in tried.details


def test_a_ragged_copy_is_read_at_a_table_a_damaged_one_is_not(hall, librarian, supervisor):
    catalogue.edit_copy(supervisor, "R1", condition="ragged")  # the policy's row: room only
    assert room.check("R1", "W1").allowed
    with pytest.raises(Refused):
        circulation.lend(librarian, "R1", "W1")  # not carried home
    catalogue.edit_copy(supervisor, "R3", condition="damaged")  # no use at all
    decision = room.check("R3", "W1")
    assert not decision.allowed and "CONDITION_RESTRICTED" in decision.codes


# -- where a copy at a table shows ----------------------------------------------------------


def test_a_copy_at_a_table_shows_its_reader_and_seat_and_is_not_on_the_shelf(hall, librarian):
    from readingroom import writers_catalogue
    from readingroom.browse import works

    room.issue(librarian, "R2", "W1", seat=4)
    work_id = catalogue.get_copy("R2").work_id
    (line,) = works.work_detail(work_id).copies
    assert (line.member_no, line.borrower_name, line.seat, line.due) == (
        "W1",
        "Kim Writer",
        4,
        None,
    )
    (volume,) = writers_catalogue.get(work_id).volumes
    assert (volume.on_shelf, volume.in_circulation) == (0, 1)  # with a reader, not lendable
    room.return_from_room(librarian, "R2")
    (line,) = works.work_detail(work_id).copies
    assert line.seat is None and line.member_no is None
    assert writers_catalogue.get(work_id).volumes[0].on_shelf == 1
