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
