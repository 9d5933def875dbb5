"""The loans table: active loans (or only the overdue ones), sortable, with days overdue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from readingroom import clock
from readingroom.browse import (
    Sort,
    Where,
    blocks,
    like_pattern,
    order_clause,
    ordered_ids,
    placeholders,
)
from readingroom.store.db import database

LOAN_SORTS = {
    "due": Sort("l.due"),
    "overdue": Sort("l.due", reverse=True),
    "lent_on": Sort("l.lent_on"),
    "title": Sort("w.title COLLATE NOCASE"),
    "volume": Sort("c.volume"),
    "barcode": Sort("c.barcode"),
    "member_no": Sort("b.member_no"),
    "borrower": Sort("b.name COLLATE NOCASE"),
    "role": Sort("b.role"),
    "renewals": Sort("l.renewals"),
    "approved_by": Sort("s.username", nulls_last=True),
}

_FROM = (
    " FROM loan l JOIN copy c ON c.id = l.copy_id JOIN work w ON w.id = c.work_id"
    " JOIN borrower b ON b.id = l.borrower_id"
    " LEFT JOIN staff_user s ON s.id = l.override_by_id"
)


@dataclass(frozen=True)
class LoanFilter:
    text: str = ""
    overdue_only: bool = False


@dataclass(frozen=True)
class LoanRow:
    id: int
    barcode: str
    title: str
    volume: int
    volumes: int
    member_no: str
    borrower_name: str
    role: str
    lent_on: date
    due: date
    renewals: int
    approved_by: str | None
    override_reason: str | None
    days_overdue: int

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def _where(filters: LoanFilter, today: date) -> Where:
    where = Where()
    where.add("l.returned_at IS NULL")
    if filters.overdue_only:
        where.add("l.due < ?", today.isoformat())
    text = filters.text.strip()
    if text:
        where.add(
            "(w.title LIKE ? ESCAPE '\\' OR c.barcode LIKE ? ESCAPE '\\' "
            "OR b.member_no LIKE ? ESCAPE '\\' OR b.name LIKE ? ESCAPE '\\')",
            *[like_pattern(text)] * 4,
        )
    return where


def loan_ids(
    filters: LoanFilter | None = None,
    sort: str = "due",
    descending: bool = False,
    today: date | None = None,
) -> list[int]:
    """Ids of the active loans matching ``filters``, in the table's order."""
    where = _where(filters or LoanFilter(), today or clock.today())
    return ordered_ids(
        "SELECT l.id" + _FROM + where.sql + order_clause(LOAN_SORTS, sort, descending, "l.id"),
        where.params,
    )


def loan_counts(today: date | None = None) -> tuple[int, int]:
    """(active loans, overdue loans)."""
    day = (today or clock.today()).isoformat()
    return tuple(
        database.execute_sql(
            "SELECT COUNT(*), COALESCE(SUM(due < ?), 0) FROM loan WHERE returned_at IS NULL", [day]
        ).fetchone()
    )


_ROWS_SQL = (
    "SELECT l.id, c.barcode, w.title, c.volume, w.volumes, b.member_no, b.name, b.role,"
    " l.lent_on, l.due, l.renewals, s.username, l.override_reason" + _FROM + " WHERE l.id IN ({})"
)


def loan_rows(ids: Sequence[int], today: date | None = None) -> dict[int, LoanRow]:
    today = today or clock.today()
    rows: dict[int, LoanRow] = {}
    for block in blocks(ids):
        for values in database.execute_sql(_ROWS_SQL.format(placeholders(block)), block).fetchall():
            lent_on, due = date.fromisoformat(values[8]), date.fromisoformat(values[9])
            rows[values[0]] = LoanRow(
                *values[:8], lent_on, due, *values[10:], max(0, (today - due).days)
            )
    return rows
