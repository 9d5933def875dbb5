"""The central database: its own peewee proxy, connection and numbered migrations.

Apart from a branch's catalogue (``readingroom.store.db``): a file is recognised as central
by its migration table :data:`MIGRATION_TABLE`, and a branch catalogue (or any other
non-empty file) is refused, so ``--db`` never mixes the two. Everything here goes through
peewee (no SQLite-only SQL), so the schema and the queries run on PostgreSQL too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from peewee import Database, DatabaseError, DatabaseProxy, Model, PostgresqlDatabase, SqliteDatabase
from playhouse.migrations import Runner

from readingroom.errors import BadInput, DatabaseUnavailable, NotFound
from readingroom.files import private_create, private_mode_of
from readingroom.messages import said
from readingroom.paths import ServerUrl

central_db = DatabaseProxy()

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_TABLE = "central_migration"
#: a table only a branch catalogue has (``readingroom.store``'s migration table)
BRANCH_TABLE = "schema_migration"
BUSY_TIMEOUT_MS = 10_000


class CentralModel(Model):
    class Meta:
        database = central_db
        legacy_table_names = False


def _server(url: ServerUrl) -> PostgresqlDatabase:
    """The central database on a PostgreSQL server (psycopg reads the password from
    ``PGPASSWORD`` or ``~/.pgpass`` as libpq does)."""
    return PostgresqlDatabase(url.url, prefer_psycopg3=True)


def _sqlite(path: Path, *, readonly: bool = False) -> SqliteDatabase:
    pragmas = {"foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_MS}
    if readonly:
        target = f"file:{quote(str(path.resolve()))}?mode=ro"
        return SqliteDatabase(target, pragmas=pragmas, uri=True)
    return SqliteDatabase(str(path), pragmas={**pragmas, "journal_mode": "wal"})


def create_central(path: str | Path | ServerUrl) -> list[str]:
    """Make a new central database at ``path`` (a file, or an empty database on a
    PostgreSQL server); returns the migrations applied.

    A path holding anything (a branch catalogue, another file) is refused, nothing touched.
    """
    if isinstance(path, ServerUrl):
        server = _server(path)
        try:
            return create_on(server)
        finally:
            server.close()
    path = Path(path)
    if path.is_dir():
        raise BadInput(
            said("{path} is a folder: give a file name for the central database.", path=str(path))
        )
    if path.exists() and path.stat().st_size > 0:
        if _tables(path) & {BRANCH_TABLE}:
            raise BadInput(
                said(
                    "{path} is a branch catalogue, not a central database: nothing was "
                    "changed. Give a new file name for the central database.",
                    path=str(path),
                )
            )
        raise BadInput(
            said("{path} already exists and is not empty: nothing was changed.", path=str(path))
        )
    if not path.parent.is_dir():
        raise BadInput(said("Cannot create {path}: the folder does not exist.", path=str(path)))
    private_create(path)
    db = _sqlite(path)
    try:
        try:
            applied = _create(db)
        finally:
            db.close()
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return applied


def create_on(db: Database) -> list[str]:
    """Make the central schema in ``db``, an empty database (a new PostgreSQL database);
    a database holding any table already is refused, nothing touched."""
    if db.get_tables():
        raise BadInput(said("The database is not empty: give a new, empty database."))
    return _create(db)


def _create(db: Database) -> list[str]:
    applied: list[str] = Runner(db, str(MIGRATIONS_DIR), table_name=MIGRATION_TABLE).up()
    return applied


def _tables(path: Path) -> set[str]:
    """The tables of the SQLite file at ``path`` (empty when it is not one)."""
    db = _sqlite(path, readonly=True)
    try:
        return set(db.get_tables())
    except DatabaseError:
        return set()
    finally:
        db.close()


def open_central(path: str | Path | ServerUrl, *, readonly: bool = False) -> Database:
    """Connect the proxy to the central database at ``path`` (made by ``central init``; a
    file, or a database on a PostgreSQL server)."""
    if isinstance(path, ServerUrl):
        return use_database(_server(path), readonly=readonly)
    path = Path(path)
    if not path.is_file():
        raise NotFound(
            said("No central database at {path}: make one with 'central init'.", path=str(path))
        )
    tables = _tables(path)
    if MIGRATION_TABLE not in tables:
        if BRANCH_TABLE in tables:
            raise BadInput(
                said(
                    "{path} is a branch catalogue, not a central database: give the file "
                    "made by 'central init'.",
                    path=str(path),
                )
            )
        raise BadInput(
            said(
                "{path} is not a central database: give the file made by 'central init'.",
                path=str(path),
            )
        )
    if not readonly:
        private_mode_of(path)
    return use_database(_sqlite(path, readonly=readonly), readonly=readonly)


def use_database(db: Database, *, readonly: bool = False) -> Database:
    """Bind the proxy to ``db`` (any peewee database: a SQLite file, a PostgreSQL server
    given the schema by :func:`create_on`) and bring its schema up to date."""
    close_central()
    central_db.initialize(db)
    try:
        _bring_up_to_date(db, readonly=readonly)
    except BaseException:
        close_central()
        raise
    return db


def _bring_up_to_date(db: Database, *, readonly: bool) -> None:
    runner = Runner(db, str(MIGRATIONS_DIR), table_name=MIGRATION_TABLE)
    status = runner.status()
    if any(m.path is None for m in status):
        raise DatabaseUnavailable(
            said(
                "The central database was written by a newer version of Reading Room: "
                "update the program."
            )
        )
    pending = [m for m in status if m.applied is None]
    if not pending:
        return
    if len(pending) == len(status):
        raise BadInput(said("This is not a central database: make one with 'central init'."))
    if readonly:
        raise DatabaseUnavailable(
            said("The central database needs a newer schema: run a central command on it first.")
        )
    runner.up()


def is_central(path: str | Path | ServerUrl) -> bool:
    """Whether ``path`` is a central database (not a branch catalogue): read-only peek."""
    if isinstance(path, ServerUrl):
        server = _server(path)
        try:
            return MIGRATION_TABLE in server.get_tables()
        except DatabaseError:
            return False  # not reached: the branch store's opening says why
        finally:
            server.close()
    path = Path(path)
    return path.is_file() and MIGRATION_TABLE in _tables(path)


def close_central() -> None:
    obj = central_db.obj
    if obj is not None and not obj.is_closed():
        obj.close()


@contextmanager
def write_transaction() -> Iterator[None]:
    """One write, all or nothing: SQLite takes its write lock at the start (IMMEDIATE), so
    two imports never interleave; another database uses its own transaction."""
    lock = "IMMEDIATE" if isinstance(central_db.obj, SqliteDatabase) else None
    with central_db.atomic(lock) if lock else central_db.atomic():
        yield


@contextmanager
def read_transaction() -> Iterator[None]:
    with central_db.atomic():
        yield
