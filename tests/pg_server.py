"""A real PostgreSQL server for the tests: made with ``initdb`` in a temporary folder,
started with ``pg_ctl`` on 127.0.0.1 at a free port, stopped and removed at the end.

The server itself is :mod:`bench.pg_server`'s (the benchmark starts its own the same way);
the tests' is a throw-away one with ``fsync`` off.
"""

from __future__ import annotations

from bench.pg_server import PASSWORD, SUPERUSER, NoServer
from bench.pg_server import Server as ServerForTests
from bench.pg_server import start_server as _start

__all__ = ["PASSWORD", "SUPERUSER", "NoServer", "ServerForTests", "start_server"]


def start_server() -> ServerForTests:
    """Start a throw-away server (:class:`NoServer` when PostgreSQL is not installed)."""
    return _start(settings={"fsync": "off"})
