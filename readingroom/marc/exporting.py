"""``export marc``: the whole catalogue as MARCXML, or ISO 2709 for a ``.mrc`` file.

Works and their copies are read in one snapshot, streamed record by record into a
``.part`` file that replaces the target only when complete.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pymarc import Record, XMLWriter

from readingroom import audit
from readingroom.errors import BadInput, os_problem
from readingroom.marc.mapping import WORK_COLUMNS, record_for
from readingroom.messages import said
from readingroom.staff import require
from readingroom.store.db import database, read_transaction, write_transaction
from readingroom.store.models import StaffUser


@dataclass
class MarcExportResult:
    file: str
    format: str
    works: int = 0
    copies: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


ISO2709_LIMIT = 99_999


def _iso2709(record: Record, work: dict[str, Any]) -> bytes:
    """The record in transmission format; ISO 2709 cannot hold one over 99,999 bytes."""
    data = record.as_marc()
    if len(data) > ISO2709_LIMIT:
        raise BadInput(
            said(
                "The work {title} (id {id}) with its copies is {size} bytes, more than an "
                "ISO 2709 record can hold ({limit}); export to a .xml file (MARCXML) instead.",
                title=repr(work["title"]),
                id=work["id"],
                size=f"{len(data):,}",
                limit=f"{ISO2709_LIMIT:,}",
            )
        )
    return data


def _works_with_copies() -> Iterator[
    tuple[dict[str, Any], list[dict[str, Any]], list[tuple[str, str]]]
]:
    """Every work in id order with its copies and identifiers, from three cursors walked
    side by side."""
    work_cursor = database.execute_sql(
        f"SELECT id, {', '.join(WORK_COLUMNS)}, created_at FROM work ORDER BY id"
    )
    copy_cursor = database.execute_sql(
        f"SELECT work_id, {', '.join(COPY_NAMES)} FROM copy ORDER BY work_id, volume, barcode"
    )
    identifier_cursor = database.execute_sql(
        "SELECT work_id, kind, value FROM work_identifier ORDER BY work_id, id"
    )
    names = ("id", *WORK_COLUMNS, "created_at")
    pending = copy_cursor.fetchone()
    known = identifier_cursor.fetchone()
    for row in work_cursor:
        work = dict(zip(names, row, strict=True))
        copies = []
        while pending is not None and pending[0] <= work["id"]:
            if pending[0] == work["id"]:
                copies.append(dict(zip(COPY_NAMES, pending[1:], strict=True)))
            pending = copy_cursor.fetchone()
        identifiers = []
        while known is not None and known[0] <= work["id"]:
            if known[0] == work["id"]:
                identifiers.append((known[1], known[2]))
            known = identifier_cursor.fetchone()
        yield work, copies, identifiers


COPY_NAMES = ("barcode", "volume", "location", "status", "condition", "call_number")


def export_marc(actor: StaffUser, path: str | Path) -> MarcExportResult:
    """Write the whole catalogue as MARCXML (ISO 2709 when the file name ends in ``.mrc``)."""
    require(actor, "librarian", "supervisor", "inspector")
    path = Path(path)
    if not path.parent.is_dir():
        raise BadInput(said("The folder {folder} does not exist.", folder=str(path.parent)))
    binary = path.suffix.lower() in (".mrc", ".marc", ".dat")
    result = MarcExportResult(file=str(path), format="iso2709" if binary else "marcxml")
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("wb") as handle, read_transaction():
            writer = None if binary else XMLWriter(handle)
            for work, copies, identifiers in _works_with_copies():
                record = record_for(work, copies, identifiers)
                if writer is None:
                    handle.write(_iso2709(record, work))
                else:
                    writer.write(record)
                    handle.write(b"\n")  # a record a line: errors can name a line
                result.works += 1
                result.copies += len(copies)
            if writer is not None:
                writer.close(close_fh=False)
        with write_transaction():  # the file appears together with its audit entry
            audit.record(
                actor,
                "marc-export",
                "catalogue",
                "",
                {
                    "file": str(path),
                    "format": result.format,
                    "works": result.works,
                    "copies": result.copies,
                },
            )
            partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BadInput(
            said("Cannot write {path}: {problem}.", path=str(path), problem=os_problem(exc))
        ) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return result
