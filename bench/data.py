"""The data the benchmarks run on: a generated library (cached), the demo, an audit trail.

Every file is made through the application's own services (``generate``, ``init --demo``,
``export marc``), except the long audit trail, which is written here as a valid hash chain
in bulk (two million audited actions through the services would take hours of fsyncs).
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from itertools import chain, islice
from pathlib import Path

from readingroom import audit, demo, generate, staff
from readingroom.db import close_database, database, open_database, write_transaction
from readingroom.models import AuditHead

USER, PASSWORD = "bench", "bench-password"
DEMO_USER = DEMO_PASSWORD = "supervisor"
AS_OF = date(2026, 1, 15)


@dataclass(frozen=True)
class Sizes:
    works: int
    copies: int
    borrowers: int
    loans: int
    audit_entries: int
    lends: int  # lend/return pairs timed
    typed: int  # search strings typed letter by letter
    seed: int = 1

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


FULL = Sizes(250_000, 1_000_000, 100_000, 2_000_000, 2_000_000, lends=300, typed=30)
QUICK = Sizes(2_000, 8_000, 1_000, 16_000, 20_000, lends=30, typed=6)


def remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def library(folder: Path, sizes: Sizes) -> tuple[Path, float | None]:
    """The generated library for ``sizes`` and how long it took to build (None: cached)."""
    spec = generate.LibrarySpec(sizes.works, sizes.copies, sizes.borrowers, sizes.loans,
                                seed=sizes.seed, as_of=AS_OF)
    name = f"library-{sizes.works}-{sizes.copies}-{sizes.borrowers}-{sizes.loans}-{sizes.seed}"
    path, done = folder / f"{name}.db", folder / f"{name}.json"
    if path.exists() and done.exists():
        return path, None
    remove(path)
    started = datetime.now()
    open_database(path, create=True)
    try:
        supervisor = staff.create_first_supervisor(USER, PASSWORD)
        result = generate.generate_library(supervisor, spec)
    finally:
        close_database()
    took = (datetime.now() - started).total_seconds()
    done.write_text(json.dumps({**result.as_dict(), "seconds": took}), encoding="utf-8")
    return path, took


def working_copy(source: Path, target: Path) -> Path:
    """A copy to change (lends, stocktake) while the generated library stays as built."""
    remove(target)
    shutil.copyfile(source, target)
    return target


def demo_catalogue(folder: Path) -> Path:
    """The demo collection, as ``readingroom init --demo`` makes it."""
    path = folder / "demo.db"
    remove(path)
    open_database(path, create=True)
    try:
        demo.load_demo(staff.create_first_supervisor(USER, PASSWORD))
    finally:
        close_database()
    return path


ACTIONS = ("lend", "return", "renew", "hold-place", "copy-edit", "stocktake-scan")


def audit_trail(folder: Path, entries: int) -> Path:
    """A catalogue whose audit trail holds ``entries`` chained entries (cached)."""
    path = folder / f"audit-{entries}.db"
    if path.exists():
        return path
    partial = folder / f"audit-{entries}.partial.db"
    remove(partial)
    open_database(partial, create=True)
    try:
        staff.create_first_supervisor(USER, PASSWORD)
        with write_transaction():
            count, last = audit.chain_head()
            rows = _chained(count, last, entries - count)
            while batch := list(islice(rows, 500)):
                database.execute_sql(
                    "INSERT INTO audit_entry (id, at, staff, action, entity, entity_id, "
                    "details, prev_hash, hash) VALUES "
                    + ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(batch)),
                    list(chain.from_iterable(batch)))
                count, last = batch[-1][0], batch[-1][8]
            AuditHead.update(count=count, last_hash=last).where(AuditHead.id == 1).execute()
    finally:
        close_database()
    partial.rename(path)
    return path


def _chained(count: int, last: str, more: int):
    """Audit rows after entry ``count`` (hash ``last``), each hashed as audit.record does."""
    rng = random.Random(7)
    moment = datetime(2016, 1, 4, 9, 0)
    for entry_id in range(count + 1, count + more + 1):
        moment += timedelta(seconds=1 + int(rng.random() * 120))
        action = ACTIONS[int(rng.random() * len(ACTIONS))]
        details = audit.canonical_details(
            {"barcode": f"B{int(rng.random() * 10**6):08d}",
             "member_no": f"W-{int(rng.random() * 10**5):07d}"})
        at = moment.isoformat(timespec="microseconds")
        entity_id = str(entry_id // 2)
        digest = audit.entry_hash(entry_id, at, "librarian", action, "loan", entity_id,
                                  details, last)
        yield (entry_id, at, "librarian", action, "loan", entity_id, details, last, digest)
        last = digest
