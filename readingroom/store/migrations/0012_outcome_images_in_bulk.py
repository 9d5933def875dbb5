"""A stocktake's outcomes reach the trail in bulk, not row by row.

The close of a stocktake stores one outcome row for every expected copy and every
unexpected barcode (986,020 on the benchmark's national collection) in one statement. The
after-image trigger of migration 0009 then wrote each row's image into ``audit_pending``
one at a time, and ``readingroom.audit.record`` read them all back: about a third of the
close. The close now renders the images of the rows it stored straight from the table, in
the same transaction and in the same format (``readingroom.audit.table_images``), so the
insert trigger is dropped. Outcomes are inserted only by the close (migration 0002's
``stocktake_outcome_only_when_open``); a row slipped in any other way has no image, and
``audit verify`` names it ("present, but not in the trail"). The update and delete
triggers stay: outcomes are never changed, and a change made with the guards dropped still
leaves its image as evidence.
"""

from peewee import Database

STATEMENTS = ["DROP TRIGGER stocktake_outcome_image_insert"]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
