"""The append-only, hash-chained audit trail.

Each entry's hash is SHA-256 over a canonical JSON encoding of its own fields and the
previous entry's hash, so editing, deleting or inserting a row breaks the chain at that
row. The chain head (entry count and latest hash) is also kept in ``audit_head``, outside
the audit table, so removing the newest entries is detected too. :func:`record` must run
inside the caller's write transaction: a change and its audit entry commit together.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from peewee import DatabaseProxy, DoesNotExist, OperationalError

from readingroom import clock, replay, verify_worker
from readingroom.chain import GENESIS as GENESIS
from readingroom.chain import IMAGES_PREFIX as IMAGES_PREFIX
from readingroom.chain import OUTSIDE_CHANGE as OUTSIDE_CHANGE
from readingroom.chain import VERIFY_BATCH as VERIFY_BATCH
from readingroom.chain import Answered, Row, Walked
from readingroom.chain import State as State
from readingroom.chain import Verification as Verification
from readingroom.chain import canonical_details as canonical_details
from readingroom.chain import entry_hash as entry_hash
from readingroom.chain import no_collection as no_collection
from readingroom.chain import walk as walk
from readingroom.messages import said
from readingroom.standing import check_actor
from readingroom.store.db import WRITE_HOOKS, database_key, on_server
from readingroom.store.models import AuditEntry, AuditHead
from readingroom.verify_worker import Running

if TYPE_CHECKING:
    from readingroom.replay import Handle

SYSTEM = "system"
#: the action of the entries that continue a large change's after-images
AFTER_IMAGES = "after-images"
#: after-images in one entry at most (a bulk load is spread over several entries)
IMAGES_PER_ENTRY = 5000
#: the entry of rows a write changed after its last entry
UNRECORDED_CHANGE = "unrecorded-change"
#: set to make a change with no entry an error (``all``: also rows found changed outside a
#: write transaction); the test suite sets ``all``
STRICT_ENV = "READINGROOM_STRICT_TRAIL"


def record(
    actor: Any,
    action: str,
    entity: str,
    entity_id: object = "",
    details: dict[str, Any] | None = None,
    images: list[str] | None = None,
) -> AuditEntry:
    """Append one entry after the chain head (call inside a write transaction).

    The entry carries the after-images of every tracked row the transaction changed so far
    (``audit_pending``, filled by the tables' triggers), and the pending table is emptied;
    then ``images``, chunks the caller rendered from a table without an insert trigger
    (:func:`table_images`). More than :data:`IMAGES_PER_ENTRY` images continue in
    ``after-images`` entries written right after it, in the same transaction.
    """
    check_actor(actor)  # the account still stands, in the change's own transaction
    staff = getattr(actor, "username", None) or (actor if isinstance(actor, str) else SYSTEM)
    text = canonical_details(details)
    pending, head = _drained()
    chunks = pending + (images or [])
    entry = _append(staff, action, entity, str(entity_id), _with_after(text, chunks[:1]), head)
    last = entry
    for chunk in chunks[1:]:
        last = _append(
            staff, AFTER_IMAGES, entity, str(entity_id), _with_after("{}", [chunk]),
            (last.id, last.hash),
        )  # fmt: skip
    return entry


#: the SQL of an append, written out: the desk appends at every change (peewee building
#: these three statements was a third of a lend's CPU)
_HEAD_SQL = "SELECT count, last_hash FROM audit_head WHERE id = 1"
_INSERT_SQL = (
    "INSERT INTO audit_entry (id, at, staff, action, entity, entity_id, details, prev_hash, "
    "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_MOVE_HEAD_SQL = "UPDATE audit_head SET count = ?, last_hash = ? WHERE id = 1"


#: on a server, the head moved in the statement that inserts the entry (one round trip)
_APPEND_ON_SERVER_SQL = f"WITH entry AS ({_INSERT_SQL}) {_MOVE_HEAD_SQL}"
#: on a server, the pending after-images taken and the head read in one round trip
_DRAIN_WITH_HEAD_SQL = (
    "WITH gone AS (DELETE FROM audit_pending RETURNING tbl, row_id, image) "
    "SELECT h.count, h.last_hash, g.tbl, g.row_id, g.image FROM audit_head h "
    "LEFT JOIN gone g ON TRUE WHERE h.id = 1"
)


def _drained() -> tuple[list[str], tuple[int, str] | None]:
    """:func:`drain_pending`'s chunks and, on a server, the chain head read with them
    (the desk appends at every change, and each statement is a round trip there)."""
    db = AuditEntry._meta.database
    if not on_server(db):
        return drain_pending(), None
    rows = db.execute_sql(_DRAIN_WITH_HEAD_SQL).fetchall()
    if not rows:
        raise DoesNotExist("the audit chain's head is missing")
    images = [(tbl, row_id, image) for _, _, tbl, row_id, image in rows if tbl is not None]
    return _image_chunks(images), (rows[0][0], rows[0][1])


def _append(
    staff: str,
    action: str,
    entity: str,
    entity_id: str,
    text: str,
    head: tuple[int, str] | None = None,
) -> AuditEntry:
    """One entry after ``head`` (the chain's count and last hash; read here when None)."""
    db = AuditEntry._meta.database
    if head is None:
        head = db.execute_sql(_HEAD_SQL).fetchone()
        if head is None:
            raise DoesNotExist("the audit chain's head is missing")
    entry_id, prev_hash = head[0] + 1, head[1]
    at = clock.instant().isoformat(timespec="microseconds")
    digest = entry_hash(entry_id, at, staff, action, entity, entity_id, text, prev_hash)
    fields = (entry_id, at, staff, action, entity, entity_id, text, prev_hash, digest)
    if on_server(db):
        db.execute_sql(_APPEND_ON_SERVER_SQL, (*fields, entry_id, digest))
    else:
        db.execute_sql(_INSERT_SQL, fields)
        db.execute_sql(_MOVE_HEAD_SQL, (entry_id, digest))
    names = ("id", "at", "staff", "action", "entity", "entity_id", "details", "prev_hash", "hash")
    entry = AuditEntry(**dict(zip(names, fields, strict=True)))
    entry._dirty.clear()  # type: ignore[attr-defined]  # as saved; peewee-stubs omit Model._dirty
    return entry


def record_each(
    actor: Any, table: str, entries: list[tuple[int, str, str, object, dict[str, Any]]]
) -> None:
    """One entry per row of ``table`` that the caller changed in one statement, each with
    that row's after-image: the entries :func:`record` would write one change at a time,
    ``(row_id, action, entity, entity_id, details)`` in order, appended at once (the actor
    checked once; a closing stocktake marks thousands of copies missing this way).

    Every pending image must be of one of these rows; otherwise nothing is written and
    :class:`UnrecordedChange` is raised (the caller's bug)."""
    check_actor(actor)
    staff = getattr(actor, "username", None) or (actor if isinstance(actor, str) else SYSTEM)
    db = AuditEntry._meta.database
    images = (
        {
            row_id: images_json([(table, row_id, image)])
            for row_id, image in db.execute_sql(
                "SELECT row_id, image FROM audit_pending WHERE tbl = ?", (table,)
            ).fetchall()
        }
        if on_server(db)
        else dict(
            db.execute_sql(
                "SELECT row_id, json_object(?, json_object(CAST(row_id AS TEXT), image || '')) "
                "FROM audit_pending WHERE tbl = ?",
                (table, table),
            ).fetchall()
        )
    )
    if pending_count() != len(images) or not images.keys() <= {e[0] for e in entries}:
        raise UnrecordedChange("pending after-images that are not of the rows recorded")
    db.execute_sql("DELETE FROM audit_pending")
    count, prev = db.execute_sql(_HEAD_SQL).fetchone()
    rows = []
    for row_id, action, entity, entity_id, details in entries:
        image = images.get(row_id)
        text = _with_after(canonical_details(details), [image] if image else [])
        count += 1
        at = clock.instant().isoformat(timespec="microseconds")
        digest = entry_hash(count, at, staff, action, entity, str(entity_id), text, prev)
        rows.append((count, at, staff, action, entity, str(entity_id), text, prev, digest))
        prev = digest
    db.cursor().executemany(_INSERT_SQL, rows)
    db.execute_sql(_MOVE_HEAD_SQL, (count, prev))


def _with_after(text: str, chunks: list[str]) -> str:
    """``text`` (a JSON object) with the key ``after`` holding the images, first."""
    if not chunks:
        return text
    rest = "" if text == "{}" else "," + text[1:-1]
    return f'{{"after":{chunks[0]}{rest}}}'


def drain_pending() -> list[str]:
    """The pending after-images as JSON objects ``{table: {id: image}}`` of at most
    :data:`IMAGES_PER_ENTRY` images each, and the pending table emptied."""
    db = AuditEntry._meta.database
    if on_server(db):  # one statement takes them (a server's catalogue is never before 9)
        return _drain_on_server(db)
    pending = pending_count()
    if not pending:  # nothing changed (or a catalogue before migration 9)
        return []
    chunks: list[str] = []
    start: tuple[Any, ...] | None = None
    while True:
        lower, params = ("(tbl, row_id) >= (?, ?)", start) if start else ("1", ())
        following = (
            db.execute_sql(
                f"SELECT tbl, row_id FROM audit_pending WHERE {lower} ORDER BY tbl, row_id "
                f"LIMIT 1 OFFSET {IMAGES_PER_ENTRY}",
                params,
            ).fetchone()
            if pending > IMAGES_PER_ENTRY  # one chunk holds them all (a desk action)
            else None
        )
        upper = " AND (tbl, row_id) < (?, ?)" if following else ""
        chunks.append(
            db.execute_sql(
                "SELECT json_group_object(tbl, json(images)) FROM (SELECT tbl, "
                "json_group_object(row_id, image || '') AS images FROM audit_pending "
                f"WHERE {lower}{upper} GROUP BY tbl)",
                (*params, *(following or ())),
            ).fetchone()[0]
        )
        if not following:
            break
        start = tuple(following)
    db.execute_sql("DELETE FROM audit_pending")
    return chunks


def images_json(rows: list[tuple[str, int, str | None]]) -> str:
    """``{table: {id: image}}`` of ``(table, id, image)`` rows, as SQLite's JSON functions
    write it (compact; each image a string, a deleted row's null): the server's form."""
    grouped: dict[str, dict[str, str | None]] = {}
    for table, row_id, image in rows:
        grouped.setdefault(table, {})[str(row_id)] = image
    return json.dumps(grouped, separators=(",", ":"), ensure_ascii=False)


def _drain_on_server(db: Any) -> list[str]:
    """:func:`drain_pending` on a server: the images taken in one statement and grouped
    here."""
    return _image_chunks(
        db.execute_sql("DELETE FROM audit_pending RETURNING tbl, row_id, image").fetchall()
    )


def _image_chunks(rows: list[tuple[str, int, str | None]]) -> list[str]:
    """``(table, id, image)`` rows in SQLite's order (table, then id; a table's name
    compared as SQLite compares text, byte by byte) as chunks of at most
    :data:`IMAGES_PER_ENTRY` images."""
    rows = sorted(rows, key=lambda row: (row[0], row[1]))
    return [
        images_json(rows[start : start + IMAGES_PER_ENTRY])
        for start in range(0, len(rows), IMAGES_PER_ENTRY)
    ]


def table_images(table: str, where: str, params: tuple[Any, ...]) -> list[str]:
    """The after-images of the rows of ``table`` that ``where`` selects, rendered from the
    table as its triggers would render them, as ``{table: {id: image}}`` chunks of at most
    :data:`IMAGES_PER_ENTRY` rows for :func:`record`: a bulk insert into a table whose
    rows have no insert trigger (a stocktake's outcomes, migration 0012) reaches the trail
    without a row-by-row detour through ``audit_pending``."""
    db = AuditEntry._meta.database
    if on_server(db):
        return [
            images_json(
                db.execute_sql(
                    f"SELECT ?, id, {replay.image_sql(table)} FROM {table} "
                    f"WHERE id BETWEEN ? AND ? AND ({where}) ORDER BY id",
                    (table, first, last, *params),
                ).fetchall()
            )
            for first, last in _id_ranges(db, table, where, params)
        ]
    chunk_sql = (
        "SELECT json_object(?, json_group_object(id, image)) FROM (SELECT id, "
        f"{replay.image_sql(table)} || '' AS image FROM {table} NOT INDEXED "
        f"WHERE id BETWEEN ? AND ? AND ({where}) ORDER BY id)"
    )
    return [
        db.execute_sql(chunk_sql, (table, first, last, *params)).fetchone()[0]
        for first, last in _id_ranges(db, table, where, params)
    ]


def _id_ranges(
    db: Handle, table: str, where: str, params: tuple[Any, ...]
) -> Iterator[tuple[int, int]]:
    """The ids ``where`` selects, as ranges of :data:`IMAGES_PER_ENTRY` rows: computed
    from the lowest and highest when they run without a gap (the rows one statement
    inserted), else read one by one."""
    low, high, count = db.execute_sql(
        f"SELECT min(id), max(id), count(*) FROM {table} WHERE {where}", params
    ).fetchone()
    if not count:
        return
    if high - low + 1 == count:
        for first in range(low, high + 1, IMAGES_PER_ENTRY):
            yield first, min(high, first + IMAGES_PER_ENTRY - 1)
        return
    ids = [
        row_id
        for (row_id,) in db.execute_sql(f"SELECT id FROM {table} WHERE {where} ORDER BY id", params)
    ]
    for start in range(0, len(ids), IMAGES_PER_ENTRY):
        yield ids[start], ids[min(len(ids), start + IMAGES_PER_ENTRY) - 1]


def pending_count() -> int:
    """How many after-images wait for an entry (0 on a catalogue before migration 9)."""
    db = AuditEntry._meta.database
    try:
        count: int = db.execute_sql("SELECT count(*) FROM audit_pending").fetchone()[0]
        return count
    except OperationalError:
        return 0


def sweep_outside_changes() -> None:
    """At the start of a write: rows changed since the last commit by something other than
    Reading Room (sqlite3 on the file) go into an ``outside-change`` entry of their own, so
    they are never folded into the next desk action's entry. The replay does not accept
    those images (:mod:`readingroom.replay`): the difference stays visible."""
    if not pending_count():
        return
    if os.environ.get(STRICT_ENV) == "all":
        raise UnrecordedChange(
            "tracked rows were changed outside a write transaction: " + ", ".join(_pending_rows())
        )
    record(SYSTEM, OUTSIDE_CHANGE, "tables", "", {"note": "rows changed outside Reading Room"})


def settle_pending() -> None:
    """Before a write commits: a tracked row changed after the transaction's last entry
    still goes into the trail (an ``unrecorded-change`` entry by the system). Under
    ``$READINGROOM_STRICT_TRAIL`` (the test suite) it is a bug instead."""
    if not pending_count():
        return
    if os.environ.get(STRICT_ENV):
        raise UnrecordedChange(
            "a write changed tracked rows after its last audit entry: " + ", ".join(_pending_rows())
        )
    record(SYSTEM, UNRECORDED_CHANGE, "tables", "")


def _pending_rows() -> list[str]:
    db = AuditEntry._meta.database
    return [
        f"{t} {i}"
        for t, i in db.execute_sql("SELECT tbl, row_id FROM audit_pending LIMIT 10").fetchall()
    ]


class UnrecordedChange(RuntimeError):
    """A service changed tracked rows without an audit entry after them (a bug)."""


WRITE_HOOKS.append((sweep_outside_changes, settle_pending))


#: from this many entries on, :func:`verify` checks the second half in a second process
PARALLEL_FROM = 200_000
#: the share of the chain this process walks when it also compares the tables (each
#: process compares the rows its share wrote; this one then combines the two answers):
#: measured to keep the two processes' time even
FOLDING_SHARE = 0.5


def _cursor(db: Handle, lower: int, upper: int | None) -> Any:
    bound = "" if upper is None else " AND id <= ?"
    return db.execute_sql(
        "SELECT id, at, staff, action, entity, entity_id, details, prev_hash, hash "
        f"FROM audit_entry WHERE id > ?{bound} ORDER BY id",
        (lower,) if upper is None else (lower, upper),
    )


def _batches(cursor: Any) -> Iterator[list[Row]]:
    while batch := cursor.fetchmany(VERIFY_BATCH):
        yield batch


def verify() -> Verification:
    """Walk the whole chain and compare its end with the head kept outside it.

    A long chain is checked in two halves at once, the second in another process: each
    row's check needs only its own fields and the stored hash of the row before it, so the
    result is the one a single walk gives (the first problem in the first half wins)."""
    return _walk(AuditEntry._meta.database, None)[0]


def _walk(
    db: Handle,
    compared: Callable[[State], replay.Answer] | None,
    start: replay.Start | None = None,
) -> tuple[Verification, replay.Answer | None, replay.Answer | None]:
    """The chain walked, from two processes when it is long: its verification and, with
    ``compared``, the after-images folded and each share's answer for the rows it wrote,
    this one's (``compared(state)``, run while the other process still walks) and the
    other's (None when one process walked it all). With ``start``, the fold begins from a
    replay checkpoint's state (read here while the other process walks) and only the
    images written after it are parsed; every entry is still hashed."""
    total = db.execute_sql("SELECT max(id) FROM audit_entry").fetchone()[0] or 0
    fold_from = start.sequence if start is not None and compared else 0
    middle = int(total * (FOLDING_SHARE if compared else 0.5))
    second = (
        _start_second_half(db, middle, compared is not None, fold_from)
        if total >= PARALLEL_FROM
        else None
    )
    upper = middle if second else None
    own = None
    try:
        try:
            state = _first_state(start) if compared else None
        except replay.StartRejected as rejected:
            rejected_at = Verification(False, total, "", rejected.entry, rejected.problem, True)
            return rejected_at, None, None
        with no_collection():
            walked = walk(_batches(_cursor(db, 0, upper)), 1, GENESIS, state, fold_from)
            problem, bad, count, prev = walked
            if compared is not None and state is not None and not problem:
                own = compared(state)  # this share's rows, while the other process walks
    finally:
        later = (
            _second_half(second, db, middle, compared is not None, fold_from) if second else None
        )
    if upper is not None and not problem and count < upper:
        problem, bad = said("entry {entry} is missing (deleted)", entry=count + 1), count + 1
    answer = None
    if later is not None and not problem:
        problem, bad, count, prev, answer = later
    if problem:
        return Verification(False, count, prev, bad, problem), None, None
    return _against_head(count, prev), own, answer


def fold_entries(db: Handle, state: State, after: int, upto: int) -> Walked:
    """Entries ``after + 1`` to ``upto`` checked against the stored hash of the entry before
    them, and their after-images folded into ``state`` (one process)."""
    found = (
        db.execute_sql("SELECT hash FROM audit_entry WHERE id = ?", (after,)).fetchone()
        if after
        else (GENESIS,)
    )
    with no_collection():
        return walk(
            _batches(_cursor(db, after, upto)), after + 1, found[0] if found else "", state, after
        )


def _first_state(start: replay.Start | None) -> State:
    """The fold's first state: a checkpoint's (checked), or empty."""
    if start is None:
        return {}
    with no_collection():
        return start.state()


def _against_head(count: int, prev: str) -> Verification:
    """A chain walked whole to entry ``count`` (hash ``prev``), against its head."""
    head = AuditHead.get_or_none(AuditHead.id == 1)
    if head is None:
        return Verification(False, count, prev, None, said("the chain head is missing"))
    if head.count != count or head.last_hash != prev:
        return Verification(
            False,
            count,
            prev,
            min(count, head.count) + 1,
            said(
                "the chain ends at entry {entry} but its head records entry {head}: the newest "
                "entries were removed or replaced",
                entry=count,
                head=head.count,
            ),
        )
    return Verification(True, count, prev)


def start_verify(db: Handle | None = None) -> Running | None:
    """Start checking the committed trail in a second process, for :func:`finish_verify`
    to complete inside a long write (a stocktake's close): the other process walks the
    entries committed so far while this one does the write's work. None when no second
    process can help (a short trail, one core, a database in memory); ``finish_verify``
    then walks the chain here."""
    db = db or AuditEntry._meta.database
    path = getattr(db, "database", None)
    if not path or path == ":memory:" or (os.cpu_count() or 1) < 2 or on_server(db):
        return None  # (the second process opens a SQLite file; on a server one walks it all)
    if (db.execute_sql("SELECT max(id) FROM audit_entry").fetchone()[0] or 0) < PARALLEL_FROM and (
        _file_size(db) < PARALLEL_BYTES
    ):
        return None
    uri = bool((getattr(db, "connect_params", None) or {}).get("uri"))
    try:
        return verify_worker.start(str(path), _key(db), uri, 0, False)
    except OSError:
        return None


def _key(db: Handle) -> str | None:
    """The passphrase of ``db``, read from the database behind it when it is the proxy."""
    return database_key(db.obj if isinstance(db, DatabaseProxy) else db)


#: from this size of file on, :func:`start_verify` uses a second process even for a trail
#: of few entries (a generated library's entries carry millions of after-images)
PARALLEL_BYTES = 256 * 1024 * 1024


def _file_size(db: Handle) -> int:
    page_count: int = db.execute_sql("PRAGMA page_count").fetchone()[0]
    page_size: int = db.execute_sql("PRAGMA page_size").fetchone()[0]
    return page_count * page_size


def finish_verify(started: Running | None) -> Verification:
    """The whole chain's :class:`Verification`, inside the caller's write: the entries the
    process of :func:`start_verify` checked (those committed when it began reading), then
    the rest, this transaction's own included, walked here from the last of them."""
    if started is None:
        return verify()
    try:
        problem, bad, count, prev, _ = started.result()
    except (OSError, RuntimeError, ValueError):
        return verify()
    if problem:
        return Verification(False, count, prev, bad, problem)
    db = AuditEntry._meta.database
    with no_collection():
        problem, bad, count, prev = walk(_batches(_cursor(db, count, None)), count + 1, prev)
    if problem:
        return Verification(False, count, prev, bad, problem)
    return _against_head(count, prev)


def _second_half(
    second: Running, db: Handle, middle: int, compare: bool, fold_from: int = 0
) -> Answered:
    """The other process's answer; if it could not run (no Python to start, a killed
    process), the same walk here."""
    try:
        return second.result()
    except (OSError, RuntimeError, ValueError):
        found = db.execute_sql("SELECT hash FROM audit_entry WHERE id = ?", (middle,)).fetchone()
        images: State | None = {} if compare else None
        walked = walk(
            _batches(_cursor(db, middle, None)),
            middle + 1,
            found[0] if found else "",
            images,
            fold_from,
        )
        if images is None or walked[0]:
            return (*walked, None)
        return (*walked, replay.answer(db.execute_sql, images))


def _start_second_half(
    db: Handle, middle: int, compare: bool, fold_from: int = 0
) -> Running | None:
    """A process checking the entries after ``middle`` from its own connection, or None
    when the database cannot be opened twice (in memory) or no process can be started."""

    path = getattr(db, "database", None)
    if (
        not path
        or path == ":memory:"
        or (os.cpu_count() or 1) < 2
        or db.in_transaction()
        or on_server(db)
    ):
        # another connection would not see this transaction's own entries
        return None
    uri = bool((getattr(db, "connect_params", None) or {}).get("uri"))
    try:
        return verify_worker.start(str(path), _key(db), uri, middle, compare, fold_from)
    except OSError:
        return None


def verify_and_compare(
    db: Handle | None = None, start: replay.Start | None = None
) -> tuple[Verification, list[str], int]:
    """``audit verify`` whole: the chain walked once, folding the after-images on the way,
    then the tables compared with them. Returns the chain's verification and the table
    differences (none when the chain itself is broken: that is reported first).

    When the walk ran in two processes, each folded its share of the entries and compared
    the rows that share wrote (:func:`readingroom.replay.answer`), the other process while
    this one did the same; the two answers are combined here (the later share's image of a
    row wins). With ``start`` (a replay checkpoint, :mod:`readingroom.checkpoint`), the
    fold begins from its state; a checkpoint that does not hold breaks the check."""
    if db is None:
        from readingroom.store.db import database

        db = database
    verified, differences, total = _verify_and_compare_once(db, start)
    if total:  # a desk write committed between reading the trail and the tables: look again
        verified, differences, total = _verify_and_compare_once(db, start)
    return verified, differences, total


def _verify_and_compare_once(
    db: Handle, start: replay.Start | None
) -> tuple[Verification, list[str], int]:
    if not replay.has_images(db):
        return verify(), [], 0
    verified, own, later = _walk(db, lambda folded: replay.answer(db.execute_sql, folded), start)
    if not verified.ok or own is None:
        return verified, [], 0
    with no_collection():
        return (verified, *replay.combine(db, own, later))


def chain_head() -> tuple[int, str]:
    head = AuditHead.get_by_id(1)
    return head.count, head.last_hash
