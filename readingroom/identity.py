"""The catalogue's identity: a random id fixed when the catalogue is made, carried by every
backup (a backup is a copy of the database, settings included).

``restore`` refuses a backup whose id differs from the catalogue it would replace, so a
catalogue made elsewhere (a librarian's own ``init``, where they are the supervisor) never
replaces this one. New catalogues get a random id (uuid4) from migration 0007 as they are
created; a catalogue that existed before 0007 gets an id derived from the hash of its first
audit entry (uuid5), so that catalogue and every older backup of it, migrated at any time,
agree on one id. Triggers keep the stored id from being changed or removed by the program.
"""

from __future__ import annotations

import uuid
from typing import Any

CATALOGUE_ID = "catalogue_id"
#: the namespace of ids derived from a chain's first entry (catalogues made before 0007)
NAMESPACE = uuid.UUID("6f1c5a52-8a3e-4b8e-9d0a-7c1d2e3f4a5b")


def new_catalogue_id() -> str:
    return str(uuid.uuid4())


def derived_catalogue_id(first_entry_hash: str) -> str:
    return str(uuid.uuid5(NAMESPACE, first_entry_hash))


def catalogue_id_of(db: Any) -> str | None:
    """The id of the catalogue open in ``db`` (a peewee database): the stored setting, else
    (a file from before migration 0007) the id 0007 would give it; None for an empty one."""
    tables = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'setting'"
    if db.execute_sql(tables).fetchone() is None:
        return None  # no setting table: not a catalogue at all
    row = db.execute_sql("SELECT value FROM setting WHERE key = ?", (CATALOGUE_ID,)).fetchone()
    if row:
        return str(row[0])
    first = db.execute_sql("SELECT hash FROM audit_entry ORDER BY id LIMIT 1").fetchone()
    return derived_catalogue_id(first[0]) if first else None
