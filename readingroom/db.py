"""The one database: a peewee proxy, the base model, connection set-up and migrations.

Every service function writes inside :func:`write_transaction` (``BEGIN IMMEDIATE``), so
two processes never interleave a check and a write. The schema is built only by the
numbered scripts in ``readingroom/migrations`` (peewee's ``playhouse.migrations`` runner).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from peewee import DatabaseProxy, Model, OperationalError, SqliteDatabase
from playhouse.migrations import Runner

from readingroom.errors import DatabaseDamaged, DatabaseLocked, DatabaseUnavailable

database = DatabaseProxy()

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_TABLE = "schema_migration"
BUSY_TIMEOUT_MS = 10_000

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "synchronous": "normal",
}


class BaseModel(Model):
    """Base of every model: bound to the proxy, snake_case table names."""

    class Meta:
        database = database
        legacy_table_names = False


def make_database(path: str | Path, key: str | None = None) -> SqliteDatabase:
    """A peewee database for ``path`` (SQLCipher-encrypted when ``key`` is given)."""
    if key:
        from playhouse.sqlcipher_ext import SqlCipherDatabase

        return SqlCipherDatabase(str(path), passphrase=key, pragmas=PRAGMAS,
                                 timeout=BUSY_TIMEOUT_MS / 1000)
    return SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_MS / 1000)


def open_database(path: str | Path, *, key: str | None = None, create: bool = False,
                  migrate: bool = True) -> SqliteDatabase:
    """Connect the proxy to ``path`` and bring its schema up to date.

    ``create`` allows a new file; without it a missing file is an error, so a typo in
    ``--db`` never silently starts an empty catalogue.
    """
    path = Path(path)
    if not create and not path.exists():
        raise DatabaseUnavailable(
            f"No database at {path}. Create one with 'readingroom --db {path} init'.")
    if create and not path.parent.exists():
        raise DatabaseUnavailable(f"The folder {path.parent} does not exist.")
    db = make_database(path, key)
    close_database()
    database.initialize(db)
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        if migrate:
            migrate_database(db)
    except (OperationalError, sqlite3.DatabaseError) as exc:
        close_database()
        raise translate_error(exc, path) from exc
    return db


def translate_error(exc: Exception, path: str | Path | None = None) -> Exception:
    """Turn a sqlite failure into the environment error the user can act on."""
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if "locked" in text or "busy" in text:
        return DatabaseLocked(
            f"The database{where} is locked by another program. Close the other program "
            "(or wait for it to finish) and try again.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseDamaged(
            f"The database{where} is damaged or not a Reading Room database (or the "
            "passphrase is wrong). Run 'readingroom doctor' or restore a backup.")
    if "readonly" in text or "read-only" in text:
        return DatabaseUnavailable(
            f"The database{where} is read-only. Check the file's permissions.")
    if "unable to open" in text:
        return DatabaseUnavailable(
            f"The database{where} cannot be opened: check the folder exists and is writable.")
    if "disk" in text and "full" in text:
        return DatabaseUnavailable(
            f"The disk is full{where}: nothing was changed. Free some space and try again.")
    return DatabaseUnavailable(f"The database{where} cannot be used: {exc}")


def migrate_database(db: SqliteDatabase) -> list[str]:
    """Apply pending numbered migrations; returns the names applied."""
    return Runner(db, str(MIGRATIONS_DIR), table_name=MIGRATION_TABLE).up()


def pending_migrations(db: SqliteDatabase) -> list[str]:
    runner = Runner(db, str(MIGRATIONS_DIR), table_name=MIGRATION_TABLE)
    return [m.name for m in runner.status() if m.applied is None and m.path is not None]


def schema_version(db: SqliteDatabase | None = None) -> int:
    """The number of the newest applied migration (0 for an empty file)."""
    db = db or database
    try:
        rows = db.execute_sql(f"SELECT name FROM {MIGRATION_TABLE}").fetchall()
    except OperationalError:
        return 0
    return max((int(name.split("_", 1)[0]) for (name,) in rows), default=0)


def latest_schema_version() -> int:
    return max(int(p.name.split("_", 1)[0]) for p in MIGRATIONS_DIR.glob("[0-9]*.py"))


def close_database() -> None:
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()


@contextmanager
def write_transaction() -> Iterator[None]:
    """One write: ``BEGIN IMMEDIATE`` at the top level, a savepoint when nested."""
    try:
        with database.atomic("IMMEDIATE"):
            yield
    except OperationalError as exc:
        raise translate_error(exc) from exc


@contextmanager
def read_transaction() -> Iterator[None]:
    """A consistent snapshot for reads that span several queries."""
    with database.atomic("DEFERRED"):
        yield
