"""Active loans, with their due dates and how many days each is overdue."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from readingroom import settings
from readingroom.approvals import approval_said
from readingroom.reports.base import Column, Options, Report, Row, as_of, signature_lines
from readingroom.store.db import database

COLUMNS = (
    Column("barcode", "Barcode", 1.25),
    Column("title", "Title", 2.6),
    Column("volume", "Vol.", 0.6),
    Column("member_no", "Member", 1.1),
    Column("borrower", "Borrower", 1.8),
    Column("role", "Role", 0.9, values="role"),
    Column("lent_on", "Lent", 1.3),
    Column("due", "Due", 1.3),
    Column("renewals", "Renewals", 1.25),
    Column("days_overdue", "Days overdue", 1.0),
    Column("override_by", "Approved by", 1.2, pdf=False),
    # added later: CSV columns are a contract, new ones go at the end
    # a back-dated loan's "back-dated: REASON" printed by its phrase's key
    Column("override_reason", "Reason given", 2.0, values="phrase"),
    Column("backdated", "Back-dated", 0.9, pdf=False),
    Column("entered_on", "Entered on", 1.3),
    # the approver as a person signs: the full name (the user name when none is set);
    # on paper it stands where "override_by" (the user name, kept for the CSV) would
    Column("override_by_name", "Approved by", 1.2),
)
#: the PDF's columns in order: the approver's full name in place of the user name
PDF_ORDER = tuple("override_by_name" if c.key == "override_by" else c.key for c in COLUMNS[:-1])

# One query for the loans and the overdue reports: active loans, soonest due first.
ACTIVE_LOANS = """
    SELECT c.barcode, w.title, c.volume, b.member_no, b.name, b.role, l.lent_on, l.due,
           l.renewals, MAX(0, CAST(julianday(?1) - julianday(l.due) AS INTEGER)),
           s.username, l.id, l.override_reason, l.backdated,
           CASE WHEN l.backdated <> 0 THEN (
               SELECT substr(a.at, 1, 10) FROM audit_entry a
               WHERE a.action IN ('lend', 'lend-override') AND a.entity = 'loan'
                 AND a.entity_id = CAST(l.id AS TEXT)
               ORDER BY a.id LIMIT 1) END,
           COALESCE(NULLIF(s.full_name, ''), s.username), l.overridden_codes
    FROM loan l JOIN copy c ON c.id = l.copy_id JOIN work w ON w.id = c.work_id
    JOIN borrower b ON b.id = l.borrower_id
    LEFT JOIN staff_user s ON s.id = l.override_by_id
    WHERE l.returned_at IS NULL {where}
    ORDER BY l.due, c.barcode"""


def active_loans(today: date, where: str = "") -> Iterator[tuple[Any, ...]]:
    """Rows of :data:`ACTIVE_LOANS`: the eleven cells of the loans report, the loan's id,
    then the override's reason, whether it was back-dated and, if so, the day it was
    entered (its lend entry's day: ``lent_on`` and ``lent_at`` hold the day it claims),
    the approver's full name (the user name when the account has none) and the rules the
    override set aside."""
    return iter(database.execute_sql(ACTIVE_LOANS.format(where=where), (today.isoformat(),)))


def build(options: Options) -> Report:
    today = options.today
    say = options.words

    def rows() -> Iterator[Row]:
        for row in active_loans(today):
            reason, backdated, entered, approver, codes = row[12:17]
            # a back-dated loan shows the day it was really entered beside the earlier day
            # it claims (lent_on); an ordinary loan leaves the column empty
            said = approval_said(reason, overridden=bool(codes))
            yield (*row[:11], said, bool(backdated), entered, approver)

    def summary() -> list[str]:
        total, overdue = database.execute_sql(
            "SELECT COUNT(*), COALESCE(SUM(due < ?), 0) FROM loan WHERE returned_at IS NULL",
            (today.isoformat(),),
        ).fetchone()
        lines = [say("Active loans: {total}; overdue: {overdue}.", total=total, overdue=overdue)]
        inspection = settings.inspection_date()
        if inspection is not None and inspection >= today:
            after = database.execute_sql(
                "SELECT COUNT(*) FROM loan WHERE returned_at IS NULL AND due >= ?",
                (inspection.isoformat(),),
            ).fetchone()[0]
            lines.append(
                say(
                    "Due on or after the inspection on {day}: {after}.",
                    day=inspection.isoformat(),
                    after=after,
                )
            )
        return lines

    return Report(
        "loans",
        "Active loans",
        as_of(today, say),
        COLUMNS,
        rows,
        summary,
        signature_lines(options, "Librarian", "Supervisor"),  # the supervisor: the exceptions
        settings.branch(),
        pdf_order=PDF_ORDER,
    )
