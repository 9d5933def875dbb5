"""After-images: every audit entry carries the rows its change wrote.

Frozen DDL and a frozen copy of the chain's hashing (migrations never import the
application). Triggers on the tables the lending rules and the inspection rest on write
each changed row's image (a JSON array of its columns in the order below, ``null`` for a
deleted row) into ``audit_pending``; ``readingroom.audit.record`` moves them into the entry
it writes, in the same transaction. So ``audit verify`` can replay the trail and compare it
with the tables (``readingroom.replay``).

A catalogue that already has rows gets a baseline here: its current rows as after-images,
in entries of at most ``CHUNK`` rows (action ``baseline``), so the replay has a starting
state. The format is documented in docs/RELIABILITY.md ("The hash and after-image formats").
"""

import hashlib
import json
from datetime import datetime

from peewee import Database

#: the tracked tables and their columns (the image's order; ``id`` is the image's key)
TRACKED = {
    "copy": ("barcode", "work_id", "volume", "location", "status", "condition", "created_at"),
    "borrower": ("member_no", "name", "role", "organisation", "status", "expires", "created_at"),
    "policy_rule": ("role", "access", "rule", "days", "max_items", "renewals"),
    "loan": (
        "copy_id",
        "borrower_id",
        "staff_id",
        "lent_on",
        "lent_at",
        "due",
        "renewals",
        "returned_on",
        "returned_at",
        "return_condition",
        "override_by_id",
        "override_reason",
        "overridden_codes",
        "backdated",
    ),
    "hold": (
        "work_id",
        "volume",
        "borrower_id",
        "placed_at",
        "status",
        "copy_id",
        "ready_on",
        "closed_at",
    ),
    "stocktake": (
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
    ),
    "stocktake_outcome": (
        "stocktake_id",
        "barcode",
        "copy_id",
        "title",
        "volume",
        "outcome",
        "borrower",
        "due",
        "location",
        "found_location",
        "condition",
        "scans",
        "note",
    ),
}
CHUNK = 5000


def image_sql(table: str, prefix: str) -> str:
    return "json_array(" + ", ".join(f"{prefix}.{c}" for c in TRACKED[table]) + ")"


def trigger_statements() -> list[str]:
    statements = []
    for table in TRACKED:
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW")):
            statements.append(
                f"CREATE TRIGGER {table}_image_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN INSERT OR REPLACE INTO audit_pending (tbl, row_id, image) VALUES "
                f"('{table}', {row}.id, {image_sql(table, row)}); END"
            )
        statements.append(
            f"CREATE TRIGGER {table}_image_delete AFTER DELETE ON {table} "
            f"BEGIN INSERT OR REPLACE INTO audit_pending (tbl, row_id, image) VALUES "
            f"('{table}', OLD.id, NULL); END"
        )
    return statements


STATEMENTS = [
    """CREATE TABLE audit_pending (
        tbl VARCHAR(32) NOT NULL,
        row_id INTEGER NOT NULL,
        image TEXT,
        PRIMARY KEY (tbl, row_id)) WITHOUT ROWID""",
    *trigger_statements(),
]


def entry_hash(
    entry_id: int,
    at: str,
    staff: str,
    action: str,
    entity: str,
    entity_id: str,
    details: str,
    prev_hash: str,
) -> str:
    encoded = json.dumps(
        [entry_id, at, staff, action, entity, entity_id, details, prev_hash],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def baseline(db: Database) -> None:
    """The rows already in the catalogue, as after-images in ``baseline`` entries."""
    count, last = db.execute_sql("SELECT count, last_hash FROM audit_head WHERE id = 1").fetchone()
    at = datetime.now().isoformat(timespec="microseconds")
    for table in TRACKED:
        after = 0
        while True:
            row = db.execute_sql(
                f"SELECT count(*), max(id), json_group_object(id, image || '') FROM "
                f"(SELECT id, {image_sql(table, table)} AS image FROM {table} "
                f"WHERE id > ? ORDER BY id LIMIT {CHUNK})",
                (after,),
            ).fetchone()
            rows, top, images = row
            if not rows:
                break
            count += 1
            details = f'{{"after":{{"{table}":{images}}},"rows":{rows}}}'
            entity_id = f"{after + 1}-{top}"
            digest = entry_hash(count, at, "system", "baseline", table, entity_id, details, last)
            db.execute_sql(
                "INSERT INTO audit_entry (id, at, staff, action, entity, entity_id, details, "
                "prev_hash, hash) VALUES (?, ?, 'system', 'baseline', ?, ?, ?, ?, ?)",
                (count, at, table, entity_id, details, last, digest),
            )
            last, after = digest, top
    db.execute_sql("UPDATE audit_head SET count = ?, last_hash = ? WHERE id = 1", (count, last))


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
    baseline(db)
