"""Backups (online API, rotation, before migrations, daily) and a restore that checks first."""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from peewee import IntegrityError
from reliability_support import checkpoint, corrupt_pages, dump, run_cli, table_pages

from readingroom import audit, backup, catalogue, circulation, identity, settings, staff
from readingroom.errors import BadInput, DatabaseDamaged, NotPermitted
from readingroom.store import db as db_module
from readingroom.store.db import close_database, open_database, schema_version
from readingroom.store.models import AuditEntry, Loan

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
    lost = (
        not _rows(file_copy, "SELECT 1 FROM sqlite_master WHERE name = 'loan'")
        or _loans(file_copy) == 0
    )
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


def _aged(made: Path, days: int, reason: str = "manual") -> Path:
    """A copy of the backup ``made`` named as if taken ``days`` ago."""
    when = datetime.now() - timedelta(days=days)
    target = made.with_name(
        f"{made.name.split('-')[0]}-{when:%Y%m%d-%H%M%S}-{when.microsecond:06d}-{reason}.db"
    )
    shutil.copy(made, target)
    return target


def test_rotation_keeps_fourteen_but_never_a_young_or_a_replaced_backup(desk, librarian):
    first = backup.backup_database()
    old = [_aged(first, 40 + n) for n in range(4)]
    set_aside = _aged(first, 400, "replaced")
    young = [first, *(backup.make_backup(librarian) for _ in range(16))]
    kept = backup.list_backups(desk)
    assert all(b.exists() for b in young)  # 17 backups, none older than 30 days: all kept
    assert set_aside.exists()  # what a restore set aside stays, however old
    assert not any(b.exists() for b in old)  # beyond the newest 14 and old: rotated out
    assert kept[0].parent == desk.parent / "backups" and len(kept) == 18
    assert backup.prune(desk, today=date.today() + timedelta(days=60)) == kept[14:-1]


def test_backup_out_never_overwrites_a_file(desk, librarian, tmp_path):
    taken = tmp_path / "taken.db"
    taken.write_text("someone's notes")
    with pytest.raises(BadInput):
        backup.make_backup(librarian, taken)
    assert taken.read_text() == "someone's notes"
    with pytest.raises(BadInput):
        backup.make_backup(librarian, desk)


def test_a_migration_is_preceded_by_a_backup_of_the_file_as_it_was(desk, tmp_path, monkeypatch):
    migrations = tmp_path / "migrations"
    shutil.copytree(
        db_module.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__")
    )
    (migrations / "0099_reading_sessions.py").write_text(
        "def up(migrator, db):\n"
        "    db.execute_sql('CREATE TABLE reading_session (id INTEGER PRIMARY KEY)')\n"
    )
    old_version = schema_version()
    close_database()
    monkeypatch.setattr(db_module, "MIGRATIONS_DIR", migrations)
    open_database(desk)
    assert schema_version() == 99
    (made,) = backup.list_backups(desk)
    assert made.name.endswith("-migration.db")
    tables = {name for (name,) in _rows(made, "SELECT name FROM sqlite_master")}
    assert "reading_session" not in tables and "copy" in tables
    assert (
        max(int(n.split("_")[0]) for (n,) in _rows(made, "SELECT name FROM schema_migration"))
        == old_version
    )
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
        return run_cli(
            monkeypatch,
            capsys,
            "--db",
            str(desk),
            "restore",
            str(file),
            user=user,
            password=password,
        )

    return run


def test_restore_brings_the_backup_back_keeps_the_replaced_one_and_records_it(
    desk, librarian, restore_cli, tmp_path
):
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
    assert (entry.action, entry.staff, entry.entity_id) == ("restore", "boss", "before-lending.db")
    assert f'"count":{replaced_head[0]}' in entry.details
    (aside,) = [b for b in backup.list_backups(desk) if b.name.endswith("-replaced.db")]
    assert _loans(aside) == 1  # the replaced state is kept, whole


def test_restore_is_for_a_supervisor_with_the_right_password(
    desk, librarian, restore_cli, tmp_path
):
    saved = backup.backup_database(tmp_path / "saved.db")
    circulation.lend(librarian, "B1", "W1")
    close_database()
    entries = _rows(desk, "SELECT count(*) FROM audit_entry")[0][0]
    assert restore_cli(saved, user="lib").code == 5
    assert restore_cli(saved, password="not-it").code == 5
    assert _loans(desk) == 1
    written = _rows(desk, f"SELECT action FROM audit_entry WHERE id > {entries}")
    assert written == [("sign-in-failed",)]  # the wrong password, and nothing else


@pytest.mark.parametrize(
    "damage",
    ["corrupt pages", "not ours", "not a database", "audit edited", "newer schema", "missing"],
)
def test_restore_refuses_a_file_that_fails_its_checks(
    damage, desk, librarian, restore_cli, tmp_path
):
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
            connection.execute(
                "INSERT INTO schema_migration (name, applied) "
                "VALUES ('0999_from_the_future', '2030-01-01')"
            )
    else:
        bad.unlink()
    circulation.lend(librarian, "B1", "W1")
    close_database()
    before = dump(desk)
    result = restore_cli(bad)
    assert result.code == 1, result.text
    assert "cannot be restored" in result.err or "No backup file" in result.err
    assert dump(desk) == before
    assert not [b for b in backup.list_backups(desk) if b.name.endswith("-replaced.db")]


def _garble(path: Path, *, header: bool = True) -> bytes:
    """A disk failure: every page after the first (and the first too unless ``header``)
    scribbled over; the journal files gone. Returns the garbled bytes."""
    close_database()
    checkpoint(path)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    for i in range(100 if header else 0, len(data), 3):
        data[i] = 0x55
    path.write_bytes(bytes(data))
    return bytes(data)


def _other_catalogue(path: Path, supervisor: str = "lib") -> Path:
    """A catalogue someone made with ``init`` elsewhere, where ``supervisor`` is supervisor."""
    close_database()
    open_database(path, create=True)
    staff.create_first_supervisor(supervisor, PASSWORD)
    close_database()
    return path


def _last_entry(path: Path) -> tuple[str, str, dict]:
    staff_name, action, details = _rows(
        path, "SELECT staff, action, details FROM audit_entry ORDER BY id DESC LIMIT 1"
    )[0]
    return staff_name, action, json.loads(details)


def test_an_unreadable_database_is_restored_against_its_own_newest_backup(
    desk, restore_cli, tmp_path
):
    backup.backup_database()  # the catalogue's own backup, in its backups folder
    saved = backup.backup_database(tmp_path / "saved.db")
    garbage = _garble(desk)
    assert restore_cli(saved, password="not-it").code == 5
    assert restore_cli(saved, user="lib").code == 5  # a librarian in the catalogue's backup
    assert desk.read_bytes() == garbage  # nothing happens on a refusal
    result = restore_cli(saved)
    assert result.code == 0, result.text
    open_database(desk)
    assert catalogue.get_copy("B1").barcode == "B1" and audit.verify().ok
    (aside,) = [b for b in backup.list_backups(desk) if b.name.endswith("-replaced.db")]
    assert aside.read_bytes() == garbage
    who, action, details = _last_entry(desk)
    assert (who, action) == ("boss", "restore")
    assert details["replaced_head"] == "unreadable" and details["verified"] is True
    assert details["signed_in_against"].startswith("backup catalogue-")


def test_a_librarian_cannot_restore_a_catalogue_of_their_own_making(
    desk, librarian, restore_cli, tmp_path
):
    """The insider: 'init' elsewhere (they are its supervisor), then restore it here."""
    circulation.lend(librarian, "B1", "W1")
    own = _other_catalogue(tmp_path / "mine.db", supervisor="lib")
    before = dump(desk)
    assert restore_cli(own, user="lib").code == 5  # signed in against THIS catalogue
    refused = restore_cli(own, user="boss")  # even the supervisor: another catalogue
    assert refused.code == 1 and "another catalogue" in refused.err
    garbage = _garble(desk)  # the file unreadable: the backups folder decides
    assert restore_cli(own, user="lib").code == 1  # no backup can be read: refused
    assert desk.read_bytes() == garbage
    assert before != garbage


def test_a_backup_of_another_catalogue_is_refused_when_the_file_is_unreadable(
    desk, restore_cli, tmp_path
):
    backup.backup_database()
    other = _other_catalogue(tmp_path / "other.db", supervisor="boss")
    garbage = _garble(desk)
    refused = restore_cli(other)
    assert refused.code == 1 and "another catalogue" in refused.err
    assert desk.read_bytes() == garbage
    assert not [b for b in backup.list_backups(desk) if b.name.endswith("-replaced.db")]


def test_a_foreign_backup_planted_in_the_backups_folder_is_refused(desk, restore_cli, tmp_path):
    backup.backup_database()
    other = _other_catalogue(tmp_path / "other.db", supervisor="lib")
    planted = backup.backups_folder(desk) / "catalogue-29991231-000000-000000-manual.db"
    shutil.copy(other, planted)
    garbage = _garble(desk)
    refused = restore_cli(other, user="lib")
    assert refused.code == 1 and "different catalogues" in refused.err
    assert desk.read_bytes() == garbage


def test_with_nothing_readable_only_an_unverified_restore_with_a_reason_is_possible(
    desk, restore_cli, monkeypatch, capsys, tmp_path
):
    saved = backup.backup_database(tmp_path / "saved.db")
    garbage = _garble(desk)

    def run(*extra: str, user: str = "boss"):
        return run_cli(
            monkeypatch,
            capsys,
            "--db",
            str(desk),
            "restore",
            str(saved),
            *extra,
            user=user,
            password=PASSWORD,
        )

    refused = run()
    assert refused.code == 1 and "--unverified --reason" in refused.err
    assert run("--unverified").code == 1  # no reason
    assert run("--reason", "disk died").code == 1  # a reason alone unlocks nothing
    assert run("--unverified", "--reason", "disk died", user="lib").code == 5
    assert desk.read_bytes() == garbage
    done = run("--unverified", "--reason", "the disk died; backup from the USB stick")
    assert done.code == 0, done.text
    assert "UNVERIFIED" in done.out
    who, action, details = _last_entry(desk)
    assert (who, action) == ("boss", "restore-unverified")
    assert details["reason"] == "the disk died; backup from the USB stick"
    assert details["verified"] is False and "cannot be read" in details["catalogue_unreadable"]
    again = run("--unverified", "--reason", "again")  # now the catalogue reads: refused
    assert again.code == 1 and "without --unverified" in again.err


def test_a_garbled_header_is_never_replaced_by_a_plain_file_unless_moved_away(
    desk, restore_cli, tmp_path
):
    backup.backup_database()
    saved = backup.backup_database(tmp_path / "saved.db")
    garbage = _garble(desk, header=False)  # cannot be told from an encrypted file
    refused = restore_cli(saved)
    assert refused.code == 1 and "encrypted" in refused.err and "move it" in refused.err
    assert desk.read_bytes() == garbage
    desk.rename(tmp_path / "garbled.db")  # a supervisor moves the damaged file away
    assert restore_cli(saved).code == 0


def test_the_catalogue_id_is_fixed_at_creation_and_carried_by_every_backup(desk, tmp_path):
    stored = settings.get(identity.CATALOGUE_ID)
    assert uuid.UUID(stored).version == 4
    made = backup.backup_database(tmp_path / "copy.db")
    assert _rows(made, "SELECT value FROM setting WHERE key = 'catalogue_id'") == [(stored,)]
    for statement in (
        "UPDATE setting SET value = 'mine' WHERE key = 'catalogue_id'",
        "DELETE FROM setting WHERE key = 'catalogue_id'",
        "INSERT OR REPLACE INTO setting VALUES ('catalogue_id', 'mine')",
    ):
        with pytest.raises(IntegrityError):
            db_module.database.execute_sql(statement)
    assert settings.get(identity.CATALOGUE_ID) == stored
    other = _other_catalogue(tmp_path / "other.db")
    assert _rows(other, "SELECT value FROM setting WHERE key = 'catalogue_id'") != [(stored,)]


def test_an_older_catalogue_and_its_older_backups_get_the_same_id(desk, tmp_path):
    """Migration 0007 on a catalogue made before it: the id is derived from the chain's first
    entry, so a backup taken before the migration still matches the catalogue."""
    close_database()
    with sqlite3.connect(desk) as connection:  # the file as it was before 0007
        for trigger in ("catalogue_id_fixed", "catalogue_id_kept", "catalogue_id_once"):
            connection.execute(f"DROP TRIGGER {trigger}")
        connection.execute("DELETE FROM setting WHERE key = 'catalogue_id'")
        connection.execute("DELETE FROM schema_migration WHERE name LIKE '0007%'")
    checkpoint(desk)
    old_backup = tmp_path / "old-backup.db"
    shutil.copy(desk, old_backup)
    assert _rows(old_backup, "SELECT value FROM setting WHERE key = 'catalogue_id'") == []
    open_database(desk)  # migrates
    stored = settings.get(identity.CATALOGUE_ID)
    first_hash = AuditEntry.select().order_by(AuditEntry.id).first().hash
    assert stored == identity.derived_catalogue_id(first_hash)
    assert backup.restore(desk, old_backup, "boss", PASSWORD).verified
    assert settings.get(identity.CATALOGUE_ID) == stored


def test_restore_under_an_open_window_leaves_its_connection_working(desk, librarian, tmp_path):
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
