"""The inspector's name and the inspection day of a stocktake in its after-images.

Frozen DDL. Migration 0017 added ``stocktake.inspector`` and ``stocktake.inspection_date``
(printed on the inspection report's first page and signature lines), but the stocktake's
image triggers of migration 0009 still wrote the fourteen columns of then, so a name
changed with sqlite3 went unseen by ``audit verify``. The insert and update triggers now
write both columns at the end of the image (the order of ``readingroom.replay.TRACKED``);
the delete trigger is unchanged. Images written before keep their fourteen columns: the
replay compares what they hold (a stocktake signed before this migration has no image of
the two columns, so the trail does not vouch for them there).
"""

from peewee import Database

COLUMNS = (
    "status",
    "opened_at",
    "opened_by",
    "expected_count",
    "found_count",
    "closed_at",
    "closed_by",
    "closed_by_name",
    "signed_by",
    "signed_on",
    "audit_ok",
    "audit_problem",
    "audit_count",
    "audit_hash",
    "inspector",
    "inspection_date",
)


def _image(row: str) -> str:
    return "json_array(" + ", ".join(f"{row}.{c}" for c in COLUMNS) + ")"


STATEMENTS = [
    "DROP TRIGGER stocktake_image_insert",
    "DROP TRIGGER stocktake_image_update",
    *(
        f"CREATE TRIGGER stocktake_image_{event.lower()} AFTER {event} ON stocktake "
        f"BEGIN INSERT OR REPLACE INTO audit_pending (tbl, row_id, image) VALUES "
        f"('stocktake', NEW.id, {_image('NEW')}); END"
        for event in ("INSERT", "UPDATE")
    ),
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
