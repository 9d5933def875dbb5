"""The window's dialog for an error is chosen by the error's type: a real locked database, a
wrong passphrase and a damaged file each reach the environment dialog with their message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from readingroom.errors import (
    BadInput,
    DatabaseDamaged,
    DatabaseLocked,
    EnvironmentProblem,
    ReadingRoomError,
    Refused,
    WrongPassphrase,
)
from readingroom.store.db import (
    BUSY_TIMEOUT_ENV,
    close_database,
    open_database,
    write_transaction,
)
from ui import errors

KEY = "correct horse battery"


def _locked(path: Path) -> DatabaseLocked:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLocked) as caught, write_transaction():
            pass
    finally:
        other.execute("ROLLBACK")
        other.close()
    return caught.value


def _opening(path: Path, key: str | None = None) -> EnvironmentProblem:
    with pytest.raises(EnvironmentProblem) as caught:
        open_database(path, key=key)
    close_database()
    return caught.value


def test_each_typed_error_reaches_its_dialog_with_its_message(qapp, db, tmp_path, monkeypatch):
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "50")
    locked = _locked(db)
    close_database()
    safe = tmp_path / "safe.db"
    open_database(safe, key=KEY, create=True)
    close_database()
    wrong = _opening(safe, key="not it")
    damaged_file = tmp_path / "damaged.db"
    damaged_file.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    damaged = _opening(damaged_file)
    assert (type(locked), type(wrong), type(damaged)) == (
        DatabaseLocked,
        WrongPassphrase,
        DatabaseDamaged,
    )
    environment = dict(errors.DIALOGS)[EnvironmentProblem]
    for problem in (locked, wrong, damaged):
        assert errors.dialog_for(problem) is environment
        box = errors.environment_dialog(None, problem)
        assert box.text() == problem.message
        assert box.windowTitle() == "The catalogue cannot be used"
    assert "is locked by another program" in locked.message
    assert "The passphrase does not open the database" in wrong.message
    assert "is damaged or not a Reading Room database" in damaged.message


def test_known_errors_and_bugs_by_their_type():
    environment = dict(errors.DIALOGS)[EnvironmentProblem]
    known = dict(errors.DIALOGS)[ReadingRoomError]
    assert errors.dialog_for(DatabaseLocked("busy")) is environment
    assert errors.dialog_for(BadInput("No copy X")) is known
    assert errors.dialog_for(Refused.__new__(Refused)) is known
