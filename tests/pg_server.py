"""A real PostgreSQL server for the tests: made with ``initdb`` in a temporary folder,
started with ``pg_ctl`` on 127.0.0.1 at a free port, stopped and removed at the end.

``initdb`` and ``pg_ctl`` refuse to run as root: under root the server runs as the
``postgres`` user (``runuser``), in a folder that user owns. The superuser signs in with a
password (``PGPASSWORD``), so the tests go through libpq's own password path.
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

from readingroom.store.server import INSTALL_HINT, postgres_program

SUPERUSER = "readingroom"
PASSWORD = "server-pass-1"


class NoServer(Exception):
    """PostgreSQL cannot be started here (its programs are missing); the message says why."""


@dataclass
class ServerForTests:
    folder: Path
    port: int
    pg_ctl: Path
    run_as: list[str]

    @property
    def host(self) -> str:
        return "127.0.0.1"

    def url(self, name: str, *, with_password: bool = False) -> str:
        who = f"{SUPERUSER}:{PASSWORD}" if with_password else SUPERUSER
        return f"postgresql://{who}@{self.host}:{self.port}/{name}"

    def _admin(self) -> object:
        import psycopg

        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=SUPERUSER,
            password=PASSWORD,
            dbname="postgres",
            autocommit=True,
        )

    def create_database(self, prefix: str = "rr", *, template: str | None = None) -> str:
        """A new database, empty or a copy of ``template`` (a database nobody is connected
        to); returns its name."""
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        copied = f' TEMPLATE "{template}"' if template else ""
        with self._admin() as conn:  # type: ignore[attr-defined]
            conn.execute(f'CREATE DATABASE "{name}"{copied}')
        return name

    def drop_database(self, name: str) -> None:
        with self._admin() as conn:  # type: ignore[attr-defined]
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        subprocess.run(
            [*self.run_as, str(self.pg_ctl), "stop", "-D", str(self.folder / "data"), "-m", "fast"],
            capture_output=True,
            check=False,
            timeout=60,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server() -> ServerForTests:
    """Start a throw-away server (:class:`NoServer` when PostgreSQL is not installed)."""
    initdb, pg_ctl = postgres_program("initdb"), postgres_program("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise NoServer(f"PostgreSQL tests skipped: no initdb/pg_ctl found; {INSTALL_HINT}")
    run_as: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="readingroom-pg-"))
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            raise NoServer("PostgreSQL tests skipped: running as root and no 'runuser' found")
        run_as = [runuser, "-u", "postgres", "--"]
        shutil.chown(folder, "postgres")
    folder.chmod(0o700)
    pwfile = folder / "pw"
    pwfile.write_text(PASSWORD + "\n")
    if run_as:
        shutil.chown(pwfile, "postgres")
    port = _free_port()
    data = folder / "data"
    _run(
        [
            *run_as,
            str(initdb),
            "-D",
            str(data),
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
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off"
    _run(
        [
            *run_as,
            str(pg_ctl),
            "start",
            "-w",
            "-D",
            str(data),
            "-l",
            str(folder / "log"),
            "-o",
            options,
        ]  # fmt: skip
    )
    return ServerForTests(folder, port, pg_ctl, run_as)


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{command[len(command) - 1]}: {done.stderr or done.stdout}")
