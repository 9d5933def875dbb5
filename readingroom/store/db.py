"""The one database: a peewee proxy, the base model, connection set-up and migrations.

Every service function writes inside :func:`write_transaction` (``BEGIN IMMEDIATE``), so
two processes never interleave a check and a write. The schema is built only by the
numbered scripts in ``readingroom/store/migrations`` (peewee's ``playhouse.migrations`` runner);
an existing file is backed up before any migration touches it, by the hook the layer above
registers (:func:`before_migration`; ``readingroom.backup`` registers its copy), so the store
imports nothing above it.
Every sqlite failure leaves here as a typed environment error that says what to do.
"""

from __future__ import annotations

import logging
import os
import random
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from peewee import Database, DatabaseProxy, Model, OperationalError, SqliteDatabase
from peewee import DatabaseError as PeeweeDatabaseError
from playhouse.migrations import Runner

from readingroom.errors import (
    SQLITE_BUSY,
    SQLITE_CANTOPEN,
    SQLITE_CORRUPT,
    SQLITE_ERROR,
    SQLITE_FULL,
    SQLITE_IOERR,
    SQLITE_LOCKED,
    SQLITE_NOTADB,
    SQLITE_READONLY,
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseUnavailable,
    EnvironmentProblem,
    ReadingRoomError,
    WrongPassphrase,
    sqlite_failure,
    wrapped,
)
from readingroom.files import private_create, private_mode_of
from readingroom.messages import Text, said
from readingroom.store.server import (
    ServerDatabase,
    ServerUrl,
    is_server_url,
    mask_password,
    server_database,
)

database = DatabaseProxy()

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_TABLE = "schema_migration"
BUSY_TIMEOUT_MS = 10_000
#: milliseconds a write waits for another program's lock before giving up (tests lower it)
BUSY_TIMEOUT_ENV = "READINGROOM_BUSY_TIMEOUT_MS"
#: each try for the write lock waits at most this long inside SQLite (see _begin_write)
LOCK_TRY_MS = 20
SQLITE_HEADER = b"SQLite format 3\x00"
#: an I/O error with less free space than this left on the disk is a full disk
NEARLY_FULL_BYTES = 1 << 20
#: the tables that make a file a Reading Room database
SIGNATURE_TABLES = (MIGRATION_TABLE, "audit_entry", "audit_head")

# synchronous=full: a commit reported to the desk survives a power cut, not only a crash
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "synchronous": "full",
}


class _NoQueryParameters(logging.Filter):
    """peewee logs each query with its parameters at DEBUG level: keep the SQL, drop the
    values, so no password hash or borrower's detail ever reaches a log file."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, tuple) and len(record.msg) == 2:
            record.msg, record.args = str(record.msg[0]), ()
        return True


logging.getLogger("peewee").addFilter(_NoQueryParameters())


class BaseModel(Model):
    """Base of every model: bound to the proxy, snake_case table names."""

    class Meta:
        database = database
        legacy_table_names = False


def busy_timeout_ms() -> int:
    """The lock wait: ``$READINGROOM_BUSY_TIMEOUT_MS`` or 10 seconds."""
    try:
        return max(0, int(os.environ.get(BUSY_TIMEOUT_ENV, "")))
    except ValueError:
        return BUSY_TIMEOUT_MS


def make_database(path: str | Path, key: str | None = None) -> SqliteDatabase:
    """A peewee database for ``path`` (SQLCipher-encrypted when ``key`` is given)."""
    timeout = busy_timeout_ms()
    pragmas = {**PRAGMAS, "busy_timeout": timeout}
    if key:
        # here, not above: SQLCipher's driver is loaded only for an encrypted catalogue
        from playhouse.sqlcipher_ext import SqlCipherDatabase

        # cipher_log_level first: a wrong passphrase is our message, not SQLCipher's log
        encrypted: SqliteDatabase = SqlCipherDatabase(
            str(path),
            passphrase=key,
            pragmas={"cipher_log_level": "NONE", **pragmas},
            timeout=timeout / 1000,
        )
        return encrypted
    return SqliteDatabase(str(path), pragmas=pragmas, timeout=timeout / 1000)


def file_database(
    path: str | Path, key: str | None = None, *, readonly: bool = False
) -> SqliteDatabase:
    """A connection to another file (a backup being written or checked): no pragmas, so its
    journal mode is left as it is, and never bound to the proxy."""
    timeout = busy_timeout_ms() / 1000
    target, uri = str(path), False  # the drivers' own default
    if readonly:
        target, uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro", True
    if key:
        # here, not above: SQLCipher's driver is loaded only for an encrypted catalogue
        from playhouse.sqlcipher_ext import SqlCipherDatabase

        encrypted: SqliteDatabase = SqlCipherDatabase(
            target, passphrase=key, pragmas={"cipher_log_level": "NONE"}, timeout=timeout, uri=uri
        )
        return encrypted
    return SqliteDatabase(target, pragmas={}, timeout=timeout, uri=uri)


def database_key(db: SqliteDatabase | None = None) -> str | None:
    """The passphrase ``db`` (default: the open catalogue) was opened with, if encrypted."""
    db = db or database.obj
    return (getattr(db, "connect_params", None) or {}).get("passphrase") or None


def is_plaintext(path: str | Path) -> bool:
    """Whether ``path`` starts with SQLite's header (an unencrypted database)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def effective_key(path: str | Path, key: str | None) -> str | None:
    """The passphrase to use: none for a plain file even when one is set in the environment."""
    path = Path(path)
    if key and path.exists() and path.stat().st_size > 0 and is_plaintext(path):
        return None
    return key or None


def open_database(
    path: str | Path | ServerUrl,
    *,
    key: str | None = None,
    create: bool = False,
    migrate: bool = True,
) -> SqliteDatabase:
    """Connect the proxy to ``path`` and bring its schema up to date.

    ``create`` allows a new file; without it a missing file is an error, so a typo in
    ``--db`` never silently starts an empty catalogue. A ``postgresql://`` address (a
    :class:`~readingroom.store.server.ServerUrl`) opens a catalogue on a server instead.
    """
    if isinstance(path, ServerUrl) or is_server_url(path):
        if key:
            raise DatabaseUnavailable(
                said(
                    "Encryption (READINGROOM_KEY, init --encrypt) is for a SQLite file only: "
                    "a catalogue on a PostgreSQL server is protected by the server (its "
                    "accounts, TLS and disk encryption). Unset READINGROOM_KEY and try again."
                )
            )
        url = path if isinstance(path, ServerUrl) else ServerUrl(str(path))
        server: SqliteDatabase = open_server(url, create=create, migrate=migrate)
        return server  # the same peewee Database interface; SQLite's name kept for callers
    path = Path(path)
    existing = _check_file(path, create)
    key = effective_key(path, key)
    if existing and not key and not is_plaintext(path):
        raise DatabaseDamaged(
            said(
                "{path} is encrypted or is not a Reading Room database. If it is encrypted, "
                "set READINGROOM_KEY to its passphrase and try again.",
                path=str(path),
            )
        )
    if existing and not key:
        _probe_signature(path)
    if not existing:
        private_create(path)  # 0600 before SQLite meets it; its -wal and -shm follow it
    else:
        private_mode_of(path)
    db = make_database(path, key)
    close_database()
    database.initialize(db)
    try:
        _first_read(db, path, encrypted=bool(key))
        if existing:
            _check_signature(db, path)
        if migrate:
            _bring_up_to_date(db, path, existing)
    except ReadingRoomError:
        close_database()
        raise
    except (PeeweeDatabaseError, sqlite3.DatabaseError) as exc:
        close_database()
        raise translate_error(exc, path) from exc
    return db


def open_server(url: ServerUrl, *, create: bool = False, migrate: bool = True) -> Any:
    """Connect the proxy to the catalogue on a PostgreSQL server. ``create``: make the
    catalogue in an empty database (the migrations' schema, see
    :mod:`readingroom.store.server_schema`); without it an empty database is refused, as a
    missing file is."""
    db = server_database(url)
    db.lock_wait_ms = busy_timeout_ms()
    close_database()
    database.initialize(db)
    try:
        db.connect()
        tables = set(db.get_tables())
        if not tables and create:
            _build_on_server(db)
        elif not tables:
            raise DatabaseUnavailable(
                said(
                    "No catalogue in the database {url}: create one with "
                    "'readingroom --db {again} init'.",
                    url=str(url),
                    again=str(url),
                )
            )
        elif create:
            raise DatabaseUnavailable(
                said(
                    "The database {url} is not empty; init never writes over a database.",
                    url=str(url),
                )
            )
        elif not set(SIGNATURE_TABLES) <= tables:
            raise DatabaseDamaged(_another_program(url))
        if migrate and pending_migrations(db):
            _bring_server_up_to_date(db, url)
        if migrate:
            _keep_row_counts(db)
    except ReadingRoomError:
        close_database()
        raise
    except PeeweeDatabaseError as exc:
        close_database()
        raise translate_error(exc, url) from exc
    return db


def server_is_empty(url: ServerUrl) -> bool:
    """Whether the database ``url`` names is reachable and holds no tables at all (a
    database made for a catalogue not yet created). A server that cannot be reached is not
    said to be empty: opening it says why."""
    db = server_database(url)
    try:
        db.connect()
        return not db.get_tables()
    except PeeweeDatabaseError:
        return False
    finally:
        if not db.is_closed():
            db.close()


def empty_server_catalogue() -> None:
    """Remove a catalogue just made on a server whose making failed (its tables, views and
    trigger functions), so the database is empty again."""
    db = database.obj
    if not on_server(db):
        return
    db.rollback()
    with db.atomic():
        for (name,) in db.execute_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchall():
            db.execute_sql(f'DROP TABLE IF EXISTS "{name}" CASCADE')
        for (name,) in db.execute_sql(
            "SELECT proname FROM pg_proc WHERE pronamespace = current_schema()::regnamespace "
            "AND proname LIKE %s",
            ("rr\\_%",),
        ).fetchall():
            db.execute_sql(f'DROP FUNCTION IF EXISTS "{name}"() CASCADE')


def _bring_server_up_to_date(db: ServerDatabase, url: ServerUrl) -> list[str]:
    """Apply the pending numbered migrations on a server, each in its transaction (their
    SQLite DDL in PostgreSQL's form: :func:`~readingroom.store.server_schema.migration_ddl`).
    A migration that fails leaves the catalogue at the one before; the server's own
    backups (``readingroom backup``, pg_dump) are the copy to go back to."""
    runner = Runner(db, str(MIGRATIONS_DIR), table_name=MIGRATION_TABLE)
    unknown = [m.name for m in runner.status() if m.path is None]
    if unknown:
        raise DatabaseUnavailable(_newer_version(url, unknown))
    applied: list[str] = runner.up()
    return applied


def _keep_row_counts(db: ServerDatabase) -> None:
    """A catalogue made on a server before it kept its row counts starts keeping them
    (:func:`~readingroom.store.server_schema.row_counts_sql`)."""
    import psycopg

    from readingroom.store.server_schema import ROW_COUNT_TABLE, row_counts_sql

    with db.atomic():
        cursor = psycopg.Cursor(db.connection())  # type: ignore[no-untyped-call]
        found = cursor.execute("SELECT to_regclass(%s)", (ROW_COUNT_TABLE,)).fetchone()
        if found and found[0] is not None:
            return
        for statement in row_counts_sql():  # PostgreSQL's own SQL: the plain cursor
            cursor.execute(statement)


def _newer_version(path: Path | ServerUrl, unknown: list[str]) -> Text:
    return said(
        "{path} was written by a newer version of Reading Room (it has {migrations}): "
        "update the program before opening it.",
        path=str(path),
        migrations=", ".join(unknown),
    )


def _another_program(path: Path | ServerUrl) -> Text:
    return said(
        "{path} is a database of another program, not a Reading Room database; nothing "
        "was changed.",
        path=str(path),
    )


def _build_on_server(db: ServerDatabase) -> None:
    """The current schema in an empty database on a server, from the migrations run on a
    new SQLite catalogue in memory (its catalogue id and its first audit entries with it)."""
    from readingroom.store.server_schema import copy_catalogue

    memory = SqliteDatabase(":memory:", pragmas={"foreign_keys": 1})
    memory.connect()
    try:
        migrate_database(memory)
        with db.atomic():
            copy_catalogue(memory.connection(), db.connection())  # type: ignore[no-untyped-call]
    finally:
        memory.close()


def _first_read(db: SqliteDatabase, path: Path, *, encrypted: bool) -> None:
    """Connect and read the first page: where a wrong passphrase shows (and only there:
    a later "not a database" is damage, not the passphrase)."""
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except (PeeweeDatabaseError, sqlite3.DatabaseError) as exc:
        raise translate_error(exc, path, encrypted=encrypted) from exc


def _check_file(path: Path, create: bool) -> bool:
    """Whether ``path`` holds data; refuses a missing file (unless creating) or a read-only
    one before sqlite meets it."""
    if create and not path.parent.is_dir():
        raise DatabaseUnavailable(
            said(
                "The folder {folder} does not exist. Create it, or choose another place for "
                "the database.",
                folder=str(path.parent),
            )
        )
    if not path.exists():
        if create:
            return False
        raise DatabaseUnavailable(
            said(
                "No database at {path}. Check the path, or create one with "
                "'readingroom --db {again} init'.",
                path=str(path),
                again=str(path),
            )
        )
    if path.is_dir():
        raise DatabaseUnavailable(said("{path} is a folder, not a database file.", path=str(path)))
    if not os.access(path, os.R_OK | os.W_OK):
        raise DatabaseUnavailable(
            said(
                "The database {path} is read-only or not readable for this user. Reading "
                "Room records every change and sign-in in it: check the file's permissions "
                "(or copy it to a folder you may write to) and try again.",
                path=str(path),
            )
        )
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise DatabaseUnavailable(
            said(
                "The folder {folder} is read-only: the database needs to write its journal "
                "next to the file. Check the folder's permissions and try again.",
                folder=str(path.parent),
            )
        )
    if path.stat().st_size == 0 and not create:
        raise DatabaseDamaged(
            said(
                "{path} is empty: it is not a Reading Room database. Restore a "
                "backup ('readingroom restore FILE') or create a new one.",
                path=str(path),
            )
        )
    return path.stat().st_size > 0


def _probe_signature(path: Path) -> None:
    """Refuse another program's database before our pragmas (WAL mode) touch it."""
    probe = file_database(path, readonly=True)
    try:
        probe.connect()
        _check_signature(probe, path)
    except (PeeweeDatabaseError, sqlite3.DatabaseError) as exc:
        raise translate_error(exc, path) from exc
    finally:
        probe.close()


def _check_signature(db: SqliteDatabase, path: Path) -> None:
    tables = set(db.get_tables())
    if not set(SIGNATURE_TABLES) <= tables:
        raise DatabaseDamaged(_another_program(path))


#: called with ``(database, path)`` before migrations change an existing file (the backup)
BEFORE_MIGRATION: list[Callable[[SqliteDatabase, Path], object]] = []


def before_migration(hook: Callable[[SqliteDatabase, Path], object]) -> None:
    """Register ``hook`` to run before migrations change an existing file (once only)."""
    if hook not in BEFORE_MIGRATION:
        BEFORE_MIGRATION.append(hook)


def _bring_up_to_date(db: SqliteDatabase, path: Path, existing: bool) -> list[str]:
    """Apply pending migrations, after a backup when the file already held a catalogue."""
    runner = Runner(db, str(MIGRATIONS_DIR), table_name=MIGRATION_TABLE)
    status = runner.status()
    unknown = [m.name for m in status if m.path is None]
    if unknown:
        raise DatabaseUnavailable(_newer_version(path, unknown))
    if not any(m.applied is None for m in status):
        return []
    _refuse_a_second_baseline(db, path, [m.name for m in status if m.applied is None])
    if existing:
        if not BEFORE_MIGRATION:
            raise RuntimeError(
                "no backup is registered to run before a migration (import readingroom.backup)"
            )
        for hook in BEFORE_MIGRATION:
            hook(db, path)
    applied: list[str] = runner.up()
    return applied


#: the migration that records the rows as they stand (its ``baseline`` entries)
BASELINE_MIGRATION = "0009_after_images"


def _refuse_a_second_baseline(db: SqliteDatabase, path: Path, pending: list[str]) -> None:
    """Migration 0009 records the rows as they stand as the trail's own; on a file whose
    trail already carries after-images it was struck from the record outside Reading Room
    (to record rows edited with sqlite3 as the trail's), and is never run again."""
    if BASELINE_MIGRATION not in pending:
        return
    try:
        carries = db.execute_sql(
            "SELECT 1 FROM audit_entry WHERE details LIKE '{\"after\":%' LIMIT 1"
        ).fetchone()
    except OperationalError:  # a new file: no trail yet
        return
    if carries:
        raise DatabaseDamaged(
            said(
                "{path} has after-images in its audit trail but no record of migration 9, "
                "which made them: its record of migrations was edited outside Reading Room, "
                "and running it again would record the tables as they stand as the trail's "
                "own. Run 'readingroom doctor' and restore a good backup.",
                path=str(path),
            )
        )


def sqlite_code(exc: BaseException | None) -> int | None:
    """The primary SQLite result code behind ``exc`` (peewee wraps the driver's error, which
    carries it as ``sqlite_errorcode``), or None."""
    failure = sqlite_failure(exc)
    return failure.primary if failure is not None else None


def is_locked_error(exc: BaseException) -> bool:
    """Another program holds the lock (SQLITE_BUSY / SQLITE_LOCKED)."""
    failure = sqlite_failure(exc)
    return failure is not None and failure.primary in (SQLITE_BUSY, SQLITE_LOCKED)


def translate_error(
    exc: BaseException,
    path: str | Path | ServerUrl | None = None,
    *,
    encrypted: bool = False,
) -> EnvironmentProblem:
    """Turn a sqlite failure into the environment error the user can act on, by SQLite's
    result code (never by its wording).

    ``encrypted``: ``exc`` came from the first read of a file opened with a passphrase, so
    SQLITE_NOTADB means the passphrase does not open it (:class:`WrongPassphrase`).
    """
    failure = sqlite_failure(exc)
    code = failure.primary if failure is not None else None
    where = f" ({path})" if path else ""
    if server_state(exc) == LOCK_NOT_AVAILABLE:
        return DatabaseLocked(
            said(
                "The catalogue{where} is being changed by another desk for longer than it "
                "waits: try again in a moment; nothing was changed.",
                where=where,
            )
        )
    if failure is None and is_server_url(path if isinstance(path, ServerUrl) else str(path)):
        return DatabaseUnavailable(
            said(
                "The PostgreSQL server's database{where} cannot be used ({why}). Check the "
                "address, that the server is running, and the password (PGPASSWORD or "
                "~/.pgpass); nothing was changed.",
                where=where,
                why=mask_password(str(exc)).strip(),
            )
        )
    if encrypted and code == SQLITE_NOTADB:
        return WrongPassphrase(
            said(
                "The passphrase does not open the database{where}: check READINGROOM_KEY (or "
                "the passphrase typed) and try again. Nothing was changed.",
                where=where,
            ),
            sqlite=failure,
        )
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseLocked(
            said(
                "The database{where} is locked by another program. Close the other program "
                "(or wait for it to finish) and try again.",
                where=where,
            ),
            sqlite=failure,
        )
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):  # SQLITE_CORRUPT_VTAB too: a damaged index
        return DatabaseDamaged(
            said(
                "The database{where} is damaged or not a Reading Room database (or the "
                "passphrase is wrong). Run 'readingroom doctor' or restore a backup.",
                where=where,
            ),
            sqlite=failure,
        )
    if code == SQLITE_READONLY:
        return DatabaseUnavailable(
            said("The database{where} is read-only. Check the file's permissions.", where=where),
            sqlite=failure,
        )
    if code == SQLITE_CANTOPEN:
        return DatabaseUnavailable(
            said(
                "The database{where} cannot be opened: check the folder exists and is writable.",
                where=where,
            ),
            sqlite=failure,
        )
    if code == SQLITE_FULL or (
        code == SQLITE_IOERR and not isinstance(path, ServerUrl) and nearly_full(path)
    ):
        return DatabaseUnavailable(
            said(
                "The disk is full{where}: nothing was changed. Free some space and try again.",
                where=where,
            ),
            sqlite=failure,
        )
    if code == SQLITE_IOERR:
        return DatabaseUnavailable(
            said(
                "The disk could not be read or written{where}: nothing was changed. Check the "
                "disk (is it full, removed or failing?) and try again.",
                where=where,
            ),
            sqlite=failure,
        )
    return DatabaseUnavailable(
        said(
            "The database{where} cannot be used ({why}). Run 'readingroom doctor' to check it.",
            where=where,
            why=str(exc),
        ),
        sqlite=failure,
    )


def nearly_full(path: str | Path | None) -> bool:
    """sqlite reports some short writes only as "disk I/O error": look at the disk."""
    if not path:
        return False
    try:
        return shutil.disk_usage(Path(path).resolve().parent).free < NEARLY_FULL_BYTES
    except OSError:
        return False


#: PostgreSQL's SQLSTATE of a lock not granted in time (``lock_timeout``)
LOCK_NOT_AVAILABLE = "55P03"


def server_state(exc: BaseException | None) -> str | None:
    """PostgreSQL's SQLSTATE behind ``exc`` (peewee wraps psycopg's error), or None."""
    states = (getattr(each, "sqlstate", None) for each in wrapped(exc))
    return next((state for state in states if isinstance(state, str)), None)


def current_path() -> str | None:
    """The open catalogue's file (or server address, its password masked)."""
    obj = database.obj
    where = getattr(obj, "database", None) if obj is not None else None
    return mask_password(where) if isinstance(obj, ServerDatabase) and where else where


def insert_returning_id(sql: str, params: Any) -> int:
    """Run one ``INSERT`` of a row into a table with an ``id`` and return that id (SQLite's
    ``lastrowid``; ``RETURNING id`` on a server)."""
    if on_server():
        row = database.execute_sql(sql + " RETURNING id", params).fetchone()
        return int(row[0])
    return int(database.execute_sql(sql, params).lastrowid)


def on_server(db: Any = None) -> bool:
    """Whether ``db`` (default: the open catalogue) is on a PostgreSQL server."""
    db = database if db is None else db
    return isinstance(db.obj if isinstance(db, DatabaseProxy) else db, ServerDatabase)


#: the driver's errors that are a failure of the file or the disk: an operational error, or
#: a database error of no narrower kind (a constraint refused, a misused API are bugs)
ENVIRONMENT_ERRORS = (OperationalError, sqlite3.OperationalError)
PLAIN_DATABASE_ERRORS = (PeeweeDatabaseError, sqlite3.DatabaseError)


def is_environment_error(exc: BaseException) -> bool:
    """A failure of the file or the disk (locked, full, corrupt, unreadable), not a bug."""
    return isinstance(exc, ENVIRONMENT_ERRORS) or type(exc) in PLAIN_DATABASE_ERRORS


def migrate_database(db: SqliteDatabase) -> list[str]:
    """Apply pending numbered migrations; returns the names applied."""
    applied: list[str] = Runner(db, str(MIGRATIONS_DIR), table_name=MIGRATION_TABLE).up()
    return applied


def pending_migrations(db: Database) -> list[str]:
    runner = Runner(db, str(MIGRATIONS_DIR), table_name=MIGRATION_TABLE)
    return [m.name for m in runner.status() if m.applied is None and m.path is not None]


def schema_version(db: Database | None = None) -> int:
    """The number of the newest applied migration (0 for an empty file)."""
    return max(applied_migrations(db), default=0)


def applied_migrations(db: Database | None = None) -> set[int]:
    """The numbers of the migrations applied to ``db`` (default: the open catalogue)."""
    source: Database | DatabaseProxy = db or database
    try:
        rows = source.execute_sql(f"SELECT name FROM {MIGRATION_TABLE}").fetchall()
    except OperationalError:
        return set()
    return {int(name.split("_", 1)[0]) for (name,) in rows}


def latest_schema_version() -> int:
    return max(int(p.name.split("_", 1)[0]) for p in MIGRATIONS_DIR.glob("[0-9]*.py"))


def close_database() -> None:
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()


#: ``(at_begin, before_commit)`` pairs called around every top-level write transaction
#: (``readingroom.audit`` registers its after-image checks here)
WRITE_HOOKS: list[tuple[Callable[[], None], Callable[[], None]]] = []
#: called after every top-level write transaction has ended, committed or rolled back, in
#: its thread (``readingroom.refusals`` writes the refused attempts noted during it); a hook
#: never raises
AFTER_WRITE_HOOKS: list[Callable[[], None]] = []


@contextmanager
def write_transaction() -> Iterator[None]:
    """One write: ``BEGIN IMMEDIATE`` at the top level, a savepoint when nested."""
    top = False
    try:
        with ExitStack() as stack:
            top = _begin_write(stack)
            hooks = WRITE_HOOKS if top else []
            for at_begin, _ in hooks:
                at_begin()
            yield
            for _, before_commit in hooks:
                before_commit()
    except (PeeweeDatabaseError, sqlite3.DatabaseError) as exc:
        cause = _first_error(exc)
        if not is_environment_error(cause):
            raise
        raise translate_error(cause, current_path()) from exc
    finally:
        if top:
            for after in AFTER_WRITE_HOOKS:
                after()


def _begin_write(stack: ExitStack) -> bool:
    """Enter ``atomic("IMMEDIATE")`` on ``stack``, waiting up to the busy timeout for the
    write lock in short tries. SQLite's own wait backs off to 100 ms naps, and under a busy
    desk, a window and scripts writing at once a waiting writer could miss every free
    moment until it gave up with "database is locked"; short tries keep the wait fair."""
    transaction = database.atomic("IMMEDIATE")
    if database.transaction_depth() > 0:  # a savepoint inside the caller's write
        stack.enter_context(transaction)
        return False
    if on_server():  # the server's write lock waits for its turn (ServerDatabase.begin)
        stack.enter_context(transaction)
        return True
    deadline = time.monotonic() + busy_timeout_ms() / 1000
    database.execute_sql(f"PRAGMA busy_timeout = {LOCK_TRY_MS}")
    try:
        while True:
            try:
                stack.enter_context(transaction)
                return True
            except OperationalError as exc:
                if not is_locked_error(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(random.uniform(0, 0.002))
    finally:
        database.execute_sql(f"PRAGMA busy_timeout = {busy_timeout_ms()}")


def _first_error(exc: BaseException) -> BaseException:
    """The error that started it: after a disk error SQLite ends the transaction itself,
    and the rollback that follows fails too, with SQLite's generic SQLITE_ERROR, hiding the
    real cause. A generic error raised while handling another database error gives way
    to that one."""
    while isinstance(exc.__context__, PeeweeDatabaseError | sqlite3.DatabaseError):
        failure = sqlite_failure(exc)
        if failure is None or failure.primary != SQLITE_ERROR:
            break
        exc = exc.__context__
    return exc


@contextmanager
def read_transaction() -> Iterator[None]:
    """A consistent snapshot for reads that span several queries."""
    with database.atomic("DEFERRED"):
        yield
