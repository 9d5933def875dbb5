"""An index for finding a work by its identity: title, author and translator, as written.

Frozen DDL on a table of the first migration. A catalogue CSV import joins each row to an
existing work by ``title = ? AND author = ? AND translator = ?`` (exact, case kept). The
title's own index is ``COLLATE NOCASE``, which an exact ``=`` cannot use, so without this
index every row of a large import scanned the work table (250,000 works on the benchmark
library); with it each lookup is one index search (checked by ``EXPLAIN QUERY PLAN`` in
tests/core/test_imports.py).
"""

from peewee import Database

STATEMENTS = [
    "CREATE INDEX work_identity ON work (title, author, translator)",
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
