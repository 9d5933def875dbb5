"""Creating a catalogue, the one way both front doors use: whole or not at all.

:func:`readingroom.catalogue_file.create_catalogue` builds under a hidden name beside the
target and renames at the end; a refusal or an error leaves no file, no ``-wal``, no
``-shm`` and no hidden build behind, and a later try under the same name succeeds.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from readingroom import audit, catalogue_file, staff
from readingroom.errors import BadInput, DatabaseUnavailable
from readingroom.store.db import close_database
from tests.core.cli_support import BOSS, PASSWORD, InProcess

GOOD = "secret-words"


@pytest.fixture(autouse=True)
def closed_afterwards():
    yield
    close_database()


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_new_catalogue_is_whole_open_and_private(tmp_path):
    path = tmp_path / "cat.db"
    user = catalogue_file.create_catalogue(path, "chief", GOOD, "Chief")
    assert user.role == "supervisor" and staff.authenticate("chief", GOOD).full_name == "Chief"
    assert audit.verify().ok
    close_database()
    assert _files(tmp_path) == ["cat.db"]  # no journal, no hidden build
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600


def test_a_refused_password_makes_no_file_and_no_folder(tmp_path):
    folder = tmp_path / "lib"
    with pytest.raises(BadInput, match="at least"):
        catalogue_file.create_catalogue(folder / "cat.db", "chief", "short")
    assert not folder.exists()


@pytest.mark.parametrize("username", ["two words", ""])
def test_a_refusal_after_the_file_was_begun_leaves_nothing_and_the_retry_succeeds(
    tmp_path, username
):
    path = tmp_path / "cat.db"
    with pytest.raises(BadInput, match="one word"):
        catalogue_file.create_catalogue(path, username, GOOD)
    assert _files(tmp_path) == []
    catalogue_file.create_catalogue(path, "chief", GOOD)
    assert staff.authenticate("chief", GOOD).role == "supervisor"


def test_a_failing_fill_leaves_nothing(tmp_path):
    path = tmp_path / "cat.db"

    def broken(supervisor):
        raise RuntimeError("disk trouble")

    with pytest.raises(RuntimeError, match="disk trouble"):
        catalogue_file.create_catalogue(path, "chief", GOOD, fill=broken)
    assert _files(tmp_path) == []


def test_a_file_that_appears_meanwhile_is_never_overwritten(tmp_path):
    path = tmp_path / "cat.db"

    def someone_else_writes(supervisor):
        path.write_text("someone's notes")

    with pytest.raises(BadInput, match="appeared"):
        catalogue_file.create_catalogue(path, "chief", GOOD, fill=someone_else_writes)
    assert path.read_text() == "someone's notes"
    assert _files(tmp_path) == ["cat.db"]


def test_a_missing_folder_is_refused_unless_it_may_be_made(tmp_path):
    path = tmp_path / "no" / "such" / "cat.db"
    with pytest.raises(DatabaseUnavailable, match="does not exist"):
        catalogue_file.create_catalogue(path, "chief", GOOD, make_folder=False)
    assert not (tmp_path / "no").exists()
    catalogue_file.create_catalogue(path, "chief", GOOD)
    assert path.exists()


@pytest.mark.skipif(os.name != "posix", reason="abandoned builds are found by their pid")
def test_the_build_of_a_killed_process_is_removed(tmp_path):
    path = tmp_path / "cat.db"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    pid = int(dead.stdout)
    for suffix in ("", "-wal"):
        (tmp_path / f".cat.db.{pid}.building{suffix}").write_text("half")
    catalogue_file.create_catalogue(path, "chief", GOOD)
    close_database()
    assert _files(tmp_path) == ["cat.db"]


# -- the command line's init, the same function --------------------------------------------


def test_init_with_a_refused_password_leaves_no_file(tmp_path, capsys, monkeypatch):
    path = tmp_path / "new.db"
    cli = InProcess(path, capsys, monkeypatch)
    refused = cli("init", password="short")
    assert refused.code == 1 and "at least" in refused.err
    assert _files(tmp_path) == []
    assert cli("init").code == 0
    close_database()
    assert _files(tmp_path) == ["new.db"]


def test_init_with_a_refused_user_name_leaves_no_file(tmp_path, capsys, monkeypatch):
    path = tmp_path / "new.db"
    cli = InProcess(path, capsys, monkeypatch)
    refused = cli("init", user="two words")
    assert refused.code == 1 and "one word" in refused.err
    assert _files(tmp_path) == []
    assert cli("init", "--json").json()["supervisor"] == BOSS
    assert cli("staff", "list", password=PASSWORD).code == 0


# -- opening: the passphrase and the start-up check, as both front doors use them ------------


def _encrypted(tmp_path: Path, key: str = "the right words") -> Path:
    path = tmp_path / "locked-up.db"
    catalogue_file.create_catalogue(path, "chief", GOOD, "Chief", key=key)
    close_database()
    return path


def test_a_passphrase_is_asked_again_until_it_opens_the_file(tmp_path, monkeypatch):
    monkeypatch.delenv(catalogue_file.KEY_ENV, raising=False)
    path = _encrypted(tmp_path)
    typed, asked = iter(["wrong", "also wrong", "the right words"]), []

    def ask(again: bool) -> str | None:
        asked.append(again)
        return next(typed)

    assert catalogue_file.key_for(path, None, ask) == "the right words"
    assert asked == [False, True, True]


def test_a_passphrase_never_found_or_given_up_opens_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv(catalogue_file.KEY_ENV, raising=False)
    path = _encrypted(tmp_path)
    with pytest.raises(catalogue_file.WrongPassphrase):
        catalogue_file.key_for(path, None, lambda again: "wrong", tries=3)
    with pytest.raises(catalogue_file.Cancelled):
        catalogue_file.key_for(path, None, lambda again: None)


def test_a_plain_file_or_a_known_key_asks_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv(catalogue_file.KEY_ENV, raising=False)
    plain = tmp_path / "plain.db"
    catalogue_file.create_catalogue(plain, "chief", GOOD, "Chief")
    close_database()

    def never(again: bool) -> str | None:
        raise AssertionError("asked")

    assert catalogue_file.key_for(plain, None, never) is None
    monkeypatch.setenv(catalogue_file.KEY_ENV, "from the environment")
    assert catalogue_file.key_for(_encrypted(tmp_path), None, never) == "from the environment"


def test_the_start_up_check_names_damage_before_anything_is_migrated(tmp_path):
    path = tmp_path / "cat.db"
    catalogue_file.create_catalogue(path, "chief", GOOD, "Chief")
    close_database()
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 512] = os.urandom(512)  # a garbled page past the header
    path.write_bytes(bytes(data))
    with pytest.raises(catalogue_file.DatabaseDamaged) as refused:
        catalogue_file.open_catalogue(path, check=True)
    assert "damaged" in refused.value.message or "integrity" in refused.value.message
    assert "backups" not in _files(tmp_path)  # never opened: no backup, no migration


def test_the_start_up_check_says_busy_when_another_program_holds_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("READINGROOM_BUSY_TIMEOUT_MS", "100")
    path = tmp_path / "cat.db"
    catalogue_file.create_catalogue(path, "chief", GOOD, "Chief")
    close_database()
    other = sqlite3.connect(path)
    try:
        other.execute("PRAGMA locking_mode=EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(catalogue_file.DatabaseLocked):
            catalogue_file.open_catalogue(path, check=True)
    finally:
        other.rollback()
        other.close()
