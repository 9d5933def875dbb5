"""Run a read on this thread's connection so that it stops as soon as it is no longer
wanted: SQLite calls ``stale`` every so many virtual machine steps, and a true answer
interrupts the statement (it raises ``OperationalError: interrupted``, which the caller
drops as the answer to an old request)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from readingroom.store.db import database, on_server

T = TypeVar("T")

#: SQLite virtual machine steps between checks that a query is still wanted
CHECK_STEPS = 10_000


def run_until_stale(
    query: Callable[[], T], stale: Callable[[], bool], steps: int = CHECK_STEPS
) -> T:
    """``query()``, interrupted once ``stale()`` turns true (on a PostgreSQL server it runs
    to its end: the answer to an old request is still dropped by the caller)."""
    if on_server():
        return query()
    connection = database.connection()
    connection.set_progress_handler(stale, steps)
    try:
        return query()
    finally:
        connection.set_progress_handler(None, 0)
