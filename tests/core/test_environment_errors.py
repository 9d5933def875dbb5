"""The machine in the way: a read-only file or folder, a missing folder, a file that is not a
catalogue, a database held locked by another program. Each is a plain message saying what to
do, exit 1, no traceback."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from reliability_support import dump, run_cli

from readingroom.store.db import BUSY_TIMEOUT_ENV, close_database

PASSWORD = "pass-word-1"


@pytest.fixture
def desk(db, supervisor, librarian, make_copy, make_borrower):
    make_copy("B1")
    make_borrower("W1")
    close_database()
    return db


@pytest.fixture
def cli(monkeypatch, capsys):
    def run(path: Path, *args: str):
        return run_cli(monkeypatch, capsys, "--db", str(path), *args, user="lib", password=PASSWORD)

    return run


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` (a file or a folder) read-only for this process, even as root."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(stat.S_IMODE(mode) & ~0o222)
        try:
            yield
        finally:
            path.chmod(stat.S_IMODE(mode))
        return
    if (
        not shutil.which("chattr")
        or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0
    ):
        pytest.skip("cannot make a file read-only for root here (no chattr +i)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_database_file_says_to_check_its_permissions(desk, cli):
    before = dump(desk)
    with read_only(desk):
        for command in (("search", "Points"), ("lend", "B1", "W1")):
            result = cli(desk, *command)
            assert result.code == 1
            assert "read-only" in result.err and "permissions" in result.err
    assert dump(desk) == before


def test_a_read_only_folder_says_so(desk, cli):
    with read_only(desk.parent):
        result = cli(desk, "lend", "B1", "W1")
    assert result.code == 1
    assert "folder" in result.err and "read-only" in result.err


def test_a_missing_folder_or_file_is_named_with_the_way_forward(tmp_path, cli, monkeypatch, capsys):
    nowhere = tmp_path / "no such folder" / "catalogue.db"
    result = cli(nowhere, "search", "x")
    assert result.code == 1 and "No database at" in result.err and "init" in result.err
    created = run_cli(
        monkeypatch, capsys, "--db", str(nowhere), "init", user="boss", password=PASSWORD
    )
    assert created.code == 1 and "does not exist" in created.err
    assert not nowhere.parent.exists()


@pytest.mark.parametrize("content", ["folder", "empty", "text", "foreign"])
def test_a_file_that_is_not_a_catalogue_is_refused_and_left_alone(content, tmp_path, cli):
    path = tmp_path / "catalogue.db"
    if content == "folder":
        path.mkdir()
    elif content == "empty":
        path.touch()
    elif content == "text":
        path.write_text("Shopping: tea, ink, string\n" * 100)
    else:
        sqlite3.connect(path).execute("CREATE TABLE recipes (name)").connection.close()
    before = None if path.is_dir() else path.read_bytes()
    result = cli(path, "search", "x")
    assert result.code == 1 and result.err.strip()
    if before is not None:
        assert path.read_bytes() == before  # no schema written into somebody else's file


def test_a_database_held_locked_by_another_program(desk, cli, monkeypatch):
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "300")
    other = sqlite3.connect(desk, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        result = cli(desk, "lend", "B1", "W1")
        waited = time.monotonic() - started
        reading = cli(desk, "copy", "show", "B1")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.code == 1
    assert "locked by another program" in result.err and "try again" in result.err
    assert waited >= 0.3  # it waited for the lock before giving up
    assert reading.code == 0  # readers are not blocked by another program's write
    assert cli(desk, "lend", "B1", "W1").code == 0  # and once it lets go, all is well
