"""``import marc``: every record read and mapped first, the good ones staged, then one write.

The records are staged in temporary tables of this connection, so a national catalogue of
a quarter of a million records keeps memory flat and the database unlocked while it is
read. One write transaction then checks barcodes against the file and the catalogue,
writes every work and copy with ``INSERT ... SELECT`` and records one audit entry. Unless
``skip_bad`` is given, one malformed record means nothing is imported.

A large file imported into a catalogue with no works (a branch's first load of a national
file) is written directly instead: batch by batch, inside one write transaction held while
the file is read, as the workers map the next batches; anything irregular rolls it back
and the staged import runs (see :func:`_import_directly`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sqlite3
import threading
from collections import deque
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from peewee import IntegrityError

from readingroom import audit, clock
from readingroom.bulk import bulk_load
from readingroom.catalogue import parse_positive
from readingroom.errors import BadInput, ImportFailed
from readingroom.marc.mapping import WORK_COLUMNS, MarcCopy, work_from_fields, work_from_record
from readingroom.marc.reading import (
    RawRecord,
    decode,
    is_xml,
    iso2709_chunks,
    iso2709_records,
    open_file,
    record_place,
    xml_records,
)
from readingroom.messages import Count, Text, said
from readingroom.staff import require_desk
from readingroom.store.db import database, on_server, write_transaction
from readingroom.store.models import StaffUser

STAGE_BATCH = 2_000
#: the copy table's after-image trigger (migration 0009, its image since 0023)
COPY_IMAGES = "copy_image_insert"
#: an import of at least this many works (and more than the catalogue holds) is bulk-loaded
BULK_FROM_WORKS = 10_000
#: printf pattern of a generated barcode: work id, volume, copy number
GENERATED_BARCODE = "W%07d-%d-%d"


# -- records mapped, in this process or in a pool ----------------------------------------------


class Mapped(NamedTuple):
    """A record read and mapped: its work's columns (in :data:`WORK_COLUMNS` order) and its
    copies' (in :class:`MarcCopy` order), or the problem that stops it. Plain tuples, so a
    worker process sends them back cheaply."""

    number: int
    #: where a record that did not map is; one that did is named (should a problem come up
    #: later) from ``offset`` or ``line`` (:attr:`where`), not sent with a message object
    place: Text | None
    values: tuple[Any, ...] | None
    copies: tuple[tuple[Any, ...], ...] = ()
    problem: str = ""
    fatal: bool = False
    #: the numbers the record is known by, as ``(kind, value)``
    identifiers: tuple[tuple[str, str], ...] = ()
    #: a translation that does not say its original language (no 041 $h)
    language_unknown: bool = False
    #: the byte the record starts at in an ISO 2709 file, or its line in MARCXML
    offset: int | None = None
    line: int | None = None

    @property
    def where(self) -> Text:
        """Where the record is: ``record 5 (byte 509)``."""
        return self.place or record_place(self.number, offset=self.offset, line=self.line)


#: ISO 2709 files from this size are decoded and mapped by worker processes
PARALLEL_FROM_BYTES = 8 << 20
MAX_WORKERS = 4
BATCH_RECORDS = 1000


def _mapped(raw: RawRecord) -> Mapped:
    try:
        if raw.plain is not None:
            work = work_from_fields(*raw.plain)
        elif raw.record is not None:
            work = work_from_record(raw.record)
        else:
            return Mapped(raw.number, raw.place, None, (), raw.problem, raw.fatal)
    except BadInput as exc:
        return Mapped(raw.number, raw.place, None, (), exc.message)
    offset, line = (raw.place.params.get(at) for at in ("offset", "line"))
    return Mapped(
        raw.number,
        None,
        _work_columns(work.values),
        tuple(tuple(copy) for copy in work.copies),
        identifiers=work.identifiers,
        language_unknown=work.language_unknown,
        offset=offset if isinstance(offset, int) else None,
        line=line if isinstance(line, int) else None,
    )


def _map_batch(batch: list[tuple[int, int, bytes]]) -> list[tuple[Any, ...]]:
    """Decode and map ISO 2709 records (in a worker process), as plain tuples."""
    return [tuple(_mapped(decode(*item, plain=True))) for item in batch]


def mapped_records(path: str | Path) -> Generator[Mapped, None, None]:
    """Every record of the file mapped to a work, in file order.

    pymarc's parser is pure Python, so a large ISO 2709 file is decoded and mapped by a
    pool of processes (one per core, started fresh: safe from a window's worker thread)
    while this process stages what they send back; answers are taken in file order.
    """
    path = Path(path)
    with open_file(path) as handle:
        if is_xml(handle):
            yield from (_mapped(raw) for raw in xml_records(handle))
            return
        workers = min(os.cpu_count() or 1, MAX_WORKERS)
        if workers > 1 and path.stat().st_size >= PARALLEL_FROM_BYTES:
            yield from _parallel(iso2709_chunks(handle), workers)
        else:
            yield from (_mapped(raw) for raw in iso2709_records(handle, plain=True))


def _parallel(chunks: Iterator[tuple[int, int, bytes]], workers: int) -> Iterator[Mapped]:
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker
    )
    pending: deque[Future[list[tuple[Any, ...]]]] = deque()
    finished = False
    try:
        while batch := list(islice(chunks, BATCH_RECORDS)):
            pending.append(pool.submit(_map_batch, batch))
            if len(pending) > 2 * workers:  # a bounded read-ahead keeps memory flat
                yield from map(Mapped._make, pending.popleft().result())
        while pending:
            yield from map(Mapped._make, pending.popleft().result())
        finished = True
    finally:
        if not finished:  # an error, Ctrl+C or an abandoned import: stop the workers now
            _stop_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker() -> None:
    """In each worker: end with the importing process, and collect cycles seldom (a
    record's objects are freed as it is mapped; the collector's passes over the modules
    loaded cost 5-8% of the mapping)."""
    _die_with_parent()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _die_with_parent() -> None:
    """In each worker: a thread that ends the worker as soon as the importing process is
    gone, even killed outright (no worker is left running the import of a dead process)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the parent's end of the sentinel pipe closes
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(5)


# -- import -----------------------------------------------------------------------------------


@dataclass
class MarcImportResult:
    """What an import did. ``works_updated``: records already in the catalogue (by 001 with
    003, 035, ISBN, or title, author and translator when the record has no number) whose
    work was updated (``update``); ``works_already``: such records left as they were;
    ``language_unknown``: translations imported without their original language (the
    record has no 041 $h); ``copies_updated``: copies such records bring that the work
    already had, given the record's call number (``update``)."""

    file: str
    records: int = 0
    works_added: int = 0
    copies_added: int = 0
    copies_generated: int = 0
    skipped: list[str] = field(default_factory=list)
    works_updated: int = 0
    works_already: int = 0
    language_unknown: int = 0
    #: copies of recognised records given the record's call number (``update``)
    copies_updated: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


COPY_COLUMNS = MarcCopy._fields
_work_columns = itemgetter(*WORK_COLUMNS)


class _Staging:
    """Validated records in temporary tables of this connection, written in one go."""

    def __init__(self) -> None:
        #: after-images of the rows written without their trigger (see :meth:`write`)
        self.images: list[str] = []
        self.works: list[tuple[Any, ...]] = []
        self.copies: list[tuple[Any, ...]] = []
        self.identifiers: list[tuple[Any, ...]] = []
        #: the order of the staged copies and identifiers (their rows' ``seq``)
        self.copy_seq = self.ident_seq = 0

    def create(self) -> None:
        self.drop()
        database.execute_sql(
            "CREATE TEMP TABLE marc_work (pos INTEGER PRIMARY KEY, record_offset INTEGER, "
            "record_line INTEGER, has_items "
            f"INTEGER, language_unknown INTEGER, {_typed(WORK_COLUMNS)})"
        )
        database.execute_sql(
            "CREATE TEMP TABLE marc_copy (seq INTEGER PRIMARY KEY, pos INTEGER, "
            f"{_typed(COPY_COLUMNS)})"
        )
        database.execute_sql(
            "CREATE TEMP TABLE marc_ident (seq INTEGER PRIMARY KEY, pos INTEGER, kind TEXT, "
            "value TEXT)"
        )
        database.execute_sql(
            "CREATE TEMP TABLE marc_match (pos INTEGER PRIMARY KEY, work_id INTEGER)"
        )
        database.execute_sql(
            "CREATE TEMP TABLE marc_known (pos INTEGER, copy_id INTEGER, call_number TEXT)"
        )

    def drop(self) -> None:
        temp = "pg_temp" if on_server() else "temp"
        for table in (*_STAGING_TABLES, "marc_id", "marc_drop"):
            database.execute_sql(f"DROP TABLE IF EXISTS {temp}.{table}")

    def add(self, mapped: Mapped) -> None:
        number, values = mapped.number, mapped.values
        if values is None:
            raise ValueError(f"{mapped.where}: a record that did not map cannot be staged")
        self.works.append(
            (
                number,
                mapped.offset,  # where the record is: kept to name it in a problem
                mapped.line,
                bool(mapped.copies),
                mapped.language_unknown,
                *values,
            )
        )
        first = self.copy_seq + 1
        self.copies.extend((seq, number, *copy) for seq, copy in enumerate(mapped.copies, first))
        self.copy_seq += len(mapped.copies)
        first = self.ident_seq + 1
        self.identifiers.extend(
            (seq, number, kind, value)
            for seq, (kind, value) in enumerate(mapped.identifiers, first)
        )
        self.ident_seq += len(mapped.identifiers)
        if len(self.works) >= STAGE_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.works:
            return
        with database.atomic():
            cursor = database.cursor()
            cursor.executemany(
                f"INSERT INTO marc_work VALUES ({', '.join('?' * (5 + len(WORK_COLUMNS)))})",
                self.works,
            )
            cursor.executemany(
                f"INSERT INTO marc_copy VALUES ({', '.join('?' * (2 + len(COPY_COLUMNS)))})",
                self.copies,
            )
            cursor.executemany("INSERT INTO marc_ident VALUES (?, ?, ?, ?)", self.identifiers)
        self.works, self.copies, self.identifiers = [], [], []

    def repeated_barcodes(self) -> list[tuple[int, str]]:
        database.execute_sql("CREATE INDEX marc_copy_barcode ON marc_copy (barcode)")
        rows = database.execute_sql(
            "SELECT c.pos, w.record_offset, w.record_line, c.barcode, f.pos, f.record_offset, "
            "f.record_line FROM marc_copy c "
            "JOIN (SELECT barcode, min(seq) AS first FROM marc_copy GROUP BY barcode "
            "      HAVING count(*) > 1) d ON d.barcode = c.barcode AND c.seq > d.first "
            "JOIN marc_copy o ON o.seq = d.first "
            "JOIN marc_work w ON w.pos = c.pos JOIN marc_work f ON f.pos = o.pos"
        )
        return [
            (
                pos,
                said(
                    "{place}: the barcode {barcode} repeats {first}",
                    place=record_place(pos, offset=offset, line=line),
                    barcode=barcode,
                    first=record_place(first, offset=first_offset, line=first_line),
                ),
            )
            for pos, offset, line, barcode, first, first_offset, first_line in rows
        ]

    def recognise(self) -> None:
        """Find the records already in the catalogue (``marc_match``): by their own number
        and source or another system's number (001 with 003, 035), by ISBN or LCCN, and,
        for a record with none of these, by title, author and translator (the CSV import's
        identity). A 001 without 003 is no identifier (see ``mapping._identifiers``)."""
        database.execute_sql("CREATE INDEX marc_ident_value ON marc_ident (value)")
        database.execute_sql("CREATE INDEX marc_ident_pos ON marc_ident (pos)")
        database.execute_sql(
            "INSERT INTO marc_match (pos, work_id) "
            "SELECT s.pos, min(i.work_id) FROM marc_ident s "
            "JOIN work_identifier i ON i.value = s.value AND (i.kind = s.kind OR "
            f"(i.kind IN {_NUMBERS} AND s.kind IN {_NUMBERS})) GROUP BY s.pos {_UNLESS_KNOWN}"
        )
        # works catalogued by hand or from a CSV file have an ISBN but no identifiers:
        # one pass over the works, each ISBN looked up among the file's
        database.execute_sql(
            "INSERT INTO marc_match (pos, work_id) "
            "SELECT s.pos, min(w.id) FROM work w CROSS JOIN marc_ident s "
            "ON s.value = replace(replace(upper(w.isbn), '-', ''), ' ', '') "
            f"AND s.kind = 'isbn' WHERE w.isbn <> '' GROUP BY s.pos {_UNLESS_KNOWN}"
        )
        database.execute_sql(
            "INSERT INTO marc_match (pos, work_id) "
            "SELECT s.pos, min(w.id) FROM marc_work s JOIN work w "
            "ON w.title = s.title AND w.author = s.author AND w.translator = s.translator "
            "WHERE NOT EXISTS (SELECT 1 FROM marc_ident x WHERE x.pos = s.pos) "
            f"GROUP BY s.pos {_UNLESS_KNOWN}"
        )

    def matched(self) -> set[int]:
        return {row[0] for row in database.execute_sql("SELECT pos FROM marc_match")}

    def keep_known_copies(self) -> None:
        """Set aside the copies a recognised record brings that its work already has
        (``marc_known``: their call numbers are updated, see :meth:`_update_copies`)."""
        database.execute_sql(
            "INSERT INTO marc_known (pos, copy_id, call_number) SELECT c.pos, k.id, "
            "c.call_number FROM marc_copy c JOIN marc_match m ON m.pos = c.pos "
            "JOIN copy k ON k.barcode = c.barcode AND k.work_id = m.work_id"
        )
        database.execute_sql(
            "DELETE FROM marc_copy WHERE seq IN (SELECT c.seq FROM marc_copy c "
            "JOIN marc_match m ON m.pos = c.pos "
            "JOIN copy k ON k.barcode = c.barcode AND k.work_id = m.work_id)"
        )

    def barcodes_in_catalogue(self) -> list[tuple[int, str]]:
        """Staged barcodes (each in the one form codes are compared in) that the catalogue
        holds in that form or in lower case (stored so before codes were normalised)."""
        rows = database.execute_sql(
            "SELECT c.pos, w.record_offset, w.record_line, c.barcode FROM marc_copy c "
            "JOIN copy k ON k.barcode = c.barcode JOIN marc_work w ON w.pos = c.pos "
            "UNION SELECT c.pos, w.record_offset, w.record_line, c.barcode FROM marc_copy c "
            "JOIN copy k ON k.barcode = lower(c.barcode) "
            "JOIN marc_work w ON w.pos = c.pos WHERE lower(c.barcode) <> c.barcode"
        )
        return [
            (
                pos,
                said(
                    "{place}: the barcode {barcode} is already in the catalogue",
                    place=record_place(pos, offset=offset, line=line),
                    barcode=barcode,
                ),
            )
            for pos, offset, line, barcode in rows
        ]

    def staged(self) -> int:
        return int(database.execute_sql("SELECT count(*) FROM marc_work").fetchone()[0])

    def discard(self, positions: set[int]) -> None:
        """Leave the records at ``positions`` out: one pass over each staging table (a
        re-import may leave out every record of a large file)."""
        if not positions:
            return
        database.execute_sql("CREATE TEMP TABLE IF NOT EXISTS marc_drop (pos INTEGER PRIMARY KEY)")
        database.execute_sql("DELETE FROM marc_drop")
        database.cursor().executemany(
            "INSERT INTO marc_drop VALUES (?)", [(p,) for p in sorted(positions)]
        )
        for table in _STAGING_TABLES:
            database.execute_sql(f"DELETE FROM {table} WHERE pos IN (SELECT pos FROM marc_drop)")

    def write(self, generate: int, result: MarcImportResult) -> list[int]:
        """Everything staged into the catalogue; an import at least as big as the catalogue
        builds the indexes once afterwards instead of row by row (:mod:`readingroom.bulk`).
        Returns the ids of the works updated."""
        result.language_unknown = int(
            database.execute_sql(
                "SELECT count(*) FROM marc_work WHERE language_unknown <> 0"
            ).fetchone()[0]
        )
        existing = database.execute_sql("SELECT count(*) FROM work").fetchone()[0]
        if on_server() or self.staged() < max(existing, BULK_FROM_WORKS):
            # a server keeps its indexes and triggers (see bulk.bulk_load)
            return self._write(generate, result)
        # work_identifier keeps its index: the identifiers of a recognised record are
        # looked up in it as they are added (see ``_write``). The copies' after-images are
        # rendered from the table once it is written, not row by row through the trigger
        # (a million copies: 2 s of the write's 10)
        after = database.execute_sql("SELECT coalesce(max(id), 0) FROM copy").fetchone()[0]
        with bulk_load(("work", "copy"), triggers=(COPY_IMAGES,)):
            updated = self._write(generate, result)
        self.images = audit.table_images("copy", "id > ?", (after,))
        return updated

    def _write(self, generate: int, result: MarcImportResult) -> list[int]:
        now = str(clock.now())
        base = _last_work_id()
        database.execute_sql("CREATE TEMP TABLE marc_id (pos INTEGER PRIMARY KEY, work_id INTEGER)")
        database.execute_sql(
            "INSERT INTO marc_id (pos, work_id) SELECT pos, ? + row_number() OVER (ORDER BY pos) "
            f"FROM marc_work WHERE {_NEW} UNION ALL SELECT pos, work_id FROM marc_match",
            (base,),
        )
        updated = self._update()
        result.copies_updated = self._update_copies()
        columns = ", ".join(WORK_COLUMNS)
        result.works_added = database.execute_sql(
            f"INSERT INTO work (id, {columns}, created_at) SELECT i.work_id, "
            f"{', '.join('w.' + c for c in WORK_COLUMNS)}, ? FROM marc_work w "
            f"JOIN marc_id i ON i.pos = w.pos WHERE w.{_NEW} ORDER BY w.pos",
            (now,),
        ).rowcount
        if result.works_added:
            _move_work_ids_past(base + result.works_added)
        result.copies_added = database.execute_sql(
            f"INSERT INTO copy (work_id, {', '.join(COPY_COLUMNS)}, created_at) "
            f"SELECT i.work_id, {', '.join('c.' + c for c in COPY_COLUMNS)}, ? "
            "FROM marc_copy c JOIN marc_id i ON i.pos = c.pos ORDER BY c.seq",
            (now,),
        ).rowcount
        database.execute_sql(
            "INSERT INTO work_identifier (work_id, kind, value) "
            "SELECT i.work_id, s.kind, s.value FROM marc_ident s "
            "JOIN marc_id i ON i.pos = s.pos WHERE NOT EXISTS (SELECT 1 FROM "
            "work_identifier x WHERE x.value = s.value AND x.kind = s.kind "
            "AND x.work_id = i.work_id) GROUP BY i.work_id, s.kind, s.value ORDER BY min(s.seq)"
        )
        if generate:
            result.copies_generated = self._generate(generate, now)
        return updated

    def _update(self) -> list[int]:
        """The recognised records' works updated from them: each field the record gives
        replaces the work's (one it leaves empty keeps the work's); never the access class
        (a supervisor's decision, see :func:`readingroom.catalogue.edit_work`), and the
        number of volumes only grows."""
        updated = [
            row[0]
            for row in database.execute_sql(
                "SELECT DISTINCT work_id FROM marc_match ORDER BY work_id"
            )
        ]
        if not updated:
            return []
        kept = {"access", "volumes", "year"}
        assignments = [
            f"{c} = coalesce(nullif(s.{c}, ''), w.{c})" for c in WORK_COLUMNS if c not in kept
        ]
        assignments += [
            "year = coalesce(s.year, w.year)",
            "volumes = CASE WHEN s.volumes > w.volumes THEN s.volumes ELSE w.volumes END",
        ]
        database.execute_sql(
            f"UPDATE work AS w SET {', '.join(assignments)} FROM marc_work s "
            "JOIN marc_match m ON m.pos = s.pos WHERE w.id = m.work_id"
        )
        return updated

    def _update_copies(self) -> int:
        """The call numbers of the copies a recognised record brings that its work already
        has, where the record gives one (as the work's fields: one it leaves empty keeps
        the copy's); their location, status and condition are the desk's and stay."""
        return int(
            database.execute_sql(
                "UPDATE copy SET call_number = k.call_number FROM marc_known k "
                "WHERE copy.id = k.copy_id AND k.call_number <> '' "
                "AND copy.call_number <> k.call_number"
            ).rowcount
        )

    def _generate(self, per_volume: int, now: str) -> int:
        try:
            cursor = database.execute_sql(
                "INSERT INTO copy (barcode, work_id, volume, created_at) "
                "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n "
                "  WHERE k < ? OR k < (SELECT max(volumes) FROM marc_work)) "
                f"SELECT {_generated_barcode()}, i.work_id, v.k, ? "
                "FROM marc_work w JOIN marc_id i ON i.pos = w.pos "
                "JOIN n v ON v.k <= w.volumes JOIN n c ON c.k <= ? "
                f"WHERE w.has_items = 0 AND w.{_NEW} ORDER BY i.work_id, v.k, c.k",
                (per_volume, now, per_volume),
            )
        except IntegrityError:
            raise BadInput(
                said(
                    "A generated barcode (W<work>-<volume>-<copy>) is already used in the "
                    "catalogue; nothing was imported."
                )
            ) from None
        return int(cursor.rowcount)


#: the kinds of identifier that are record numbers (001 with 003, and 035)
_NUMBERS = "('record', 'system')"
#: a staged record that is not already in the catalogue
_NEW = "pos NOT IN (SELECT pos FROM marc_match)"
#: the staging tables of the records, each with a record's position (``pos``)
_STAGING_TABLES = ("marc_work", "marc_copy", "marc_ident", "marc_match", "marc_known")
#: a record found by an earlier way of recognising it keeps what that found
_UNLESS_KNOWN = "ON CONFLICT (pos) DO NOTHING"
#: the staging tables' columns that are numbers (the rest are text)
_NUMBER_COLUMNS = frozenset(("year", "volumes", "volume"))


def _typed(columns: tuple[str, ...]) -> str:
    """Column definitions of a staging table (a server's table needs each one's type)."""
    return ", ".join(f"{c} {'INTEGER' if c in _NUMBER_COLUMNS else 'TEXT'}" for c in columns)


def _generated_barcode() -> str:
    """The SQL of a generated copy's barcode (:data:`GENERATED_BARCODE`) from the work id
    ``i.work_id``, the volume ``v.k`` and the copy number ``c.k``."""
    if on_server():
        return "'W' || lpad(i.work_id::text, 7, '0') || '-' || v.k || '-' || c.k"
    return f"printf('{GENERATED_BARCODE}', i.work_id, v.k, c.k)"


def _last_work_id() -> int:
    """The highest work id ever given (a deleted work's id is never given again)."""
    if on_server():
        sequence = database.execute_sql("SELECT pg_get_serial_sequence('work', 'id')").fetchone()
        given = database.execute_sql(
            f"SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM {sequence[0]}"
        ).fetchone()[0]
    else:
        found = database.execute_sql("SELECT seq FROM sqlite_sequence WHERE name = 'work'")
        given = (found.fetchone() or (0,))[0]
    highest = database.execute_sql("SELECT coalesce(max(id), 0) FROM work").fetchone()[0]
    return int(max(given, highest))


def _move_work_ids_past(last: int) -> None:
    """A server's work id sequence moved past the ids the import gave itself (SQLite's
    AUTOINCREMENT counter follows the inserted ids by itself)."""
    if on_server():
        database.execute_sql("SELECT setval(pg_get_serial_sequence('work', 'id'), ?)", (last,))


@contextmanager
def _staging() -> Iterator[_Staging]:
    stage = _Staging()
    stage.create()
    try:
        yield stage
    finally:
        stage.drop()


# -- the direct write: a large file into a catalogue with no works -----------------------------

#: an import of a file from this size into a catalogue with no works (a new branch's first
#: load of a national file) writes each batch of records straight into the catalogue as the
#: workers map the next ones (see :func:`_import_directly`)
DIRECT_FROM_BYTES = PARALLEL_FROM_BYTES


class _LeftToStaging(Exception):
    """What the direct write leaves to the staged import: a record that cannot be read or
    mapped, a repeated barcode, a file with no record. The direct write is rolled back and
    the staged import says what is wrong, as it always has."""


class _Direct:
    """Works, copies and identifiers written into the catalogue batch by batch, with the
    ids and in the order the staged write gives them (:meth:`_Staging._write`): works
    numbered after the last id ever given, in file order, each copy and identifier after
    its work's. A batch goes through temporary tables of this connection and one
    ``INSERT ... SELECT`` a table (a statement a row costs the catalogue's foreign key and
    id counter each time: 2.5 times the CPU)."""

    def __init__(self, base: int, now: str) -> None:
        self.last_id, self.now = base, now
        self.works: list[tuple[Any, ...]] = []
        self.copies: list[tuple[Any, ...]] = []
        self.identifiers: list[tuple[Any, ...]] = []
        self.written = self.copies_written = self.language_unknown = 0

    @staticmethod
    def create() -> None:
        _Direct.drop()
        database.execute_sql(
            f"CREATE TEMP TABLE marc_batch_work (id INTEGER PRIMARY KEY, {_typed(WORK_COLUMNS)})"
        )
        database.execute_sql(
            "CREATE TEMP TABLE marc_batch_copy (seq INTEGER PRIMARY KEY, work_id INTEGER, "
            f"{_typed(COPY_COLUMNS)})"
        )
        database.execute_sql(
            "CREATE TEMP TABLE marc_batch_ident (seq INTEGER PRIMARY KEY, work_id INTEGER, "
            "kind TEXT, value TEXT)"
        )

    @staticmethod
    def drop() -> None:
        for table in ("marc_batch_work", "marc_batch_copy", "marc_batch_ident"):
            database.execute_sql(f"DROP TABLE IF EXISTS temp.{table}")

    def add(self, mapped: Mapped) -> None:
        if mapped.values is None:
            raise _LeftToStaging
        self.last_id += 1
        work_id = self.last_id
        self.works.append((work_id, *mapped.values))
        self.copies.extend((work_id, *copy) for copy in mapped.copies)
        self.identifiers.extend((work_id, kind, value) for kind, value in mapped.identifiers)
        self.language_unknown += mapped.language_unknown
        if len(self.works) >= STAGE_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.works:
            return
        cursor = database.cursor()
        cursor.executemany(_BATCH_WORK_SQL, self.works)
        cursor.executemany(_BATCH_COPY_SQL, self.copies)
        cursor.executemany("INSERT INTO marc_batch_ident VALUES (NULL, ?, ?, ?)", self.identifiers)
        try:
            for statement in _DIRECT_SQL:
                cursor.execute(statement, (self.now,) * statement.count("?"))
        except (IntegrityError, sqlite3.IntegrityError):  # a barcode that repeats
            raise _LeftToStaging from None
        for table in ("marc_batch_work", "marc_batch_copy", "marc_batch_ident"):
            cursor.execute(f"DELETE FROM {table}")
        self.written += len(self.works)
        self.copies_written += len(self.copies)
        self.works, self.copies, self.identifiers = [], [], []


_BATCH_WORK_SQL = f"INSERT INTO marc_batch_work VALUES ({', '.join('?' * (1 + len(WORK_COLUMNS)))})"
_BATCH_COPY_SQL = (
    f"INSERT INTO marc_batch_copy VALUES (NULL, {', '.join('?' * (1 + len(COPY_COLUMNS)))})"
)
#: a batch from the temporary tables into the catalogue (``?``: the import's time)
_DIRECT_SQL = (
    f"INSERT INTO work (id, {', '.join(WORK_COLUMNS)}, created_at) "
    f"SELECT id, {', '.join(WORK_COLUMNS)}, ? FROM marc_batch_work ORDER BY id",
    f"INSERT INTO copy (work_id, {', '.join(COPY_COLUMNS)}, created_at) "
    f"SELECT work_id, {', '.join(COPY_COLUMNS)}, ? FROM marc_batch_copy ORDER BY seq",
    "INSERT INTO work_identifier (work_id, kind, value) "
    "SELECT work_id, kind, value FROM marc_batch_ident ORDER BY seq",
)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def _import_directly(actor: StaffUser, path: Path) -> MarcImportResult | None:
    """The import of a large file into a catalogue with no works, written as it is read,
    in one transaction; None (nothing written) when the staged import must do it.

    With no work in the catalogue no record is already there and no barcode is taken, so
    the staged import's checks come down to the file's own: every record mapped, no
    barcode twice (the copy table's unique barcode refuses a repeat). Each batch is
    written while the workers map the next, and the indexes and the search index are
    built once at the end (:func:`readingroom.bulk.bulk_load`); the last write no longer
    waits for the whole file to be staged with one core idle (docs/PERFORMANCE.md)."""
    if on_server() or _size(path) < DIRECT_FROM_BYTES:
        return None  # (a file that cannot be read: the staged import says so)
    result = MarcImportResult(file=path.name)
    _Direct.create()
    try:
        with write_transaction():
            if database.execute_sql("SELECT 1 FROM work LIMIT 1").fetchone():
                raise _LeftToStaging
            after = database.execute_sql("SELECT coalesce(max(id), 0) FROM copy").fetchone()[0]
            direct = _Direct(_last_work_id(), str(clock.now()))
            with (
                closing(mapped_records(path)) as records,
                bulk_load(("work", "copy"), triggers=(COPY_IMAGES,)),
            ):
                for mapped in records:
                    direct.add(mapped)
                    result.records += 1
                direct.flush()
            if not direct.written:
                raise _LeftToStaging
            result.works_added, result.copies_added = direct.written, direct.copies_written
            result.language_unknown = direct.language_unknown
            images = audit.table_images("copy", "id > ?", (after,))
            _record_import(actor, path, result, [], images)
    except _LeftToStaging:
        return None
    finally:
        _Direct.drop()
    return result


def import_marc(
    actor: StaffUser,
    path: str | Path,
    *,
    copies: int = 0,
    skip_bad: bool = False,
    update: bool = False,
) -> MarcImportResult:
    """Add the works and copies of a MARC file; all or nothing unless ``skip_bad``.

    ``copies`` asks for that many generated copies of each volume of every record that has
    no barcoded items. A record already in the catalogue (see :meth:`_Staging.recognise`)
    is left as it is, or with ``update`` updates its work and adds the copies it does not
    have yet.
    """
    require_desk(actor)
    generate = parse_positive(copies, "number of copies") if copies else 0
    path = Path(path)
    if not generate and (done := _import_directly(actor, path)) is not None:
        return done
    result = MarcImportResult(file=path.name)
    problems: list[tuple[int, str]] = []
    with _staging() as stage:
        fatal = _stage_file(path, stage, problems, result)
        if fatal:
            raise ImportFailed(
                said("{file} cannot be read to the end; nothing was imported.", file=path.name),
                [p for _, p in sorted(problems)],
            )
        problems += stage.repeated_barcodes()
        with write_transaction():
            stage.recognise()
            known = stage.matched()
            if update:
                stage.keep_known_copies()
            else:
                stage.discard(known)
                result.works_already = len(known)
            problems += stage.barcodes_in_catalogue()
            problems.sort()
            if problems and not skip_bad:
                raise ImportFailed(
                    said(
                        "{file}: {bad}; nothing was imported.",
                        file=path.name,
                        bad=Count(len({p for p, _ in problems}), "bad record"),
                    ),
                    [p for _, p in problems],
                )
            stage.discard({p for p, _ in problems})
            result.skipped = [p for _, p in problems]
            if not stage.staged() and not result.works_already:
                raise ImportFailed(
                    said("{file} has no record that can be imported.", file=path.name),
                    result.skipped or [said("the file holds no MARC records")],
                )
            updated = stage.write(generate, result)
            _record_import(actor, path, result, updated, stage.images)
    return result


def _record_import(
    actor: StaffUser, path: Path, result: MarcImportResult, updated: list[int], images: list[str]
) -> None:
    """The import's audit entry (inside its write transaction)."""
    result.works_updated = len(updated)
    details = {k: v for k, v in result.as_dict().items() if k != "skipped"}
    details["skipped"] = len(result.skipped)
    if updated:
        details["updated"] = updated
    audit.record(actor, "import-marc", "import", path.name, details, images)


def _stage_file(
    path: Path, stage: _Staging, problems: list[tuple[int, str]], result: MarcImportResult
) -> bool:
    """Read, map and stage every record; returns whether reading stopped early."""
    for mapped in mapped_records(path):
        if mapped.fatal:
            problems.append((mapped.number, _problem(mapped)))
            return True
        result.records += 1
        if mapped.values is None:
            problems.append((mapped.number, _problem(mapped)))
        else:
            stage.add(mapped)
    stage.flush()
    return False


def _problem(mapped: Mapped) -> Text:
    """What stops a record, where it is: ``record 5 (byte 509): no title (245 $a)``."""
    return said("{place}: {problem}", place=mapped.where, problem=mapped.problem)
