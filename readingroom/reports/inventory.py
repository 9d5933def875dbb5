"""The inventory: every copy with its status, location and condition (and who has it)."""

from __future__ import annotations

from collections.abc import Iterator

from readingroom import settings
from readingroom.reports.base import Column, Options, Report, Row, as_of
from readingroom.store.db import database
from readingroom.store.models import COPY_STATUSES

COLUMNS = (
    Column("barcode", "Barcode", 1.25),
    Column("title", "Title", 3.4),
    Column("author", "Author", 2.0),
    Column("translator", "Translator", 1.4),
    Column("volume", "Vol.", 0.6),
    Column("access", "Access", 1.2, pdf=False),
    Column("status", "Status", 1.1),
    Column("location", "Location", 1.2),
    Column("condition", "Condition", 1.2),
    Column("borrower", "Borrower", 1.1),
    Column("due", "Due", 1.3),
)

# ordered by the barcode's unique index, so even a million copies stream without a sort
_ROWS = """
    SELECT c.barcode, w.title, w.author, w.translator, c.volume, w.access, c.status,
           c.location, c.condition, b.member_no, l.due
    FROM copy c JOIN work w ON w.id = c.work_id
    LEFT JOIN loan l ON l.copy_id = c.id AND l.returned_at IS NULL
    LEFT JOIN borrower b ON b.id = l.borrower_id
    ORDER BY c.barcode"""


def rows() -> Iterator[Row]:
    yield from database.execute_sql(_ROWS)


def summary() -> list[str]:
    counts = dict(
        database.execute_sql("SELECT status, COUNT(*) FROM copy GROUP BY status").fetchall()
    )
    works = database.execute_sql("SELECT COUNT(*) FROM work").fetchone()[0]
    total = sum(counts.values())
    by_status = ", ".join(
        f"{status} {counts[status]}" for status in COPY_STATUSES if counts.get(status)
    )
    return [f"Copies: {total} of {works} works" + (f" ({by_status})." if by_status else ".")]


def build(options: Options) -> Report:
    return Report(
        "inventory",
        "Inventory of the collection",
        as_of(options.today),
        COLUMNS,
        rows,
        summary,
        ("Librarian",),
        settings.branch(),
    )
