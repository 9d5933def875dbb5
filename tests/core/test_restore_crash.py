"""A restore killed half way (SIGKILL) leaves the old catalogue, or the restored one WITH its
restore entry: never a mix, never a restore missing from the trail.

The restore is killed at each of its named moments (``readingroom.backup._crash_point``:
the restored file prepared, the replaced one set aside, in the middle of the copy into an
open catalogue, just before the rename over an unreadable one, just after), and at random
moments, both into an intact catalogue and over an unreadable one.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from reliability_support import checkpoint, record_figures, size

from readingroom import backup, circulation
from readingroom.store.db import close_database

PASSWORD = "pass-word-1"
INTACT_POINTS = ("prepared", "set-aside", "copying", "swapped")
UNREADABLE_POINTS = ("prepared", "set-aside", "renaming", "swapped")

pytestmark = pytest.mark.slow


@pytest.fixture
def scene(db, supervisor, librarian, make_copy, make_borrower, tmp_path):
    """A catalogue with one loan (40 copies, so the copy takes several steps), its own
    backup, and a backup from before the loan to restore."""
    for n in range(40):
        make_copy(f"B{n}", f"Work {n} " + "x" * 2000)
    make_borrower("W1")
    backup.backup_database()
    saved = backup.backup_database(tmp_path / "before-the-loan.db")
    circulation.lend(librarian, "B1", "W1")
    close_database()
    checkpoint(db)
    return db, saved, db.read_bytes()


def _child(db_path: Path, source: Path, point: str | None) -> None:
    def crash(name: str) -> None:
        if name == point:
            os.kill(os.getpid(), signal.SIGKILL)

    backup._crash_point = crash
    backup.restore(db_path, source, "boss", PASSWORD)
    os._exit(0)


def _reset(db_path: Path, content: bytes, folder: Path, kept: set[str]) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db_path.write_bytes(content)
    for stale in folder.iterdir():
        if stale.name not in kept:
            stale.unlink()


def _state(db_path: Path, old: bytes) -> str:
    """ "old" or "restored" (with its entry, intact, chain whole); anything else fails."""
    wal = Path(f"{db_path}-wal")  # an empty journal (or its header alone) holds nothing
    if db_path.read_bytes() == old and not (wal.exists() and wal.stat().st_size > 32):
        return "old"
    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        loans = connection.execute("SELECT count(*) FROM loan").fetchone()[0]
        (action,) = connection.execute(
            "SELECT action FROM audit_entry ORDER BY id DESC LIMIT 1"
        ).fetchone()
        head = connection.execute("SELECT count FROM audit_head").fetchone()[0]
        entries = connection.execute("SELECT count(*) FROM audit_entry").fetchone()[0]
    finally:
        connection.close()
    if (loans, action) == (1, "lend"):
        return "old"
    assert (loans, action, head) == (0, "restore", entries), (loans, action, head, entries)
    return "restored"


def _kill(db_path: Path, source: Path, point: str | None, delay: float | None) -> int:
    child = multiprocessing.get_context("fork").Process(
        target=_child, args=(db_path, source, point)
    )
    child.start()
    if delay is not None:
        time.sleep(delay)
        child.kill()
    child.join(30)
    return child.exitcode


@pytest.mark.parametrize(
    "unreadable", [False, True], ids=["into an intact catalogue", "over an unreadable file"]
)
def test_a_restore_killed_at_any_moment_leaves_old_or_restored_with_its_entry(scene, unreadable):
    db_path, source, content = scene
    if unreadable:
        garbled = bytearray(content)
        for i in range(100, len(garbled), 3):
            garbled[i] = 0x55
        content = bytes(garbled)
    folder = backup.backups_folder(db_path)
    kept = {p.name for p in folder.iterdir()}
    points = UNREADABLE_POINTS if unreadable else INTACT_POINTS
    seen: dict[str, int] = {}
    for point in points:
        _reset(db_path, content, folder, kept)
        assert _kill(db_path, source, point, None) == -signal.SIGKILL, point
        state = _state(db_path, content)
        seen[f"{point}: {state}"] = seen.get(f"{point}: {state}", 0) + 1
        expected = (
            "old" if point in ("prepared", "set-aside", "copying", "renaming") else "restored"
        )
        assert state == expected, point
    rng = random.Random(20261207)
    for _ in range(size(6, 40)):
        _reset(db_path, content, folder, kept)
        code = _kill(db_path, source, None, rng.uniform(0.0, 0.6))
        state = _state(db_path, content)
        seen[f"random: {state}"] = seen.get(f"random: {state}", 0) + 1
        assert code in (0, -signal.SIGKILL)
    _reset(db_path, content, folder, kept)
    assert _kill(db_path, source, "prepared", None) == -signal.SIGKILL  # a stale file left
    assert _kill(db_path, source, None, None) == 0  # ... does not stop the next restore
    assert _state(db_path, content) == "restored"
    assert not list(db_path.parent.glob("*.restoring*"))
    record_figures("test_restore_crash", unreadable=unreadable, outcomes=seen)


def test_the_crash_points_are_reached(scene, monkeypatch):
    """The named moments exist and are passed in order (else the kills above prove less)."""
    db_path, source, _ = scene
    passed: list[str] = []
    monkeypatch.setattr(backup, "_crash_point", passed.append)
    backup.restore(db_path, source, "boss", PASSWORD)
    close_database()
    assert passed[0] == "prepared" and passed[1] == "set-aside" and passed[-1] == "swapped"
    assert passed.count("copying") >= 2  # the copy into the open file takes several steps
    shutil.rmtree(backup.backups_folder(db_path))
