"""CSV imports of the catalogue and of borrowers: all or nothing, every bad line named.

The whole file is read and validated first; only a clean file is written, in one
transaction with one audit entry, so a bad line never leaves half an import behind.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peewee import Field, ModelSelect

from readingroom import audit, clock, codes
from readingroom.borrowers import borrower_values, check_member_no
from readingroom.catalogue import (
    check_barcode,
    check_choice,
    clean_text,
    parse_positive,
    work_values,
)
from readingroom.errors import BadInput, ImportFailed, os_problem
from readingroom.messages import Count, Text, said
from readingroom.staff import require_desk
from readingroom.store.db import write_transaction
from readingroom.store.models import CONDITIONS, Borrower, Copy, StaffUser, Work
from readingroom.store.rows import tuples
from readingroom.vocabulary import shelf_status

CATALOGUE_REQUIRED = ("barcode", "title", "author")
CATALOGUE_OPTIONAL = (
    "original_title",
    "original_language",
    "translator",
    "volume",
    "volumes",
    "access",
    "location",
    "condition",
    "year",
    "publisher",
    "notes",
)
BORROWER_REQUIRED = ("member_no", "name", "role")
BORROWER_OPTIONAL = ("organisation", "status", "expires")
MAX_FILE_BYTES = 512 * 1024 * 1024


@dataclass
class ImportResult:
    works_added: int = 0
    works_joined: int = 0
    copies_added: int = 0
    borrowers_added: int = 0
    rows: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class _Rows:
    """Parsed rows with their line numbers, and the problems found so far."""

    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_csv(path: str | Path, required: tuple[str, ...], optional: tuple[str, ...]) -> _Rows:
    """Rows of a UTF-8 CSV with a header; structural problems are collected, not raised."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BadInput(
                said(
                    "{file} is larger than {size} MiB.",
                    file=path.name,
                    size=MAX_FILE_BYTES // 2**20,
                )
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInput(cannot_read(path, exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(
            said("{file} is not UTF-8 text; nothing was imported.", file=path.name),
            _bad_byte_lines(raw),
        ) from None
    if "\x00" in text:
        raise ImportFailed(
            said("{file} is not a CSV file; nothing was imported.", file=path.name),
            _bad_byte_lines(raw),
        )
    return _parse(text, required, optional, path.name)


def cannot_read(path: str | Path, error: OSError) -> Text:
    """Why a file the user named could not be read (the system's own words for it)."""
    return said("Cannot read {path}: {problem}.", path=str(path), problem=os_problem(error))


MAX_NAMED_LINES = 1000


def _line(number: int, problem: str) -> Text:
    """One bad line of a file: its number and what is wrong with it (a line of its own in
    :class:`~readingroom.errors.ImportFailed`)."""
    return said("line {line}: {problem}", line=number, problem=problem)


def _bad_byte_lines(raw: bytes) -> list[str]:
    """Every line holding bytes that are not UTF-8 text, or NUL bytes, named by number."""
    bad: list[str] = []
    for number, line in enumerate(raw.split(b"\n"), 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(_line(number, said("bytes that are not UTF-8")))
            continue
        if b"\x00" in line:
            bad.append(_line(number, said("NUL bytes (a binary file?)")))
    if len(bad) > MAX_NAMED_LINES:
        more = len(bad) - MAX_NAMED_LINES
        bad[MAX_NAMED_LINES:] = [said("... and {lines} like these", lines=Count(more, "more line"))]
    return bad


def _parse(text: str, required: tuple[str, ...], optional: tuple[str, ...], name: str) -> _Rows:
    result = _Rows()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ImportFailed(
            said("{file} is empty; nothing was imported.", file=name),
            [_line(1, said("no header row"))],
        ) from None
    except csv.Error as exc:
        raise ImportFailed(
            said("{file} is not a valid CSV file; nothing was imported.", file=name),
            [_line(1, str(exc))],
        ) from None
    _check_header(header, required, optional, result.problems)
    if result.problems:
        raise ImportFailed(
            said("{file} has a bad header; nothing was imported.", file=name), result.problems
        )
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                fields = said(
                    "{fields}, the header has {header}",
                    fields=Count(len(values), "field"),
                    header=len(header),
                )
                result.problems.append(_line(line, fields))
                continue
            result.rows.append((line, dict(zip(header, values, strict=True))))
    except csv.Error as exc:
        result.problems.append(
            _line(reader.line_num, said("not valid CSV ({problem})", problem=str(exc)))
        )
    return result


def _check_header(
    header: list[str], required: tuple[str, ...], optional: tuple[str, ...], problems: list[str]
) -> None:
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in required + optional]
    duplicated = sorted({c for c in header if header.count(c) > 1})
    allowed = ", ".join(required + optional)
    if len(missing) == 1:
        problems.append(_line(1, said("missing required column: {columns}", columns=missing[0])))
    elif missing:
        columns = ", ".join(missing)
        problems.append(_line(1, said("missing required columns: {columns}", columns=columns)))
    if len(unknown) == 1:
        problem = said(
            "unknown column: {columns} (allowed: {allowed})", columns=unknown[0], allowed=allowed
        )
        problems.append(_line(1, problem))
    elif unknown:
        columns = ", ".join(unknown)
        problem = said(
            "unknown columns: {columns} (allowed: {allowed})", columns=columns, allowed=allowed
        )
        problems.append(_line(1, problem))
    if len(duplicated) == 1:
        problems.append(_line(1, said("repeated column: {columns}", columns=duplicated[0])))
    elif duplicated:
        columns = ", ".join(duplicated)
        problems.append(_line(1, said("repeated columns: {columns}", columns=columns)))


def _validate_rows(rows: _Rows, validate: Callable[[dict[str, str]], Any]) -> list[Any]:
    parsed = []
    for line, row in rows.rows:
        try:
            parsed.append((line, validate(row)))
        except BadInput as exc:
            rows.problems.append(_line(line, exc.message))
    return parsed


# -- catalogue ----------------------------------------------------------------------------

WorkKey = tuple[str, str, str]


def _catalogue_row(row: dict[str, str]) -> dict[str, Any]:
    work = work_values(
        {
            "title": row["title"],
            "author": row["author"],
            "original_title": row.get("original_title", ""),
            "original_language": row.get("original_language", ""),
            "translator": row.get("translator", ""),
            "publisher": row.get("publisher", ""),
            "notes": row.get("notes", ""),
            "year": row.get("year", ""),
            "access": (row.get("access") or "lendable").strip(),
            "volumes": row.get("volumes", ""),
        }
    )
    volume = parse_positive(row.get("volume", ""), "volume")
    if volume > work["volumes"]:
        if row.get("volumes", "").strip():
            raise BadInput(
                said(
                    "volume {volume} is more than the set's {volumes}",
                    volume=volume,
                    volumes=Count(work["volumes"], "volume"),
                )
            )
        work["volumes"] = volume
    condition = check_choice((row.get("condition") or "good").strip(), CONDITIONS, "condition")
    return {
        "barcode": check_barcode(codes.normalise(row["barcode"])),
        "volume": volume,
        "work": work,
        "location": clean_text(row.get("location", ""), "location"),
        "condition": condition,
    }


def import_catalogue(actor: StaffUser, path: str | Path) -> ImportResult:
    """Add copies (and their works) from a catalogue CSV; all or nothing."""
    require_desk(actor)
    rows = read_csv(path, CATALOGUE_REQUIRED, CATALOGUE_OPTIONAL)
    parsed = _validate_rows(rows, _catalogue_row)
    with write_transaction():
        _refuse_if_bad(
            path,
            rows.problems,
            parsed,
            Copy.barcode,
            _Clashes(
                taken=lambda code: said(
                    "the barcode {barcode} is already in the catalogue", barcode=code
                ),
                repeats=lambda code, earlier: said(
                    "the barcode {barcode} repeats {earlier}", barcode=code, earlier=earlier
                ),
            ),
            _written(rows, "barcode"),
        )
        result = _write_catalogue([r for _, r in parsed])
        audit.record(actor, "import-catalogue", "import", Path(path).name, result.as_dict())
    return result


def _written(rows: _Rows, key: str) -> dict[int, str]:
    """Each line's code as the file writes it (surrounding spaces trimmed), by line number."""
    return {line: row[key].strip() for line, row in rows.rows}


@dataclass(frozen=True)
class _Clashes:
    """What a line says of its code (a barcode, a member number) when another holds it: the
    catalogue (``taken``) or an earlier line of the file (``repeats``, with that line)."""

    taken: Callable[[str], Text]
    repeats: Callable[[str, Text], Text]


def _refuse_if_bad(
    path: str | Path,
    problems: list[str],
    parsed: list[tuple[int, dict[str, Any]]],
    column: Field[str],
    clashes: _Clashes,
    written: dict[int, str],
) -> None:
    """Add the key clashes (within the file and with the database) to ``problems``, then
    refuse the whole file if there are any (inside the import's write transaction).

    Codes are compared in the one form (:func:`readingroom.codes.normalise`: ``k0020`` and
    `` K0020`` are one barcode), and against the catalogue as the desk finds them: a code
    stored in that form or in lower case (stored so before codes were normalised)."""
    key = column.name

    def shown(line: int, code: str) -> str:
        return codes.as_given(written.get(line, code), code)

    def first(line: int, code: str) -> Text:
        given = written.get(line, code)
        if given == code:
            return said("line {line}", line=line)
        return said("line {line} ({given})", line=line, given=repr(given))

    _check_duplicate_keys(parsed, problems, lambda r: r[key], clashes, shown, first)
    values = [r[key] for _, r in parsed]
    existing = _existing(column, values + [v.lower() for v in values if v.lower() != v])
    problems += [
        _line(line, clashes.taken(shown(line, r[key])))
        for line, r in parsed
        if r[key] in existing or r[key].lower() in existing
    ]
    if problems:
        raise ImportFailed(
            said(
                "{file}: {lines}; nothing was imported.",
                file=Path(path).name,
                lines=Count(len(problems), "bad line"),
            ),
            sorted(problems, key=_line_no),
        )


def _line_no(problem: str) -> int:
    """The number of the line a problem names (every problem here is :func:`_line`'s)."""
    number = problem.params.get("line", 0) if isinstance(problem, Text) else 0
    return number if isinstance(number, int) else 0


def _check_duplicate_keys(
    parsed: list[tuple[int, dict[str, Any]]],
    problems: list[str],
    key: Callable[[dict[str, Any]], str],
    clashes: _Clashes,
    shown: Callable[[int, str], str],
    first: Callable[[int, str], Text],
) -> None:
    first_seen: dict[str, int] = {}
    for line, row in parsed:
        value = key(row)
        if value in first_seen:
            earlier = first(first_seen[value], value)
            problems.append(_line(line, clashes.repeats(shown(line, value), earlier)))
        else:
            first_seen[value] = line


def _existing(column: Field[str], values: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        found.update(v for (v,) in tuples(column.model.select(column).where(column.in_(chunk))))
    return found


def _write_catalogue(rows: list[dict[str, Any]]) -> ImportResult:
    result = ImportResult(rows=len(rows))
    works: dict[WorkKey, Work] = {}
    now = clock.now()
    for row in rows:
        values = row["work"]
        key = (values["title"], values["author"], values["translator"])
        work = works.get(key) or _find_work(key)
        if work is None:
            work = Work.create(created_at=now, **values)
            result.works_added += 1
        elif key not in works:
            result.works_joined += 1
        if row["volume"] > work.volumes:
            Work.update(volumes=row["volume"]).where(Work.id == work.id).execute()
            work.volumes = row["volume"]
        works[key] = work
        Copy.create(
            barcode=row["barcode"],
            work=work,
            volume=row["volume"],
            location=row["location"],
            condition=row["condition"],
            status=shelf_status(row["condition"]),
            created_at=now,
        )
        result.copies_added += 1
    return result


def _find_work(key: WorkKey) -> Work | None:
    return identity_query(key).get_or_none()


def identity_query(key: WorkKey) -> ModelSelect[Work]:
    """The works with exactly this title, author and translator (the ``work_identity``
    index of migration 0004 finds them without scanning the catalogue)."""
    title, author, translator = key
    return Work.select().where(
        (Work.title == title) & (Work.author == author) & (Work.translator == translator)
    )


# -- borrowers ----------------------------------------------------------------------------


def _borrower_row(row: dict[str, str]) -> dict[str, Any]:
    values = borrower_values(
        {
            k: row.get(k, "")
            for k in ("name", "role", "organisation", "status", "expires")
            if k in row or k in BORROWER_REQUIRED
        }
    )
    return {"member_no": check_member_no(codes.normalise(row["member_no"])), **values}


def import_borrowers(actor: StaffUser, path: str | Path) -> ImportResult:
    """Add borrowers from a CSV; all or nothing."""
    require_desk(actor)
    rows = read_csv(path, BORROWER_REQUIRED, BORROWER_OPTIONAL)
    for _, row in rows.rows:
        row["role"] = row["role"].strip()
        if "status" in row:
            row["status"] = row["status"].strip()
    parsed = _validate_rows(rows, _borrower_row)
    with write_transaction():
        _refuse_if_bad(
            path,
            rows.problems,
            parsed,
            Borrower.member_no,
            _Clashes(
                taken=lambda code: said("the member number {member} is already used", member=code),
                repeats=lambda code, earlier: said(
                    "the member number {member} repeats {earlier}", member=code, earlier=earlier
                ),
            ),
            _written(rows, "member_no"),
        )
        now = clock.now()
        for _, row in parsed:
            Borrower.create(created_at=now, **row)
        result = ImportResult(rows=len(parsed), borrowers_added=len(parsed))
        audit.record(actor, "import-borrowers", "import", Path(path).name, result.as_dict())
    return result
