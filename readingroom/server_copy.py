"""``migrate-to``: a branch's SQLite catalogue copied into an empty PostgreSQL database.

The file is read through a connection of its own (read-only), its schema written in
PostgreSQL's form and its rows copied as they are, in one transaction on the server
(:mod:`readingroom.store.server_schema`): the ids, the audit chain, its head, the seal keys
and seals, the record of migrations. The copy is then opened as a catalogue and checked
as ``audit verify`` checks one: the chain walked, its seals, and the tables compared with
the trail. A copy that does not verify is removed again, leaving the database empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readingroom import audit, staff
from readingroom.errors import BadInput, DatabaseUnavailable
from readingroom.messages import said
from readingroom.store import db as store
from readingroom.store.server import ServerUrl, server_database
from readingroom.store.server_schema import copy_catalogue


@dataclass(frozen=True)
class Copied:
    """What ``migrate-to`` made: where, how many audit entries, and the chain's head."""

    target: ServerUrl
    entries: int
    last_hash: str

    def as_dict(self) -> dict[str, Any]:
        return {"target": str(self.target), "entries": self.entries, "last_hash": self.last_hash}


def copy_to_server(actor: Any, source: Path, key: str | None, target: ServerUrl) -> Copied:
    """Copy the catalogue open from ``source`` (brought up to date; ``actor`` one of its
    supervisors) into the empty database ``target``, then open and verify the copy, which
    is left open. The source file is not changed."""
    staff.require_supervisor(actor)
    server = server_database(target)
    reading = store.file_database(source, key, readonly=True)
    try:
        server.connect()
        if server.get_tables():
            raise BadInput(
                said(
                    "The database {target} is not empty; migrate-to fills an empty one.",
                    target=str(target),
                )
            )
        reading.connect()
        with server.atomic():
            copy_catalogue(reading.connection(), server.connection())  # type: ignore[no-untyped-call]
    finally:
        reading.close()
        server.close()
    store.close_database()
    store.open_database(target)
    verified, differences, count = audit.verify_and_compare()
    if not verified.ok or count:
        store.empty_server_catalogue()
        store.close_database()
        why = verified.problem or "; ".join(differences[:3])
        raise DatabaseUnavailable(
            said(
                "The copy in {target} did not verify ({why}); it was removed. Run "
                "'readingroom audit verify' on the file first.",
                target=str(target),
                why=why,
            )
        )
    return Copied(target, verified.count, verified.last_hash)
