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

from readingroom import audit, checkpoint, demo, generate, replay, seals, staff
from readingroom.store.db import close_database, database, open_database, write_transaction
from readingroom.store.models import AuditHead

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
    spec = generate.LibrarySpec(
        sizes.works, sizes.copies, sizes.borrowers, sizes.loans, seed=sizes.seed, as_of=AS_OF
    )
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


def trail_library(entries: int) -> generate.LibrarySpec:
    """The trail's library: small beside the trail (20,000 copies for 2,000,000 entries),
    so the entries, not the tables, dominate the figure."""
    copies = max(200, entries // 100)
    return generate.LibrarySpec(copies // 4, copies, copies // 4, 0, seed=5, as_of=AS_OF)


def audit_trail(folder: Path, entries: int) -> Path:
    """A catalogue whose audit trail holds ``entries`` chained entries (cached), each desk
    action carrying its after-images, and whose tables agree with the trail.

    A small library is generated through the service (its rows come in as after-images),
    then lends, returns and renewals are written as entries with the images the services
    would give them, and finally the loans and copies they leave are written to the tables
    in bulk (their pending images dropped: the entries already hold them).
    """
    path = folder / f"audit-{entries}-images.db"
    if path.exists():
        return path
    partial = folder / f"audit-{entries}.partial.db"
    remove(partial)
    open_database(partial, create=True)
    try:
        boss = staff.create_first_supervisor(USER, PASSWORD)
        generate.generate_library(boss, trail_library(entries))
        with write_transaction():
            count, last = audit.chain_head()
            desk = _Desk(boss.id)
            rows = desk.entries(count, last, entries - count)
            while batch := list(islice(rows, 500)):
                database.execute_sql(
                    "INSERT INTO audit_entry (id, at, staff, action, entity, entity_id, "
                    "details, prev_hash, hash) VALUES "
                    + ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(batch)),
                    list(chain.from_iterable(batch)),
                )
                count, last = batch[-1][0], batch[-1][8]
            AuditHead.update(count=count, last_hash=last).where(AuditHead.id == 1).execute()
            desk.write_tables()
    finally:
        close_database()
    partial.rename(path)
    return path


#: where the benchmark's trail keeps its replay checkpoint: a quarter of the trail written
#: after it (a catalogue checkpointed at last year's inspection; the more entries after
#: it, the slower the check, so this is the conservative side of a year)
CHECKPOINT_SHARE = 0.75


def with_checkpoint(path: Path) -> Path:
    """The trail of :func:`audit_trail` with a replay checkpoint at
    :data:`CHECKPOINT_SHARE` of its entries, made once by its supervisor (``audit
    checkpoint``, which checks the whole trail and the tables first)."""
    open_database(path)
    try:
        if checkpoint.find(database) is None:
            boss = staff.authenticate(USER, PASSWORD)
            assert boss is not None
            seals.settle(boss)  # the key made at this sign-in, stored and certified
            count = audit.chain_head()[0]
            checkpoint.make(boss, int(count * CHECKPOINT_SHARE))
    finally:
        close_database()
    return path


class _Desk:
    """A desk's day after day as after-images: which copies are out, on which loan."""

    def __init__(self, staff_id: int):
        self.staff_id, self.rng = staff_id, random.Random(7)
        self.copies = {
            row[0]: list(row[1:])
            for row in database.execute_sql(
                "SELECT c.id, c.barcode, c.work_id, c.volume, c.location, c.status, "
                "c.condition, c.created_at FROM copy c JOIN work w ON w.id = c.work_id "
                "WHERE w.access = 'lendable' AND c.status = 'available'"
            )
        }
        self.writers = [
            row
            for row in database.execute_sql(
                "SELECT id, member_no FROM borrower WHERE role = 'writer'"
            )
        ]
        self.shelf, self.out = list(self.copies), []
        self.loans: dict[int, list] = {}

    def entries(self, count: int, last: str, more: int):
        """Audit rows after entry ``count`` (hash ``last``), hashed as audit.record does."""
        rng, moment = self.rng, datetime(2016, 1, 4, 9, 0)
        for entry_id in range(count + 1, count + more + 1):
            moment += timedelta(seconds=1 + int(rng.random() * 120))
            at = moment.isoformat(timespec="microseconds")
            action, entity_id, details = self._action(rng.random(), moment)
            digest = audit.entry_hash(entry_id, at, USER, action, "loan", entity_id, details, last)
            yield (entry_id, at, USER, action, "loan", entity_id, details, last, digest)
            last = digest

    def _action(self, draw: float, moment: datetime) -> tuple[str, str, str]:
        if (draw < 0.50 or not self.out) and draw >= 0.05 and self.shelf:
            return self._lend(moment)
        if draw < 0.05 or not self.out:
            return "report", "", audit.canonical_details({"kind": "overdue", "rows": 12})
        if draw < 0.60:
            return self._renew(moment)
        return self._return(moment)

    def _take(self, items: list, index: int) -> int:
        items[index], items[-1] = items[-1], items[index]
        return items.pop()

    def _lend(self, moment: datetime) -> tuple[str, str, str]:
        copy_id = self._take(self.shelf, int(self.rng.random() * len(self.shelf)))
        borrower, member = self.writers[int(self.rng.random() * len(self.writers))]
        loan_id = len(self.loans) + 1
        day = moment.date()
        loan = [
            copy_id,
            borrower,
            self.staff_id,
            day.isoformat(),
            str(moment.replace(microsecond=0)),
            (day + timedelta(days=21)).isoformat(),
            0,
            None,
            None,
            None,
            None,
            None,
            "",
            0,
        ]
        self.loans[loan_id] = loan
        self.out.append(loan_id)
        copy = self.copies[copy_id]
        copy[4] = "on-loan"
        return (
            "lend",
            str(loan_id),
            self._details(
                {"barcode": copy[0], "member_no": member, "due": loan[5]}, copy_id, loan_id
            ),
        )

    def _return(self, moment: datetime) -> tuple[str, str, str]:
        loan_id = self._take(self.out, int(self.rng.random() * len(self.out)))
        loan = self.loans[loan_id]
        loan[7], loan[8], loan[9] = (
            moment.date().isoformat(),
            str(moment.replace(microsecond=0)),
            "good",
        )
        copy = self.copies[loan[0]]
        copy[4] = "available"
        self.shelf.append(loan[0])
        return (
            "return",
            str(loan_id),
            self._details({"barcode": copy[0], "condition": "good"}, loan[0], loan_id),
        )

    def _renew(self, moment: datetime) -> tuple[str, str, str]:
        loan_id = self.out[int(self.rng.random() * len(self.out))]
        loan = self.loans[loan_id]
        loan[5] = (moment.date() + timedelta(days=21)).isoformat()
        loan[6] += 1
        return "renew", str(loan_id), self._details({"due": loan[5]}, None, loan_id)

    def _details(self, details: dict, copy_id: int | None, loan_id: int) -> str:
        after: dict = {}  # each image the text SQLite's json_array gives the row
        if copy_id is not None:
            after["copy"] = {str(copy_id): _COMPACT(self.copies[copy_id])}
        after["loan"] = {str(loan_id): _COMPACT(self.loans[loan_id])}
        return "{" + '"after":' + _COMPACT(after) + "," + audit.canonical_details(details)[1:]

    def write_tables(self) -> None:
        """The loans and copy statuses the trail leaves, straight into the tables."""
        columns = ("id", *replay.TRACKED["loan"])  # each loan is kept as its image's fields
        rows = ((loan_id, *loan) for loan_id, loan in self.loans.items())
        values = "(" + ", ".join("?" * len(columns)) + ")"
        while batch := list(islice(rows, 500)):
            database.execute_sql(
                f"INSERT INTO loan ({', '.join(columns)}) VALUES "
                + ", ".join([values] * len(batch)),
                list(chain.from_iterable(batch)),
            )
        database.cursor().executemany(
            "UPDATE copy SET status = ? WHERE id = ?",
            [(copy[4], copy_id) for copy_id, copy in self.copies.items() if copy[4] != "available"],
        )
        database.execute_sql("DELETE FROM audit_pending")


_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
