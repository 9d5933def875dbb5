"""What every report is made of, and the two writers (CSV and PDF) that share its rows.

A :class:`Report` names its columns once and gives a *row source*: a function returning a
fresh iterator of tuples, read straight from a database cursor. The CSV writer streams those
rows to the file (memory stays flat for a million copies); the PDF writer hands the same
rows, restricted to the columns meant for paper, to :func:`readingroom.pdf.write_table_report`.
Both replace the target file in one step, so a failed export never leaves half a file.

Every CSV cell passes through :func:`csv_value`, the one place that neutralises formula
injection as OWASP advises: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return (a title ``=HYPERLINK(...)``, an author ``+cmd|...``) gets a leading ``'``
so a spreadsheet shows it as text instead of running it. Numbers (counts, days, volumes) are
written as numbers: a Python ``int`` or ``float`` cannot carry a formula.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from readingroom import clock, wording
from readingroom.errors import BadInput, EnvironmentProblem, os_problem
from readingroom.files import place_new
from readingroom.language import Words, words
from readingroom.messages import Text, said

CSV, PDF = "csv", "pdf"
FORMATS = (CSV, PDF)

Row = tuple[object, ...]


@dataclass(frozen=True)
class Column:
    """``key`` heads the CSV column; ``heading`` and ``weight`` lay out the PDF column."""

    key: str
    heading: str
    weight: float = 1.0
    pdf: bool = True
    #: the kind of stored word its cells hold (``status``, ``condition``, ``role``...),
    #: printed in the report's language; "" for names, titles, codes and numbers
    values: str = ""


@dataclass(frozen=True)
class Options:
    """What a report is about: the day it is as of, a period, a stocktake."""

    today: date = field(default_factory=lambda: clock.today())
    start: date | None = None
    end: date | None = None
    stocktake_id: int | None = None
    #: the language asked for (``--lang``): PDFs print in it, and the CSV's headers and
    #: values follow it too; None: PDFs in the branch's printing language, the CSV in its
    #: stable English keys
    language: str | None = None

    @property
    def words(self) -> Words:
        """The words the PDF prints: the language asked for, else the branch's setting."""
        if self.language is not None:
            return words(self.language)
        from readingroom import settings  # the setting is read when a report is built

        return words(settings.print_language())

    @property
    def csv_words(self) -> Words | None:
        """The CSV's words: only a language asked for explicitly changes them."""
        return words(self.language) if self.language is not None else None

    #: who prepares it: ``(role, full name)`` of the staff member exporting it (set by
    #: ``reports.export`` and the bundle), printed on the signature line of that role
    prepared_by: tuple[str, str] | None = None


def signature_lines(options: Options, *roles: str) -> tuple[str, ...]:
    """The signature labels of a report (``"Librarian"``, ``"Supervisor"``), each with the
    printed full name of whoever prepares the report under the line of their role
    (``"Librarian\nKim Yong-ae"``, as the inspection report prints its signers); the other
    lines are left for a name written by hand. A preparer whose role has no line of its own
    (a supervisor exporting the overdue loans) gets one at the end."""
    prepared = options.prepared_by
    if prepared is None:
        return roles
    role_of, name = prepared
    lines = [f"{role}\n{name}" if role.lower() == role_of else role for role in roles]
    if role_of not in (role.lower() for role in roles):
        lines.append(f"{role_of.capitalize()}\n{name}")
    return tuple(lines)


@dataclass(frozen=True)
class Section:
    """A block of a report's first page: a heading, ``lines`` of text across the page, then
    ``(label, value)`` lines (an empty label continues the value column); ``new_page``: it
    starts on a page of its own."""

    heading: str
    fields: tuple[tuple[str, str], ...] = ()
    new_page: bool = False
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    kind: str
    title: str
    period: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterator[Row]]
    summary: Callable[[], list[str]] = list
    signatures: tuple[str, ...] = ()
    branch: str = ""
    #: the PDF's column order by key, when it differs from the CSV's (a CSV column added
    #: later goes at the end, on paper it may stand beside its kin)
    pdf_order: tuple[str, ...] = ()
    #: the PDF's first page, before the table (the CSV has no place for it)
    cover: Callable[[], list[Section]] = list
    #: the language of the PDF (title, headings, values, fixed words)
    words: Words = field(default_factory=words)
    #: the CSV's language when one was asked for (None: the stable English keys)
    csv_words: Words | None = None

    @property
    def csv_header(self) -> list[str]:
        if self.csv_words is not None and self.csv_words.korean:
            return [self.csv_words(column.heading) for column in self.columns]
        return [column.key for column in self.columns]

    def csv_cells(self, row: Row) -> list[str]:
        """One row's CSV cells: stored words as stored, or in the language asked for."""
        chosen = self.csv_words
        if chosen is None or not chosen.korean:
            return [csv_value(value) for value in row]
        return [
            csv_value(chosen.value(column.values, value) if column.values else value)
            if value is not None
            else ""
            for column, value in zip(self.columns, row, strict=True)
        ]

    def pdf_columns(self) -> list[tuple[int, Column]]:
        picked = [(index, column) for index, column in enumerate(self.columns) if column.pdf]
        if self.pdf_order:
            place = {key: n for n, key in enumerate(self.pdf_order)}
            picked.sort(key=lambda pair: place.get(pair[1].key, len(place)))
        return picked


@dataclass(frozen=True)
class Written:
    kind: str
    format: str
    path: Path
    rows: int

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "format": self.format, "out": str(self.path), "rows": self.rows}


def check_target(path: str | os.PathLike[str]) -> Path:
    target = Path(path)
    if not target.parent.is_dir():
        raise EnvironmentProblem(cannot_write(target, said("the folder does not exist")))
    if not os.access(target.parent, os.W_OK):
        raise EnvironmentProblem(cannot_write(target, said("the folder is read-only")))
    return target


def cannot_write(target: Path, problem: str) -> Text:
    """Why ``target`` could not be written: ``problem`` a phrase of ours (said) or the
    system's own words for it."""
    return said("Cannot write {path}: {problem}.", path=str(target), problem=problem)


def new_report_file(path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """The file a report is to be written to: its folder writable (EnvironmentProblem),
    not a folder itself, and replaced only with ``force`` (BadInput, nothing written)."""
    target = check_target(path)
    if target.is_dir():
        raise BadInput(said("{path} is a folder: give a file name.", path=str(target)))
    if target.exists() and not force:
        raise BadInput(
            said(
                "{path} already exists: nothing was written. Give another file name, "
                "or --force to replace it.",
                path=str(target),
            )
        )
    return target


#: what a spreadsheet takes as the start of a formula (OWASP: CSV injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value: object) -> str:
    """One CSV cell: empty for None, yes/no, a number as it is, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    return neutralised(str(value))


def neutralised(text: str) -> str:
    """``text`` with a ``'`` in front when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(report: Report, path: str | os.PathLike[str]) -> Written:
    """Stream the report's rows into a UTF-8 CSV file with a header row of column keys."""
    target = check_target(path)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    count = 0
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow([neutralised(key) for key in report.csv_header])
            for count, row in enumerate(report.rows(), start=1):  # noqa: B007
                writer.writerow(report.csv_cells(row))
        temporary.chmod(0o600)  # private, like every file written (readingroom.files)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise EnvironmentProblem(cannot_write(target, os_problem(error))) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return Written(report.kind, CSV, target, count)


def place(staging: Path, target: Path, *, replace: bool = False) -> None:
    """Move a finished file to its name in one step; an existing file there is replaced
    only with ``replace`` (otherwise BadInput, even when it appeared a moment ago)."""
    try:
        if replace:
            os.replace(staging, target)
        else:
            place_new(staging, target)  # never a silent overwrite
    except FileExistsError:
        raise BadInput(
            said("{path} already exists: nothing was written.", path=str(target))
        ) from None
    except OSError as error:
        raise EnvironmentProblem(cannot_write(target, os_problem(error))) from error


class _Counted:
    """An iterable that counts what passes through it."""

    def __init__(self, rows: Iterable[Sequence[object]]):
        self._rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[Sequence[object]]:
        for row in self._rows:
            self.count += 1
            yield row


def write_pdf(report: Report, path: str | os.PathLike[str]) -> Written:
    """The report as a print-ready A4 PDF (title, branch, period, page numbers, signatures)."""
    picked = report.pdf_columns()
    say = report.words
    rows = _Counted(
        tuple(_pdf_value(row[index], column, say) for index, column in picked)
        for row in report.rows()
    )
    from readingroom.pdf import write_table_report  # fpdf2 loads only to write a PDF

    write_table_report(
        path,
        title=say(report.title),
        branch=report.branch,
        period=report.period,
        columns=[(say(column.heading), column.weight) for _, column in picked],
        rows=rows,
        summary=report.summary(),
        signatures=[_signature(label, say) for label in report.signatures],
        words=say,
        cover=[
            (section.heading, section.lines, section.fields, section.new_page)
            for section in report.cover()
        ],
    )
    return Written(report.kind, PDF, Path(path), rows.count)


def _pdf_value(value: object, column: Column, say: Words) -> object:
    if isinstance(value, bool):
        return say("yes" if value else "no")
    if column.values and value is not None:
        return say.phrases(column.values, value)
    return value


def _signature(label: str, say: Words) -> str:
    """A signature's label in the language, the printed name after a line break kept."""
    role, newline, name = label.partition("\n")
    return say(role) + newline + name


def write(report: Report, fmt: str, path: str | os.PathLike[str]) -> Written:
    if fmt == CSV:
        return write_csv(report, path)
    if fmt == PDF:
        return write_pdf(report, path)
    raise ValueError(f"unknown report format {fmt!r}")


def plural(count: int, noun: str) -> str:
    return wording.count(count, noun)


def as_of(day: date, say: Words | None = None) -> str:
    return (say or words())("As of {day}", day=day.isoformat())


def between(start: date | None, end: date | None, say: Words | None = None) -> str:
    say = say or words()
    if start and end:
        return say("{start} to {end}", start=start.isoformat(), end=end.isoformat())
    if start:
        return say("From {start}", start=start.isoformat())
    if end:
        return say("Up to {end}", end=end.isoformat())
    return say("All records")
