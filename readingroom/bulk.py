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
    for kind, name, _ in saved:
        database.execute_sql(f'DROP {kind.upper()} "{name}"')
    yield
    for _, _, sql in saved:
        database.execute_sql(sql)
    if "work" in tables:
        database.execute_sql("INSERT INTO work_fts (work_fts) VALUES ('rebuild')")
