"""The reading room: issue, return, status, closing (refused, or forced with two people),
the policy read for the room, IN_READING_ROOM at a lend, readiness, stocktake, reminders,
the second person for lost and withdrawn, and the custody ledger behind all of it."""

from __future__ import annotations

from datetime import datetime, time, timedelta

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


def test_each_rule_of_the_policy_read_for_the_room(hall, librarian, supervisor):
    """The rule's meaning for the room, cell by cell: ``loan`` and ``reading-room`` seat the
    reader, ``approval`` needs a supervisor, ``never`` refuses a role that is not civilian
    too (ROLE_NOT_PERMITTED, never overridable)."""
    from readingroom import policy

    for rule, codes in (
        ("loan", []),
        ("reading-room", []),
        ("approval", ["APPROVAL_REQUIRED"]),
        ("never", ["ROLE_NOT_PERMITTED"]),
    ):
        policy.set_rule(supervisor, "writer", "lendable", rule)
        decision = room.check("R1", "W1")
        assert decision.codes == codes, rule
        assert decision.overridable is (rule == "approval"), rule
    with pytest.raises(Refused) as refused:
        room.issue(supervisor, "R1", "W1", override_reason="the secretary's letter")
    assert refused.value.decision.codes == ["ROLE_NOT_PERMITTED"] and room.in_room() == []


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


def test_the_catalogue_list_does_not_count_a_copy_at_a_table_on_the_shelf(hall, librarian):
    from readingroom.browse import works
    from readingroom.holds import place_hold

    work_id = catalogue.get_copy("R1").work_id
    assert works.work_rows([work_id])[work_id].available == 1
    room.issue(librarian, "R1", "W1", seat=2)
    row = works.work_rows([work_id])[work_id]
    assert (row.copies, row.available, row.held, row.in_room) == (1, 0, 0, 1)
    room.return_from_room(librarian, "R1")
    place_hold(librarian, "R1", "W2")  # on the shelf: set aside for W2 at once
    room.issue(librarian, "R1", "W2")  # W2 reads the copy set aside for them at a table
    row = works.work_rows([work_id])[work_id]
    assert (row.available, row.held, row.in_room) == (0, 0, 1)
    room.return_from_room(librarian, "R1")
    row = works.work_rows([work_id])[work_id]
    assert (row.available + row.held, row.in_room) == (1, 0)


# -- a visit recorded earlier today, the day's visits and the demo's morning -----------------


def _at_three(monkeypatch) -> datetime:
    """The clock at three in the afternoon of today (the room's morning is over)."""
    now = datetime.combine(clock.today(), time(15, 0))
    monkeypatch.setattr(clock, "now", lambda: now)
    return now


def test_a_visit_recorded_earlier_today_is_a_supervisors_act(
    hall, librarian, supervisor, monkeypatch
):
    now = _at_three(monkeypatch)
    nine, eleven = now.replace(hour=9), now.replace(hour=11)
    register = "from the room's paper register"
    with pytest.raises(NotPermitted, match="supervisor"):
        room.issue(librarian, "R1", "W1", at=nine, backdate_reason=register)
    with pytest.raises(BadInput, match="needs a reason"):
        room.issue(supervisor, "R1", "W1", at=nine, backdate_reason=" ")
    with pytest.raises(BadInput, match="time to come"):
        room.issue(supervisor, "R1", "W1", at=now.replace(hour=16), backdate_reason=register)
    with pytest.raises(BadInput, match="own day"):
        room.issue(supervisor, "R1", "W1", at=nine - timedelta(days=1), backdate_reason=register)
    assert room.in_room() == [] and catalogue.copy_history("R1") == []
    issued = room.issue(supervisor, "R1", "W1", seat=2, at=nine, backdate_reason=register)
    assert issued.item.since == nine and issued.item.minutes == 6 * 60
    entry = AuditEntry.get_by_id(issued.audit_seq)
    assert '"backdated_to":"' + nine.isoformat() in entry.details and register in entry.details
    with pytest.raises(BadInput, match="cannot have come back"):
        room.return_from_room(supervisor, "R1", at=nine.replace(hour=8), backdate_reason=register)
    room.return_from_room(supervisor, "R1", at=eleven, backdate_reason=register)
    assert [m.at for m in catalogue.copy_history("R1")] == [nine] * 2 + [eleven] * 2
    with pytest.raises(BadInput, match="would come before it"):  # the copy was at seat 2
        room.issue(supervisor, "R1", "W2", at=now.replace(hour=10), backdate_reason=register)
    with pytest.raises(BadInput, match="Seat 2 was W1's"):
        room.issue(supervisor, "R3", "W2", seat=2, at=nine, backdate_reason=register)
    room.issue(supervisor, "R3", "W2", seat=2, at=now.replace(hour=12), backdate_reason=register)
    room.return_from_room(librarian, "R3", condition="worn")  # now, at the desk
    visits = room.visits_on()
    assert [(v.barcode, v.member_no, v.seat, v.since, v.until) for v in visits] == [
        ("R1", "W1", 2, nine, eleven),
        ("R3", "W2", 2, now.replace(hour=12), now),
    ]
    assert visits[1].condition == "worn" and visits[0].minutes == 120
    assert room.visits_on(clock.today() - timedelta(days=1)) == []
    assert trail.check_trail().ok, trail.check_trail().problem


def test_the_day_visits_in_room_status(hall, db, librarian, capsys, monkeypatch):
    room.issue(librarian, "R1", "W1", seat=3)
    room.return_from_room(librarian, "R1", condition="good")
    room.issue(librarian, "R3", "W2", seat=5)
    cli = InProcess(db, capsys, monkeypatch)
    status = cli("room", "status", "--json").json()
    assert [i["barcode"] for i in status["items"]] == ["R3"]
    (visit,) = status["visits_today"]
    assert (visit["barcode"], visit["member_no"], visit["seat"], visit["condition"]) == (
        "R1",
        "W1",
        3,
        "good",
    )
    assert {"since", "until", "minutes", "outcome"} <= set(visit)
    text = cli("room", "status").out
    assert "Earlier today" in text and "returned (good)" in text


def test_the_demo_has_a_morning_in_the_room_that_is_over(db, supervisor, monkeypatch):
    from readingroom import demo, stocktake

    _at_three(monkeypatch)
    demo.load_demo(supervisor)
    assert room.in_room() == []
    visits = room.visits_on()
    assert {(v.barcode, v.member_no, v.seat) for v in visits} == set(demo.ROOM_MORNING)
    assert len({v.until for v in visits}) == 3  # the readers left at their own times
    for visit in visits:
        assert visit.outcome == "returned" and visit.condition is None
        assert visit.since < visit.until <= clock.now()
        kinds = [m.kind for m in catalogue.copy_history(visit.barcode)[-4:]]
        assert kinds == ["room-issue"] * 2 + ["room-return"] * 2
    assert trail.check_trail().ok
    assert stocktake.start(supervisor).stocktake.id  # the room is empty: the stocktake opens


def test_the_demo_morning_fits_in_the_part_of_the_day_gone():
    from readingroom import demo

    for now in (datetime(2026, 3, 2, 0, 0, 20), datetime(2026, 3, 2, 7, 45)):
        times = demo.room_visit_times(now)
        assert all(now.replace(hour=0, minute=0, second=0) <= a <= b <= now for a, b in times)
        assert [a for a, _ in times] == sorted(a for a, _ in times)
    afternoon = demo.room_visit_times(datetime(2026, 3, 2, 15, 0))
    assert [(a.hour, a.minute) for a, _ in afternoon] == [t for t, _ in demo.ROOM_TIMES]
