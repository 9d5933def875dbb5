"""The inventory: every copy with its status, location and condition (and who has it)."""

from __future__ import annotations

from collections.abc import Iterator

from readingroom import settings
from readingroom.language import Words, words
from readingroom.reports.base import Column, Options, Report, Row, as_of
from readingroom.store.db import database
from readingroom.store.models import COPY_STATUSES

COLUMNS = (
    Column("barcode", "Barcode", 1.25),
    Column("title", "Title", 3.0),
    Column("author", "Author", 2.0),
    Column("translator", "Translator", 1.4),
    Column("volume", "Vol.", 0.6),
    Column("access", "Access", 1.3, values="access"),
    Column("status", "Status", 1.1, values="status"),
    Column("location", "Location", 1.2),
    Column("condition", "Condition", 1.2, values="condition"),
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


def summary(say: Words | None = None) -> list[str]:
    counts = dict(
        database.execute_sql("SELECT status, COUNT(*) FROM copy GROUP BY status").fetchall()
    )
    works, with_copies = database.execute_sql(
        "SELECT COUNT(*), (SELECT COUNT(DISTINCT work_id) FROM copy) FROM work"
    ).fetchone()
    return [total_sentence(counts, works, with_copies, say)]


def total_sentence(
    counts: dict[str, int], works: int, with_copies: int, say: Words | None = None
) -> str:
    """The total line, e.g. ``70 copies of 23 works (available 60, on-loan 8, missing 2).``;
    works catalogued with no copy are counted after it."""
    say = say or words()
    total = sum(counts.values())
    by_status = ", ".join(
        f"{say.value('status', status)} {counts[status]}"
        for status in COPY_STATUSES
        if counts.get(status)
    )
    copies, of_works = say.count(total, "copy"), say.count(with_copies, "work")
    sentence = say("{copies} of {works}", copies=copies, works=of_works) if total else ""
    if not total:
        sentence = say("No copies")
    sentence += f" ({by_status})." if by_status else "."
    without = works - with_copies
    if without:
        sentence += " " + (
            say("{works} has no copy.", works=say.count(without, "work"))
            if without == 1
            else say("{works} have no copy.", works=say.count(without, "work"))
        )
    return sentence


def build(options: Options) -> Report:
    say = options.words
    return Report(
        "inventory",
        "Inventory of the collection",
        as_of(options.today, say),
        COLUMNS,
        rows,
        lambda: summary(say),
        ("Librarian",),
        settings.branch(),
    )
