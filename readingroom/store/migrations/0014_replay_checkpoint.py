"""The replay checkpoint: the trail's folded after-images kept at a signed moment.

Frozen DDL. ``replay_checkpoint`` holds one checkpoint (the newest a supervisor made with
``audit checkpoint``): the state the trail vouches for after entries 1 to N, the last
after-image of every row, as numbered parts. Each part is one tracked table's images
for up to 10,000 rows, a line a row: the row id, a tab and the image's text (nothing
after the tab for a deleted row). ``entry`` is
the checkpoint's own audit entry, whose details hold N, the hash of entry N, the parts'
SHA-256 digest and a supervisor's Ed25519 signature over them (format in
docs/RELIABILITY.md). The table is a cache of what the trail already says: ``audit
verify`` starts its replay from it instead of entry 1, after checking the digest and the
signature. Emptied, the check replays the whole trail again; altered, the check fails.
"""

from peewee import Database

STATEMENTS = [
    """CREATE TABLE replay_checkpoint (
        part INTEGER PRIMARY KEY,
        entry INTEGER NOT NULL,
        tbl VARCHAR(64) NOT NULL,
        body TEXT NOT NULL)""",
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
