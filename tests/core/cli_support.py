"""Helpers for the core tests: run ``readingroom`` in-process or as a real program, and
read a database the way any SQLite tool would (a separate stdlib ``sqlite3`` connection)."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from readingroom.cli import main
from readingroom.cli.context import PASSWORD_ENV, USER_ENV
from readingroom.store.server import ServerDatabase, ServerUrl, sqlite_to_psycopg

REPO = Path(__file__).resolve().parents[2]
BOSS, PASSWORD = "boss", "pass-word-1"
IN_PROCESS = "import sys; from readingroom.cli import main; sys.exit(main())"


@dataclass
class Run:
    """What one command did: its exit code and what it printed."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def __str__(self) -> str:
        return f"exit {self.code}\nstdout: {self.out}\nstderr: {self.err}"


def command() -> list[str]:
    """The installed ``readingroom`` entry point of this interpreter, or the ``-c`` form."""
    exe = shutil.which("readingroom", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-c", IN_PROCESS]


def run_program(
    db: Path | None,
    *args: str,
    user: str | None = BOSS,
    password: str | None = PASSWORD,
    stdin: str = "",
    argv0: list[str] | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
) -> Run:
    """Run the real program in a fresh process, as a user's shell would."""
    environment = {
        k: v for k, v in os.environ.items() if k not in (USER_ENV, PASSWORD_ENV, "READINGROOM_DB")
    }
    if user is not None:
        environment[USER_ENV] = user
    if password is not None:
        environment[PASSWORD_ENV] = password
    environment.update(env or {})
    argv = [*(argv0 or command()), *(["--db", str(db)] if db is not None else []), *args]
    done = subprocess.run(
        argv,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        cwd=cwd or REPO,
        timeout=timeout,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def run_programs(db: Path | None, calls: list[tuple[str, ...]], **options: Any) -> list[Run]:
    """Several independent commands in parallel processes (same options for each)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda args: run_program(db, *args, **options), calls))


class InProcess:
    """``main([...])`` in this process: the same parser and handlers, much faster."""

    def __init__(
        self, db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ):
        self.db, self.capsys, self.monkeypatch = db, capsys, monkeypatch

    def __call__(
        self,
        *args: str,
        user: str | None = BOSS,
        password: str | None = PASSWORD,
        stdin: str | None = None,
    ) -> Run:
        for name, value in ((USER_ENV, user), (PASSWORD_ENV, password)):
            if value is None:
                self.monkeypatch.delenv(name, raising=False)
            else:
                self.monkeypatch.setenv(name, value)
        self.monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        self.capsys.readouterr()
        try:
            code = main(["--db", str(self.db), *args])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        out, err = self.capsys.readouterr()
        return Run(code, out, err)


class _ServerTool:
    """A connection of its own to a catalogue on a server, as psql would open one, taking
    SQLite's ``?`` placeholders (so one test's SQL serves both databases)."""

    def __init__(self, url: ServerUrl) -> None:
        import psycopg

        self.conn = psycopg.connect(url.url, autocommit=True)  # each statement on its own
        self.transactions: list[Any] = []

    def execute(self, sql: str, params: tuple = ()) -> Any:
        return self.conn.execute(sqlite_to_psycopg(sql), params)

    def __enter__(self) -> _ServerTool:  # one transaction, as sqlite3's ``with conn:``
        self.transactions.append(self.conn.transaction())
        self.transactions[-1].__enter__()
        return self

    def __exit__(self, *failure: Any) -> None:
        self.transactions.pop().__exit__(*failure)

    def close(self) -> None:
        self.conn.close()

    def __del__(self) -> None:  # as sqlite3's connection, closed when dropped
        self.conn.close()


def _integrity_errors() -> tuple[type[Exception], ...]:
    try:
        import psycopg
    except ImportError:
        return (sqlite3.IntegrityError,)
    return (sqlite3.IntegrityError, psycopg.IntegrityError)


#: a row refused by the database's constraints or guards, through either connection
INTEGRITY_ERRORS = _integrity_errors()


def outside_connection(db: Path | ServerUrl) -> Any:
    """Another program's connection to the catalogue: sqlite3 on a file, psycopg on a
    server (used as ``with conn: conn.execute(...)``, then ``conn.close()``)."""
    if isinstance(db, ServerUrl):
        return _ServerTool(db)
    return sqlite3.connect(db)


def snapshot(database: Any) -> str:
    """Everything in the open catalogue (``database``, peewee's) as text, through its own
    connection: SQLite's ``iterdump``, or on a server every table's rows in order."""
    if not isinstance(database.obj, ServerDatabase):
        return "\n".join(database.connection().iterdump())
    tables = database.execute_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
    ).fetchall()
    lines = []
    for (table,) in tables:
        rows = database.execute_sql('SELECT * FROM "' + table + '"').fetchall()
        lines.append(f"{table}: {sorted(rows, key=repr)}")
    return "\n".join(lines)


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table (audit table and chain head included), in a stable order."""
    with outside_connection(db) as conn:
        names = [
            n
            for (n,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        tables = {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
        }
    conn.close()
    return tables


def counts(db: Path) -> dict[str, int]:
    """Rows per table: a quick before/after comparison."""
    return {name: len(rows) for name, rows in dump(db).items()}


def audit_count(db: Path) -> int:
    with outside_connection(db) as conn:
        (n,) = conn.execute("SELECT count(*) FROM audit_entry").fetchone()
    conn.close()
    return n


def tamper(db: Path, sql: str, params: tuple = ()) -> None:
    """Change the file behind the program's back, as any SQLite tool could (or psql, on a
    server)."""
    conn = outside_connection(db)
    with conn:
        conn.execute(sql, params)
    conn.close()
