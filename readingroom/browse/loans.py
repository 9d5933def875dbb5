"""The loans table: active loans (or only the overdue ones), sortable, with days overdue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from readingroom import clock, loans_view
from readingroom.approvals import approval_said
from readingroom.browse import (
    Sort,
    Where,
    blocks,
    like_pattern,
    order_clause,
    ordered_ids,
    placeholders,
)
from readingroom.loans_view import OnLoan, on_loan_fields
from readingroom.store.db import database
from readingroom.store.rows import named

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

_FROM = loans_view.FROM + " LEFT JOIN staff_user s ON s.id = l.override_by_id"


@dataclass(frozen=True)
class LoanFilter:
    text: str = ""
    overdue_only: bool = False


@dataclass(frozen=True, kw_only=True)
class LoanRow(OnLoan):
    """A line of the loans table: the loan, its renewals and who approved it."""

    renewals: int
    approved_by: str | None
    override_reason: str | None

    @property
    def id(self) -> int:
        return self.loan_id


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
    f"SELECT {loans_view.COLUMNS}, l.renewals AS renewals, s.username AS approved_by, "
    "l.override_reason AS override_reason, l.overridden_codes AS codes"
    + _FROM
    + " WHERE l.id IN ({})"
)


def loan_rows(ids: Sequence[int], today: date | None = None) -> dict[int, LoanRow]:
    today = today or clock.today()
    rows: dict[int, LoanRow] = {}
    for block in blocks(ids):
        cursor = database.execute_sql(_ROWS_SQL.format(placeholders(block)), block)
        for row in named(cursor):
            rows[row["loan_id"]] = LoanRow(
                **on_loan_fields(row, today),
                renewals=row["renewals"],
                approved_by=row["approved_by"],
                override_reason=approval_said(row["override_reason"], bool(row["codes"])),
            )
    return rows
