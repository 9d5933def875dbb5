"""Typed errors, told apart by SQLite's result code and the guard that refused, never by
the wording of a message: a locked database, a wrong passphrase, a damaged file, a guard
trigger of the database."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from peewee import IntegrityError

from readingroom import circulation, decision
from readingroom.errors import (
    SQLITE_BUSY,
    SQLITE_CONSTRAINT_TRIGGER,
    SQLITE_NOTADB,
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseUnavailable,
    WrongPassphrase,
    guard_word,
    sqlite_failure,
)
from readingroom.messages import Code, Wording
from readingroom.store.db import (
    BUSY_TIMEOUT_ENV,
    close_database,
    is_environment_error,
    open_database,
    translate_error,
    write_transaction,
)
from readingroom.store.models import Borrower, Copy, Loan

KEY = "correct horse battery"


def test_a_write_lock_held_by_another_connection_is_locked(db, monkeypatch):
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "50")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLocked) as caught, write_transaction():
            pass
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert caught.value.sqlite is not None and caught.value.sqlite.primary == SQLITE_BUSY
    assert caught.value.sqlite.name == "SQLITE_BUSY"
    assert caught.value.message == (
        f"The database ({db}) is locked by another program. Close the other program "
        "(or wait for it to finish) and try again."
    )


def test_a_wrong_passphrase_is_its_own_error(tmp_path):
    path = tmp_path / "safe.db"
    open_database(path, key=KEY, create=True)
    close_database()
    with pytest.raises(WrongPassphrase) as caught:
        open_database(path, key="not the passphrase")
    close_database()
    assert caught.value.sqlite is not None and caught.value.sqlite.primary == SQLITE_NOTADB
    assert caught.value.message == (
        f"The passphrase does not open the database ({path}): check READINGROOM_KEY (or the "
        "passphrase typed) and try again. Nothing was changed."
    )
    open_database(path, key=KEY)  # the right one still opens it
    close_database()


def _garbage_after_the_header(path: Path) -> None:
    """A file that starts as SQLite's but whose pages are noise."""
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)


def test_a_damaged_file_is_damaged_by_its_code(tmp_path):
    path = tmp_path / "damaged.db"
    _garbage_after_the_header(path)
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(path)
    close_database()
    assert not isinstance(caught.value, WrongPassphrase)
    assert caught.value.sqlite is not None
    assert caught.value.message == (
        f"The database ({path}) is damaged or not a Reading Room database (or the passphrase "
        "is wrong). Run 'readingroom doctor' or restore a backup."
    )


def test_garbage_bytes_are_damage_not_a_passphrase(tmp_path):
    path = tmp_path / "noise.db"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(path)
    close_database()
    assert not isinstance(caught.value, WrongPassphrase)
    assert "is encrypted or is not a Reading Room database" in caught.value.message


def _raw_error(sql: str, *setup: str) -> sqlite3.Error:
    connection = sqlite3.connect(":memory:")
    for statement in setup:
        connection.execute(statement)
    try:
        connection.execute(sql)
    except sqlite3.Error as exc:
        return exc
    finally:
        connection.close()
    raise AssertionError(f"{sql} did not fail")


def test_the_words_of_a_message_decide_nothing():
    """An error whose text says "locked", "malformed" or a reason code, with another
    result code, is none of those."""
    check = _raw_error(
        "INSERT INTO t VALUES (1)",
        "CREATE TABLE t (x CONSTRAINT ROLE_NOT_PERMITTED CHECK (x > 5))",
    )
    assert "ROLE_NOT_PERMITTED" in str(check)
    assert guard_word(check) is None and decision.guard_code(check) is None
    assert decision.loan_guard_reason(check) is None
    missing = _raw_error("SELECT * FROM locked_malformed_corrupt_busy")
    assert "locked" in str(missing)
    translated = translate_error(missing)
    assert type(translated) is DatabaseUnavailable
    assert is_environment_error(missing)
    assert not is_environment_error(check)  # a constraint refused is not the disk's fault


def test_a_guard_trigger_is_recognised_by_the_code_it_names():
    trigger = _raw_error(
        "INSERT INTO t VALUES (1)",
        "CREATE TABLE t (x)",
        "CREATE TRIGGER t_guard BEFORE INSERT ON t BEGIN "
        "SELECT RAISE(ABORT, 'HAS_ACTIVE_LOANS: a test guard'); END",
    )
    failure = sqlite_failure(trigger)
    assert failure is not None and failure.code == SQLITE_CONSTRAINT_TRIGGER
    assert decision.guard_code(trigger) is Code.HAS_ACTIVE_LOANS
    assert decision.is_has_active_loans_error(trigger)
    wrapped = IntegrityError(trigger, *trigger.args)  # as peewee raises it
    assert decision.guard_code(wrapped) is Code.HAS_ACTIVE_LOANS


def _raw_loan(copy: Copy, borrower: Borrower, staff) -> IntegrityError:
    """Write a loan row past the services, as a racing desk would; the guard's error."""
    now = datetime.now()
    with pytest.raises(IntegrityError) as caught:
        Loan.create(
            copy=copy, borrower=borrower, staff=staff, lent_on=now.date(), lent_at=now, due=now
        )
    return caught.value


def test_the_databases_own_guards_refuse_a_loan_row_with_their_reason(
    db, librarian, make_copy, make_borrower
):
    make_copy("B1")
    make_copy("B2")
    writer = make_borrower("W1")
    civilian = make_borrower("C1", role="civilian")
    circulation.lend(librarian, "B1", "W1")
    to_civilian = decision.loan_guard_reason(_raw_loan(Copy.get(barcode="B2"), civilian, librarian))
    assert to_civilian is not None
    assert (to_civilian.code, to_civilian.wording) == (
        Code.ROLE_NOT_PERMITTED,
        Wording.CIVILIAN_NEVER_LENT,
    )
    assert to_civilian.message == "A civilian is never lent anything."
    twice = decision.loan_guard_reason(_raw_loan(Copy.get(barcode="B1"), writer, librarian))
    assert twice is not None
    assert (twice.code, twice.wording) == (Code.ON_LOAN, Wording.LENT_AT_ANOTHER_DESK)
    assert twice.message == "This copy was lent a moment ago, at another desk."


def test_a_failed_rollback_gives_way_to_the_error_it_followed_by_code_not_words():
    """After a full disk SQLite ends the transaction itself and the rollback fails with its
    generic code: the full disk is what is reported. The words "cannot rollback" alone
    (no error before it) move nothing, and an error of another code is not passed over."""
    from readingroom.store.db import _first_error

    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode, full.sqlite_errorname = 13, "SQLITE_FULL"
    rollback = _raw_error("ROLLBACK")  # SQLITE_ERROR: no transaction is active
    assert sqlite_failure(rollback).primary == 1
    rollback.__context__ = full
    assert _first_error(rollback) is full
    alone = _raw_error("ROLLBACK")
    assert _first_error(alone) is alone
    locked = sqlite3.OperationalError("cannot rollback - no transaction is active")
    locked.sqlite_errorcode, locked.sqlite_errorname = SQLITE_BUSY, "SQLITE_BUSY"
    locked.__context__ = full
    assert _first_error(locked) is locked
