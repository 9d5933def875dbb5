"""The catalogue's identity (``readingroom.identity``): a setting ``catalogue_id``, fixed.

A new catalogue (no audit entry yet: this runs as it is created) gets a random uuid4; an
existing one a uuid5 of its first audit entry's hash, the same for the catalogue and every
older backup of it. The triggers refuse to change, replace or delete the id once stored
(the restore that brings back a backup keeps the backup's own, equal, id).
"""

from peewee import Database

from readingroom.identity import CATALOGUE_ID, derived_catalogue_id, new_catalogue_id

STATEMENTS = [
    f"""CREATE TRIGGER catalogue_id_fixed BEFORE UPDATE ON setting
       WHEN OLD.key = '{CATALOGUE_ID}'
       BEGIN SELECT RAISE(ABORT, 'the catalogue id is fixed when the catalogue is made'); END""",
    f"""CREATE TRIGGER catalogue_id_kept BEFORE DELETE ON setting
       WHEN OLD.key = '{CATALOGUE_ID}'
       BEGIN SELECT RAISE(ABORT, 'the catalogue id is fixed when the catalogue is made'); END""",
    f"""CREATE TRIGGER catalogue_id_once BEFORE INSERT ON setting
       WHEN NEW.key = '{CATALOGUE_ID}'
            AND EXISTS (SELECT 1 FROM setting WHERE key = '{CATALOGUE_ID}')
       BEGIN SELECT RAISE(ABORT, 'the catalogue id is fixed when the catalogue is made'); END""",
]


def up(migrator: object, db: Database) -> None:
    first = db.execute_sql("SELECT hash FROM audit_entry ORDER BY id LIMIT 1").fetchone()
    stored = db.execute_sql("SELECT 1 FROM setting WHERE key = ?", (CATALOGUE_ID,)).fetchone()
    if not stored:
        value = derived_catalogue_id(first[0]) if first else new_catalogue_id()
        db.execute_sql("INSERT INTO setting (key, value) VALUES (?, ?)", (CATALOGUE_ID, value))
    for statement in STATEMENTS:
        db.execute_sql(statement)
