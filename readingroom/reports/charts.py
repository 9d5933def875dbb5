"""Figures for the circulation page's charts (plain lists and dicts, no Qt)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from readingroom.store.db import database
from readingroom.store.models import CONDITIONS
from readingroom.store.rows import named
from readingroom.vocabulary import HoldStatus, sql_word


def months(start: date, end: date) -> list[str]:
    """``YYYY-MM`` for every month from ``start`` to ``end``, both included."""
    result, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        result.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def loans_per_month(start: date, end: date) -> list[tuple[str, int]]:
    """Loans made in each month of the period (months without loans count 0)."""
    rows = database.execute_sql(
        "SELECT substr(lent_on, 1, 7), COUNT(*) FROM loan WHERE lent_on BETWEEN ? AND ? GROUP BY 1",
        (start.isoformat(), end.isoformat()),
    )
    counts = dict(rows.fetchall())
    return [(month, counts.get(month, 0)) for month in months(start, end)]


@dataclass(frozen=True)
class WorkDemand:
    """How much a work was asked for: loans in a period and its waiting list now."""

    work_id: int
    title: str
    author: str
    copies: int
    loans: int
    borrowers: int
    waiting: int
    translator: str = ""
    #: holds whose copy is set aside, waiting to be collected (not counted in ``waiting``)
    set_aside: int = 0

    @property
    def requests(self) -> int:
        return self.loans + self.waiting + self.set_aside


_DEMAND = """
    WITH lent AS (
        SELECT c.work_id, COUNT(*) AS loans, COUNT(DISTINCT l.borrower_id) AS borrowers
        FROM loan l JOIN copy c ON c.id = l.copy_id
        WHERE l.lent_on BETWEEN ?1 AND ?2 GROUP BY c.work_id),
    waiting AS (
        SELECT work_id, SUM(status = {waiting}) AS waiting, SUM(status = {ready}) AS set_aside
        FROM hold WHERE status IN ({waiting}, {ready}) GROUP BY work_id),
    held AS (SELECT work_id, COUNT(*) AS copies FROM copy GROUP BY work_id)
    SELECT w.id AS work_id, w.title AS title, w.author AS author,
           COALESCE(w.translator, '') AS translator,
           COALESCE(h.copies, 0) AS copies, COALESCE(lent.loans, 0) AS loans,
           COALESCE(lent.borrowers, 0) AS borrowers, COALESCE(waiting.waiting, 0) AS waiting,
           COALESCE(waiting.set_aside, 0) AS set_aside
    FROM work w
    LEFT JOIN lent ON lent.work_id = w.id
    LEFT JOIN waiting ON waiting.work_id = w.id
    LEFT JOIN held h ON h.work_id = w.id
    {only_asked_for}
    ORDER BY COALESCE(lent.loans, 0) + COALESCE(waiting.waiting, 0)
             + COALESCE(waiting.set_aside, 0) DESC,
             COALESCE(waiting.waiting, 0) DESC, w.title COLLATE NOCASE, w.id
    {limit}"""


def work_demand(start: date, end: date, limit: int | None = None) -> list[WorkDemand]:
    """Works lent in the period or waited for now, the most requested first."""
    return list(each_work_demand(start, end, limit))


def each_work_demand(
    start: date, end: date, limit: int | None = None, *, every_work: bool = False
) -> Iterator[WorkDemand]:
    """Each work's demand, the most requested first, read as it goes; one row per work
    (by its id, so two translations of one title stay apart). Only works lent in the
    period or waited for now, unless ``every_work`` (then the others follow with zeros)."""
    sql = _DEMAND.format(
        limit=f"LIMIT {int(limit)}" if limit else "",
        waiting=sql_word(HoldStatus.WAITING),
        ready=sql_word(HoldStatus.READY),
        only_asked_for=""
        if every_work
        else "WHERE lent.loans IS NOT NULL OR waiting.waiting IS NOT NULL",
    )
    cursor = database.execute_sql(sql, (start.isoformat(), end.isoformat()))
    for row in named(cursor):
        yield WorkDemand(**row)


def most_requested(start: date, end: date, limit: int = 10) -> list[WorkDemand]:
    return work_demand(start, end, limit)


def copies_by_condition() -> dict[str, int]:
    """Copies per condition grade, every grade present, best first."""
    counts = dict(
        database.execute_sql("SELECT condition, COUNT(*) FROM copy GROUP BY condition").fetchall()
    )
    return {grade: counts.get(grade, 0) for grade in CONDITIONS}
