"""Prefix indexes for the catalogue's search: typing ``T`` reads one doclist, not thousands.

Frozen DDL on the search index of the first migration, rebuilt from the work table (the
triggers of migration 0001 name ``work_fts`` and keep it up to date as before). Search as
you type asks for ``"T"*``, ``"Th"*``, ``"The"*``: without a prefix index FTS5 merges the
doclists of every term that begins so before it returns its first row (on the benchmark's
250,000 works, 15–50 ms for one letter, whatever the ``LIMIT``); with ``prefix='1 2 3'``
each such query reads the prefix's own doclist and stops at the ``LIMIT`` (well under a
millisecond). Longer prefixes match few enough terms to need none. The index grows by
about 23 MB on that catalogue.
"""

from peewee import Database

STATEMENTS = [
    "DROP TABLE work_fts",
    """CREATE VIRTUAL TABLE work_fts USING fts5(
        title, original_title, author, translator,
        content='work', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')""",
    "INSERT INTO work_fts (work_fts) VALUES ('rebuild')",
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
