"""The inspector's name and the inspection day kept with a signed stocktake, and recall
letters recorded like reminders.

Frozen DDL. ``stocktake.inspector`` is the external inspector's name entered at the close
(``inspection close --inspector NAME``) and ``stocktake.inspection_date`` the inspection day
scheduled when it was signed; both are printed on the inspection report (its first page and
its signature lines). Older stocktakes keep NULL there: they were signed without them.

``recall_letter`` holds one row per loan called back by a recall letter: its level (the
first recall of a loan is 1, the next 2, ...), the day and moment it was written, by whom,
why (overdue, or due on or after the inspection), the days overdue and the inspection day it
named, and the letter's file name. A loan is recalled at most once a day.
"""

from peewee import Database

STATEMENTS = [
    "ALTER TABLE stocktake ADD COLUMN inspector TEXT",
    "ALTER TABLE stocktake ADD COLUMN inspection_date DATE",
    """CREATE TABLE recall_letter (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        loan_id INTEGER NOT NULL REFERENCES loan (id) ON DELETE RESTRICT,
        level INTEGER NOT NULL CHECK (level >= 1),
        sent_on DATE NOT NULL,
        sent_at DATETIME NOT NULL,
        staff VARCHAR(255) NOT NULL,
        reason VARCHAR(32) NOT NULL
            CHECK (reason IN ('overdue', 'due-after-inspection')),
        days_overdue INTEGER NOT NULL DEFAULT 0 CHECK (days_overdue >= 0),
        inspection_date DATE,
        letter TEXT NOT NULL DEFAULT '',
        UNIQUE (loan_id, sent_on),
        UNIQUE (loan_id, level))""",
    "CREATE INDEX recall_letter_sent_on ON recall_letter (sent_on)",
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
