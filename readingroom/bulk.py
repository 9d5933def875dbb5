"""Bulk loading: the secondary indexes and the search index built once, not row by row.

Inserting hundreds of thousands of rows into a table with its indexes and its search-index
trigger in place updates every index for every row; dropping them for the load and putting
each back from its own stored DDL afterwards builds each index in one sorted pass and the
search index once (profiled on the benchmark library: see docs/PERFORMANCE.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from readingroom.store.db import database, on_server

SEARCH_TRIGGER = "work_fts_insert"


@contextmanager
def bulk_load(tables: tuple[str, ...], triggers: tuple[str, ...] = ()) -> Iterator[None]:
    """Drop ``tables``' secondary indexes (and the search-index insert trigger, and
    ``triggers``) for a bulk insert, then recreate them and rebuild the search index.

    Run it inside a write transaction: nobody ever sees the tables without their indexes
    or triggers, and if the load fails the rollback restores them. Unique constraints
    declared on a column (``barcode``, ``member_no``) are not dropped, so duplicates are
    still refused. A caller that drops an after-image trigger renders the rows' images
    itself (``audit.table_images``) for the entry of the load. On a PostgreSQL server the
    indexes and triggers stay (its search index is an ordinary one).
    """
    if on_server():
        yield
        return
    names = ", ".join("?" * len(tables))
    dropped = (SEARCH_TRIGGER, *triggers)
    saved = database.execute_sql(
        f"SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ({names}) AND sql "
        f"IS NOT NULL AND (type = 'index' OR name IN ({', '.join('?' * len(dropped))}))",
        (*tables, *dropped),
    ).fetchall()
    with _set_aside(saved):
        yield
    if "work" in tables:
        database.execute_sql("INSERT INTO work_fts (work_fts) VALUES ('rebuild')")


@contextmanager
def lifted(*triggers: str) -> Iterator[None]:
    """The guard ``triggers`` dropped for one statement of the caller's, who has checked
    what they check, then made again from their own stored text; inside a write
    transaction, as :func:`bulk_load` (a trigger already missing stays missing, for
    ``doctor`` to name). On a PostgreSQL server they stay."""
    if on_server():
        yield
        return
    saved = database.execute_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE type = 'trigger' "
        f"AND name IN ({', '.join('?' * len(triggers))})",
        triggers,
    ).fetchall()
    with _set_aside(saved):
        yield


@contextmanager
def _set_aside(saved: list[tuple[str, str, str]]) -> Iterator[None]:
    """Each ``(type, name, sql)`` dropped, then made again from ``sql`` (not after a
    failure: the caller's rollback puts them back)."""
    for kind, name, _ in saved:
        database.execute_sql(f'DROP {kind.upper()} "{name}"')
    yield
    for _, _, sql in saved:
        database.execute_sql(sql)
