"""Borrower notes: what staff must see at every scan of a member's card.

Frozen DDL. One row per note: the borrower, its text, who wrote it and when, and, once it
no longer applies, when and by whom it was resolved (a note is never deleted: a resolved
note stays in the borrower's history). Like the tables of migration 0009, every inserted,
updated or deleted row writes its after-image (a JSON array of the columns below, in this
order) into ``audit_pending``, so the audit entry of the change carries it; the replay
(``readingroom.replay``) compares the table with the trail once ``borrower_note`` is among
its tracked tables.
"""

from peewee import Database

COLUMNS = ("borrower_id", "text", "author", "written_at", "resolved_at", "resolved_by")


def _image(row: str) -> str:
    return "json_array(" + ", ".join(f"{row}.{c}" for c in COLUMNS) + ")"


STATEMENTS = [
    """CREATE TABLE borrower_note (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        borrower_id INTEGER NOT NULL REFERENCES borrower (id) ON DELETE RESTRICT,
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        author VARCHAR(255) NOT NULL,
        written_at DATETIME NOT NULL,
        resolved_at DATETIME,
        resolved_by VARCHAR(255))""",
    "CREATE INDEX borrower_note_borrower ON borrower_note (borrower_id, resolved_at)",
    *(
        f"CREATE TRIGGER borrower_note_image_{event.lower()} AFTER {event} ON borrower_note "
        f"BEGIN INSERT OR REPLACE INTO audit_pending (tbl, row_id, image) VALUES "
        f"('borrower_note', {row}.id, {image}); END"
        for event, row, image in (
            ("INSERT", "NEW", _image("NEW")),
            ("UPDATE", "NEW", _image("NEW")),
            ("DELETE", "OLD", "NULL"),
        )
    ),
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
