"""A stocktake line keeps the status its copy had when the line was reconciled.

Frozen DDL. A line's note ("recorded as missing; found", "not on the expected list (status
withdrawn)") is written by the close's SQL in English, for the reports' CSV and the signed
record; the window and a Korean printout said it again in their language by parsing that
sentence back. The line now keeps the one fact the note was made of that no other column
holds, ``copy_status`` (NULL for an unknown barcode), so every front door composes the note
from the line's own columns, by key (``readingroom.stocktake.Outcome.remark``).

The column is in the lines' after-images, at the end (the order of
``readingroom.replay.TRACKED``): the close renders them from the table
(``readingroom.audit.table_images``), and the update trigger, remade here, writes it too (an
outcome is never updated; a row changed with sqlite3 past the guard must still reach the
trail). Lines stored before keep their images and a NULL status: their note is shown as it
was stored.
"""

from peewee import Database

COLUMNS = (
    "stocktake_id",
    "barcode",
    "copy_id",
    "title",
    "volume",
    "outcome",
    "borrower",
    "due",
    "location",
    "found_location",
    "condition",
    "scans",
    "note",
    "copy_status",
)

STATEMENTS = [
    "ALTER TABLE stocktake_outcome ADD COLUMN copy_status VARCHAR(255)",
    "DROP TRIGGER stocktake_outcome_image_update",
    "CREATE TRIGGER stocktake_outcome_image_update AFTER UPDATE ON stocktake_outcome "
    "BEGIN INSERT OR REPLACE INTO audit_pending (tbl, row_id, image) VALUES "
    "('stocktake_outcome', NEW.id, json_array("
    + ", ".join(f"NEW.{c}" for c in COLUMNS)
    + ")); END",
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
