"""Circulation over a period: every work's loans and waiting list, most requested first
(one row per work: two translations of one title are two rows, told apart by translator)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from readingroom import settings
from readingroom.reports.base import (
    Column,
    Options,
    Report,
    Row,
    between,
    signature_lines,
)
from readingroom.reports.charts import each_work_demand, loans_per_month, work_demand

COLUMNS = (
    Column("title", "Title", 3.0),
    Column("author", "Author", 2.0),
    Column("copies", "Copies", 1.1),
    Column("loans", "Loans", 1.1),
    Column("borrowers", "Borrowers", 1.2),
    Column("waiting", "Waiting now", 1.2),
    Column("requests", "Requests", 1.2),
    # added later: CSV columns are a contract, new ones go at the end
    Column("translator", "Translator", 1.6),
    Column("work_id", "Work", 0.8, pdf=False),
)
#: on paper the translator stands beside the author
PDF_ORDER = ("title", "author", "translator", "copies", "loans", "borrowers", "waiting", "requests")
DEFAULT_DAYS = 365


def period(options: Options) -> tuple[date, date]:
    """The period asked for; by default the year up to the report's day."""
    end = options.end or options.today
    start = options.start or end - timedelta(days=DEFAULT_DAYS - 1)
    return start, end


def build(options: Options) -> Report:
    start, end = period(options)
    say = options.words

    def rows() -> Iterator[Row]:
        for work in each_work_demand(start, end, every_work=True):
            yield (
                work.title,
                work.author,
                work.copies,
                work.loans,
                work.borrowers,
                work.waiting,
                work.requests,
                work.translator or None,
                work.work_id,
            )

    def summary() -> list[str]:
        monthly = loans_per_month(start, end)
        total = sum(count for _, count in monthly)
        lines = [say("Loans in the period: {total}.", total=total)]
        if total:
            months = ", ".join(f"{month}: {count}" for month, count in monthly if count)
            lines.append(say("Loans per month: {months}.", months=months))
        top = work_demand(start, end, 3)
        if top:
            works = "; ".join(
                say(
                    "{title} ({loans}, {waiting} waiting)",
                    title=w.title,
                    loans=say.count(w.loans, "loan"),
                    waiting=w.waiting,
                )
                for w in top
            )
            lines.append(say("Most requested: {works}.", works=works))
        return lines

    return Report(
        "circulation",
        "Circulation and demand",
        between(start, end, say),
        COLUMNS,
        rows,
        summary,
        signature_lines(options, "Librarian"),
        settings.branch(),
        pdf_order=PDF_ORDER,
    )
