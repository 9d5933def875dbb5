"""A full disk while writing or backing up: a clear error, the database intact, the previous
backup intact.

The database is made "full" with ``PRAGMA max_page_count`` (SQLite then fails exactly as on
a full disk); a backup target fills up the same way, on a real tmpfs with room for one
backup when this machine lets the test mount one, and by a rename that fails with ENOSPC.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from reliability_support import checkpoint, dump, run_cli

from readingroom import audit, backup
from readingroom.errors import DatabaseUnavailable
from readingroom.store import db as db_module
from readingroom.store.db import close_database, database, open_database

PASSWORD = "pass-word-1"


@pytest.fixture
def desk(db, supervisor, librarian, make_copy, make_borrower):
    for n in range(30):
        make_copy(f"B{n}", f"Work {n}")
    make_borrower("W1")
    return db


def _big_csv(folder: Path, rows: int = 400) -> Path:
    path = folder / "big.csv"
    lines = [f"NEW{n},Reference volume {n % 7},Compiler,Shelf {n} {'x' * 300}" for n in range(rows)]
    path.write_text("barcode,title,author,location\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_full_disk_during_an_import_changes_nothing_and_says_so(
    desk, monkeypatch, capsys, tmp_path
):
    csv = _big_csv(tmp_path)
    close_database()
    before = dump(desk)
    monkeypatch.setitem(db_module.PRAGMAS, "max_page_count", 1)  # = no room to grow
    result = run_cli(
        monkeypatch,
        capsys,
        "--db",
        str(desk),
        "import",
        "catalogue",
        str(csv),
        user="lib",
        password=PASSWORD,
    )
    assert result.code == 1
    assert "disk is full" in result.err and "nothing was changed" in result.err
    monkeypatch.delitem(db_module.PRAGMAS, "max_page_count")
    assert dump(desk) == before
    open_database(desk)
    assert audit.verify().ok
    assert database.execute_sql("PRAGMA integrity_check").fetchone() == ("ok",)


def _target_fills_up(monkeypatch, pages: int = 8) -> None:
    """Every backup target can hold only ``pages`` pages, as on a nearly full disk."""
    real = backup.file_database

    def small(path, key=None, **kwargs):
        target = real(path, key, **kwargs)
        if str(path).endswith(".partial"):
            target.connect()
            target.execute_sql(f"PRAGMA max_page_count = {pages}")
        return target

    monkeypatch.setattr(backup, "file_database", small)


def _assert_unharmed(desk: Path, previous: Path, digest: str) -> None:
    assert _digest(previous) == digest
    assert backup.quick_check(previous).ok
    assert backup.list_backups(desk) == [previous]
    assert not list(previous.parent.glob("*.partial"))
    assert audit.verify().ok


def test_a_full_disk_during_a_backup_keeps_the_previous_one(desk, monkeypatch):
    previous = backup.backup_database()
    digest = _digest(previous)
    _target_fills_up(monkeypatch)
    with pytest.raises(DatabaseUnavailable) as refused:
        backup.backup_database()
    assert "disk is full" in refused.value.message
    assert "earlier backups are untouched" in refused.value.message
    _assert_unharmed(desk, previous, digest)


def test_no_room_to_finish_the_backup_file_keeps_the_previous_one(desk, monkeypatch):
    previous = backup.backup_database()
    digest = _digest(previous)

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(backup.os, "replace", no_space)
    with pytest.raises(DatabaseUnavailable) as refused:
        backup.backup_database()
    assert "disk is full" in refused.value.message
    monkeypatch.undo()
    _assert_unharmed(desk, previous, digest)


def _mount_small_tmpfs(folder: Path, kib: int) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    folder.mkdir(exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(folder)], capture_output=True
    )
    return done.returncode == 0


def _unmount(folder: Path) -> None:
    close_database()
    gc.collect()  # a connection whose statements a traceback still holds closes only now
    subprocess.run(["umount", str(folder)], check=True)


def test_a_backups_folder_on_a_really_full_disk(desk, monkeypatch, capsys):
    folder = backup.backups_folder(desk)
    pages, page_size = (
        database.execute_sql(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size")
    )
    if not _mount_small_tmpfs(folder, pages * page_size * 3 // 2 // 1024):  # room for one
        pytest.skip(
            "cannot mount a small tmpfs here (needs root); the page-limit tests "
            "above stand in for it"
        )
    try:
        previous = backup.backup_database()
        digest = _digest(previous)
        close_database()
        result = run_cli(
            monkeypatch, capsys, "--db", str(desk), "backup", user="lib", password=PASSWORD
        )
        assert result.code == 1 and "disk is full" in result.err, result.text
        open_database(desk)
        _assert_unharmed(desk, previous, digest)
    finally:
        _unmount(folder)


def test_a_catalogue_on_a_really_full_disk(tmp_path, monkeypatch, capsys):
    made = tmp_path / "catalogue.db"
    assert (
        run_cli(
            monkeypatch, capsys, "--db", str(made), "init", "--demo", user="boss", password=PASSWORD
        ).code
        == 0
    )
    checkpoint(made)
    folder = tmp_path / "small-disk"
    if not _mount_small_tmpfs(folder, made.stat().st_size // 1024 + 512):  # 512 KiB to spare
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        path = shutil.copy(made, folder / made.name)
        before = dump(path)
        csv = _big_csv(tmp_path, rows=3000)  # about 1 MiB of new rows
        result = run_cli(
            monkeypatch,
            capsys,
            "--db",
            str(path),
            "import",
            "catalogue",
            str(csv),
            user="boss",
            password=PASSWORD,
        )
        assert result.code == 1 and "disk is full" in result.err, result.text
        assert "nothing was changed" in result.err
        assert dump(path) == before
        assert backup.quick_check(path).ok
    finally:
        _unmount(folder)
