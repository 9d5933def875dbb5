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
from readingroom.errors import BadInput, ImportFailed
from readingroom.staff import require_desk
from readingroom.store.db import write_transaction
from readingroom.store.models import CONDITIONS, Borrower, Copy, StaffUser, Work
from readingroom.store.rows import tuples
from readingroom.vocabulary import shelf_status
from readingroom.wording import count

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
            raise BadInput(f"{path.name} is larger than {MAX_FILE_BYTES // 2**20} MiB.")
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"Cannot read {path}: {exc.strerror or exc}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(
            f"{path.name} is not UTF-8 text; nothing was imported.", _bad_byte_lines(raw)
        ) from None
    if "\x00" in text:
        raise ImportFailed(
            f"{path.name} is not a CSV file; nothing was imported.", _bad_byte_lines(raw)
        )
    return _parse(text, required, optional, path.name)


MAX_NAMED_LINES = 1000


def _bad_byte_lines(raw: bytes) -> list[str]:
    """Every line holding bytes that are not UTF-8 text, or NUL bytes, named by number."""
    bad = []
    for number, line in enumerate(raw.split(b"\n"), 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(f"line {number}: bytes that are not UTF-8")
            continue
        if b"\x00" in line:
            bad.append(f"line {number}: NUL bytes (a binary file?)")
    if len(bad) > MAX_NAMED_LINES:
        bad[MAX_NAMED_LINES:] = [f"... and {len(bad) - MAX_NAMED_LINES} more lines like these"]
    return bad


def _parse(text: str, required: tuple[str, ...], optional: tuple[str, ...], name: str) -> _Rows:
    result = _Rows()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ImportFailed(
            f"{name} is empty; nothing was imported.", ["line 1: no header row"]
        ) from None
    except csv.Error as exc:
        raise ImportFailed(
            f"{name} is not a valid CSV file; nothing was imported.", [f"line 1: {exc}"]
        ) from None
    _check_header(header, required, optional, result.problems)
    if result.problems:
        raise ImportFailed(f"{name} has a bad header; nothing was imported.", result.problems)
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                result.problems.append(
                    f"line {line}: {len(values)} fields, the header has {len(header)}"
                )
                continue
            result.rows.append((line, dict(zip(header, values, strict=True))))
    except csv.Error as exc:
        result.problems.append(f"line {reader.line_num}: not valid CSV ({exc})")
    return result


def _columns(names: list[str]) -> str:
    return "column" if len(names) == 1 else "columns"


def _check_header(
    header: list[str], required: tuple[str, ...], optional: tuple[str, ...], problems: list[str]
) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        problems.append(f"line 1: missing required {_columns(missing)}: {', '.join(missing)}")
    unknown = [c for c in header if c not in required + optional]
    if unknown:
        problems.append(
            f"line 1: unknown {_columns(unknown)}: {', '.join(unknown)} (allowed: "
            f"{', '.join(required + optional)})"
        )
    duplicated = sorted({c for c in header if header.count(c) > 1})
    if duplicated:
        problems.append(f"line 1: repeated {_columns(duplicated)}: {', '.join(duplicated)}")


def _validate_rows(rows: _Rows, validate: Callable[[dict[str, str]], Any]) -> list[Any]:
    parsed = []
    for line, row in rows.rows:
        try:
            parsed.append((line, validate(row)))
        except BadInput as exc:
            rows.problems.append(f"line {line}: {exc.message}")
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
            raise BadInput(f"volume {volume} is more than the set's {work['volumes']} volumes")
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
            "barcode",
            "is already in the catalogue",
            _written(rows, "barcode"),
        )
        result = _write_catalogue([r for _, r in parsed])
        audit.record(actor, "import-catalogue", "import", Path(path).name, result.as_dict())
    return result


def _written(rows: _Rows, key: str) -> dict[int, str]:
    """Each line's code as the file writes it (surrounding spaces trimmed), by line number."""
    return {line: row[key].strip() for line, row in rows.rows}


def _refuse_if_bad(
    path: str | Path,
    problems: list[str],
    parsed: list[tuple[int, dict[str, Any]]],
    column: Field[str],
    what: str,
    taken: str,
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

    def first(line: int, code: str) -> str:
        given = written.get(line, code)
        return f"line {line}" if given == code else f"line {line} ({given!r})"

    _check_duplicate_keys(parsed, problems, lambda r: r[key], what, shown, first)
    values = [r[key] for _, r in parsed]
    existing = _existing(column, values + [v.lower() for v in values if v.lower() != v])
    problems += [
        f"line {line}: the {what} {shown(line, r[key])} {taken}"
        for line, r in parsed
        if r[key] in existing or r[key].lower() in existing
    ]
    if problems:
        raise ImportFailed(
            f"{Path(path).name}: {count(len(problems), 'bad line')}; nothing was imported.",
            sorted(problems, key=_line_no),
        )


def _line_no(problem: str) -> int:
    try:
        return int(problem.split(":", 1)[0].removeprefix("line "))
    except ValueError:
        return 0


def _check_duplicate_keys(
    parsed: list[tuple[int, dict[str, Any]]],
    problems: list[str],
    key: Callable[[dict[str, Any]], str],
    what: str,
    shown: Callable[[int, str], str],
    first: Callable[[int, str], str],
) -> None:
    first_seen: dict[str, int] = {}
    for line, row in parsed:
        value = key(row)
        if value in first_seen:
            earlier = first(first_seen[value], value)
            problems.append(f"line {line}: the {what} {shown(line, value)} repeats {earlier}")
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
            "member number",
            "is already used",
            _written(rows, "member_no"),
        )
        now = clock.now()
        for _, row in parsed:
            Borrower.create(created_at=now, **row)
        result = ImportResult(rows=len(parsed), borrowers_added=len(parsed))
        audit.record(actor, "import-borrowers", "import", Path(path).name, result.as_dict())
    return result
