"""The audit log as a table: newest first, filtered by action, staff, text and dates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from readingroom.browse import (
    Sort,
    Where,
    blocks,
    like_pattern,
    order_clause,
    ordered_ids,
    placeholders,
)
from readingroom.errors import BadInput
from readingroom.messages import said
from readingroom.store.db import database
from readingroom.store.rows import named

AUDIT_SORTS = {
    "id": Sort("a.id"),
    "at": Sort("a.id"),
    "staff": Sort("a.staff"),
    "action": Sort("a.action"),
    "entity": Sort("a.entity"),
    "entity_id": Sort("a.entity_id"),
    "details": Sort("a.details"),
}


@dataclass(frozen=True)
class AuditFilter:
    action: str | None = None
    staff: str | None = None
    text: str = ""
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: str
    staff: str
    action: str
    entity: str
    entity_id: str
    details: str
    prev_hash: str
    hash: str


def _where(filters: AuditFilter) -> Where:
    if filters.since and filters.until and filters.since > filters.until:
        raise BadInput(said("The first date is after the last date."))
    where = Where()
    if filters.action:
        where.add("a.action = ?", filters.action)
    if filters.staff:
        where.add("a.staff = ?", filters.staff)
    if filters.since:
        where.add("a.at >= ?", filters.since.isoformat())
    if filters.until:
        where.add("a.at < ?", (filters.until + timedelta(days=1)).isoformat())
    text = filters.text.strip()
    if text:
        where.add(
            "(a.entity_id LIKE ? ESCAPE '\\' OR a.details LIKE ? ESCAPE '\\' "
            "OR a.entity LIKE ? ESCAPE '\\' OR a.action LIKE ? ESCAPE '\\' "
            "OR a.staff LIKE ? ESCAPE '\\')",
            *[like_pattern(text)] * 5,
        )
    return where


def audit_ids(
    filters: AuditFilter | None = None, sort: str = "id", descending: bool = True
) -> list[int]:
    """Ids of the matching entries (newest first unless asked otherwise)."""
    where = _where(filters or AuditFilter())
    return ordered_ids(
        "SELECT a.id FROM audit_entry a"
        + where.sql
        + order_clause(AUDIT_SORTS, sort, descending, "a.id"),
        where.params,
    )


def audit_rows(ids: Sequence[int]) -> dict[int, AuditRow]:
    rows: dict[int, AuditRow] = {}
    for block in blocks(ids):
        cursor = database.execute_sql(
            "SELECT id, at, staff, action, entity, entity_id, details, prev_hash, hash "
            f"FROM audit_entry WHERE id IN ({placeholders(block)})",
            block,
        )
        for row in named(cursor):
            rows[row["id"]] = AuditRow(**row)
    return rows


def audit_actions() -> list[str]:
    """Every action that occurs in the log, for the filter list."""
    return [
        row[0]
        for row in database.execute_sql(
            "SELECT DISTINCT action FROM audit_entry ORDER BY action"
        ).fetchall()
    ]


def audit_staff() -> list[str]:
    return [
        row[0]
        for row in database.execute_sql(
            "SELECT DISTINCT staff FROM audit_entry ORDER BY staff"
        ).fetchall()
    ]
