"""Files are private: the catalogue, its journals, backups, reports, letters and bundles are
0600 and the folders the program makes 0700 (POSIX), under any umask: the entry points set
a private umask, and the library writes through readingroom.files whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_support import run_cli

from readingroom import backup, files, first_run, staff
from readingroom.store.db import close_database, open_database

PASSWORD = "pass-word-1"
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture(params=[0o022, 0o000], ids=["umask 022", "umask 000"])
def umask(request) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _everything_private(folder: Path) -> list[str]:
    """Every file and folder under ``folder`` (not itself) that others could read."""
    return [
        f"{p.relative_to(folder)} {_mode(p):o}"
        for p in sorted(folder.rglob("*"))
        if _mode(p) & 0o077
    ]


def test_the_library_writes_private_files_under_a_careless_umask(umask, tmp_path):
    folder = tmp_path / "library"
    folder.mkdir()
    path = folder / "catalogue.db"
    boss = first_run.create_catalogue(path, "boss", PASSWORD)
    librarian = staff.add_staff(boss, "lib", "librarian", PASSWORD).user
    assert Path(f"{path}-wal").exists()  # the journal, made by SQLite, follows the file
    backup.backup_database()
    saved = backup.make_backup(librarian, folder / "saved.db")
    backup.daily_backup_on_close(path)
    close_database()
    backup.restore(path, saved, "boss", PASSWORD)
    close_database()
    files.atomic_write(folder / "report.csv", "a,b")
    with files.private_open(folder / "letter.txt", "w") as handle:
        handle.write("Dear member")
    files.private_mkdir(folder / "bundle" / "inner")
    files.private_copy(saved, folder / "bundle" / "inner" / "copy.db")
    assert [b.name for b in backup.list_backups(path) if b.name.endswith("-replaced.db")]
    assert _everything_private(folder) == []
    assert _mode(folder / "backups") == 0o700 and _mode(path) == 0o600


def test_the_command_line_makes_private_files_whatever_the_umask(
    umask, tmp_path, monkeypatch, capsys
):
    path = tmp_path / "catalogue.db"

    def cli(*args: str):
        return run_cli(
            monkeypatch, capsys, "--db", str(path), *args, user="boss", password=PASSWORD
        )

    assert cli("init", "--demo").code == 0
    assert cli("lend", "RR00001", "W-1001").code == 0
    assert cli("backup").code == 0
    assert cli("backup", "--out", str(tmp_path / "copy.db")).code == 0
    assert (
        cli("report", "inventory", "--format", "csv", "--out", str(tmp_path / "inventory.csv")).code
        == 0
    )
    assert cli("export-bundle", "--out", str(tmp_path / "bundle"), "--kinds", "inventory").code == 0
    assert cli("reminders", "send", "--out", str(tmp_path / "letters")).code == 0
    assert list((tmp_path / "letters").iterdir())
    assert cli("export", "marc", "--out", str(tmp_path / "catalogue.mrc")).code == 0
    assert cli("restore", str(tmp_path / "copy.db")).code == 0
    os.umask(umask)  # main() set the private umask for this process; the test puts it back
    assert _everything_private(tmp_path) == []


def test_an_older_readable_catalogue_is_made_private_when_opened(tmp_path):
    path = tmp_path / "older.db"
    first_run.create_catalogue(path, "boss", PASSWORD)
    close_database()
    os.chmod(path, 0o644)
    (tmp_path / "backups").mkdir(mode=0o755)
    os.chmod(tmp_path / "backups", 0o755)
    open_database(path)
    backup.backup_database()
    close_database()
    assert _mode(path) == 0o600 and _mode(tmp_path / "backups") == 0o700
