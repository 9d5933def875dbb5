"""The condition of every copy, worst first, with its latest condition entry."""

from __future__ import annotations

from collections.abc import Iterator

from readingroom import settings
from readingroom.reports.base import Column, Options, Report, Row, as_of
from readingroom.reports.charts import copies_by_condition
from readingroom.store.db import database
from readingroom.vocabulary import Condition, sql_word

COLUMNS = (
    Column("barcode", "Barcode", 1.25),
    Column("title", "Title", 3.2),
    Column("volume", "Vol.", 0.6),
    Column("condition", "Condition", 1.2),
    Column("status", "Status", 1.1),
    Column("location", "Location", 1.2),
    Column("recorded_on", "Recorded", 1.3),
    Column("recorded_by", "By", 1.0),
    Column("note", "Note", 2.4),
)

_ROWS = f"""
    SELECT c.barcode, w.title, c.volume, c.condition, c.status, c.location,
           substr(e.recorded_at, 1, 10), s.username, e.note
    FROM copy c JOIN work w ON w.id = c.work_id
    LEFT JOIN condition_entry e ON e.id = (
        SELECT MAX(id) FROM condition_entry WHERE copy_id = c.id)
    LEFT JOIN staff_user s ON s.id = e.staff_id
    ORDER BY CASE c.condition WHEN {sql_word(Condition.DAMAGED)} THEN 0
                              WHEN {sql_word(Condition.RAGGED)} THEN 1
                              WHEN {sql_word(Condition.WORN)} THEN 2
             ELSE 3 END, c.barcode"""


def rows() -> Iterator[Row]:
    yield from database.execute_sql(_ROWS)


def summary() -> list[str]:
    counts = copies_by_condition()
    return [
        "Copies by condition: "
        + ", ".join(f"{grade} {count}" for grade, count in counts.items())
        + "."
    ]


def build(options: Options) -> Report:
    return Report(
        "condition",
        "Condition of the collection",
        as_of(options.today),
        COLUMNS,
        rows,
        summary,
        ("Librarian",),
        settings.branch(),
    )
