"""The tables against the trail: replay the after-images and compare with the rows.

Every audit entry carries the after-images of the rows its change wrote (``details`` key
``after``: ``{table: {id: image | null}}``, each image the text of a JSON array of the
row's columns in the order of :data:`TRACKED`, as SQLite's ``json_array`` renders it; see
migration 0009 and docs/RELIABILITY.md). Folding them in entry order,
the last image of each row wins, gives the state the trail vouches for; :func:`compare`
names every row and field where the tables say otherwise: a row edited, inserted or deleted
with sqlite3, with or without dropping a trigger first.

Images in ``outside-change`` entries (rows found changed outside Reading Room and swept
into an entry of their own, see ``readingroom.audit.sweep_outside_changes``) are kept
as evidence but never replayed, so such a change stays a difference.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeAlias

from readingroom.chain import OUTSIDE_CHANGE, State

if TYPE_CHECKING:  # peewee stays out of the second process of a check (verify_worker)
    from peewee import DatabaseProxy, SqliteDatabase

    #: the catalogue's database, or the proxy the models are bound to
    Handle: TypeAlias = SqliteDatabase | DatabaseProxy

#: runs one statement and returns its cursor (``Database.execute_sql``, or a DB-API
#: connection's ``execute`` in the second process)
Execute: TypeAlias = Callable[..., Any]
#: a table's differences as ``(row id, line)``
Lines: TypeAlias = list[tuple[int, str]]

#: the tracked tables and their columns, in the images' order (frozen with migration 0009)
TRACKED: dict[str, tuple[str, ...]] = {
    "copy": ("barcode", "work_id", "volume", "location", "status", "condition", "created_at"),
    "borrower": ("member_no", "name", "role", "organisation", "status", "expires", "created_at"),
    "policy_rule": ("role", "access", "rule", "days", "max_items", "renewals"),
    "loan": (
        "copy_id",
        "borrower_id",
        "staff_id",
        "lent_on",
        "lent_at",
        "due",
        "renewals",
        "returned_on",
        "returned_at",
        "return_condition",
        "override_by_id",
        "override_reason",
        "overridden_codes",
        "backdated",
    ),
    "hold": (
        "work_id",
        "volume",
        "borrower_id",
        "placed_at",
        "status",
        "copy_id",
        "ready_on",
        "closed_at",
    ),
    "stocktake": (
        "status",
        "opened_at",
        "opened_by",
        "expected_count",
        "found_count",
        "closed_at",
        "closed_by",
        "closed_by_name",
        "signed_by",
        "signed_on",
        "audit_ok",
        "audit_problem",
        "audit_count",
        "audit_hash",
    ),
    "stocktake_outcome": (
        "stocktake_id",
        "barcode",
        "copy_id",
        "title",
        "volume",
        "outcome",
        "borrower",
        "due",
        "location",
        "found_location",
        "condition",
        "scans",
        "note",
    ),
}
#: differences listed at most (the count is always exact)
MAX_LISTED = 1000
#: entries read from the trail at a time
BATCH = 20_000


def has_images(db: Handle) -> bool:
    """Whether the catalogue keeps after-images (migration 0009 applied)."""
    return (
        db.execute_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_pending'"
        ).fetchone()
        is not None
    )


def trail_state(db: Handle) -> State:
    """The trail's state read on its own (``verify`` folds it while it walks the chain)."""
    state: State = {}
    cursor = db.execute_sql(
        "SELECT details FROM audit_entry WHERE details LIKE '{\"after\":%' "
        "AND action <> ? ORDER BY id",
        (OUTSIDE_CHANGE,),
    )
    loads = json.loads
    while rows := cursor.fetchmany(BATCH):
        for (text,) in rows:
            for table, images in loads(text)["after"].items():
                state.setdefault(table, {}).update(images)
    return state


def compare(db: Handle | None = None, state: State | None = None) -> tuple[list[str], int]:
    """Every difference between the tables and the trail (at most :data:`MAX_LISTED`
    listed) and how many there are; ``([], 0)`` on a catalogue without images."""
    if db is None:
        from readingroom.store.db import database

        db = database
    if not has_images(db):
        return [], 0
    return merged(db, trail_state(db) if state is None else state, None)


def scan(
    execute: Execute, state: State, own_only: bool
) -> tuple[dict[str, Lines], dict[str, list[int]]]:
    """Each table's rows against ``state``: ``({table: [(id, line)]}, {table: [id]})``, the
    differences and the ids of rows ``state`` has no image of. With ``own_only``, rows
    without an image are not looked at (another part of the trail may have them)."""
    lines: dict[str, Lines] = {}
    unknown: dict[str, list[int]] = {}
    for table, columns in TRACKED.items():
        lines[table], unknown[table] = _scan_table(
            execute, table, columns, state.get(table, {}), own_only
        )
    return lines, unknown


def merged(db: Handle, state: State, second: dict[str, Any] | None) -> tuple[list[str], int]:
    """This process's scan, less the rows the other process answered for, plus its answer."""
    covers = {
        table: set(second["covered"].get(table, ())) if second else set() for table in TRACKED
    }
    for table, covered in covers.items():  # the other process's answer stands for these
        images = state.get(table)
        if images and covered:
            for row_id in covered:
                images.pop(str(row_id), None)
    lines, unknown = scan(db.execute_sql, state, own_only=False)
    found: list[tuple[int, int, str]] = []
    for index, table in enumerate(TRACKED):
        covered = covers[table]
        found += [(index, i, line) for i, line in lines[table] if i not in covered]
        if second:
            found += [(index, i, line) for i, line in second["lines"].get(table, ())]
        strays = [i for i in unknown[table] if i not in covered]
        found += [(index, i, line) for i, line in _strays(db, table, strays)]
    found.sort()
    return [line for _, _, line in found[:MAX_LISTED]], len(found)


def _strays(db: Handle, table: str, ids: list[int]) -> Iterator[tuple[int, str]]:
    """Rows the trail does not have, named (the first :data:`MAX_LISTED` by their fields)."""
    for n, row_id in enumerate(ids):
        found = (
            db.execute_sql(
                f"SELECT {image_sql(table)} FROM {table} WHERE id = ?", (row_id,)
            ).fetchone()
            if n < MAX_LISTED
            else None
        )
        yield (
            row_id,
            (
                _stray(table, row_id, found[0])
                if found
                else f"{table} {row_id}: present, but not in the trail"
            ),
        )


def _scan_table(
    execute: Execute, table: str, columns: tuple[str, ...], trail: dict[str, Any], own_only: bool
) -> tuple[Lines, list[int]]:
    """One table against ``trail``: rows are compared as SQLite renders their image, and
    only a row whose text differs is parsed and compared field by field."""
    lines: Lines = []
    unknown: list[int] = []
    seen = 0
    bounds = _bounds(trail)
    if own_only and bounds is None and not trail:
        return lines, unknown
    params: tuple[int, ...]
    if bounds is None:
        where, params = "", ()
    else:  # rows outside the trail's ids need no image rendered: none of them is known
        where, params = " WHERE id BETWEEN ? AND ?", bounds
        if not own_only:
            unknown += _ids(execute, table, "id < ?", bounds[0])
    cursor = execute(f"SELECT id, {image_sql(table)} FROM {table}{where} ORDER BY id", params)
    absent = object()
    while rows := cursor.fetchmany(BATCH):
        for row_id, text in rows:
            image = trail.get(str(row_id), absent)
            if image is absent and own_only:
                continue
            if image is None or image is absent:
                if own_only:
                    lines.append((row_id, _stray(table, row_id, text)))
                else:
                    unknown.append(row_id)
                continue
            seen += 1
            if image != text:
                lines += [(row_id, line) for line in _fields(table, row_id, text, image)]
    if bounds is not None and not own_only:
        unknown += _ids(execute, table, "id > ?", bounds[1])
    if seen < sum(1 for image in trail.values() if image is not None):
        present = {row[0] for row in execute(f"SELECT id FROM {table}")}
        lines += [
            (int(key), f"{_label(table, int(key), json.loads(image))}: gone, but the trail has it")
            for key, image in trail.items()
            if image is not None and int(key) not in present
        ]
    return lines, unknown


def _bounds(trail: dict[str, Any]) -> tuple[int, int] | None:
    """The lowest and highest row id ``trail`` has an image of (None when it has none, or
    a key that is not a number: then every row is looked at)."""
    try:
        ids = [int(key) for key in trail]
    except ValueError:
        return None
    return (min(ids), max(ids)) if ids else None


def _ids(execute: Execute, table: str, condition: str, bound: int) -> list[int]:
    return [
        row[0]
        for row in execute(
            f"SELECT id FROM {table} WHERE {condition} ORDER BY id", (bound,)
        ).fetchall()
    ]


def image_sql(table: str) -> str:
    """The SQL of a row's image, as the triggers of migration 0009 write it."""
    return "json_array(" + ", ".join(TRACKED[table]) + ")"


def _stray(table: str, row_id: int, text: str) -> str:
    return f"{_label(table, row_id, json.loads(text))}: present, but not in the trail"


def _fields(table: str, row_id: int, text: str, image: str) -> Iterator[str]:
    """The fields where the row (its image ``text`` now) differs from the trail's ``image``
    (nothing when the two only render differently)."""
    now, then = json.loads(text), json.loads(image)
    label = _label(table, row_id, now)
    for name, value, trail_value in zip(TRACKED[table], now, then, strict=False):
        if value != trail_value:
            yield f"{label}: {name} is {_show(value)} but the trail says {_show(trail_value)}"


def _show(value: object) -> str:
    return "empty" if value is None else repr(value)


def _label(table: str, row_id: int, values: Iterable[Any]) -> str:
    """How a user names the row: its barcode, member number or policy cell where it has one."""
    values = list(values)
    if table == "copy":
        return f"copy {row_id} (barcode {values[0]})"
    if table == "borrower":
        return f"borrower {row_id} (member {values[0]})"
    if table == "policy_rule":
        return f"policy rule {row_id} ({values[0]} × {values[1]})"
    if table == "stocktake_outcome":
        return f"stocktake {values[0]} outcome {row_id} (barcode {values[1]})"
    return f"{table} {row_id}"


def describe(differences: list[str], total: int, shown: int = 20) -> str:
    """The differences in a message: how many, and the first ``shown`` of them."""
    lines = [
        f"The tables do not agree with the audit trail ({total} difference"
        f"{'s' if total != 1 else ''}):"
    ]
    lines += [f"  {line}" for line in differences[:shown]]
    if total > shown:
        lines.append(f"  … and {total - shown} more")
    return "\n".join(lines)
