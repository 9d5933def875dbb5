"""The condition of every copy, worst first, with its latest condition entry: who recorded
it and, for a grade given at a return, the borrower who brought the copy back."""

from __future__ import annotations

from collections.abc import Iterator

from readingroom import settings
from readingroom.language import Words, words
from readingroom.reports.base import Column, Options, Report, Row, as_of
from readingroom.reports.charts import copies_by_condition
from readingroom.store.db import database
from readingroom.vocabulary import Condition, sql_word

COLUMNS = (
    Column("barcode", "Barcode", 1.25),
    Column("title", "Title", 3.2),
    Column("volume", "Vol.", 0.6),
    Column("condition", "Condition", 1.2, values="condition"),
    Column("status", "Status", 1.1, values="status"),
    Column("location", "Location", 1.2),
    Column("recorded_on", "Recorded", 1.3),
    Column("recorded_by", "Recorded by", 1.1),
    Column("note", "Note", 2.2),
    # added later: CSV columns are a contract, new ones go at the end
    Column("returned_by", "Returned by", 1.5),
    Column("returned_by_member_no", "Member", 1.0),
)

_ROWS = f"""
    SELECT c.barcode, w.title, c.volume, c.condition, c.status, c.location,
           substr(e.recorded_at, 1, 10), s.username, e.note, b.name, b.member_no
    FROM copy c JOIN work w ON w.id = c.work_id
    LEFT JOIN condition_entry e ON e.id = (
        SELECT MAX(id) FROM condition_entry WHERE copy_id = c.id)
    LEFT JOIN staff_user s ON s.id = e.staff_id
    LEFT JOIN loan l ON l.id = e.loan_id
    LEFT JOIN borrower b ON b.id = l.borrower_id
    ORDER BY CASE c.condition WHEN {sql_word(Condition.DAMAGED)} THEN 0
                              WHEN {sql_word(Condition.RAGGED)} THEN 1
                              WHEN {sql_word(Condition.WORN)} THEN 2
             ELSE 3 END, c.barcode"""


def rows() -> Iterator[Row]:
    yield from database.execute_sql(_ROWS)


def summary(say: Words | None = None) -> list[str]:
    say = say or words()
    counts = copies_by_condition()
    grades = ", ".join(f"{say.value('condition', grade)} {n}" for grade, n in counts.items())
    return [say("Copies by condition: {grades}.", grades=grades)]


def build(options: Options) -> Report:
    say = options.words
    return Report(
        "condition",
        "Condition of the collection",
        as_of(options.today, say),
        COLUMNS,
        rows,
        lambda: summary(say),
        ("Librarian",),
        settings.branch(),
    )
