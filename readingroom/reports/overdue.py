"""Overdue loans, most overdue first, with the last reminder and the last recall letter sent
for each (a recall letter's level: the loan's first recall is 1, the next 2...)."""

from __future__ import annotations

from collections.abc import Iterator

from readingroom import settings
from readingroom.reports.base import Column, Options, Report, Row, as_of, signature_lines
from readingroom.reports.loans import active_loans
from readingroom.store.db import database

COLUMNS = (
    Column("barcode", "Barcode", 1.25),
    Column("title", "Title", 3.2),
    Column("volume", "Vol.", 0.6),
    Column("member_no", "Member", 1.1),
    Column("borrower", "Borrower", 1.8),
    Column("role", "Role", 0.9, values="role"),
    Column("due", "Due", 1.3),
    Column("days_overdue", "Days overdue", 1.0),
    Column("reminder_level", "Reminder level", 1.1),
    Column("last_reminder", "Last reminder", 1.3),
    # added later (CSV columns are a contract, new ones go at the end): the recall letters
    # sent for the loan before the inspection, recorded like reminders
    Column("recall_level", "Recalls", 0.9),
    Column("last_recall", "Last recall", 1.3),
)


def _last_reminders() -> dict[int, tuple[int, str]]:
    rows = database.execute_sql(
        "SELECT r.loan_id, MAX(r.level), MAX(r.sent_on) FROM reminder r "
        "JOIN loan l ON l.id = r.loan_id WHERE l.returned_at IS NULL GROUP BY r.loan_id"
    )
    return {loan_id: (level, sent_on) for loan_id, level, sent_on in rows}


def _last_recalls() -> dict[int, tuple[int, str]]:
    rows = database.execute_sql(
        "SELECT r.loan_id, MAX(r.level), MAX(r.sent_on) FROM recall_letter r "
        "JOIN loan l ON l.id = r.loan_id WHERE l.returned_at IS NULL GROUP BY r.loan_id"
    )
    return {loan_id: (level, sent_on) for loan_id, level, sent_on in rows}


def build(options: Options) -> Report:
    today = options.today
    say = options.words

    def rows() -> Iterator[Row]:
        sent, recalled = _last_reminders(), _last_recalls()
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
            recalls, last_recall = recalled.get(loan_id, (0, None))
            yield (
                barcode,
                title,
                volume,
                member_no,
                name,
                role,
                due,
                days,
                level,
                last,
                recalls,
                last_recall,
            )

    def summary() -> list[str]:
        count, borrowers = database.execute_sql(
            "SELECT COUNT(*), COUNT(DISTINCT borrower_id) FROM loan "
            "WHERE returned_at IS NULL AND due < ?",
            (today.isoformat(),),
        ).fetchone()
        levels = [level for level, _ in _last_reminders().values()]
        finals = sum(1 for level in levels if level == 3)
        recalled = database.execute_sql(
            "SELECT COUNT(DISTINCT r.loan_id) FROM recall_letter r JOIN loan l "
            "ON l.id = r.loan_id WHERE l.returned_at IS NULL AND l.due < ?",
            (today.isoformat(),),
        ).fetchone()[0]
        return [
            say(
                "Overdue loans: {count}, held by {borrowers}; final demands sent: {finals}; "
                "recalled by letter: {recalled}.",
                count=count,
                borrowers=say.count(borrowers, "borrower"),
                finals=finals,
                recalled=recalled,
            )
        ]

    return Report(
        "overdue",
        "Overdue loans",
        as_of(today, say),
        COLUMNS,
        rows,
        summary,
        signature_lines(options, "Librarian"),
        settings.branch(),
    )
