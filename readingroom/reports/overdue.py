"""Overdue loans, most overdue first, with the last reminder sent for each."""

from __future__ import annotations

from collections.abc import Iterator

from readingroom import settings
from readingroom.reports.base import Column, Options, Report, Row, as_of
from readingroom.reports.loans import active_loans
from readingroom.store.db import database

COLUMNS = (
    Column("barcode", "Barcode", 1.25),
    Column("title", "Title", 3.2),
    Column("volume", "Vol.", 0.6),
    Column("member_no", "Member", 1.1),
    Column("borrower", "Borrower", 1.8),
    Column("role", "Role", 0.9),
    Column("due", "Due", 1.3),
    Column("days_overdue", "Days overdue", 1.0),
    Column("reminder_level", "Reminder level", 1.1),
    Column("last_reminder", "Last reminder", 1.3),
)


def _last_reminders() -> dict[int, tuple[int, str]]:
    rows = database.execute_sql(
        "SELECT r.loan_id, MAX(r.level), MAX(r.sent_on) FROM reminder r "
        "JOIN loan l ON l.id = r.loan_id WHERE l.returned_at IS NULL GROUP BY r.loan_id"
    )
    return {loan_id: (level, sent_on) for loan_id, level, sent_on in rows}


def build(options: Options) -> Report:
    today = options.today

    def rows() -> Iterator[Row]:
        sent = _last_reminders()
        for (
            barcode,
            title,
            volume,
            member_no,
            name,
            role,
            _,
            due,
            _,
            days,
            _,
            loan_id,
            *_,
        ) in active_loans(today, "AND l.due < ?1"):
            level, last = sent.get(loan_id, (0, None))
            yield (barcode, title, volume, member_no, name, role, due, days, level, last)

    def summary() -> list[str]:
        count, borrowers = database.execute_sql(
            "SELECT COUNT(*), COUNT(DISTINCT borrower_id) FROM loan "
            "WHERE returned_at IS NULL AND due < ?",
            (today.isoformat(),),
        ).fetchone()
        levels = [level for level, _ in _last_reminders().values()]
        finals = sum(1 for level in levels if level == 3)
        return [
            f"Overdue loans: {count}, held by {borrowers} borrower"
            f"{'s' if borrowers != 1 else ''}; final demands sent: {finals}."
        ]

    return Report(
        "overdue",
        "Overdue loans",
        as_of(today),
        COLUMNS,
        rows,
        summary,
        ("Librarian",),
        settings.branch(),
    )
