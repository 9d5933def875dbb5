"""Reports for the inspector: one row source per kind, written as CSV or as PDF.

``build(kind, options)`` gives a :class:`~readingroom.reports.base.Report` (title, period,
columns, a function returning its rows, summary lines, signature labels) that a window can
show or preview; ``write(kind, fmt, path)`` writes it. Reports only read the collection, so the
inspector may run them; :func:`export`, what the command line and the window call to hand a
report to someone, also records who wrote which report to which file (an audit entry) and
never replaces an existing file unless asked to.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from readingroom import audit
from readingroom.errors import BadInput
from readingroom.messages import Text, said
from readingroom.reports.base import (
    CSV,
    FORMATS,
    PDF,
    Column,
    Options,
    Report,
    Written,
    new_report_file,
    place,
)
from readingroom.reports.base import write as write_report
from readingroom.staff import require
from readingroom.store.db import write_transaction
from readingroom.store.models import StaffUser

KINDS = (
    "inventory",
    "loans",
    "overdue",
    "inspection",
    "overrides",
    "condition",
    "circulation",
    "exceptions",
    "custody",
)

__all__ = [
    "CSV",
    "FORMATS",
    "KINDS",
    "PDF",
    "Column",
    "Options",
    "Report",
    "Written",
    "build",
    "export",
    "write",
]


def build(kind: str, options: Options | None = None) -> Report:
    """The report of ``kind`` (NotFound for an inspection report with no stocktake), its PDF
    in the language asked for (else the branch's printing language), its CSV in the stable
    English keys unless a language was asked for."""
    if kind not in KINDS:
        raise BadInput(
            said(
                "Unknown report {kind}: use one of {choices}.",
                kind=repr(kind),
                choices=", ".join(KINDS),
            )
        )
    options = options or Options()
    if options.start and options.end and options.start > options.end:
        raise BadInput(said("The period starts after it ends."))
    module = importlib.import_module(f"readingroom.reports.{kind}")
    build_report: Callable[[Options], Report] = module.build  # every report module has one
    return dataclasses.replace(
        build_report(options), words=options.words, csv_words=options.csv_words
    )


def write(
    kind: str, fmt: str, path: str | os.PathLike[str], options: Options | None = None
) -> Written:
    """Write one report as ``csv`` or ``pdf`` to ``path``; returns what was written."""
    if fmt not in FORMATS:
        raise BadInput(_unknown_format(fmt))
    return write_report(build(kind, options), fmt, path)


def _unknown_format(fmt: str) -> Text:
    return said("Unknown format {format}: use csv or pdf.", format=repr(fmt))


def prepared_by(actor: StaffUser, options: Options | None = None) -> Options:
    """``options`` with ``actor`` as who prepares the report (their role and full name on
    its signature line), unless it names someone already."""
    options = options or Options()
    if options.prepared_by is not None:
        return options
    return replace(options, prepared_by=(str(actor.role), actor.display_name))


def export(
    actor: StaffUser,
    kind: str,
    fmt: str,
    path: str | os.PathLike[str],
    options: Options | None = None,
    *,
    force: bool = False,
) -> Written:
    """Write one report to ``path`` for someone to take away, audited (``report-export``:
    kind, format, period, file, rows). An existing file is replaced only with ``force``
    (BadInput otherwise, nothing written); the file appears only together with its entry."""
    require(actor, "librarian", "supervisor", "inspector")
    if fmt not in FORMATS:
        raise BadInput(_unknown_format(fmt))
    report = build(kind, prepared_by(actor, options))
    target = new_report_file(path, force=force)
    staging = target.with_name(f".{target.name}.{os.getpid()}.part")
    written = write_report(report, fmt, staging)
    placed = False
    try:
        with write_transaction():
            audit.record(
                actor,
                "report-export",
                "report",
                kind,
                _details(report, fmt, target, written.rows, options),
            )
            place(staging, target, replace=force)
            placed = True
    except BaseException:
        staging.unlink(missing_ok=True)
        if placed and not force:  # placed but not recorded: take it back
            target.unlink(missing_ok=True)
        raise
    return Written(kind, fmt, target, written.rows)


def _details(
    report: Report, fmt: str, target: Path, rows: int, options: Options | None
) -> dict[str, object]:
    options = options or Options()
    return {
        "kind": report.kind,
        "format": fmt,
        "period": report.period,
        "as_of": options.today.isoformat(),
        "from": options.start.isoformat() if options.start else None,
        "to": options.end.isoformat() if options.end else None,
        "stocktake": options.stocktake_id,
        "language": report.words.language
        if fmt == PDF
        else (report.csv_words.language if report.csv_words else "en"),
        "file": str(target),
        "rows": rows,
    }
