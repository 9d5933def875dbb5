"""A copy's call numbers through time, read from the audit trail.

Every change to a copy (added, edited at the desk or in the catalogue, updated by a MARC
re-import with ``--update``) puts the copy's after-image in the entry of that change (see
:mod:`readingroom.replay`); since migration 0023 the image holds the call number. Reading
the images of one copy in entry order gives every call number it has had, and who changed
it when: ``copy history`` and the Catalogue's copy timeline show them beside the moves.
Images written before migration 0023 do not hold the call number and are passed over;
images swept into an ``outside-change`` entry are not the program's changes (the replay
does not replay them either).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from readingroom.audit import AFTER_IMAGES, OUTSIDE_CHANGE
from readingroom.catalogue import get_copy
from readingroom.replay import TRACKED
from readingroom.store.db import database, read_transaction

#: where the call number sits in a copy's image
_CALL_NUMBER = TRACKED["copy"].index("call_number")


@dataclass(frozen=True)
class CallNumberChange:
    """The copy's call number set to ``new`` (from ``old``; "" for none) by the change of
    audit entry ``audit_seq``."""

    audit_seq: int
    at: datetime
    staff: str
    action: str
    old: str
    new: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "audit_seq": self.audit_seq,
            "at": self.at.isoformat(timespec="seconds"),
            "staff": self.staff,
            "action": self.action,
            "from": self.old,
            "to": self.new,
        }


def call_number_changes(barcode: str) -> list[CallNumberChange]:
    """Every call number the copy has had, oldest first: its first (when it was added with
    one) and each change after it."""
    copy_id = get_copy(barcode).id
    # a first sieve in SQL (the entries naming a copy with this id), each entry then read
    pattern = f'%"copy":{{%"{copy_id}":%'
    with read_transaction():
        rows = database.execute_sql(
            "SELECT id, at, staff, action, details FROM audit_entry "
            "WHERE details LIKE ? AND action <> ? ORDER BY id",
            (pattern, OUTSIDE_CHANGE),
        ).fetchall()
        changes: list[CallNumberChange] = []
        current = ""
        for entry_id, at, staff, action, details in rows:
            found = _call_number_in(details, copy_id)
            if found is None or found == current:
                continue
            if action == AFTER_IMAGES:
                action = _action_continued(entry_id)
            changes.append(
                CallNumberChange(
                    entry_id, datetime.fromisoformat(str(at)), staff, action, current, found
                )
            )
            current = found
    return changes


def _call_number_in(details: str, copy_id: int) -> str | None:
    """The call number in the entry's image of the copy; None when the entry holds no
    image of it, the copy was deleted, or the image is older than the call number."""
    try:
        image = json.loads(details).get("after", {}).get("copy", {}).get(str(copy_id))
        values = json.loads(image) if isinstance(image, str) else None
    except (ValueError, AttributeError):  # an entry that is not of ours: nothing to read
        return None
    if not isinstance(values, list) or len(values) <= _CALL_NUMBER:
        return None
    return str(values[_CALL_NUMBER] or "")


def _action_continued(entry_id: int) -> str:
    """The action of the change whose images an ``after-images`` entry continues."""
    row = database.execute_sql(
        "SELECT action FROM audit_entry WHERE id < ? AND action <> ? ORDER BY id DESC LIMIT 1",
        (entry_id, AFTER_IMAGES),
    ).fetchone()
    return str(row[0]) if row else AFTER_IMAGES
