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

from readingroom import borrowers
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
