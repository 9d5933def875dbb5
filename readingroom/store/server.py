"""A catalogue on a PostgreSQL server: its address, its connection, and what it needs to
behave as the SQLite file does.

``--db postgresql://USER@HOST:PORT/NAME`` (or ``$READINGROOM_DB``) names a database on a
server instead of a file. The password never travels in the program's own text: libpq reads
it from ``PGPASSWORD`` or ``~/.pgpass``, and an address written with one is only ever shown
masked (:meth:`ServerUrl.__str__`).

The SQL the services write by hand is SQLite's (``?`` placeholders); :class:`ServerDatabase`
turns it into psycopg's form, and sends dates, times and truth values as SQLite stores them
(ISO text, 0/1), so a row reads back the same from either database. Every write transaction
(``BEGIN IMMEDIATE`` on SQLite) takes one advisory lock first: writers take turns, as on one
SQLite file, and the audit chain is appended by one writer at a time.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from peewee import PostgresqlDatabase
from peewee import __exception_wrapper__ as peewee_errors  # type: ignore[attr-defined]

SCHEMES = ("postgresql://", "postgres://")
#: the key of the advisory lock every write transaction takes (one writer at a time)
WRITE_LOCK_KEY = 0x52524442  # "RRDB"
#: what to install when no PostgreSQL programs are found
INSTALL_HINT = (
    "install PostgreSQL's server programs (Debian/Ubuntu: 'apt-get install postgresql'; "
    "they are found on PATH, through pg_config, or in /usr/lib/postgresql/*/bin)"
)


def is_server_url(text: object) -> bool:
    """Whether ``text`` names a database on a PostgreSQL server rather than a file."""
    return isinstance(text, ServerUrl) or (isinstance(text, str) and text.startswith(SCHEMES))


def mask_password(url: str) -> str:
    """``url`` with any password replaced by ``***`` (what every message shows)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


@dataclass(frozen=True)
class ServerUrl:
    """The address of a catalogue on a server. Printed, it never shows a password."""

    url: str = field(repr=False)

    def __post_init__(self) -> None:
        if not self.url.startswith(SCHEMES):
            raise ValueError("not a postgresql:// address")

    def __str__(self) -> str:
        return mask_password(self.url)

    def __repr__(self) -> str:
        return f"ServerUrl({str(self)!r})"

    @property
    def name(self) -> str:
        """The database's name on the server."""
        return urlsplit(self.url).path.lstrip("/")

    @property
    def parent(self) -> Path:
        """No folder holds a server's database (for code that asks a file's folder)."""
        return Path(os.devnull)

    def exists(self) -> bool:
        """A server's database is made by its administrator, never by us: whether it holds
        a catalogue is for :func:`readingroom.store.db.open_database` to find out."""
        return False


def database_target(text: str | os.PathLike[str]) -> Path | ServerUrl:
    """What ``--db`` (or ``$READINGROOM_DB``) names: a server's database, or a file."""
    if isinstance(text, str) and text.startswith(SCHEMES):
        return ServerUrl(text)
    return Path(text)


# -- the connection ---------------------------------------------------------------------


_DIALECT: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r" NOT INDEXED\b", ""),
        # SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's ILIKE does that
        (r"(?<=\s)LIKE(?=\s)", "ILIKE"),
        (r"(\b[\w.]+) COLLATE NOCASE\b", r"lower(\1)"),
        # the search index (server_schema.search_sql): a match
        (r"\bwork_fts MATCH (\?\d*)", r"work_fts.doc @@ rr_search_query(\1)"),
        # SQLite's 1 for true, as a whole condition
        (r"\bWHERE 1(?=\s+(?:AND|ORDER|GROUP|LIMIT)\b|\s*$|\s*\))", "WHERE TRUE"),
        (r"\bAND \(1\)", "AND (TRUE)"),
        # SQLite's CROSS JOIN ... ON (a join order fixed for its planner) is a plain JOIN
        (r"\bCROSS JOIN (\w+(?: AS)?(?: \w+)?) ON\b", r"JOIN \1 ON"),
        # a parameter's type is the column's: one only tested for NULL is text
        (r"(\?\d*) IS NULL\b", r"CAST(\1 AS TEXT) IS NULL"),
        # SQLite's IS / IS NOT compare values (NULL too)
        (r"\bIS NOT (?!NULL\b|DISTINCT\b|TRUE\b|FALSE\b)", "IS DISTINCT FROM "),
        (r"\bIS (?!NOT\b|NULL\b|DISTINCT\b|TRUE\b|FALSE\b)", "IS NOT DISTINCT FROM "),
    )
)


_SUBQUERY = re.compile(r"\b(?:FROM|JOIN)\s*\(\s*(?:SELECT|WITH)\b", re.I)
_AFTER_SUBQUERY = re.compile(
    r"\s*(?:AS\b|(?!(?:WHERE|GROUP|ORDER|LIMIT|UNION|EXCEPT|INTERSECT|JOIN|LEFT|INNER|CROSS"
    r"|ON|HAVING|WINDOW|OFFSET)\b)[A-Za-z_])",
    re.I,
)


def closing_paren(sql: str, opening: int) -> int:
    """The index of the parenthesis that closes the one at ``opening``."""
    depth = 0
    for index in range(opening, len(sql)):
        depth += {"(": 1, ")": -1}.get(sql[index], 0)
        if depth == 0:
            return index
    return len(sql) - 1


def named_subqueries(sql: str) -> str:
    """Every subquery in a FROM or JOIN given a name (PostgreSQL before 16 needs one)."""
    if not _SUBQUERY.search(sql):
        return sql
    out, start, n = [], 0, 0
    for found in _SUBQUERY.finditer(sql):
        if found.start() < start:
            continue
        opening = sql.index("(", found.start())
        closing = closing_paren(sql, opening)
        inner = named_subqueries(sql[opening + 1 : closing])
        out.append(sql[start : opening + 1] + inner + ")")
        start = closing + 1
        if not _AFTER_SUBQUERY.match(sql, start):
            n += 1
            out.append(f" AS rr_sub{n}")
    out.append(sql[start:])
    return "".join(out)


def dialect(sql: str) -> str:
    """The SQLite forms the services' SQL uses, in PostgreSQL's: a row's after-image
    (``json_array``, see :mod:`readingroom.store.server_schema`), ``LIKE``, ``COLLATE
    NOCASE``, the FTS5 index's ``MATCH``; no ``NOT INDEXED``."""
    if "json_array(" in sql:
        from readingroom.store.server_schema import json_arrays

        sql = json_arrays(sql)
    sql = _search_rank(sql)
    for pattern, replacement in _DIALECT:
        sql = pattern.sub(replacement, sql)
    return named_subqueries(sql)


_MATCHED = re.compile(r"\bwork_fts MATCH (\?\d+)")
_RANK = re.compile(r"\bwork_fts\.rank\b")


def _search_rank(sql: str) -> str:
    """FTS5's ``work_fts.rank`` (its bm25) as the server's ``rr_search_rank`` of the same
    query (:data:`~readingroom.store.server_schema.RANK_SQL`), which needs the query's
    numbered parameter again; with an unnumbered one the rank is left out (no order)."""
    if not _RANK.search(sql):
        return sql
    matched = _MATCHED.search(sql)
    if matched is None:
        return re.sub(r"\bwork_fts\.rank(?:, |\b)", "", sql)
    query = matched.group(1)
    rank = (
        f"rr_search_rank(work_fts.doc, rr_search_phrases({query}), "
        f"(SELECT rr_search_stats(rr_search_phrases({query}))))"
    )
    return _RANK.sub(rank, sql)


_QUESTION_MARKS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?(\d*)|(%)")


def sqlite_to_psycopg(sql: str) -> str:
    """SQLite's ``?`` placeholders as psycopg's ``%s`` (a numbered ``?N`` as ``%(pN)s``,
    see :func:`numbered_params`), and a literal ``%`` doubled (outside and inside quotes
    alike: psycopg reads every ``%`` of a statement with parameters)."""

    def swap(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return f"%(p{match.group(1)})s" if match.group(1) else "%s"
        if match.group(2):
            return "%%"
        return match.group(0).replace("%", "%%")

    return _QUESTION_MARKS.sub(swap, sql)


def numbered_params(sql: str, params: Any) -> Any:
    """The parameters of a statement with SQLite's numbered ``?N``: as psycopg's names."""
    if params is None or isinstance(params, dict) or "%(p" not in sql:
        return params
    return {f"p{n}": value for n, value in enumerate(params, start=1)}


def _dumpers(connection: Any) -> None:
    """Dates, times and booleans go to the server as SQLite stores them: ISO text of no
    declared type (the server reads it as the column's type) and 0/1."""
    from psycopg.adapt import Dumper

    class IsoText(Dumper):
        oid = 0  # unknown: the column or the other side of a comparison decides

        def dump(self, obj: Any) -> bytes:
            text = obj.isoformat(" ") if isinstance(obj, datetime.datetime) else obj.isoformat()
            return text.encode()

    class ZeroOne(Dumper):
        oid = 0

        def dump(self, obj: Any) -> bytes:
            return b"1" if obj else b"0"

    for kind in (datetime.date, datetime.datetime, datetime.time):
        connection.adapters.register_dumper(kind, IsoText)
    connection.adapters.register_dumper(bool, ZeroOne)


def translated(query: Any, params: Any) -> tuple[Any, Any]:
    """A statement of the services' (SQLite's form) and its parameters as psycopg takes
    them; peewee's own statements (already with ``%s``) pass as they are."""
    if not isinstance(query, str) or "%s" in query or "%(" in query:
        return query, params
    plain, with_placeholders = server_sql(query)
    if params is None:
        return plain, None
    return with_placeholders, numbered_params(with_placeholders, params)


@functools.lru_cache(maxsize=4096)
def server_sql(query: str) -> tuple[str, str]:
    """A statement of the services' in PostgreSQL's form, without and with psycopg's
    placeholders. Worked out once per statement (the services' SQL is a few hundred
    texts, their values always parameters): a desk's lend runs some thirty."""
    from readingroom.store.server_schema import counted_rows

    plain = counted_rows(query) or dialect(query)
    return plain, sqlite_to_psycopg(plain)


def _sqlite_dialect_cursor() -> type:
    """psycopg's cursor, reading every statement through :func:`translated` (the services
    run theirs through ``execute_sql`` and, for many rows, ``cursor().executemany``), and
    a numbered migration's DDL through :func:`~readingroom.store.server_schema.migration_ddl`."""
    import psycopg

    from readingroom.store.server_schema import is_ddl, migration_ddl

    class SqliteDialectCursor(psycopg.Cursor):
        def execute(self, query: Any, params: Any = None, **options: Any) -> Any:
            if isinstance(query, str) and not params and is_ddl(query):
                ddl = migration_ddl(query, self._trigger_table, self._has_id)
                query, params = ddl or "SELECT 1", None
            else:
                query, params = translated(query, params)
            return super().execute(query, params, **options)

        def _trigger_table(self, name: str) -> str | None:
            found = psycopg.Cursor(self.connection).execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = %s AND NOT t.tgisinternal",
                (name,),
            )
            row = found.fetchone()
            return str(row[0]) if row else None

        def _has_id(self, table: str) -> bool:
            found = psycopg.Cursor(self.connection).execute(
                "SELECT 1 FROM information_schema.columns WHERE table_schema = "
                "current_schema() AND table_name = %s AND column_name = 'id'",
                (table,),
            )
            return found.fetchone() is not None

        def executemany(self, query: Any, params_seq: Any, **options: Any) -> None:
            rows = list(params_seq)
            sql, _ = translated(query, rows[0] if rows else ())
            if sql is not query and "%(p" in sql:
                rows = [numbered_params(sql, row) for row in rows]
            super().executemany(sql, rows, **options)

    return SqliteDialectCursor


class ServerDatabase(PostgresqlDatabase):
    """peewee's PostgreSQL database, speaking the SQLite dialect of the services' own SQL."""

    def _connect(self) -> Any:
        connection = super()._connect()  # type: ignore[misc]
        _dumpers(connection)
        connection.cursor_factory = _sqlite_dialect_cursor()
        connection.execute("SET TIME ZONE 'UTC'")  # as SQLite's date functions count
        return connection

    def begin(self, isolation_level: Any = None) -> None:
        """SQLite's ``BEGIN IMMEDIATE`` / ``EXCLUSIVE`` (a write) is a transaction holding
        the catalogue's write lock until it ends; ``DEFERRED`` (a read) a plain one."""
        kind = isolation_level.upper() if isinstance(isolation_level, str) else None
        if kind == "DEFERRED":
            isolation_level = None
        if kind not in ("IMMEDIATE", "EXCLUSIVE"):
            super().begin(isolation_level)
            return
        if self.is_closed():
            self.connect()
        try:  # waited for as long as SQLite's busy timeout, then "locked" (55P03)
            with peewee_errors:
                import psycopg

                # one round trip (the simple protocol takes several statements at once):
                # every write pays it, and a desk's lend waits for the lock behind others
                connection = self.connection()  # type: ignore[no-untyped-call]
                psycopg.Cursor(connection).execute(self._locked_begin())
        except BaseException:
            self.rollback()  # never left in a failed transaction
            raise

    def _locked_begin(self) -> str:
        return (
            f"BEGIN; SET LOCAL lock_timeout = {int(self.lock_wait_ms)}; "
            f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY}); SET LOCAL lock_timeout = 0"
        )

    #: how long a write waits for the write lock (milliseconds; the store sets it)
    lock_wait_ms: int = 10_000


def server_database(url: ServerUrl) -> ServerDatabase:
    """A peewee database for ``url`` (not yet connected)."""
    return ServerDatabase(url.url, prefer_psycopg3=True, autorollback=False)


# -- PostgreSQL's programs ------------------------------------------------------------------


class NoPgDump(Exception):
    """``pg_dump`` is not installed (the message says what to install)."""


def libpq_environment(url: str) -> dict[str, str]:
    """The address as libpq's environment (``PGHOST``…; ``PGPASSWORD`` only when the
    address carries one), so no password ever appears on a command line."""
    parts = urlsplit(url)
    env = {
        "PGHOST": parts.hostname or "",
        "PGPORT": str(parts.port or ""),
        "PGUSER": parts.username or "",
        "PGDATABASE": parts.path.lstrip("/"),
    }
    if parts.password is not None:
        env["PGPASSWORD"] = parts.password
    return {name: value for name, value in env.items() if value}


def dump_database(url: str, out: Path) -> Path:
    """``pg_dump -Fc`` of the database at ``url`` into the new file ``out``."""
    import subprocess

    pg_dump = postgres_program("pg_dump")
    if pg_dump is None:
        raise NoPgDump(
            "pg_dump was not found: a catalogue on a PostgreSQL server is backed up by the "
            "server's own tools; install PostgreSQL's client programs (Debian/Ubuntu: "
            "'apt-get install postgresql-client') and try again."
        )
    done = subprocess.run(
        [str(pg_dump), "--format=custom", "--no-password", f"--file={out}"],
        env={**os.environ, **libpq_environment(url)},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        out.unlink(missing_ok=True)
        raise RuntimeError(mask_password(done.stderr.strip() or "pg_dump failed"))
    return out


def postgres_bin_dirs() -> list[Path]:
    """Where PostgreSQL's programs may be: ``pg_config --bindir``, then the usual Debian
    folders (newest first)."""
    found: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        import subprocess

        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=10
            ).stdout.strip()
            if out:
                found.append(Path(out))
        except (OSError, subprocess.SubprocessError):
            pass
    found += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    return found


def postgres_program(name: str) -> Path | None:
    """The PostgreSQL program ``name`` (``initdb``, ``pg_ctl``, ``pg_dump``…): on PATH
    first, else in :func:`postgres_bin_dirs`; None when it is not installed."""
    on_path = shutil.which(name)
    if on_path:
        return Path(on_path)
    for folder in postgres_bin_dirs():
        candidate = folder / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None
