"""The borrowers table (search, role and status filters, sorting in SQL) and a history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from peewee import JOIN

from readingroom import clock
from readingroom.approvals import approval_said
from readingroom.borrowers import get_borrower
from readingroom.browse import (
    Sort,
    Where,
    blocks,
    like_pattern,
    order_clause,
    ordered_ids,
    placeholders,
)
from readingroom.store.db import database, read_transaction
from readingroom.store.models import Borrower, Copy, Hold, Loan, StaffUser, Work
from readingroom.store.rows import named
from readingroom.vocabulary import HOLD_ACTIVE, HoldStatus, sql_list

_ACTIVE_LOANS = (
    "(SELECT COUNT(*) FROM loan l WHERE l.borrower_id = b.id AND l.returned_at IS NULL{})"
)
_OVERDUE = " AND l.due < :today"

BORROWER_SORTS = {
    "member_no": Sort("b.member_no"),
    "name": Sort("b.name COLLATE NOCASE"),
    "role": Sort("b.role"),
    "organisation": Sort("b.organisation COLLATE NOCASE"),
    "status": Sort("b.status"),
    "expires": Sort("b.expires", nulls_last=True),
    "loans": Sort(_ACTIVE_LOANS.format("")),
    "overdue": Sort(_ACTIVE_LOANS.format(_OVERDUE)),
}


@dataclass(frozen=True)
class BorrowerFilter:
    text: str = ""
    role: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class BorrowerRow:
    id: int
    member_no: str
    name: str
    role: str
    organisation: str
    status: str
    expires: date | None
    loans: int
    overdue: int
    holds: int

    def expired(self, today: date) -> bool:
        return self.expires is not None and self.expires < today


def _where(filters: BorrowerFilter) -> Where:
    where = Where()
    text = filters.text.strip()
    if text:
        where.add(
            "(b.name LIKE ? ESCAPE '\\' OR b.member_no LIKE ? ESCAPE '\\' "
            "OR b.organisation LIKE ? ESCAPE '\\')",
            *[like_pattern(text)] * 3,
        )
    if filters.role:
        where.add("b.role = ?", filters.role)
    if filters.status:
        where.add("b.status = ?", filters.status)
    return where


def _named(sql: str, params: list[Any], today: date) -> tuple[str, list[Any]]:
    """Replace the ``:today`` marker of a sort expression with a positional parameter."""
    count = sql.count(":today")
    return sql.replace(":today", "?"), params + [today.isoformat()] * count


def borrower_ids(
    filters: BorrowerFilter | None = None,
    sort: str = "name",
    descending: bool = False,
    today: date | None = None,
) -> list[int]:
    where = _where(filters or BorrowerFilter())
    sql = (
        "SELECT b.id FROM borrower b"
        + where.sql
        + order_clause(BORROWER_SORTS, sort, descending, "b.id")
    )
    sql, params = _named(sql, where.params, today or clock.today())
    return ordered_ids(sql, params)


_ROWS_SQL = (
    "SELECT b.id, b.member_no, b.name, b.role, b.organisation, b.status, b.expires, "
    + _ACTIVE_LOANS.format("")
    + " AS loans, "
    + _ACTIVE_LOANS.format(" AND l.due < ?")
    + " AS overdue, (SELECT COUNT(*) FROM hold h WHERE h.borrower_id = b.id "
    f"AND h.status IN ({sql_list(HOLD_ACTIVE)})) AS holds FROM borrower b WHERE b.id IN ({{}})"
)


def borrower_rows(ids: Sequence[int], today: date | None = None) -> dict[int, BorrowerRow]:
    day = (today or clock.today()).isoformat()
    rows: dict[int, BorrowerRow] = {}
    for block in blocks(ids):
        cursor = database.execute_sql(_ROWS_SQL.format(placeholders(block)), [day, *block])
        for row in named(cursor):
            expires = row.pop("expires")
            rows[row["id"]] = BorrowerRow(
                **row, expires=date.fromisoformat(expires) if expires else None
            )
    return rows


# -- a borrower's history -----------------------------------------------------------------


@dataclass(frozen=True)
class LoanLine:
    """A loan, past or present, as a history lists it."""

    barcode: str
    title: str
    volume: int
    lent_on: date
    due: date
    returned_on: date | None
    renewals: int
    override_by: str | None
    override_reason: str | None

    @property
    def active(self) -> bool:
        return self.returned_on is None

    def days_overdue(self, today: date) -> int:
        end = self.returned_on or today
        return max(0, (end - self.due).days)


@dataclass(frozen=True)
class HoldLine:
    """A hold, open or closed."""

    hold_id: int
    title: str
    volume: int
    placed_at: datetime
    status: str
    barcode: str | None
    closed_at: datetime | None


@dataclass(frozen=True)
class BorrowerHistory:
    borrower: Borrower
    loans: list[LoanLine]
    holds: list[HoldLine]


def borrower_history(member_no: str, limit: int = 1000) -> BorrowerHistory:
    """The borrower with loans past and present and every hold, newest first."""
    with read_transaction():
        borrower = get_borrower(member_no)
        approver = StaffUser.alias()
        loans = (
            Loan.select(Loan, Copy, Work, approver.username)
            .join(Copy)
            .join(Work)
            .join_from(
                Loan,
                approver,
                on=(Loan.override_by == approver.id),
                join_type=JOIN.LEFT_OUTER,
                attr="approver",
            )
            .where(Loan.borrower == borrower)
            .order_by(Loan.returned_at.is_null(False), Loan.lent_at.desc(), Loan.id.desc())
            .limit(limit)
        )
        loan_lines = [
            LoanLine(
                loan.copy.barcode,
                loan.copy.work.title,
                loan.copy.volume,
                loan.lent_on,
                loan.due,
                loan.returned_on,
                loan.renewals,
                # approver: the join's attr (peewee sets it on the row; no type knows it)
                loan.approver.username if loan.override_by_id else None,  # type: ignore[attr-defined]
                approval_said(loan.override_reason, bool(loan.overridden_codes)),
            )
            for loan in loans
        ]
        ready_copy = Copy.alias()
        holds = (
            Hold.select(Hold, Work, ready_copy.barcode)
            .join(Work)
            .join_from(
                Hold,
                ready_copy,
                on=(Hold.copy == ready_copy.id),
                join_type=JOIN.LEFT_OUTER,
                attr="ready_copy",
            )
            .where(Hold.borrower == borrower)
            .order_by(Hold.closed_at.is_null(False), Hold.placed_at.desc(), Hold.id.desc())
            .limit(limit)
        )
        hold_lines = [
            HoldLine(
                hold.id,
                hold.work.title,
                hold.volume,
                hold.placed_at,
                hold.status,
                # ready_copy: the join's attr (peewee sets it on the row; no type knows it)
                hold.ready_copy.barcode  # type: ignore[attr-defined]
                if hold.copy_id and hold.status == HoldStatus.READY
                else None,
                hold.closed_at,
            )
            for hold in holds
        ]
    return BorrowerHistory(borrower, loan_lines, hold_lines)
