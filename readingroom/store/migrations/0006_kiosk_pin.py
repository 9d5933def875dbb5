"""The writers' screen acts only for the writer in front of it: a PIN per borrower.

Frozen DDL. One row per borrower who has (or had) a kiosk PIN: its argon2id hash (never the
PIN), the wrong tries since the last right one, and until when the member's use of the
writers' screen is locked after five wrong tries. A borrower without a row has no PIN and
cannot act on the writers' screen at all.
"""

from peewee import Database

STATEMENTS = [
    """CREATE TABLE borrower_kiosk (
        borrower_id INTEGER PRIMARY KEY REFERENCES borrower (id) ON DELETE CASCADE,
        pin_hash TEXT,
        failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
        locked_until DATETIME,
        pin_set_at DATETIME)""",
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
