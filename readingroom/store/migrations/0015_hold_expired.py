"""A hold status of its own for a set-aside copy nobody collected in time: ``expired``.

A copy set aside for a hold waits a number of days (the ``pickup_days`` setting); then the
hold expires and the copy passes to the next in line or back to the shelf. The hold table's
CHECK allowed only ``waiting``, ``ready``, ``fulfilled`` and ``cancelled``. SQLite cannot
change a CHECK constraint in place: the table is rebuilt as SQLite's documentation
describes (a new table with the wider CHECK, the rows copied with their ids, the old table
dropped, the new one renamed), the indexes and triggers it had are made again from their
own stored text, and the table's id counter is kept. The ids and columns are unchanged, so
the after-images already in the trail still describe the rows.
"""

from peewee import Database

STATUSES = ("waiting", "ready", "fulfilled", "cancelled", "expired")
COLUMNS = "id, work_id, volume, borrower_id, placed_at, status, copy_id, ready_on, closed_at"
NEW_TABLE = f"""CREATE TABLE hold_new (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        work_id INTEGER NOT NULL REFERENCES work (id) ON DELETE RESTRICT,
        volume INTEGER NOT NULL DEFAULT 1,
        borrower_id INTEGER NOT NULL REFERENCES borrower (id) ON DELETE RESTRICT,
        placed_at DATETIME NOT NULL,
        status VARCHAR(32) NOT NULL DEFAULT 'waiting'
            CHECK (status IN ({", ".join(f"'{s}'" for s in STATUSES)})),
        copy_id INTEGER REFERENCES copy (id) ON DELETE SET NULL,
        ready_on DATE,
        closed_at DATETIME)"""


def up(migrator: object, db: Database) -> None:
    kept = [
        sql
        for (sql,) in db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND tbl_name = 'hold' AND sql IS NOT NULL ORDER BY type, name"
        )
    ]
    seq = db.execute_sql("SELECT seq FROM sqlite_sequence WHERE name = 'hold'").fetchone()
    db.execute_sql(NEW_TABLE)
    db.execute_sql(f"INSERT INTO hold_new ({COLUMNS}) SELECT {COLUMNS} FROM hold")
    db.execute_sql("DROP TABLE hold")
    db.execute_sql("ALTER TABLE hold_new RENAME TO hold")
    for sql in kept:
        db.execute_sql(sql)
    if seq is not None:  # the next id as before (a hold's id is never given twice)
        db.execute_sql("UPDATE sqlite_sequence SET seq = ? WHERE name = 'hold'", (seq[0],))
