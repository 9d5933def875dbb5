"""The inventory: every copy with its status, location and condition (and who has it)."""

from __future__ import annotations

from collections.abc import Iterator

from readingroom import settings
from readingroom.reports.base import Column, Options, Report, Row, as_of, plural
from readingroom.store.db import database
from readingroom.store.models import COPY_STATUSES

COLUMNS = (
    Column("barcode", "Barcode", 1.25),
    Column("title", "Title", 3.0),
    Column("author", "Author", 2.0),
    Column("translator", "Translator", 1.4),
    Column("volume", "Vol.", 0.6),
    Column("access", "Access", 1.3),
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
    works, with_copies = database.execute_sql(
        "SELECT COUNT(*), (SELECT COUNT(DISTINCT work_id) FROM copy) FROM work"
    ).fetchone()
    return [total_sentence(counts, works, with_copies)]


def total_sentence(counts: dict[str, int], works: int, with_copies: int) -> str:
    """The total line, e.g. ``70 copies of 23 works (available 60, on-loan 8, missing 2).``;
    works catalogued with no copy are counted after it."""
    total = sum(counts.values())
    by_status = ", ".join(
        f"{status} {counts[status]}" for status in COPY_STATUSES if counts.get(status)
    )
    copies = f"{total} {'copy' if total == 1 else 'copies'}"
    sentence = f"{copies} of {plural(with_copies, 'work')}" if total else "No copies"
    sentence += f" ({by_status})." if by_status else "."
    without = works - with_copies
    if without:
        sentence += f" {plural(without, 'work')} {'has' if without == 1 else 'have'} no copy."
    return sentence


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
