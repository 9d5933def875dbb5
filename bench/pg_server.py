"""A PostgreSQL server of our own, for the tests and the benchmark: made with ``initdb``
in a folder, started with ``pg_ctl`` on 127.0.0.1 at a free port, stopped at the end.

The tests take a throw-away server in a temporary folder (removed when stopped, ``fsync``
off); the benchmark keeps its server's folder beside its cached library, so the loaded
national catalogue is there on the next run, and leaves ``fsync`` on (a commit is on disk,
as SQLite's ``synchronous=full`` has it).

``initdb`` and ``pg_ctl`` refuse to run as root: under root the server runs as the
``postgres`` user (``runuser``), in a folder that user owns. The superuser signs in with a
password, so every client goes through libpq's own password path.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readingroom.store.server import INSTALL_HINT, postgres_program

SUPERUSER = "readingroom"
PASSWORD = "server-pass-1"


class NoServer(Exception):
    """PostgreSQL cannot be started here (its programs are missing); the message says why."""


@dataclass
class Server:
    folder: Path
    port: int
    pg_ctl: Path
    run_as: list[str]
    #: the folder is removed when the server stops (a throw-away server)
    temporary: bool = True

    @property
    def host(self) -> str:
        return "127.0.0.1"

    def url(self, name: str, *, with_password: bool = False) -> str:
        who = f"{SUPERUSER}:{PASSWORD}" if with_password else SUPERUSER
        return f"postgresql://{who}@{self.host}:{self.port}/{name}"

    def admin(self, dbname: str = "postgres") -> Any:
        """A superuser's connection (autocommit) to ``dbname``."""
        import psycopg

        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=SUPERUSER,
            password=PASSWORD,
            dbname=dbname,
            autocommit=True,
        )

    def create_database(self, prefix: str = "rr", *, template: str | None = None) -> str:
        """A new database (empty, or a copy of ``template``); returns its name."""
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        copied = f' TEMPLATE "{template}"' if template else ""
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"{copied}')
        return name

    def databases(self) -> set[str]:
        with self.admin() as conn:
            return {row[0] for row in conn.execute("SELECT datname FROM pg_database")}

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        subprocess.run(
            [*self.run_as, str(self.pg_ctl), "stop", "-D", str(self.folder / "data"), "-m", "fast"],
            capture_output=True,
            check=False,
            timeout=120,
        )
        if self.temporary:
            shutil.rmtree(self.folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(folder: Path | None = None, *, settings: dict[str, str] | None = None) -> Server:
    """Start a server (:class:`NoServer` when PostgreSQL is not installed): a throw-away one
    in a temporary folder, or the one kept in ``folder`` (made there the first time).
    ``settings`` are the server's own (``fsync``, ``shared_buffers``...)."""
    initdb, pg_ctl = postgres_program("initdb"), postgres_program("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise NoServer(f"PostgreSQL tests skipped: no initdb/pg_ctl found; {INSTALL_HINT}")
    run_as: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            raise NoServer("PostgreSQL tests skipped: running as root and no 'runuser' found")
        run_as = [runuser, "-u", "postgres", "--"]
    temporary = folder is None
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="readingroom-pg-"))
    folder.mkdir(parents=True, exist_ok=True)
    if run_as:
        shutil.chown(folder, "postgres")
    folder.chmod(0o700)
    if run_as and subprocess.run([*run_as, "test", "-w", str(folder)], check=False).returncode:
        raise RuntimeError(
            f"the postgres user cannot reach {folder} (a folder above it is closed to "
            "others): choose a folder it can enter"
        )
    data = folder / "data"
    if not (data / "PG_VERSION").exists():
        shutil.rmtree(data, ignore_errors=True)  # an initdb cut short
        _initdb(initdb, folder, run_as)
    port = _free_port()
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {folder}"
    options += "".join(f" -c {name}={value}" for name, value in (settings or {}).items())
    _run(
        [
            *run_as,
            str(pg_ctl),
            "start",
            "-w",
            "-t",
            "300",
            "-D",
            str(data),
            "-l",
            str(folder / "log"),
            "-o",
            options,
        ]  # fmt: skip
    )
    return Server(folder, port, pg_ctl, run_as, temporary)


def _initdb(initdb: Path, folder: Path, run_as: list[str]) -> None:
    pwfile = folder / "pw"
    pwfile.write_text(PASSWORD + "\n")
    if run_as:
        shutil.chown(pwfile, "postgres")
    _run(
        [
            *run_as,
            str(initdb),
            "-D",
            str(folder / "data"),
            "-U",
            SUPERUSER,
            f"--pwfile={pwfile}",
            "--auth-host=scram-sha-256",
            "--auth-local=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ]
    )
    pwfile.unlink()


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{command[len(command) - 1]}: {done.stderr or done.stdout}")
