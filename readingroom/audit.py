"""The append-only, hash-chained audit trail.

Each entry's hash is SHA-256 over a canonical JSON encoding of its own fields and the
previous entry's hash, so editing, deleting or inserting a row breaks the chain at that
row. The chain head (entry count and latest hash) is also kept in ``audit_head``, outside
the audit table, so removing the newest entries is detected too. :func:`record` must run
inside the caller's write transaction: a change and its audit entry commit together.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from readingroom.models import AuditEntry, AuditHead
from readingroom.standing import check_actor

GENESIS = "0" * 64
SYSTEM = "system"


def canonical_details(details: dict[str, Any] | None) -> str:
    """An entry's details as stored and hashed: JSON with sorted keys, no spaces, non-ASCII
    as it is."""
    return json.dumps(details or {}, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False, default=str)


def entry_hash(entry_id: int, at: str, staff: str, action: str, entity: str,
               entity_id: str, details: str, prev_hash: str) -> str:
    """The hash an entry is stored with: public, so an inspector's own script can recompute
    the chain (the seals, not a secret format, protect it; see docs/RELIABILITY.md).

    SHA-256, as 64 lowercase hex digits, of the UTF-8 bytes of the JSON array
    ``[id, at, staff, action, entity, entity_id, details, prev_hash]`` written with no
    spaces (``separators=(",", ":")``) and non-ASCII characters as they are
    (``ensure_ascii=False``). ``id`` is an integer (1 for the first entry); every other
    element is the text stored in the row: ``details`` is itself the canonical JSON text of
    :func:`canonical_details`, and ``prev_hash`` the previous entry's hash (64 zeros for the
    first entry). The head (``audit_head``) keeps the newest entry's id and hash.
    """
    encoded = json.dumps([entry_id, at, staff, action, entity, entity_id, details, prev_hash],
                         separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def record(actor: Any, action: str, entity: str, entity_id: object = "",
           details: dict[str, Any] | None = None) -> AuditEntry:
    """Append one entry after the chain head (call inside a write transaction)."""
    check_actor(actor)  # the account still stands, in the change's own transaction
    head = AuditHead.get_by_id(1)
    entry_id = head.count + 1
    at = datetime.now().isoformat(timespec="microseconds")
    staff = getattr(actor, "username", None) or (actor if isinstance(actor, str) else SYSTEM)
    text = canonical_details(details)
    digest = entry_hash(entry_id, at, staff, action, entity, str(entity_id), text,
                        head.last_hash)
    entry = AuditEntry.create(id=entry_id, at=at, staff=staff, action=action, entity=entity,
                              entity_id=str(entity_id), details=text,
                              prev_hash=head.last_hash, hash=digest)
    AuditHead.update(count=entry_id, last_hash=digest).where(AuditHead.id == 1).execute()
    return entry


@dataclass(frozen=True)
class Verification:
    """The result of checking the chain: ``ok`` or the first bad entry and why."""

    ok: bool
    count: int
    last_hash: str
    bad_entry: int | None = None
    problem: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "count": self.count, "last_hash": self.last_hash,
                "bad_entry": self.bad_entry, "problem": self.problem}


def _rows() -> Iterator[tuple]:
    query = (AuditEntry
             .select(AuditEntry.id, AuditEntry.at, AuditEntry.staff, AuditEntry.action,
                     AuditEntry.entity, AuditEntry.entity_id, AuditEntry.details,
                     AuditEntry.prev_hash, AuditEntry.hash)
             .order_by(AuditEntry.id).tuples())
    return query.iterator()


def verify() -> Verification:
    """Walk the whole chain and compare its end with the head kept outside it."""
    expected_id, prev = 1, GENESIS
    for row in _rows():
        entry_id, stored_prev, stored_hash = row[0], row[7], row[8]
        if entry_id > expected_id:
            return Verification(False, expected_id - 1, prev, expected_id,
                                f"entry {expected_id} is missing (deleted)")
        if entry_id < expected_id or stored_prev != prev:
            return Verification(False, expected_id - 1, prev, entry_id,
                                f"entry {entry_id} does not follow the entry before it "
                                "(inserted or reordered)")
        if entry_hash(*row[:8]) != stored_hash:
            return Verification(False, expected_id - 1, prev, entry_id,
                                f"entry {entry_id} was changed after it was written")
        prev = stored_hash
        expected_id += 1
    count = expected_id - 1
    head = AuditHead.get_or_none(AuditHead.id == 1)
    if head is None:
        return Verification(False, count, prev, None, "the chain head is missing")
    if head.count != count or head.last_hash != prev:
        return Verification(False, count, prev, min(count, head.count) + 1,
                            f"the chain ends at entry {count} but its head records entry "
                            f"{head.count}: the newest entries were removed or replaced")
    return Verification(True, count, prev)


def chain_head() -> tuple[int, str]:
    head = AuditHead.get_by_id(1)
    return head.count, head.last_hash
