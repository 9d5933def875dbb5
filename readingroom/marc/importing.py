"""``import marc``: every record read and mapped first, the good ones staged, then one write.

The records are staged in temporary tables of this connection, so a national catalogue of
a quarter of a million records keeps memory flat and the database unlocked while it is
read. One write transaction then checks barcodes against the file and the catalogue,
writes every work and copy with ``INSERT ... SELECT`` and records one audit entry. Unless
``skip_bad`` is given, one malformed record means nothing is imported.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
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
from readingroom.marc.mapping import WORK_COLUMNS, MarcCopy, work_from_record
from readingroom.marc.reading import (
    RawRecord,
    decode,
    is_xml,
    iso2709_chunks,
    iso2709_records,
    open_file,
    xml_records,
)
from readingroom.staff import require_desk
from readingroom.store.db import database, write_transaction
from readingroom.store.models import StaffUser
from readingroom.wording import count

STAGE_BATCH = 2_000
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
    place: str
    values: tuple[Any, ...] | None
    copies: tuple[tuple[Any, ...], ...] = ()
    problem: str = ""
    fatal: bool = False


#: ISO 2709 files from this size are decoded and mapped by worker processes
PARALLEL_FROM_BYTES = 8 << 20
MAX_WORKERS = 4
BATCH_RECORDS = 1000


def _mapped(raw: RawRecord) -> Mapped:
    if raw.record is None:
        return Mapped(raw.number, raw.place, None, (), raw.problem, raw.fatal)
    try:
        work = work_from_record(raw.record)
    except BadInput as exc:
        return Mapped(raw.number, raw.place, None, (), exc.message)
    return Mapped(
        raw.number,
        raw.place,
        _work_columns(work.values),
        tuple(tuple(copy) for copy in work.copies),
    )


def _map_batch(batch: list[tuple[int, int, bytes]]) -> list[tuple[Any, ...]]:
    """Decode and map ISO 2709 records (in a worker process), as plain tuples."""
    return [tuple(_mapped(decode(*item))) for item in batch]


def mapped_records(path: str | Path) -> Iterator[Mapped]:
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
            yield from (_mapped(raw) for raw in iso2709_records(handle))


def _parallel(chunks: Iterator[tuple[int, int, bytes]], workers: int) -> Iterator[Mapped]:
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=_die_with_parent
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
    file: str
    records: int = 0
    works_added: int = 0
    copies_added: int = 0
    copies_generated: int = 0
    skipped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


COPY_COLUMNS = MarcCopy._fields
_work_columns = itemgetter(*WORK_COLUMNS)


class _Staging:
    """Validated records in temporary tables of this connection, written in one go."""

    def __init__(self) -> None:
        self.works: list[tuple[Any, ...]] = []
        self.copies: list[tuple[Any, ...]] = []

    def create(self) -> None:
        self.drop()
        database.execute_sql(
            "CREATE TEMP TABLE marc_work (pos INTEGER PRIMARY KEY, place TEXT, has_items "
            f"INTEGER, {', '.join(WORK_COLUMNS)})"
        )
        database.execute_sql(
            f"CREATE TEMP TABLE marc_copy (pos INTEGER, {', '.join(COPY_COLUMNS)})"
        )

    def drop(self) -> None:
        for table in ("marc_work", "marc_copy", "marc_id"):
            database.execute_sql(f"DROP TABLE IF EXISTS temp.{table}")

    def add(self, mapped: Mapped) -> None:
        number, values = mapped.number, mapped.values
        if values is None:
            raise ValueError(f"{mapped.place}: a record that did not map cannot be staged")
        self.works.append((number, mapped.place, bool(mapped.copies), *values))
        self.copies.extend((number, *copy) for copy in mapped.copies)
        if len(self.works) >= STAGE_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.works:
            return
        with database.atomic():
            cursor = database.cursor()
            cursor.executemany(
                f"INSERT INTO temp.marc_work VALUES ({', '.join('?' * (3 + len(WORK_COLUMNS)))})",
                self.works,
            )
            cursor.executemany(
                f"INSERT INTO temp.marc_copy VALUES ({', '.join('?' * (1 + len(COPY_COLUMNS)))})",
                self.copies,
            )
        self.works, self.copies = [], []

    def repeated_barcodes(self) -> list[tuple[int, str]]:
        database.execute_sql("CREATE INDEX temp.marc_copy_barcode ON marc_copy (barcode)")
        rows = database.execute_sql(
            "SELECT c.pos, w.place, c.barcode, f.place FROM temp.marc_copy c "
            "JOIN (SELECT barcode, min(rowid) AS first FROM temp.marc_copy GROUP BY barcode "
            "      HAVING count(*) > 1) d ON d.barcode = c.barcode AND c.rowid > d.first "
            "JOIN temp.marc_copy o ON o.rowid = d.first "
            "JOIN temp.marc_work w ON w.pos = c.pos JOIN temp.marc_work f ON f.pos = o.pos"
        )
        return [
            (pos, f"{place}: the barcode {barcode} repeats {first}")
            for pos, place, barcode, first in rows
        ]

    def barcodes_in_catalogue(self) -> list[tuple[int, str]]:
        """Staged barcodes (each in the one form codes are compared in) that the catalogue
        holds in that form or in lower case (stored so before codes were normalised)."""
        rows = database.execute_sql(
            "SELECT c.pos, w.place, c.barcode FROM temp.marc_copy c "
            "JOIN main.copy k ON k.barcode = c.barcode JOIN temp.marc_work w ON w.pos = c.pos "
            "UNION SELECT c.pos, w.place, c.barcode FROM temp.marc_copy c "
            "JOIN main.copy k ON k.barcode = lower(c.barcode) "
            "JOIN temp.marc_work w ON w.pos = c.pos WHERE lower(c.barcode) <> c.barcode"
        )
        return [
            (pos, f"{place}: the barcode {barcode} is already in the catalogue")
            for pos, place, barcode in rows
        ]

    def staged(self) -> int:
        return int(database.execute_sql("SELECT count(*) FROM temp.marc_work").fetchone()[0])

    def discard(self, positions: set[int]) -> None:
        cursor = database.cursor()
        for table in ("marc_work", "marc_copy"):
            cursor.executemany(f"DELETE FROM temp.{table} WHERE pos = ?", [(p,) for p in positions])

    def write(self, generate: int, result: MarcImportResult) -> None:
        """Everything staged into the catalogue; an import at least as big as the catalogue
        builds the indexes once afterwards instead of row by row (:mod:`readingroom.bulk`)."""
        existing = database.execute_sql("SELECT count(*) FROM work").fetchone()[0]
        if self.staged() < max(existing, BULK_FROM_WORKS):
            self._write(generate, result)
            return
        with bulk_load(("work", "copy")):
            self._write(generate, result)

    def _write(self, generate: int, result: MarcImportResult) -> None:
        now = str(clock.now())
        base = database.execute_sql(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'work'), 0), "
            "coalesce((SELECT max(id) FROM work), 0))"
        ).fetchone()[0]
        database.execute_sql(
            "CREATE TEMP TABLE marc_id AS SELECT pos, ? + row_number() OVER (ORDER BY pos) "
            "AS work_id FROM temp.marc_work",
            (base,),
        )
        columns = ", ".join(WORK_COLUMNS)
        result.works_added = database.execute_sql(
            f"INSERT INTO work (id, {columns}, created_at) SELECT i.work_id, "
            f"{', '.join('w.' + c for c in WORK_COLUMNS)}, ? FROM temp.marc_work w "
            "JOIN temp.marc_id i ON i.pos = w.pos ORDER BY w.pos",
            (now,),
        ).rowcount
        result.copies_added = database.execute_sql(
            f"INSERT INTO copy (work_id, {', '.join(COPY_COLUMNS)}, created_at) "
            f"SELECT i.work_id, {', '.join('c.' + c for c in COPY_COLUMNS)}, ? "
            "FROM temp.marc_copy c JOIN temp.marc_id i ON i.pos = c.pos ORDER BY c.rowid",
            (now,),
        ).rowcount
        if generate:
            result.copies_generated = self._generate(generate, now)

    def _generate(self, per_volume: int, now: str) -> int:
        try:
            cursor = database.execute_sql(
                "INSERT INTO copy (barcode, work_id, volume, created_at) "
                "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n "
                "  WHERE k < max(?, (SELECT max(volumes) FROM temp.marc_work))) "
                f"SELECT printf('{GENERATED_BARCODE}', i.work_id, v.k, c.k), i.work_id, v.k, ? "
                "FROM temp.marc_work w JOIN temp.marc_id i ON i.pos = w.pos "
                "JOIN n v ON v.k <= w.volumes JOIN n c ON c.k <= ? WHERE NOT w.has_items "
                "ORDER BY i.work_id, v.k, c.k",
                (per_volume, now, per_volume),
            )
        except IntegrityError:
            raise BadInput(
                "A generated barcode (W<work>-<volume>-<copy>) is already used "
                "in the catalogue; nothing was imported."
            ) from None
        return int(cursor.rowcount)


@contextmanager
def _staging() -> Iterator[_Staging]:
    stage = _Staging()
    stage.create()
    try:
        yield stage
    finally:
        stage.drop()


def import_marc(
    actor: StaffUser, path: str | Path, *, copies: int = 0, skip_bad: bool = False
) -> MarcImportResult:
    """Add the works and copies of a MARC file; all or nothing unless ``skip_bad``.

    ``copies`` asks for that many generated copies of each volume of every record that has
    no barcoded items.
    """
    require_desk(actor)
    generate = parse_positive(copies, "number of copies") if copies else 0
    path = Path(path)
    result = MarcImportResult(file=path.name)
    problems: list[tuple[int, str]] = []
    with _staging() as stage:
        fatal = _stage_file(path, stage, problems, result)
        if fatal:
            raise ImportFailed(
                f"{path.name} cannot be read to the end; nothing was imported.",
                [p for _, p in sorted(problems)],
            )
        problems += stage.repeated_barcodes()
        with write_transaction():
            problems += stage.barcodes_in_catalogue()
            problems.sort()
            if problems and not skip_bad:
                raise ImportFailed(
                    f"{path.name}: {count(len({p for p, _ in problems}), 'bad record')}; "
                    "nothing was imported.",
                    [p for _, p in problems],
                )
            stage.discard({p for p, _ in problems})
            result.skipped = [p for _, p in problems]
            if not stage.staged():
                raise ImportFailed(
                    f"{path.name} has no record that can be imported.",
                    result.skipped or ["the file holds no MARC records"],
                )
            stage.write(generate, result)
            audit.record(
                actor,
                "import-marc",
                "import",
                path.name,
                {k: v for k, v in result.as_dict().items() if k != "skipped"}
                | {"skipped": len(result.skipped)},
            )
    return result


def _stage_file(
    path: Path, stage: _Staging, problems: list[tuple[int, str]], result: MarcImportResult
) -> bool:
    """Read, map and stage every record; returns whether reading stopped early."""
    for mapped in mapped_records(path):
        if mapped.fatal:
            problems.append((mapped.number, f"{mapped.place}: {mapped.problem}"))
            return True
        result.records += 1
        if mapped.values is None:
            problems.append((mapped.number, f"{mapped.place}: {mapped.problem}"))
        else:
            stage.add(mapped)
    stage.flush()
    return False
