"""Reports for the inspector: one row source per kind, written as CSV or as PDF.

``build(kind, options)`` gives a :class:`~readingroom.reports.base.Report` (title, period,
columns, a function returning its rows, summary lines, signature labels) that a window can
show or preview; ``write(kind, fmt, path)`` writes it. Reports only read: they never change
the database, so the inspector may run them.
"""

from __future__ import annotations

import importlib
import os

from readingroom.errors import BadInput
from readingroom.reports.base import CSV, FORMATS, PDF, Column, Options, Report, Written
from readingroom.reports.base import write as write_report

KINDS = ("inventory", "loans", "overdue", "inspection", "overrides", "condition",
         "circulation")

__all__ = ["CSV", "FORMATS", "KINDS", "PDF", "Column", "Options", "Report", "Written",
           "build", "write"]


def build(kind: str, options: Options | None = None) -> Report:
    """The report of ``kind`` (NotFound for an inspection report with no stocktake)."""
    if kind not in KINDS:
        raise BadInput(f"Unknown report {kind!r}: use one of {', '.join(KINDS)}.")
    options = options or Options()
    if options.start and options.end and options.start > options.end:
        raise BadInput("The period starts after it ends.")
    module = importlib.import_module(f"readingroom.reports.{kind}")
    return module.build(options)


def write(kind: str, fmt: str, path: str | os.PathLike[str],
          options: Options | None = None) -> Written:
    """Write one report as ``csv`` or ``pdf`` to ``path``; returns what was written."""
    if fmt not in FORMATS:
        raise BadInput(f"Unknown format {fmt!r}: use csv or pdf.")
    return write_report(build(kind, options), fmt, path)

