"""The stocktake: a frozen expected list, scans with their flags, exact reconciliation, the
supervisor's sign-off, a read-only signed stocktake, and no scan lost to a killed process."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
from pathlib import Path

import pytest

from readingroom import audit, catalogue, circulation, clock, holds, replay, stocktake
from readingroom.errors import BadInput, NotPermitted
from readingroom.language import words
from readingroom.store.db import database
from readingroom.store.inspection_models import StocktakeScan
from readingroom.store.models import AuditEntry, Copy, Hold
from tests.core.cli_support import (
    BOSS,
    INTEGRITY_ERRORS,
    PASSWORD,
    InProcess,
    command,
    outside_connection,
)
from tests.core.inspection_support import (  # noqa: F401 - fixture
    FULL,
    calendar_fixture,
    small_collection,
)

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases


@pytest.fixture
def cli(db, capsys, monkeypatch) -> InProcess:
    return InProcess(db, capsys, monkeypatch)


@pytest.fixture
def shelf(calendar, librarian, supervisor, make_borrower):
    shelf = small_collection(supervisor)
    make_borrower("W1", name="리명희")
    make_borrower("W2")
    return shelf


def outcomes_of(st) -> dict[str, str]:
    return {o.barcode: o.outcome for o in stocktake.outcomes(st)}


def status_of(barcode: str) -> str:
    return Copy.get(Copy.barcode == barcode).status


# -- opening ------------------------------------------------------------------------------


def test_opening_freezes_the_expected_copies(shelf, supervisor, librarian, make_copy):
    catalogue.edit_copy(supervisor, "A006", status="withdrawn", confirmed_by=librarian)
    st = stocktake.start(librarian).stocktake
    assert st.expected_count == 8  # 5 single copies and the 3 volumes; not the withdrawn
    make_copy("LATE", title="Arrived after the opening")
    assert stocktake.progress().expected == 8
    assert stocktake.scan(librarian, "LATE").flags == (stocktake.NOT_EXPECTED,)
    assert stocktake.scan(librarian, "A006").flags == (stocktake.NOT_EXPECTED,)


def test_only_one_stocktake_is_open_at_a_time(shelf, librarian, cli):
    stocktake.start(librarian)
    with pytest.raises(BadInput):
        stocktake.start(librarian)
    assert cli("inspection", "start").code == 1


def test_scanning_needs_an_open_stocktake_and_a_desk_role(shelf, librarian, inspector, cli):
    with pytest.raises(BadInput):
        stocktake.scan(librarian, "A001")
    assert cli("inspection", "scan", "A001").code == 1
    stocktake.start(librarian)
    with pytest.raises(NotPermitted):
        stocktake.scan(inspector, "A001")
    assert cli("inspection", "scan", "A001", user="insp").code == 5
    assert cli("inspection", "start", user="insp").code == 5


# -- scanning and reconciling -------------------------------------------------------------


@pytest.fixture
def counted(shelf, librarian):
    """A stocktake with one of each: present, on-loan, missing, misplaced, unexpected and
    duplicate scans, a copy scanned that the records say is on loan."""
    circulation.lend(librarian, "A002", "W1")  # on loan, not scanned: on-loan
    circulation.lend(librarian, "A005", "W2")  # on loan, but scanned on the shelf
    st = stocktake.start(librarian).stocktake
    flags = {}
    for barcode, location in [
        ("A001", "Safe A/1"),
        ("A004", "Safe A/1"),
        ("A001", "Safe A/1"),  # duplicate scan
        ("A003", "Safe C/9"),  # wrong place: misplaced
        ("A005", "safe a/1 "),  # same place, other spelling
        ("NOBODY-KNOWS", "Safe A/1"),  # unknown barcode
        ("P1", None),
        ("P2", None),
        ("P3", "Safe B/3"),
    ]:
        result = stocktake.scan(librarian, barcode, location)
        flags.setdefault(barcode, []).append(result.flags)
    return st, flags  # A006 never scanned: missing


def test_each_scan_is_flagged_as_it_is_made(counted):
    _, flags = counted
    assert flags["A001"] == [(), (stocktake.REPEAT,)]
    assert flags["A003"] == [(stocktake.WRONG_LOCATION,)]
    assert flags["A005"] == [(stocktake.RECORDED_ON_LOAN,)]
    assert flags["NOBODY-KNOWS"] == [(stocktake.UNKNOWN,)]
    assert flags["P1"] == [()] and flags["P3"] == [()]


def test_progress_counts_found_against_expected(counted):
    progress = stocktake.progress()
    assert (progress.expected, progress.found, progress.scans) == (9, 7, 9)
    assert progress.flagged == {
        "unknown": 1,
        "repeat": 1,
        "wrong-location": 1,
        "on-loan": 1,
        "unexpected": 0,
    }


EXPECTED_OUTCOMES = {
    "A001": "present",
    "A002": "on-loan",
    "A003": "misplaced",
    "A004": "present",
    "A005": "present-on-loan",  # scanned on the shelf, lent in the records (issue 12)
    "A006": "missing",
    "P1": "present",
    "P2": "present",
    "P3": "present",
    "NOBODY-KNOWS": "unexpected",
}


def test_closing_reconciles_each_copy_to_exactly_one_outcome(counted, supervisor):
    st, _ = counted
    assert outcomes_of(st) == EXPECTED_OUTCOMES  # the live preview before closing
    closed = stocktake.close(supervisor, "Lee Min-jae")
    assert outcomes_of(closed.stocktake) == EXPECTED_OUTCOMES
    assert closed.counts == {
        "present": 5,
        "on-loan": 1,
        "missing": 1,
        "misplaced": 1,
        "unexpected": 1,
        "present-on-loan": 1,
    }
    assert closed.by_outcome["present-on-loan"] == ["A005"]
    assert closed.by_outcome["unexpected"] == ["NOBODY-KNOWS"]
    assert closed.repeated == ["A001"]
    rows = {o.barcode: o for o in stocktake.outcomes(closed.stocktake)}
    assert rows["A002"].borrower == "W1" and rows["A002"].due is not None
    assert rows["A003"].found_location == "Safe C/9" and rows["A003"].location == "Safe A/1"
    assert "records say on loan to W2" in rows["A005"].note
    assert "take the return at the desk" in rows["A005"].note
    assert "scanned 2 times" in rows["A001"].note
    assert rows["NOBODY-KNOWS"].note == "unknown barcode"


def test_the_totals_reconcile_with_the_loans_and_the_inventory_of_the_same_moment(
    counted, supervisor
):
    """Issue 12: expected = present + on loan + missing + misplaced + present-on-loan, the
    unexpected barcodes on top, and the loans and inventory reports say the same."""
    from readingroom import reports
    from readingroom.reports import inspection as inspection_report

    closed = stocktake.close(supervisor, "Lee Min-jae")
    summary = inspection_report.summary_lines(closed.stocktake)
    assert (
        "Expected 9 = present 5 + on-loan 1 + missing 1 + misplaced 1 + present-on-loan 1; "
        "unexpected barcodes scanned besides: 1."
    ) in summary
    scanned_by = [line for line in summary if line.startswith("Scanned by")]
    assert len(scanned_by) == 1 and ": 9 scans, first " in scanned_by[0]
    # the times to the second, as people read them (stored with microseconds)
    assert re.search(
        r"first \d{4}-\d\d-\d\d \d\d:\d\d:\d\d, last \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.$",
        scanned_by[0],
    ), scanned_by[0]
    counts = closed.counts
    lent = list(reports.build("loans").rows())
    assert len(lent) == counts["on-loan"] + counts["present-on-loan"] == 2
    inventory = list(reports.build("inventory").rows())
    assert len(inventory) == closed.stocktake.expected_count == 9


def test_the_inspection_report_puts_the_discrepancies_first_with_their_history(
    counted, supervisor, librarian
):
    """Issue 12: missing, misplaced, unexpected and present-on-loan lines come first, by
    barcode; a missing copy says what the records say happened to it last."""
    from readingroom import reports

    closed = stocktake.close(supervisor, "Lee Min-jae")
    rows = list(reports.build("inspection").rows())
    first = [(row[0], row[3]) for row in rows[:4]]
    assert first == [
        ("A003", "misplaced"),
        ("A005", "present-on-loan"),
        ("A006", "missing"),
        ("NOBODY-KNOWS", "unexpected"),
    ]
    assert {row[3] for row in rows[4:]} <= {"present", "on-loan"}
    assert len(rows) == sum(closed.counts.values())
    note = dict((row[0], row[10]) for row in rows)["A006"]
    assert note == "never lent, not found at an earlier stocktake"


def test_a_missing_copy_says_its_last_loan_and_the_last_stocktake_that_found_it(
    shelf, supervisor, librarian
):
    circulation.lend(librarian, "A006", "W1")
    circulation.return_copy(librarian, "A006")
    stocktake.start(librarian)
    stocktake.scan(librarian, "A006", "Safe A/1")
    first = stocktake.close(supervisor, "Lee Min-jae").stocktake
    stocktake.start(librarian)
    second = stocktake.close(supervisor, "Lee Min-jae").stocktake
    said = stocktake.last_known([catalogue.get_copy("A006").id], second.id)
    today = clock.today().isoformat()
    assert list(said.values()) == [
        f"last lent to W1 on {today}, returned {today}; last found at stocktake {first.id}"
    ]


def test_totals_that_do_not_add_up_are_said_to_on_the_report():
    from readingroom.reports.inspection import reconciliation

    counts = dict.fromkeys(stocktake.OUTCOMES, 0) | {"present": 7, "unexpected": 2}
    line = reconciliation(8, counts)
    assert line.startswith("Expected 8 = present 7 + on-loan 0")
    assert "DOES NOT ADD UP: 7 accounted for" in line and line.endswith("besides: 2.")


def test_a_copy_not_found_is_marked_missing_and_audited(counted, supervisor):
    closed = stocktake.close(supervisor, "Lee Min-jae")
    assert closed.marked_missing == ["A006"]
    assert status_of("A006") == "missing"
    assert status_of("A002") == "on-loan"  # accounted for by its loan
    entry = AuditEntry.get((AuditEntry.action == "copy-missing") & (AuditEntry.entity_id == "A006"))
    assert entry.staff == "boss" and '"new":"missing"' in entry.details
    assert audit.verify().ok


def test_sign_off_records_names_date_and_the_audit_chain_head(counted, supervisor, calendar):
    closed = stocktake.close(supervisor, "Lee Min-jae")
    st = closed.stocktake
    assert (st.status, st.signed_by, st.closed_by, st.closed_by_name) == (
        "signed",
        "Lee Min-jae",
        "boss",
        "Chief Supervisor",
    )
    assert st.signed_on == calendar.day
    # the head as it stood when the stocktake was signed: the entry after it is the signing
    signing = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert signing.action == "stocktake-signed"
    assert (st.audit_count, st.audit_hash) == (signing.id - 1, signing.prev_hash)
    assert st.audit_ok and closed.verification.ok


def test_only_a_supervisor_closes_and_signs(counted, librarian, inspector, supervisor, cli):
    with pytest.raises(NotPermitted):
        stocktake.close(librarian, "Kim Eun-ha")
    assert cli("inspection", "close", "--signed-by", "Kim", user="lib").code == 5
    assert cli("inspection", "close", "--signed-by", "Lee", user="insp").code == 5
    assert stocktake.open_stocktake() is not None
    with pytest.raises(BadInput):
        stocktake.close(supervisor, "   ")


def test_a_signed_stocktake_is_read_only(counted, supervisor, librarian, cli, db):
    stocktake.close(supervisor, "Lee Min-jae")
    with pytest.raises(BadInput, match="signed and read-only"):
        stocktake.scan(librarian, "A006")
    done = cli("inspection", "scan", "A006")
    assert done.code == 1 and "read-only" in done.err
    assert cli("inspection", "close", "--signed-by", "Lee").code == 1
    # and the database itself refuses, whatever program writes to it
    conn = outside_connection(db)  # each statement on its own
    for sql in (
        "UPDATE stocktake SET signed_by = 'someone else'",
        "UPDATE stocktake_outcome SET outcome = 'present'",
        "DELETE FROM stocktake_outcome",
        "DELETE FROM stocktake_scan",
        "INSERT INTO stocktake_scan (stocktake_id, barcode, location, flags, "
        "scanned_at, staff) VALUES (1, 'A006', '', '', '2026-11-02', 'x')",
        # the close lifted this guard for its own statement only: it is back, as it was
        "INSERT INTO stocktake_outcome (stocktake_id, barcode, outcome) "
        "VALUES (1, 'PLANTED-1', 'present')",
    ):
        with pytest.raises(INTEGRITY_ERRORS, match="STOCKTAKE"):
            conn.execute(sql)
    conn.close()


def _guard_text() -> list[str]:
    return [
        sql
        for (sql,) in database.execute_sql(
            "SELECT sql FROM sqlite_master WHERE name = ?", (stocktake.OUTCOME_GUARD,)
        )
    ]


def test_a_close_that_fails_after_storing_its_lines_leaves_the_guard_as_it_was(
    counted, supervisor, monkeypatch
):
    before = _guard_text()
    assert before  # the guard the close lifts for its own insert

    def broken(*args: object) -> list[str]:
        raise OSError("disk full")

    monkeypatch.setattr(audit, "table_images", broken)  # after the lines are stored
    with pytest.raises(OSError):
        stocktake.close(supervisor, "Lee Min-jae")
    assert _guard_text() == before
    assert stocktake.open_stocktake() is not None
    assert database.execute_sql("SELECT count(*) FROM stocktake_outcome").fetchone()[0] == 0
    monkeypatch.undo()
    assert stocktake.close(supervisor, "Lee Min-jae").counts["missing"] == 1
    assert _guard_text() == before


def test_a_set_aside_copy_not_found_goes_missing_and_its_hold_waits_again(
    shelf, librarian, supervisor
):
    hold = holds.place_hold(librarian, "A006", "W2").hold
    assert status_of("A006") == "held"
    stocktake.start(librarian)
    stocktake.close(supervisor, "Lee Min-jae")
    assert status_of("A006") == "missing"
    assert Hold.get_by_id(hold.id).status == "waiting"


def test_a_copy_recorded_missing_that_is_found_goes_back_on_the_shelf(shelf, librarian, supervisor):
    catalogue.edit_copy(librarian, "A004", status="missing")
    stocktake.start(librarian)
    stocktake.scan(librarian, "A004", "Safe A/1")
    closed = stocktake.close(supervisor, "Lee Min-jae")
    assert closed.found_again == ["A004"]
    assert status_of("A004") == "available"
    assert AuditEntry.select().where(AuditEntry.action == "copy-found").count() == 1


def test_the_stocktake_from_the_command_line(shelf, librarian, cli, tmp_path):
    circulation.lend(librarian, "A002", "W1")
    assert cli("inspection", "start").code == 0
    listing = tmp_path / "scans.txt"
    listing.write_text("A001\nA003\n\n  A001  \nWHO-KNOWS\nA002\n", encoding="utf-8")
    done = cli("inspection", "scan", "--location", "Safe A/1", "--file", str(listing))
    assert done.code == 0, done
    lines = done.out.splitlines()
    assert lines[0].startswith("A001  1/9") and "[repeat]" in lines[2]
    assert "[unknown]" in lines[3] and "records say on loan" in lines[4]
    more = cli("inspection", "scan", "--location", "Safe Z", "A004", "--json")
    assert more.json()["flagged"]["wrong-location"] == ["A004"]
    status = cli("inspection", "status", "--json").json()
    assert (status["found"], status["expected"], status["scans"]) == (4, 9, 6)
    closed = cli("inspection", "close", "--signed-by", "Lee Min-jae", "--json")
    assert closed.code == 0, closed
    data = closed.json()
    assert data["counts"] == {
        "present": 2,
        "on-loan": 0,
        "missing": 5,
        "misplaced": 1,
        "unexpected": 1,
        "present-on-loan": 1,
    }  # A002 was on the shelf, whatever the loan says: a discrepancy of its own
    assert data["unexpected"] == ["WHO-KNOWS"] and data["misplaced"] == ["A004"]
    assert data["present_on_loan"] == ["A002"]
    assert data["signed_by"] == "Lee Min-jae" and data["audit"]["ok"] is True


@pytest.mark.sqlite_only  # reads the SQLite file itself
def test_a_lent_copy_found_on_the_shelf_is_its_own_discrepancy_and_says_what_to_do(
    shelf, librarian, cli
):
    """Issue 12: a copy scanned while the records say it is on loan is not "present": the
    close names it and says what to do, and the loan is left for the desk to take back."""
    circulation.lend(librarian, "A002", "W1")
    assert cli("inspection", "start").code == 0
    assert cli("inspection", "scan", "--location", "Safe A/1", "A002").code == 0
    closed = cli("inspection", "close", "--signed-by", "Lee Min-jae")
    assert closed.code == 0, closed
    assert (
        "present-on-loan (found, but the records say on loan): A002: "
        "take the return at the desk, or record why it is here"
    ) in closed.out
    assert catalogue.get_copy("A002").status == "on-loan"  # the close does not return it


# -- a killed process loses no reported scan ----------------------------------------------

ROUNDS = 6 if FULL else 2
COPIES = 600 if FULL else 240


def _recorded(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT barcode FROM stocktake_scan ORDER BY id").fetchall()
    conn.close()
    return [barcode for (barcode,) in rows]


def _scan_until_killed(db: Path, listing: Path, kill_after: int) -> tuple[list[str], int]:
    """Run ``inspection scan --file`` and SIGKILL it after ``kill_after`` reported scans."""
    env = {**os.environ, "READINGROOM_USER": BOSS, "READINGROOM_PASSWORD": PASSWORD}
    process = subprocess.Popen(
        [*command(), "--db", str(db), "inspection", "scan", "--file", str(listing)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        encoding="utf-8",
    )
    reported = []
    try:
        for line in process.stdout:
            reported.append(line.split()[0])
            if len(reported) >= kill_after:
                process.send_signal(signal.SIGKILL)
                break
    finally:
        process.stdout.close()
        process.stderr.close()
        process.wait(timeout=60)
    return reported, process.returncode


@pytest.mark.sqlite_only  # reads the SQLite file itself
def test_a_killed_scan_loses_nothing_and_the_stocktake_resumes(db, supervisor, make_copy, tmp_path):
    barcodes = [make_copy(f"K{n:05d}", title=f"Work {n % 7}").barcode for n in range(COPIES)]
    stocktake.start(supervisor)
    remaining = list(barcodes)
    for round_number in range(ROUNDS):
        listing = tmp_path / f"round{round_number}.txt"
        listing.write_text("\n".join(remaining) + "\n", encoding="utf-8")
        reported, code = _scan_until_killed(db, listing, kill_after=len(remaining) // 3)
        recorded = _recorded(db)
        assert code == -signal.SIGKILL and reported, "the scan was not killed mid-way"
        assert set(reported) <= set(recorded), "a reported scan was lost"
        assert len(recorded) == len(set(recorded)), "a scan was recorded twice"
        remaining = [b for b in barcodes if b not in set(recorded)]  # resume after the last
    final = tmp_path / "final.txt"
    final.write_text("\n".join(remaining) + "\n", encoding="utf-8")
    env = {**os.environ, "READINGROOM_USER": BOSS, "READINGROOM_PASSWORD": PASSWORD}
    done = subprocess.run(
        [*command(), "--db", str(db), "inspection", "scan", "--file", str(final)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(_recorded(db)) == sorted(barcodes)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    assert audit.verify().ok
    closed = stocktake.close(supervisor, "Lee Min-jae")
    assert closed.counts["present"] == COPIES and closed.counts["missing"] == 0
    assert closed.repeated == []
    assert StocktakeScan.select().count() == COPIES


def _every_kind_of_line(librarian, supervisor):
    """The open stocktake of :func:`shelf` scanned so that every kind of note is made."""
    catalogue.edit_copy(librarian, "A004", status="missing")  # found: back on the shelf
    catalogue.edit_copy(  # not expected, then scanned
        supervisor, "P2", status="withdrawn", confirmed_by=librarian
    )
    circulation.lend(librarian, "A002", "W1")  # on loan, not scanned
    circulation.lend(librarian, "A005", "W2")  # on loan, but scanned on the shelf
    st = stocktake.start(librarian).stocktake
    for barcode, location in [
        ("A001", "Safe A/1"),
        ("A001", "Safe A/1"),
        ("A001", "Safe A/1"),
        ("A003", "Safe C/9"),
        ("A004", "Safe A/1"),
        ("A005", "Safe A/1"),
        ("P2", "Safe B/3"),
        ("P2", "Safe B/3"),
        ("NOBODY-KNOWS", "Safe A/1"),
    ]:
        stocktake.scan(librarian, barcode, location)
    return st


def test_the_stored_outcomes_are_the_preview_field_for_field(shelf, librarian, supervisor):
    """The close stores the outcomes in one statement, notes written in SQL: each row is the
    live preview's, every kind of note included, and copies marked missing in one statement
    still get an entry each, with their own after-image."""
    st = _every_kind_of_line(librarian, supervisor)
    preview = list(stocktake.outcomes(st))
    closed = stocktake.close(supervisor, "Lee Min-jae")
    assert list(stocktake.outcomes(closed.stocktake)) == preview
    notes = {o.barcode: o.note for o in preview}
    assert notes["A001"] == "scanned 3 times"
    assert notes["A004"] == "recorded as missing; found"
    assert notes["A005"] == (
        "records say on loan to W2: take the return at the desk, or record why it is here"
    )
    assert notes["P2"] == "not on the expected list (status withdrawn); scanned 2 times"
    assert notes["NOBODY-KNOWS"] == "unknown barcode"
    assert closed.marked_missing == ["A006", "P1", "P3"]
    assert closed.by_outcome["missing"] == ["A006", "P1", "P3"]
    assert closed.by_outcome["misplaced"] == ["A003"]
    entries = AuditEntry.select().where(AuditEntry.action == "copy-missing").order_by(AuditEntry.id)
    assert [e.entity_id for e in entries] == ["A006", "P1", "P3"]
    for entry in entries:
        copy = Copy.get(Copy.barcode == entry.entity_id)
        assert list(json.loads(entry.details)["after"]["copy"]) == [str(copy.id)]
    assert audit.verify().ok
    assert replay.compare() == ([], 0)


def test_a_lines_note_is_said_in_korean_by_its_keys_never_parsed(shelf, librarian, supervisor):
    """Each line's remark is made from its own columns (the copy's status kept with it): its
    English is the note the close's SQL stored, and in Korean no English word is left but
    barcodes, member numbers and locations."""
    st = _every_kind_of_line(librarian, supervisor)
    preview = list(stocktake.outcomes(st))
    closed = list(stocktake.outcomes(stocktake.close(supervisor, "Lee Min-jae").stocktake))
    north = words("ko_KP")
    for line in preview + closed:
        assert line.remark == line.note, line.barcode
        korean = north.phrases("phrase", line.remark)
        assert not re.search(r"\b(?!W2\b|P2\b)[A-Za-z]{2,}", korean), korean
    said = {o.barcode: north.phrases("phrase", o.remark) for o in closed}
    assert said["A004"] == "소재불명으로 기록되였음; 발견"
    assert said["P2"] == "예상 목록에 없음 (상태: 제적); 2회 스캔"
    assert said["A005"].startswith("기록상 W2에게 대출중: 대출대에서")
    assert said["NOBODY-KNOWS"] == "알수 없는 바코드"


def test_a_line_stored_before_its_copys_status_was_kept_shows_its_note_as_stored():
    line = stocktake.Outcome(
        barcode="A4",
        title="T",
        volume=None,
        outcome="present",
        borrower=None,
        due=None,
        location="",
        found_location="",
        condition="good",
        scans=1,
        note="recorded as missing; found",
        copy_id=4,
        copy_status=None,
    )
    assert line.remark == "recorded as missing; found"
    assert words("ko_KP").phrases("phrase", line.remark) == "recorded as missing; found"


@pytest.mark.parametrize("tampered", [False, True])
@pytest.mark.sqlite_only  # reads the SQLite file itself
def test_the_close_checks_the_committed_trail_in_a_second_process(
    counted, supervisor, db, monkeypatch, tampered
):
    """The close verifies the chain while it works: another process walks the entries
    committed before it began, this one the rest (its own included); an entry edited
    before the close is found all the same."""
    monkeypatch.setattr(audit, "PARALLEL_FROM", 0)
    started = []
    start = audit.start_verify
    monkeypatch.setattr(audit, "start_verify", lambda: started.append(start()) or started[-1])
    if tampered:
        with sqlite3.connect(db) as raw:
            raw.execute("UPDATE audit_entry SET staff = 'nobody' WHERE id = 3")
    closed = stocktake.close(supervisor, "Lee Min-jae")
    assert started and started[0] is not None  # the second process ran
    if tampered:
        assert not closed.verification.ok and closed.verification.bad_entry == 3
        assert not closed.stocktake.audit_ok
    else:
        assert closed.verification.ok and closed.stocktake.audit_ok
        assert closed.verification.count == closed.stocktake.audit_count


def test_a_found_copy_someone_waits_for_is_set_aside_the_rest_go_back_at_once(
    shelf, librarian, supervisor
):
    for barcode in ("A003", "A004"):
        catalogue.edit_copy(librarian, barcode, status="missing")
    hold = holds.place_hold(librarian, "A004", "W2").hold  # waits: its only copy is missing
    stocktake.start(librarian)
    for barcode in ("A003", "A004"):
        stocktake.scan(librarian, barcode, "Safe A/1")
    closed = stocktake.close(supervisor, "Lee Min-jae")
    assert closed.found_again == ["A003", "A004"]
    assert (status_of("A003"), status_of("A004")) == ("available", "held")
    assert Hold.get_by_id(hold.id).status == "ready"
    found = AuditEntry.select().where(AuditEntry.action == "copy-found").order_by(AuditEntry.id)
    assert [e.entity_id for e in found] == ["A003", "A004"]
    assert audit.verify().ok and replay.compare() == ([], 0)


def test_entries_written_at_once_refuse_an_image_of_a_row_they_do_not_name(shelf, supervisor):
    """``audit.record_each`` writes one entry per named row; a changed row it was not told
    about would lose its image, so nothing is written and the change rolls back."""
    from readingroom.store.db import database, write_transaction

    a1, a2 = (Copy.get(Copy.barcode == b) for b in ("A001", "A002"))
    before = AuditEntry.select().count()
    with pytest.raises(audit.UnrecordedChange), write_transaction():
        database.execute_sql(
            "UPDATE copy SET status = 'missing' WHERE id IN (?, ?)", (a1.id, a2.id)
        )
        audit.record_each(supervisor, "copy", [(a1.id, "copy-missing", "copy", "A001", {})])
    assert AuditEntry.select().count() == before
    assert (status_of("A001"), status_of("A002")) == ("available", "available")
