"""A copy's call number in its after-images.

Frozen DDL. Migration 0020 added ``copy.call_number`` (952 $o, 852 $h $i: the number on the
spine label, apart from the shelving location), but the copy's image triggers of migration
0009 still wrote the seven columns of then, so a call number changed with sqlite3 went
unseen by ``audit verify``. The insert and update triggers now write it at the end of the
image (the order of ``readingroom.replay.TRACKED``); the delete trigger is unchanged.
Images written before keep their seven columns: the replay compares what they hold (a copy
whose last image is older than this migration has no image of its call number, so the trail
does not vouch for it until the copy is next changed).
"""

from peewee import Database

COLUMNS = (
    "barcode",
    "work_id",
    "volume",
    "location",
    "status",
    "condition",
    "created_at",
    "call_number",
)


def _image(row: str) -> str:
    return "json_array(" + ", ".join(f"{row}.{c}" for c in COLUMNS) + ")"


STATEMENTS = [
    "DROP TRIGGER copy_image_insert",
    "DROP TRIGGER copy_image_update",
    *(
        f"CREATE TRIGGER copy_image_{event.lower()} AFTER {event} ON copy "
        f"BEGIN INSERT OR REPLACE INTO audit_pending (tbl, row_id, image) VALUES "
        f"('copy', NEW.id, {_image('NEW')}); END"
        for event in ("INSERT", "UPDATE")
    ),
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
