"""The union catalogue's reports, written by the project's report machinery
(:mod:`readingroom.reports.base`: the same CSV writer, with formula neutralising, and the
same PDF layout as a branch's reports).

Kinds: ``union-catalogue`` (which branch holds which work, translator and volumes, with
copy counts), ``missing-damaged`` (missing, lost and damaged copies across branches),
``overrides`` (approved exceptions by branch; members as pseudonyms), ``stocktakes`` (each
branch's stocktakes in the order they were opened, with the year each was signed and the
change in missing copies from the one before) and
``exceptions`` (bundles refused at import). Every query is peewee's, so it runs on SQLite
and PostgreSQL alike.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any, cast

from peewee import JOIN, Case, fn

from readingroom.central import views
from readingroom.central.db import read_transaction
from readingroom.central.models import Branch, Copy, Override, Stocktake, Work
from readingroom.errors import BadInput
from readingroom.language import ENGLISH, words
from readingroom.messages import said
from readingroom.reports.base import (
    CSV,
    FORMATS,
    PDF,
    Column,
    Report,
    Row,
    Written,
    as_of,
    csv_value,
    neutralised,
    new_report_file,
    place,
)
from readingroom.reports.base import write as write_report
from readingroom.vocabulary import CopyStatus

UNION, MISSING_DAMAGED, OVERRIDES, STOCKTAKES, EXCEPTIONS = (
    "union-catalogue",
    "missing-damaged",
    "overrides",
    "stocktakes",
    "exceptions",
)
KINDS = (UNION, MISSING_DAMAGED, OVERRIDES, STOCKTAKES, EXCEPTIONS)
#: what heads every central report where a branch's report names its branch
HEADING = "Union catalogue"

UNION_COLUMNS = (
    Column("title", "Title", 3.0),
    Column("author", "Author", 2.0),
    Column("translator", "Translator", 1.6),
    Column("branch", "Branch", 2.0),
    Column("access", "Access", 1.2, values="access"),
    Column("volumes", "Volumes", 0.8),
    Column("copies", "Copies", 0.8),
    Column("available", "Available", 0.9),
)
MISSING_COLUMNS = (
    Column("branch", "Branch", 2.0),
    Column("barcode", "Barcode", 1.2),
    Column("title", "Title", 2.8),
    Column("author", "Author", 1.6),
    Column("translator", "Translator", 1.4),
    Column("volume", "Vol.", 0.6),
    Column("status", "Status", 1.0, values="status"),
    Column("condition", "Condition", 1.0, values="condition"),
    Column("location", "Location", 1.2),
)
OVERRIDE_COLUMNS = (
    Column("branch", "Branch", 1.8),
    Column("at", "When", 1.2),
    Column("action", "Action", 1.3, values="action"),
    Column("barcode", "Barcode", 1.1),
    Column("title", "Title", 2.0),
    Column("member", "Member", 1.3),
    Column("role", "Role", 0.8, values="role"),
    Column("approved_by", "Approved by", 1.1),
    Column("codes", "Rules set aside", 2.2),
    Column("reason", "Reason", 2.4),
    Column("recorded_at", "Recorded", pdf=False),
)
STOCKTAKE_COLUMNS = (
    Column("branch", "Branch", 2.0),
    Column("year", "Year", 0.7),
    Column("stocktake", "Stocktake", 0.9),
    Column("status", "Status", 0.8),
    Column("signed_on", "Signed on", 1.1),
    Column("expected", "Expected", 0.9),
    Column("present", "Present", 0.9),
    Column("on_loan", "On loan", 0.9),
    Column("missing", "Missing", 0.9),
    Column("misplaced", "Misplaced", 0.9),
    Column("present_on_loan", "Present, on loan", 1.1),
    Column("unexpected", "Unexpected", 1.0),
    Column("missing_change", "Missing, change", 1.1),
)
EXCEPTION_COLUMNS = (
    Column("refused_at", "Refused", 1.2),
    Column("branch", "Branch", 1.6),
    Column("kind", "Kind", 1.3),
    Column("problem", "Problem", 5.0),
    Column("folder", "Folder", 2.0, pdf=False),
    Column("manifest_sha256", "Manifest SHA-256", 2.0, pdf=False),
)


def _read(query: Callable[[], list[Row]]) -> Callable[[], Iterator[Row]]:
    """A row source reading the whole (small) result in one read transaction."""

    def rows() -> Iterator[Row]:
        with read_transaction():
            found = query()
        yield from found

    return rows


def _tuples(query: Any) -> list[Row]:
    """A ``.tuples()`` query's rows (peewee's stubs type every select as its model's)."""
    return list(cast(Iterable[Row], query))


def _union() -> list[Row]:
    available = fn.SUM(Case(None, [(Copy.status == CopyStatus.AVAILABLE, 1)], 0))
    query = (
        Work.select(
            Work.title,
            Work.author,
            Work.translator,
            Branch.name,
            Work.access,
            Work.volumes,
            fn.COUNT(Copy.id),
            available,
        )
        .join(Branch, on=(Work.branch == Branch.id))
        .switch(Work)
        .join(Copy, JOIN.LEFT_OUTER, on=(Copy.work == Work.id))
        .group_by(Work.id, Work.title, Work.author, Work.translator, Branch.name, Work.access)
        .order_by(Work.title, Work.author, Work.translator, Branch.name)
        .tuples()
    )
    return [(*row[:7], int(cast(int, row[7]) or 0)) for row in _tuples(query)]


def _missing_damaged() -> list[Row]:
    query = (
        Copy.select(
            Branch.name,
            Copy.barcode,
            Work.title,
            Work.author,
            Work.translator,
            Copy.volume,
            Copy.status,
            Copy.condition,
            Copy.location,
        )
        .join(Work, on=(Copy.work == Work.id))
        .switch(Copy)
        .join(Branch, on=(Copy.branch == Branch.id))
        .where(Copy.status.in_(views.MISSING) | views.damaged_copy())
        .order_by(Branch.name, Copy.barcode)
        .tuples()
    )
    return _tuples(query)


def _overrides() -> list[Row]:
    query = (
        Override.select(
            Branch.name,
            Override.at,
            Override.action,
            Override.barcode,
            Override.title,
            Override.member,
            Override.role,
            Override.approved_by,
            Override.codes,
            Override.reason,
            Override.recorded_at,
        )
        .join(Branch, on=(Override.branch == Branch.id))
        .order_by(Branch.name, Override.at, Override.id)
        .tuples()
    )
    return _tuples(query)


def _stocktakes() -> list[Row]:
    counts = (
        Stocktake.expected,
        Stocktake.present,
        Stocktake.on_loan,
        Stocktake.missing,
        Stocktake.misplaced,
        Stocktake.present_on_loan,
        Stocktake.unexpected,
    )
    query = (
        Stocktake.select(
            Branch.name, Stocktake.number, Stocktake.status, Stocktake.signed_on, *counts
        )
        .join(Branch, on=(Stocktake.branch == Branch.id))
        .order_by(Branch.name, Stocktake.number)
        .tuples()
    )
    rows: list[Row] = []
    before: dict[object, int] = {}
    for branch, number, status, signed_on, *found in _tuples(query):
        missing = cast(int, found[3])
        previous = before.get(branch)
        year = int(str(signed_on)[:4]) if signed_on else None
        change = None if previous is None else missing - previous
        rows.append((branch, year, number, status, signed_on, *found, change))
        before[branch] = missing
    return rows


def _exceptions() -> list[Row]:
    return [
        (r.refused_at, r.branch, r.kind, r.problem, r.folder, r.manifest_sha256)
        for r in views.refused_bundles()
    ]


_KINDS: dict[str, tuple[str, tuple[Column, ...], Callable[[], list[Row]]]] = {
    UNION: ("Union catalogue: holdings by branch", UNION_COLUMNS, _union),
    MISSING_DAMAGED: ("Missing and damaged copies by branch", MISSING_COLUMNS, _missing_damaged),
    OVERRIDES: ("Approved exceptions (overrides) by branch", OVERRIDE_COLUMNS, _overrides),
    STOCKTAKES: ("Stocktake results by branch and year", STOCKTAKE_COLUMNS, _stocktakes),
    EXCEPTIONS: ("Bundles refused at import", EXCEPTION_COLUMNS, _exceptions),
}


def build(kind: str, today: date | None = None) -> Report:
    """The central report of ``kind`` (English: column keys and printed words)."""
    if kind not in _KINDS:
        raise BadInput(
            said(
                "Unknown central report {report}: use one of {choices}.",
                report=repr(kind),
                choices=", ".join(KINDS),
            )
        )
    title, columns, query = _KINDS[kind]
    say = words(ENGLISH)
    rows = _read(query)
    return Report(
        kind,
        title,
        as_of(today or date.today(), say),
        columns,
        rows,
        lambda: [f"{sum(1 for _ in rows())} rows."],
        (),
        HEADING,
        words=say,
    )


def write(kind: str, fmt: str, path: str | os.PathLike[str], *, force: bool = False) -> Written:
    """Write the report to ``path``; an existing file only with ``force``; all or nothing."""
    if fmt not in FORMATS:
        raise BadInput(said("Unknown format {format}: use csv or pdf.", format=repr(fmt)))
    report = build(kind)
    target = new_report_file(path, force=force)
    staging = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        written = write_report(report, fmt, staging)
        place(staging, target, replace=force)
    finally:
        staging.unlink(missing_ok=True)
    return Written(kind, fmt, target, written.rows)


def print_csv(kind: str) -> int:
    """The report as CSV on standard output; returns its rows."""
    import csv

    report = build(kind)
    writer = csv.writer(sys.stdout)
    writer.writerow([neutralised(key) for key in report.csv_header])
    count = 0
    for count, row in enumerate(report.rows(), start=1):  # noqa: B007
        writer.writerow([csv_value(value) for value in row])
    return count


__all__ = ["CSV", "FORMATS", "KINDS", "PDF", "build", "print_csv", "write"]
