"""Backups (online API, rotation, before migrations, daily) and a restore that checks first."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from reliability_support import checkpoint, corrupt_pages, dump, run_cli, table_pages

from readingroom import audit, backup, catalogue, circulation
from readingroom import db as db_module
from readingroom.db import close_database, open_database, schema_version
from readingroom.errors import BadInput, DatabaseDamaged, NotPermitted
from readingroom.models import AuditEntry, Loan

PASSWORD = "pass-word-1"


@pytest.fixture
def desk(db, supervisor, librarian, make_copy, make_borrower):
    """A small collection: copies B1, B2 and writers W1, W2."""
    make_copy("B1")
    make_copy("B2")
    make_borrower("W1")
    make_borrower("W2")
    return db


def _rows(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _loans(path: Path) -> int:
    return _rows(path, "SELECT count(*) FROM loan")[0][0]


# -- making backups -------------------------------------------------------------------------

def test_a_backup_holds_what_is_committed_but_still_in_the_journal(desk, librarian, tmp_path):
    circulation.lend(librarian, "B1", "W1")
    assert Path(str(desk) + "-wal").stat().st_size > 0
    file_copy = tmp_path / "file-copy.db"
    shutil.copy(desk, file_copy)  # what a naive copy of the live file would keep
    lost = not _rows(file_copy, "SELECT 1 FROM sqlite_master WHERE name = 'loan'") \
        or _loans(file_copy) == 0
    assert lost  # the loan (and here even the tables) live only in the journal so far
    made = backup.make_backup(librarian, tmp_path / "online.db")
    assert _loans(made) == 1
    assert not Path(str(made) + "-wal").exists()  # one self-contained file
    assert _rows(made, "PRAGMA integrity_check") == [("ok",)]
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).first().action == "backup"


def test_a_backup_taken_during_another_programs_write_has_only_committed_data(desk, tmp_path):
    other = sqlite3.connect(desk, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO setting (key, value) VALUES ('uncommitted', 'yes')")
    try:
        made = backup.backup_database(tmp_path / "during.db")
    finally:
        other.rollback()
        other.close()
    assert _rows(made, "SELECT value FROM setting WHERE key = 'uncommitted'") == []


def test_the_backups_folder_keeps_the_newest_fourteen(desk):
    made = [backup.backup_database() for _ in range(16)]
    kept = backup.list_backups(desk)
    assert kept == list(reversed(made[2:]))
    assert not made[0].exists() and not made[1].exists()
    assert kept[0].parent == desk.parent / "backups"


def test_backup_out_never_overwrites_a_file(desk, librarian, tmp_path):
    taken = tmp_path / "taken.db"
    taken.write_text("someone's notes")
    with pytest.raises(BadInput):
        backup.make_backup(librarian, taken)
    assert taken.read_text() == "someone's notes"
    with pytest.raises(BadInput):
        backup.make_backup(librarian, desk)


def test_a_migration_is_preceded_by_a_backup_of_the_file_as_it_was(desk, tmp_path,
                                                                   monkeypatch):
    migrations = tmp_path / "migrations"
    shutil.copytree(db_module.MIGRATIONS_DIR, migrations,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "0099_reading_sessions.py").write_text(
        "def up(migrator, db):\n"
        "    db.execute_sql('CREATE TABLE reading_session (id INTEGER PRIMARY KEY)')\n")
    old_version = schema_version()
    close_database()
    monkeypatch.setattr(db_module, "MIGRATIONS_DIR", migrations)
    open_database(desk)
    assert schema_version() == 99
    (made,) = backup.list_backups(desk)
    assert made.name.endswith("-migration.db")
    tables = {name for (name,) in _rows(made, "SELECT name FROM sqlite_master")}
    assert "reading_session" not in tables and "copy" in tables
    assert max(int(n.split("_")[0]) for (n,) in _rows(made, "SELECT name FROM "
                                                     "schema_migration")) == old_version
    fresh = tmp_path / "fresh.db"
    open_database(fresh, create=True)
    assert backup.list_backups(fresh) == []  # a new file has nothing to lose


def test_the_daily_backup_is_made_once_a_day(desk):
    today = date.today()
    first = backup.daily_backup_on_close(desk, today=today)
    assert first is not None and first.name.endswith("-daily.db")
    assert backup.daily_backup_on_close(desk, today=today) is None
    assert backup.daily_backup_on_close(desk, today=today + timedelta(days=1)) is not None
    assert len(backup.list_backups(desk)) == 2


def test_a_damaged_database_gives_no_backup_and_the_good_ones_are_kept(desk, tmp_path):
    good = backup.backup_database()
    close_database()
    checkpoint(desk)
    corrupt_pages(desk, table_pages(desk, "copy"))
    with pytest.raises(DatabaseDamaged) as refused:
        backup.daily_backup_on_close(desk)
    assert "earlier backups are kept" in refused.value.message
    assert backup.list_backups(desk) == [good]
    assert not list(good.parent.glob("*.partial"))


# -- restore --------------------------------------------------------------------------------

@pytest.fixture
def restore_cli(desk, monkeypatch, capsys):
    def run(file: Path, user: str = "boss", password: str = PASSWORD):
        return run_cli(monkeypatch, capsys, "--db", str(desk), "restore", str(file),
                       user=user, password=password)

    return run


def test_restore_brings_the_backup_back_keeps_the_replaced_one_and_records_it(
        desk, librarian, restore_cli, tmp_path):
    saved = backup.backup_database(tmp_path / "before-lending.db")
    circulation.lend(librarian, "B1", "W1")
    replaced_head = audit.chain_head()
    result = restore_cli(saved)
    assert result.code == 0, result.text
    assert "kept as" in result.out
    open_database(desk)
    assert Loan.select().count() == 0
    assert catalogue.get_copy("B1").status == "available"
    assert audit.verify().ok
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert (entry.action, entry.staff, entry.entity_id) == ("restore", "boss",
                                                           "before-lending.db")
    assert f'"count":{replaced_head[0]}' in entry.details
    (aside,) = [b for b in backup.list_backups(desk) if b.name.endswith("-replaced.db")]
    assert _loans(aside) == 1  # the replaced state is kept, whole


def test_restore_is_for_a_supervisor_with_the_right_password(desk, librarian, restore_cli,
                                                             tmp_path):
    saved = backup.backup_database(tmp_path / "saved.db")
    circulation.lend(librarian, "B1", "W1")
    close_database()
    entries = _rows(desk, "SELECT count(*) FROM audit_entry")[0][0]
    assert restore_cli(saved, user="lib").code == 5
    assert restore_cli(saved, password="not-it").code == 5
    assert _loans(desk) == 1
    written = _rows(desk, f"SELECT action FROM audit_entry WHERE id > {entries}")
    assert written == [("sign-in-failed",)]  # the wrong password, and nothing else


@pytest.mark.parametrize("damage", ["corrupt pages", "not ours", "not a database",
                                    "audit edited", "newer schema", "missing"])
def test_restore_refuses_a_file_that_fails_its_checks(damage, desk, librarian, restore_cli,
                                                      tmp_path):
    bad = backup.backup_database(tmp_path / "bad.db")
    if damage == "corrupt pages":
        corrupt_pages(bad, table_pages(bad, "work"))
    elif damage == "not ours":
        bad.unlink()
        sqlite3.connect(bad).execute("CREATE TABLE notes (text)").connection.close()
    elif damage == "not a database":
        bad.write_bytes(b"Dear librarian, " * 1000)
    elif damage == "audit edited":
        with sqlite3.connect(bad) as connection:
            connection.execute("UPDATE audit_entry SET staff = 'someone else' WHERE id = 2")
    elif damage == "newer schema":
        with sqlite3.connect(bad) as connection:
            connection.execute("INSERT INTO schema_migration (name, applied) "
                               "VALUES ('0999_from_the_future', '2030-01-01')")
    else:
        bad.unlink()
    circulation.lend(librarian, "B1", "W1")
    close_database()
    before = dump(desk)
    result = restore_cli(bad)
    assert result.code == 1, result.text
    assert ("cannot be restored" in result.err or "No backup file" in result.err)
    assert dump(desk) == before
    assert not [b for b in backup.list_backups(desk) if b.name.endswith("-replaced.db")]


def test_an_unreadable_database_is_restored_by_a_supervisor_of_the_backup(desk, restore_cli,
                                                                         tmp_path):
    saved = backup.backup_database(tmp_path / "saved.db")
    close_database()
    for suffix in ("-wal", "-shm"):
        Path(str(desk) + suffix).unlink(missing_ok=True)
    desk.write_bytes(b"\x00garbage after a disk failure" * 500)
    garbage = desk.read_bytes()
    assert restore_cli(saved, password="not-it").code == 5
    assert desk.read_bytes() == garbage  # nothing happens on a wrong password
    result = restore_cli(saved)
    assert result.code == 0, result.text
    open_database(desk)
    assert catalogue.get_copy("B1").barcode == "B1" and audit.verify().ok
    (aside,) = [b for b in backup.list_backups(desk) if b.name.endswith("-replaced.db")]
    assert aside.read_bytes() == garbage
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert entry.action == "restore" and '"replaced_head":"unreadable"' in entry.details


def test_restore_under_an_open_window_leaves_its_connection_working(desk, librarian,
                                                                   tmp_path):
    saved = backup.backup_database(tmp_path / "saved.db")
    circulation.lend(librarian, "B1", "W1")
    window = sqlite3.connect(desk)  # another program keeps the catalogue open
    assert window.execute("SELECT count(*) FROM loan").fetchone() == (1,)
    backup.restore(desk, saved, "boss", PASSWORD)
    assert window.execute("SELECT count(*) FROM loan").fetchone() == (0,)
    assert window.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    window.close()


def test_the_service_refuses_a_librarian_even_with_a_good_file(desk, librarian, tmp_path):
    saved = backup.backup_database(tmp_path / "saved.db")
    with pytest.raises(NotPermitted):
        backup.restore(desk, saved, "lib", PASSWORD)
    with pytest.raises(BadInput):
        backup.restore(desk, desk, "boss", PASSWORD)
