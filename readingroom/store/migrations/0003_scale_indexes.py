"""Indexes for a national catalogue (250,000 works, a million copies, two million loans).

Frozen DDL on tables of the first migration only. Each index lets SQLite walk an order
instead of sorting every row (profiled on the benchmark library, ``python -m bench``):

- the catalogue table sorts by translator, original language, year and access class as it
  already did by title and author: each ``ORDER BY column, id`` becomes an index walk (a
  sort of 250,000 rows took 300-400 ms);
- a filter on the access class or the language with the table sorted by title (the
  writers' catalogue always filters on access) walks ``(filter, title)``: without it the
  planner takes the one-column index for the filter and sorts every matching work
  (about 560 ms for the lendable works), with it the first 200 come in under a millisecond;
- a copy's loan history (the catalogue's detail pane) is read by copy, newest first, not by
  scanning two million loans for every copy selected.
"""

from peewee import Database

STATEMENTS = [
    "CREATE INDEX work_translator ON work (translator COLLATE NOCASE)",
    "CREATE INDEX work_year ON work (year)",
    "CREATE INDEX work_access ON work (access)",
    "CREATE INDEX work_access_title ON work (access, title COLLATE NOCASE)",
    "CREATE INDEX work_language ON work (original_language)",
    "CREATE INDEX work_language_title ON work (original_language, title COLLATE NOCASE)",
    "CREATE INDEX loan_copy ON loan (copy_id, lent_at)",
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
