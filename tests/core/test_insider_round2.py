"""An insider's second round on the merged work of issues 9 and 12.

Each test makes one attack the way a librarian under pressure (or a supervisor who wants a
quiet exception) would, with the command line, the service functions or sqlite3 on the
file, and expects what the supervisor and the inspector read (``audit verify``, ``doctor``,
the overrides report, the register of exceptions) to show it. Each failed on the code
before its fix.
"""

from __future__ import annotations

import sqlite3

import pytest

from readingroom import borrowers, reminders
from readingroom.errors import BadInput
from readingroom.store.db import close_database
from tests.core.cli_support import InProcess

LIB = "lib"


@pytest.fixture
def desk(db, supervisor, librarian, make_copy, make_borrower):
    """B1-B3 of one lendable work; writer W1, cadre K1, civilian P1, suspended S1."""
    for barcode in ("B1", "B2", "B3"):
        make_copy(barcode)
    make_borrower("W1")
    make_borrower("K1", "cadre")
    make_borrower("P1", "civilian")
    make_borrower("S1")
    borrowers.suspend_borrower(supervisor, "S1", "lost two books")
    return db


@pytest.fixture
def cli(desk, capsys, monkeypatch) -> InProcess:
    return InProcess(desk, capsys, monkeypatch)


def _sql(path, *statements: str) -> None:
    """Statements run by another program on the file (the catalogue closed here first)."""
    close_database()
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def _trigger(path, name: str) -> str:
    with sqlite3.connect(path) as connection:
        (sql,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = ?", (name,)
        ).fetchone()
    connection.close()
    return str(sql)


# -- the waiting table of the after-images dropped ----------------------------------------


def test_dropping_the_pending_table_does_not_switch_the_replay_off(cli):
    """A copy's status edited with its image trigger dropped and put back, then
    ``audit_pending`` dropped: the check took a missing table for a catalogue made before
    after-images and compared nothing, so ``audit verify`` and ``doctor`` passed."""
    assert cli("lend", "B1", "W1").code == 0
    trigger = _trigger(cli.db, "copy_image_update")
    _sql(
        cli.db,
        "DROP TRIGGER copy_image_update",
        "UPDATE copy SET status = 'available' WHERE barcode = 'B1'",
        trigger,
        "DROP TABLE audit_pending",
    )
    verified = cli("audit", "verify")
    assert verified.code == 4, str(verified)
    assert "copy 1 (barcode B1): status is 'available' but the trail says 'on-loan'" in (
        verified.err + verified.out
    )
    doctor = cli("doctor")
    assert doctor.code == 4, str(doctor)
    assert "FAIL tables" in doctor.out and "table audit_pending" in doctor.out


# -- migration 9 run again to record edited rows as the trail's own -----------------------


def _unrecord_migration_9(path, *edits: str) -> None:
    """Rows edited with the image triggers and their table dropped, and migration 9 struck
    from the record, so that the program would run it (and its baseline) again."""
    with sqlite3.connect(path) as connection:
        drops = [
            f"DROP TRIGGER {name}"
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_image_%'"
            )
        ]
    connection.close()
    _sql(
        path,
        *drops,
        "DROP TABLE audit_pending",
        "DELETE FROM schema_migration WHERE name LIKE '0009%'",
        *edits,
    )


def test_the_program_never_runs_an_old_migration_again(cli):
    """Migration 9 records the rows as they stand in ``baseline`` entries. Struck from the
    record, it ran again at the next command and recorded a cadre made a writer with sqlite3
    as the trail's own: ``audit verify`` and ``doctor`` passed. Now the program refuses to
    run it on a trail that already carries after-images, and doctor names the edit."""
    _unrecord_migration_9(cli.db, "UPDATE borrower SET role = 'writer' WHERE member_no = 'K1'")
    with sqlite3.connect(cli.db) as connection:
        before = connection.execute("SELECT count(*) FROM audit_entry").fetchone()
    connection.close()
    refused = cli("lend", "B1", "K1", user=LIB)
    assert refused.code == 1 and "no record of migration 9" in refused.err, str(refused)
    with sqlite3.connect(cli.db) as connection:
        assert connection.execute("SELECT count(*) FROM audit_entry").fetchone() == before
        assert connection.execute("SELECT count(*) FROM loan").fetchone() == (0,)
    connection.close()
    doctor = cli("doctor")
    assert doctor.code == 4, str(doctor)
    assert "borrower 2 (member K1): role is 'writer' but the trail says 'cadre'" in doctor.out


def test_doctor_names_a_baseline_written_after_the_trail_had_images(cli):
    """The insider runs migration 9's baseline with its own source (the program would no
    longer), and records the migration again: every table agrees with the trail, but the
    trail now holds a baseline after entries that carried images, and doctor says so."""
    import importlib

    baseline = importlib.import_module("readingroom.store.migrations.0009_after_images")
    _unrecord_migration_9(cli.db, "UPDATE borrower SET role = 'writer' WHERE member_no = 'K1'")
    from peewee import SqliteDatabase

    own = SqliteDatabase(str(cli.db))
    with own.atomic():
        baseline.up(None, own)
        own.execute_sql(
            "INSERT INTO schema_migration (name, applied) VALUES ('0009_after_images', "
            "datetime('now'))"
        )
    own.close()
    assert cli("audit", "verify").code == 0  # the trail agrees with the tables it recorded
    doctor = cli("doctor")
    assert doctor.code == 1 and "FAIL invariants" in doctor.out, str(doctor)
    assert "records the borrower rows as they stood (a baseline)" in doctor.out


# -- the desk's records that the replay does not cover -------------------------------------


def _stocktake_short_of_b3(cli) -> None:
    """A stocktake with B1 and B2 scanned by the librarian; B3 (the lost volume) is not."""
    assert cli("inspection", "start", user=LIB).code == 0
    assert cli("inspection", "scan", "B1", "B2", user=LIB).code == 0


def test_a_scan_slipped_into_an_open_stocktake_is_named(cli):
    """No trigger stands in the way of an INSERT into an open stocktake's scans: the lost
    volume counted present at the close, in the name of whoever the insider chose, and
    ``doctor`` stayed healthy before and after the close."""
    _stocktake_short_of_b3(cli)
    _sql(
        cli.db,
        "INSERT INTO stocktake_scan (stocktake_id, barcode, copy_id, location, flags, "
        "scanned_at, staff) SELECT 1, 'B3', id, '', '', datetime('now'), 'boss' FROM copy "
        "WHERE barcode = 'B3'",
    )
    named = "stocktake 1: 1 scan of B3 by boss, 0 in the trail"
    doctor = cli("doctor")
    assert doctor.code == 1 and named in doctor.out, str(doctor)
    assert cli("inspection", "close", "--signed-by", "Chief Supervisor").code == 0
    assert named in cli("doctor").out


def test_a_copy_taken_off_the_expected_list_is_named(cli):
    """The expected list's guard dropped and put back around a DELETE: the lost volume is
    neither missing nor anything else at the close."""
    _stocktake_short_of_b3(cli)
    guard = _trigger(cli.db, "stocktake_expected_kept")
    _sql(
        cli.db,
        "DROP TRIGGER stocktake_expected_kept",
        "DELETE FROM stocktake_expected WHERE barcode = 'B3'",
        guard,
    )
    doctor = cli("doctor")
    assert doctor.code == 1, str(doctor)
    assert "stocktake 1 expected 3 copies when it was opened, its list now holds 2" in doctor.out


def _overdue_loan(cli, supervisor) -> int:
    """W1's loan of B1, three weeks overdue (lent back-dated by the supervisor)."""
    from datetime import timedelta

    from readingroom import circulation, clock

    lent = circulation.lend(
        supervisor, "B1", "W1", on=clock.today() - timedelta(days=40), backdate_reason="paper"
    )
    return int(lent.loan.id)


def test_reminders_written_in_with_sqlite3_are_named(cli, supervisor):
    """A week before the inspection the librarian makes the overdue report show three
    increasingly pointed reminders that never went out: rows in ``reminder`` (no trigger in
    the way) with no entry of their own."""
    loan = _overdue_loan(cli, supervisor)
    _sql(
        cli.db,
        *(
            "INSERT INTO reminder (loan_id, level, sent_on, sent_at, staff, days_overdue, "
            f"supervisor_told) VALUES ({loan}, {level}, date('now', '-{days} days'), "
            f"datetime('now', '-{days} days'), 'lib', {21 - days}, {int(level == 3)})"
            for level, days in ((1, 20), (2, 13), (3, 6))
        ),
    )
    doctor = cli("doctor")
    assert doctor.code == 1, str(doctor)
    assert doctor.out.count(f"reminder of loan {loan}, level") == 3
    assert "not in the trail" in doctor.out


@pytest.mark.parametrize("command", [("reminders", "send"), ("inspection", "recall")])
def test_letters_are_never_dated_in_the_past(cli, supervisor, tmp_path, command):
    """``--date`` took any day: reminders and recall letters recorded as sent weeks ago,
    written the week before the inspection, and the overdue report showed them so."""
    from datetime import timedelta

    from readingroom import clock

    _overdue_loan(cli, supervisor)
    before = clock.today() - timedelta(days=10)
    out = tmp_path / "letters"
    result = cli(*command, "--out", str(out), "--date", before.isoformat(), user=LIB)
    assert result.code == 1 and "in the past" in result.err, str(result)
    assert not out.exists() or not any(out.iterdir())
    assert cli(*command, "--out", str(out), user=LIB).code == 0  # today's letters go out


def test_doctor_names_a_letter_recorded_as_sent_before_it_was_written(
    cli, supervisor, tmp_path, monkeypatch
):
    """The service refuses a past day too (the window's day field reaches it); a script of
    the insider's that sets the program's day back gets its letters recorded, but the
    entry is dated when it was made, and doctor compares the two."""
    from datetime import timedelta

    from readingroom import clock, inspection, staff

    loan = _overdue_loan(cli, supervisor)
    before = clock.today() - timedelta(days=10)
    lib = staff.get_staff(LIB)
    with pytest.raises(BadInput, match="in the past"):
        inspection.write_recall_letters(lib, tmp_path / "letters", before)
    with pytest.raises(BadInput, match="in the past"):
        reminders.send(lib, tmp_path / "letters", before)
    with monkeypatch.context() as script:
        script.setattr(clock, "today", lambda: before)
        inspection.write_recall_letters(lib, tmp_path / "letters", before)
    doctor = cli("doctor")
    assert doctor.code == 1, str(doctor)
    assert f"recall letter of loan {loan}, level 1: dated {before.isoformat()} but written on" in (
        doctor.out
    )


# -- a supervisor's quiet exception by an edit undone --------------------------------------


def test_a_rule_set_aside_by_an_edit_undone_shows_in_both_registers(
    cli, supervisor, librarian, make_copy, tmp_path
):
    """A cadre made a writer, lent to with no override, made a cadre again (the loan still
    out); a civilian made a writer for one loan and back; a staff-only work made lendable
    for one loan and back: neither the overrides report nor the register of exceptions
    showed any of it (a policy cell opened the same way already did show)."""
    from readingroom import catalogue, circulation

    make_copy("X1", "Register of Restricted Literature", access="staff-only")
    borrowers.edit_borrower(supervisor, "K1", role="writer")
    circulation.lend(librarian, "B1", "K1")
    borrowers.edit_borrower(supervisor, "K1", role="cadre")
    borrowers.edit_borrower(supervisor, "P1", role="writer")
    circulation.lend(librarian, "B2", "P1")
    circulation.return_copy(librarian, "B2")
    borrowers.edit_borrower(supervisor, "P1", role="civilian")
    work = catalogue.find_work("X1").id
    catalogue.edit_work(supervisor, work, access="lendable")
    circulation.lend(librarian, "X1", "W1")
    circulation.return_copy(librarian, "X1")
    catalogue.edit_work(supervisor, work, access="staff-only")
    borrowers.reinstate_borrower(supervisor, "S1")
    texts = {}
    for kind in ("overrides", "exceptions"):
        out = tmp_path / f"{kind}.csv"
        assert cli("report", kind, "--format", "csv", "--out", str(out)).code == 0
        texts[kind] = out.read_text(encoding="utf-8-sig")
    for said in (
        "role cadre to writer",
        "role writer to cadre",
        "role civilian to writer",
        "role writer to civilian",
        "access staff-only to lendable",
        "access lendable to staff-only",
        "suspension lifted",
    ):
        assert said in texts["overrides"], said
        assert said in texts["exceptions"], said
    rows = texts["exceptions"].splitlines()
    assert sum(",role-change," in row and ",K1," in row for row in rows) == 2
    assert sum(",access-change," in row and "Restricted Literature" in row for row in rows) == 2
    assert sum(",reinstated," in row and ",S1," in row for row in rows) == 1


# -- a row changed with sqlite3 and changed back, the triggers left in place ----------------


def test_a_change_outside_the_program_stays_visible_when_undone(cli, monkeypatch, tmp_path):
    """The cadre made a writer with sqlite3 (the triggers let it through: no current loan is
    forbidden), lent to at the desk with no override, made a cadre again the same way. The
    two changes were swept into ``outside-change`` entries and never replayed, so the tables
    agreed with the trail again: ``doctor`` was healthy and no register listed them."""
    from readingroom import audit

    monkeypatch.setenv(audit.STRICT_ENV, "1")  # the sweep itself is under test here
    _sql(cli.db, "UPDATE borrower SET role = 'writer' WHERE member_no = 'K1'")
    assert cli("lend", "B1", "K1", user=LIB).code == 0
    _sql(cli.db, "UPDATE borrower SET role = 'cadre' WHERE member_no = 'K1'")
    assert cli("lend", "B2", "W1", user=LIB).code == 0
    assert cli("audit", "verify").code == 0  # the tables agree with the trail again
    doctor = cli("doctor")
    assert doctor.code == 1 and "FAIL invariants" in doctor.out, str(doctor)
    assert doctor.out.count("records rows changed outside Reading Room: borrower 2") == 2
    out = tmp_path / "exceptions.csv"
    assert cli("report", "exceptions", "--format", "csv", "--out", str(out)).code == 0
    rows = [row for row in out.read_text(encoding="utf-8-sig").splitlines() if "outside" in row]
    assert len(rows) == 2 and all("changed outside Reading Room: borrower 2" in r for r in rows)


# -- the lending freeze lifted with sqlite3 for one lend -----------------------------------


def test_a_freeze_lifted_with_sqlite3_for_one_lend_is_named(cli):
    """Lending is frozen before the inspection. The librarian empties the inspection date
    with sqlite3 (a setting: no trigger, not replayed), lends, and puts it back: the
    tables and the trail agreed and doctor was healthy. The trail's own schedule says the
    lend fell in the freeze with no override; a supervisor's override there is no finding."""
    from datetime import timedelta

    from readingroom import clock

    inspection = (clock.today() + timedelta(days=3)).isoformat()
    assert cli("inspection", "schedule", inspection, "--freeze-days", "7").code == 0
    assert cli("lend", "B1", "W1", user=LIB).code == 3  # INSPECTION_FREEZE
    _sql(cli.db, "UPDATE setting SET value = '' WHERE key = 'inspection_date'")
    assert cli("lend", "B1", "W1", user=LIB).code == 0
    _sql(cli.db, f"UPDATE setting SET value = '{inspection}' WHERE key = 'inspection_date'")
    assert cli("lend", "B2", "W1", "--override", "the union's seminar").code == 0
    doctor = cli("doctor")
    assert doctor.code == 1 and "FAIL invariants" in doctor.out, str(doctor)
    assert f"lend of B1 in the freeze before the inspection of {inspection}" in doctor.out
    assert "of B2" not in doctor.out


# -- the computer's clock set forward past the inspection -----------------------------------


def test_a_clock_set_forward_past_the_freeze_shows_in_doctor(cli, librarian):
    """Lending is frozen before the inspection; the librarian sets the PC's clock past the
    inspection day, lends, and sets it right before anyone else writes. Nothing runs
    backwards yet, but the newest entry is dated ahead of the clock."""
    from datetime import date, datetime, timedelta

    from readingroom import circulation, clock

    inspection = clock.today() + timedelta(days=3)
    assert cli("inspection", "schedule", inspection.isoformat(), "--freeze-days", "7").code == 0
    assert cli("lend", "B1", "W1", user=LIB).code == 3  # INSPECTION_FREEZE
    ahead = timedelta(days=4)
    with pytest.MonkeyPatch.context() as pc_clock:
        pc_clock.setattr(clock, "instant", lambda: datetime.now() + ahead)
        pc_clock.setattr(clock, "now", lambda: datetime.now().replace(microsecond=0) + ahead)
        pc_clock.setattr(clock, "today", lambda: date.today() + ahead)
        circulation.lend(librarian, "B1", "W1")  # the inspection day has passed by then
    doctor = cli("doctor")
    assert doctor.code == 1 and "FAIL invariants" in doctor.out, str(doctor)
    assert "ahead of the computer's clock" in doctor.out


# -- rule 1 bent for one loan with sqlite3, every trace put back -----------------------------


@pytest.mark.parametrize(
    "member, change, undo, had",
    [
        ("P1", "role = 'writer'", "role = 'civilian'", "a civilian"),
        ("S1", "status = 'active'", "status = 'suspended'", "suspended"),
    ],
)
def test_a_lend_to_a_civilian_or_a_suspended_member_made_with_sqlite3_is_named(
    cli, member, change, undo, had
):
    """The borrower's image trigger and guard dropped, the civilian made a writer (the
    suspended member active), lent to and taken back at the desk, the row and the triggers
    put back: the tables agreed with the trail, and ``audit verify`` and ``doctor`` passed.
    The trail's own record of the borrower says whom the loan went to."""
    triggers = [
        _trigger(cli.db, name) for name in ("borrower_image_update", "borrower_role_keeps_loans")
    ]
    drop = ["DROP TRIGGER borrower_image_update", "DROP TRIGGER borrower_role_keeps_loans"]
    where = f"WHERE member_no = '{member}'"
    _sql(cli.db, *drop, f"UPDATE borrower SET {change} {where}", *triggers)
    assert cli("lend", "B1", member, user=LIB).code == 0
    assert cli("return", "B1", user=LIB).code == 0
    _sql(cli.db, *drop, f"UPDATE borrower SET {undo} {where}", *triggers)
    assert cli("audit", "verify").code == 0  # the tables agree with the trail
    doctor = cli("doctor")
    assert doctor.code == 1 and "FAIL invariants" in doctor.out, str(doctor)
    assert f": lend to {member}, whom the trail had as {had}" in doctor.out


def test_a_lend_after_a_recorded_change_of_role_or_status_is_no_finding(cli, supervisor):
    """Through the program, the same steps are recorded (and listed in the registers):
    the trail has the borrower a writer (active) when the lend was made."""
    borrowers.edit_borrower(supervisor, "P1", role="writer")
    borrowers.reinstate_borrower(supervisor, "S1")
    for member in ("P1", "S1"):
        assert cli("lend", "B1", member, user=LIB).code == 0
        assert cli("return", "B1", user=LIB).code == 0
    borrowers.edit_borrower(supervisor, "P1", role="civilian")
    borrowers.suspend_borrower(supervisor, "S1", "late again")
    assert cli("doctor").code == 0


# -- a staff-only work made lendable with sqlite3 ---------------------------------------------


@pytest.mark.parametrize("undone", [False, True])
def test_a_staff_only_work_lent_after_an_edit_with_sqlite3_is_named(cli, make_copy, undone):
    """Works are not replayed and no trigger refuses a change of access class while no copy
    is out: made lendable with sqlite3, the staff-only register went home with a writer
    (and came back, and the work was made staff-only again), and doctor was healthy."""
    make_copy("X1", "Register of Restricted Literature", access="staff-only")
    edit = "UPDATE work SET access = '{}' WHERE title LIKE 'Register%'"
    _sql(cli.db, edit.format("lendable"))
    assert cli("lend", "X1", "W1", user=LIB).code == 0
    if undone:
        assert cli("return", "X1", user=LIB).code == 0
        _sql(cli.db, edit.format("staff-only"))
    doctor = cli("doctor")
    assert doctor.code == 1 and "FAIL invariants" in doctor.out, str(doctor)
    assert "lend of X1, a copy of work 2, which the trail had as staff-only" in doctor.out


def test_the_reminder_delays_and_the_pickup_days_are_policy_in_the_register(cli, tmp_path):
    """Longer reminder delays keep a cadre's overdue loan from a final demand (the one that
    tells the supervisor) until after the inspection; longer pickup days keep a copy set
    aside. Both were audited as setting changes and listed nowhere an inspector reads."""
    assert cli("reminders", "delays", "30,60,90").code == 0
    assert cli("settings", "pickup-days", "90").code == 0
    assert cli("settings", "branch", "Writers' Union, North Branch").code == 0
    out = tmp_path / "exceptions.csv"
    assert cli("report", "exceptions", "--format", "csv", "--out", str(out)).code == 0
    policy = [r for r in out.read_text(encoding="utf-8-sig").splitlines() if ",policy," in r]
    assert len(policy) == 2, policy
    assert "reminder delays [1, 14, 28] to [30, 60, 90]" in policy[0]
    assert "pickup days 7 to 90" in policy[1]
