"""The tables against the trail: replay the after-images and compare with the rows.

Every audit entry carries the after-images of the rows its change wrote (``details`` key
``after``: ``{table: {id: [column values] | null}}``, columns in the order of
:data:`TRACKED`; see migration 0009 and docs/RELIABILITY.md). Folding them in entry order,
the last image of each row wins, gives the state the trail vouches for; :func:`compare`
names every row and field where the tables say otherwise: a row edited, inserted or deleted
with sqlite3, with or without dropping a trigger first.

Images in ``outside-change`` entries (rows found changed outside Reading Room and swept
into an entry of their own, see :func:`readingroom.audit.sweep_outside_changes`) are kept
as evidence but never replayed, so such a change stays a difference.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from readingroom import audit
from readingroom.audit import OUTSIDE_CHANGE, State

#: the tracked tables and their columns, in the images' order (frozen with migration 0009)
TRACKED: dict[str, tuple[str, ...]] = {
    "copy": ("barcode", "work_id", "volume", "location", "status", "condition",
             "created_at"),
    "borrower": ("member_no", "name", "role", "organisation", "status", "expires",
                 "created_at"),
    "policy_rule": ("role", "access", "rule", "days", "max_items", "renewals"),
    "loan": ("copy_id", "borrower_id", "staff_id", "lent_on", "lent_at", "due", "renewals",
             "returned_on", "returned_at", "return_condition", "override_by_id",
             "override_reason", "overridden_codes", "backdated"),
    "hold": ("work_id", "volume", "borrower_id", "placed_at", "status", "copy_id",
             "ready_on", "closed_at"),
    "stocktake": ("status", "opened_at", "opened_by", "expected_count", "found_count",
                  "closed_at", "closed_by", "closed_by_name", "signed_by", "signed_on",
                  "audit_ok", "audit_problem", "audit_count", "audit_hash"),
    "stocktake_outcome": ("stocktake_id", "barcode", "copy_id", "title", "volume",
                          "outcome", "borrower", "due", "location", "found_location",
                          "condition", "scans", "note"),
}
#: differences listed at most (the count is always exact)
MAX_LISTED = 1000
#: entries read from the trail at a time
BATCH = 20_000



def has_images(db) -> bool:
    """Whether the catalogue keeps after-images (migration 0009 applied)."""
    return db.execute_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                          "'audit_pending'").fetchone() is not None


def trail_state(db) -> State:
    """The trail's state read on its own (``verify`` folds it while it walks the chain)."""
    state: State = {}
    cursor = db.execute_sql(
        "SELECT details FROM audit_entry WHERE details LIKE '{\"after\":%' "
        "AND action <> ? ORDER BY id", (OUTSIDE_CHANGE,))
    loads = json.loads
    while rows := cursor.fetchmany(BATCH):
        for (text,) in rows:
            for table, images in loads(text)["after"].items():
                state.setdefault(table, {}).update(images)
    return state


def check(db=None) -> tuple[audit.Verification, list[str], int]:
    """``audit verify`` whole: the chain walked once, folding the after-images on the way,
    then the tables compared with them. Returns the chain's verification and the table
    differences (none when the chain itself is broken: that is reported first)."""
    if db is None:
        from readingroom.db import database as db
    state: State | None = {} if has_images(db) else None
    verified = audit.verify(state)
    if not verified.ok or state is None:
        return verified, [], 0
    return (verified, *compare(db, state))


def compare(db=None, state: State | None = None) -> tuple[list[str], int]:
    """Every difference between the tables and the trail (at most :data:`MAX_LISTED`
    listed) and how many there are; ``([], 0)`` on a catalogue without images."""
    if db is None:
        from readingroom.db import database as db
    if not has_images(db):
        return [], 0
    state = trail_state(db) if state is None else state
    found: list[str] = []
    total = 0
    for table, columns in TRACKED.items():
        for line in _compare_table(db, table, columns, state.get(table, {})):
            total += 1
            if len(found) < MAX_LISTED:
                found.append(line)
    return found, total


def _compare_table(db, table: str, columns: tuple[str, ...],
                   trail: dict[str, Any]) -> Iterator[str]:
    seen = 0
    cursor = db.execute_sql(f"SELECT id, {', '.join(columns)} FROM {table} ORDER BY id")
    while rows := cursor.fetchmany(BATCH):
        for row in rows:
            image = trail.get(str(row[0]))
            if image is None:
                yield f"{_label(table, row[0], row[1:])}: present, but not in the trail"
                continue
            seen += 1
            values = row[1:]
            if tuple(image) != values:
                yield from _fields(table, row[0], columns, values, image)
    if seen < sum(1 for image in trail.values() if image is not None):
        present = {row[0] for row in db.execute_sql(f"SELECT id FROM {table}")}
        for key, image in trail.items():
            if image is not None and int(key) not in present:
                yield f"{_label(table, int(key), image)}: gone, but the trail has it"


def _fields(table: str, row_id: int, columns: tuple[str, ...], values: tuple,
            image: list) -> Iterator[str]:
    label = _label(table, row_id, values)
    for name, now, then in zip(columns, values, image, strict=False):
        if now != then:
            yield f"{label}: {name} is {_show(now)} but the trail says {_show(then)}"


def _show(value: object) -> str:
    return "empty" if value is None else repr(value)


def _label(table: str, row_id: int, values: Iterable[Any]) -> str:
    """How a user names the row: its barcode, member number or policy cell where it has one."""
    values = list(values)
    if table == "copy":
        return f"copy {row_id} (barcode {values[0]})"
    if table == "borrower":
        return f"borrower {row_id} (member {values[0]})"
    if table == "policy_rule":
        return f"policy rule {row_id} ({values[0]} × {values[1]})"
    if table == "stocktake_outcome":
        return f"stocktake {values[0]} outcome {row_id} (barcode {values[1]})"
    return f"{table} {row_id}"


def describe(differences: list[str], total: int, shown: int = 20) -> str:
    """The differences in a message: how many, and the first ``shown`` of them."""
    lines = [f"The tables do not agree with the audit trail ({total} difference"
             f"{'s' if total != 1 else ''}):"]
    lines += [f"  {line}" for line in differences[:shown]]
    if total > shown:
        lines.append(f"  … and {total - shown} more")
    return "\n".join(lines)
