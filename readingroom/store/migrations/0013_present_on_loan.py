"""A stocktake outcome of its own for a copy found on the shelf while the records say it is
on loan: ``present-on-loan``.

It was counted ``present`` (with a note), so a signed inspection said 7 on loan while the
loans said 8. SQLite cannot change a CHECK constraint in place: the table is rebuilt as
SQLite's documentation describes (a new table with the wider CHECK, the rows copied with
their ids, the old table dropped, the new one renamed), and the triggers it had are made
again from their own stored text. The ids and columns are unchanged, so the after-images
already in the trail still describe the rows.
"""

from peewee import Database

OUTCOMES = ("present", "on-loan", "missing", "misplaced", "unexpected", "present-on-loan")
COLUMNS = (
    "id, stocktake_id, barcode, copy_id, title, volume, outcome, borrower, due, location, "
    "found_location, condition, scans, note"
)
NEW_TABLE = f"""CREATE TABLE stocktake_outcome_new (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        stocktake_id INTEGER NOT NULL REFERENCES stocktake (id) ON DELETE RESTRICT,
        barcode VARCHAR(255) NOT NULL,
        copy_id INTEGER REFERENCES copy (id) ON DELETE SET NULL,
        title TEXT NOT NULL DEFAULT '',
        volume INTEGER,
        outcome VARCHAR(16) NOT NULL
            CHECK (outcome IN ({", ".join(f"'{o}'" for o in OUTCOMES)})),
        borrower VARCHAR(255),
        due DATE,
        location VARCHAR(255) NOT NULL DEFAULT '',
        found_location VARCHAR(255) NOT NULL DEFAULT '',
        condition VARCHAR(32) NOT NULL DEFAULT '',
        scans INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        UNIQUE (stocktake_id, barcode))"""


def up(migrator: object, db: Database) -> None:
    triggers = [
        sql
        for (sql,) in db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'stocktake_outcome' ORDER BY name"
        )
    ]
    db.execute_sql(NEW_TABLE)
    db.execute_sql(
        f"INSERT INTO stocktake_outcome_new ({COLUMNS}) SELECT {COLUMNS} FROM stocktake_outcome"
    )
    db.execute_sql("DROP TABLE stocktake_outcome")
    db.execute_sql("ALTER TABLE stocktake_outcome_new RENAME TO stocktake_outcome")
    for sql in triggers:
        db.execute_sql(sql)
