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
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from readingroom.chain import IMAGES_PREFIX, OUTSIDE_CHANGE, State
from readingroom.messages import Count, Text, listed, said

if TYPE_CHECKING:  # peewee stays out of the second process of a check (verify_worker)
    from peewee import DatabaseProxy, SqliteDatabase

    #: the catalogue's database, or the proxy the models are bound to
    Handle: TypeAlias = SqliteDatabase | DatabaseProxy

#: runs one statement and returns its cursor (``Database.execute_sql``, or a DB-API
#: connection's ``execute`` in the second process)
Execute: TypeAlias = Callable[..., Any]
#: a table's differences as ``(row id, line)``
Lines: TypeAlias = list[tuple[int, str]]
#: a share of the trail's answer for the rows it wrote (see :func:`answer`)
Answer: TypeAlias = dict[str, Any]

#: the tracked tables and their columns, in the images' order (frozen with migration 0009;
#: tables added later keep their own migration's order)
TRACKED: dict[str, tuple[str, ...]] = {
    "copy": (
        "barcode",
        "work_id",
        "volume",
        "location",
        "status",
        "condition",
        "created_at",
        # migration 0023: the call number (migration 0020)
        "call_number",
    ),
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
        # migration 0022: the inspector's name and the inspection day (migration 0017)
        "inspector",
        "inspection_date",
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
        # migration 0026: the copy's status when the line was reconciled
        "copy_status",
    ),
    # migration 0016 (its rows have had images since the table was made)
    "borrower_note": ("borrower_id", "text", "author", "written_at", "resolved_at", "resolved_by"),
    # migration 0018: the reading room and the custody ledger
    "room_issue": (
        "copy_id",
        "borrower_id",
        "seat",
        "issued_at",
        "issued_by",
        "returned_at",
        "returned_by",
        "return_condition",
        "outcome",
        "override_by",
        "override_reason",
        "overridden_codes",
    ),
    "custody_move": (
        "copy_id",
        "at",
        "staff",
        "kind",
        "from_place",
        "to_place",
        "borrower_id",
        "seat",
        "confirmed_by",
        "audit_seq",
        "note",
    ),
    # migration 0019 (restrictions, condition rules, conservation, incomplete sets)
    "restriction": (
        "work_id",
        "copy_id",
        "reason",
        "authority",
        "starts",
        "ends",
        "placed_by",
        "placed_at",
        "lifted_at",
        "lifted_by",
        "lift_reason",
    ),
    "condition_rule": ("grade", "allows"),
    "conservation": (
        "copy_id",
        "sent_condition",
        "loan_id",
        "sent_at",
        "sent_by",
        "released_at",
        "released_by",
        "released_condition",
        "note",
    ),
    "incomplete_set": (
        "work_id",
        "borrower_id",
        "copy_id",
        "loan_id",
        "recorded_at",
        "recorded_by",
        "resolved_at",
    ),
}


#: the widths of a table's images written before columns were added to them (a stocktake's
#: fourteen columns before migration 0022, a copy's seven before migration 0023, a stocktake
#: line's thirteen before migration 0026): such an image holds the first columns only, and
#: the replay compares those
OLDER_WIDTHS: dict[str, frozenset[int]] = {
    "stocktake": frozenset({14}),
    "copy": frozenset({7}),
    "stocktake_outcome": frozenset({13}),
}


class StartRejected(Exception):
    """A replay checkpoint that cannot be trusted (altered, unsigned, not certified): the
    message says why, and ``entry`` is the checkpoint's own audit entry."""

    def __init__(self, entry: int, problem: str) -> None:
        super().__init__(problem)
        self.entry = entry
        #: why, keyed when it was said so
        self.problem = problem


class Start(Protocol):
    """Where a replay may begin instead of the first entry: a checkpoint's state, the fold
    of entries 1 to ``sequence`` (see :mod:`readingroom.checkpoint`)."""

    @property
    def entry(self) -> int: ...

    @property
    def sequence(self) -> int: ...

    def state(self) -> State:
        """The folded state, checked against its signed digest (:class:`StartRejected`
        when it does not hold)."""
        ...


#: differences listed at most (the count is always exact)
MAX_LISTED = 1000
#: entries read from the trail at a time
BATCH = 20_000


def has_images(db: Handle) -> bool:
    """Whether the catalogue keeps after-images (migration 0009 applied): its
    ``audit_pending`` table exists, or (that table dropped with sqlite3, which must not
    switch the comparison off) an entry of its trail carries images."""
    return any(
        db.execute_sql(sql).fetchone() is not None
        for sql in (
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_pending'",
            f"SELECT 1 FROM audit_entry WHERE details LIKE '{IMAGES_PREFIX}%' LIMIT 1",
        )
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
    return combine(db, answer(db.execute_sql, trail_state(db) if state is None else state), None)


def scan(execute: Execute, state: State) -> dict[str, Lines]:
    """The rows ``state`` has images of, against the tables: ``{table: [(id, line)]}``, the
    differences (rows it has no image of are not looked at: another share of the trail
    may have them, see :func:`combine`)."""
    return {
        table: _scan_table(execute, table, state.get(table, {})) if table in state else []
        for table in TRACKED
    }


def answer(execute: Execute, state: State) -> Answer:
    """A share of the trail's own answer: the rows it has images of (``covered``, by
    table) and the differences among them (``lines``, by table, ``[id, line]``). Each
    process of a check answers for its share while the other still walks; an answer is
    plain data, so it crosses from one process to the other as JSON."""
    return {
        "covered": {
            table: [row_id for key in images if (row_id := row_number(key)) is not None]
            for table, images in state.items()
        },
        "lines": scan(execute, state),
    }


def combine(db: Handle, first: Answer, later: Answer | None) -> tuple[list[str], int]:
    """The differences of the whole trail from the answers of its two shares (``later``
    None when one process walked it all): a row the later share has an image of is its to
    answer for, and a row neither share has an image of is present but not in the trail."""
    found: list[tuple[int, int, str]] = []
    for index, table in enumerate(TRACKED):
        covered = set(later["covered"].get(table, ())) if later else set()
        if later:
            found += [(index, i, line) for i, line in later["lines"].get(table, ())]
        found += [(index, i, line) for i, line in first["lines"].get(table, ()) if i not in covered]
        covered.update(first["covered"].get(table, ()))
        strays = [
            row_id
            for (row_id,) in db.execute_sql(f"SELECT id FROM {table} ORDER BY id")
            if row_id not in covered
        ]
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
                else said("{record}: present, but not in the trail", record=_named(table, row_id))
            ),
        )


def _scan_table(execute: Execute, table: str, trail: dict[str, Any]) -> Lines:
    """One table's rows that ``trail`` has images of: rows are compared as SQLite renders
    their image, and only a row whose text differs is parsed and compared field by field."""
    lines: Lines = []
    seen = 0
    bounds = _bounds(trail)
    where, params = ("", ()) if bounds is None else (" WHERE id BETWEEN ? AND ?", bounds)
    cursor = execute(f"SELECT id, {image_sql(table)} FROM {table}{where} ORDER BY id", params)
    absent = object()
    while rows := cursor.fetchmany(BATCH):
        for row_id, text in rows:
            image = trail.get(str(row_id), absent)
            if image is absent:
                continue
            if image is None:
                lines.append((row_id, _stray(table, row_id, text)))
                continue
            seen += 1
            if image != text:
                lines += [(row_id, line) for line in _fields(table, row_id, text, image)]
    if seen < sum(1 for image in trail.values() if image is not None):
        present = {row[0] for row in execute(f"SELECT id FROM {table}")}
        for key, image in trail.items():
            row_id = row_number(key)
            if image is not None and row_id is not None and row_id not in present:
                label = _label(table, row_id, _values(image))
                lines.append((row_id, said("{record}: gone, but the trail has it", record=label)))
    return lines


def row_number(key: str) -> int | None:
    """The row id an image is keyed by (None for a key that names no row: not ours)."""
    try:
        return int(key)
    except ValueError:
        return None


def _bounds(trail: dict[str, Any]) -> tuple[int, int] | None:
    """The lowest and highest row id ``trail`` has an image of (None when it has none, or
    a key that is not a number: then every row is looked at)."""
    try:
        ids = [int(key) for key in trail]
    except ValueError:
        return None
    return (min(ids), max(ids)) if ids else None


def image_sql(table: str) -> str:
    """The SQL of a row's image, as the triggers of migration 0009 write it."""
    return "json_array(" + ", ".join(TRACKED[table]) + ")"


def _stray(table: str, row_id: int, text: str) -> Text:
    record = _label(table, row_id, json.loads(text))
    return said("{record}: present, but not in the trail", record=record)


def _fields(table: str, row_id: int, text: str, image: str) -> Iterator[Text]:
    """The fields where the row (its image ``text`` now) differs from the trail's ``image``
    (nothing when the two only render differently)."""
    now = json.loads(text)
    label = _label(table, row_id, now)
    then = _values(image)
    if len(then) < len(now) and len(then) in OLDER_WIDTHS.get(table, ()):
        then = then + now[len(then) :]  # columns added since: not in that image
    if len(then) != len(now):  # written by hand into an entry: not an image of ours
        yield said("{record}: the trail's image of it is not readable", record=label)
        return
    for name, value, trail_value in zip(TRACKED[table], now, then, strict=True):
        if value != trail_value:
            yield said(
                "{record}: {field} is {now} but the trail says {then}",
                record=label,
                field=Text(name, {}, FIELD_CONTEXT),
                now=_show(table, name, value),
                then=_show(table, name, trail_value),
            )


def _values(image: object) -> list[Any]:
    """An image's values, or none when it is not one (written by hand into an entry)."""
    try:
        values = json.loads(image)  # type: ignore[arg-type]  # anything may sit in a crafted entry
    except (TypeError, ValueError):
        return []
    return values if isinstance(values, list) else []


def _show(table: str, field: str, value: object) -> str:
    """A field's value as a difference names it: a number as it is, ``empty``, or the text in
    quotes, a stored word (a status, a role) in the user's language."""
    if value is None:
        return said("empty")
    if not isinstance(value, str):
        return repr(value)
    context = VALUE_CONTEXTS.get((table, field)) or VALUE_CONTEXTS.get(("", field))
    if context is None:  # a name, a place, a date: as it is
        return said("'{value}'", value=value)
    escaped = value.replace("{", "{{").replace("}", "}}")  # a template of one stored word
    return said("'{value}'", value=Text(escaped, {}, context))


#: the catalogue's context of a stored word by (table, column), or ("", column) for a column
#: whose words are the same in every table
VALUE_CONTEXTS: dict[tuple[str, str], str] = {
    ("", "status"): "status",
    ("", "condition"): "condition",
    ("", "return_condition"): "condition",
    ("", "role"): "role",
    ("", "access"): "access",
    ("", "rule"): "rule",
    ("", "outcome"): "outcome",
    ("", "allows"): "allows",
    ("borrower", "status"): "membership",
    ("hold", "status"): "hold",
    ("stocktake", "status"): "state",
}


#: the context of a column's name in the domain's catalogue (the audit log's detail keys)
FIELD_CONTEXT = "audit-key"
#: how a user names a row of each table from its image's values (its barcode, member
#: number or policy cell): the template and the positions of its values
LABELS: dict[str, tuple[str, tuple[int, ...]]] = {
    "copy": ("copy {row} (barcode {a})", (0,)),
    "borrower": ("borrower {row} (member {a})", (0,)),
    "policy_rule": ("policy rule {row} ({a} × {b})", (0, 1)),
    "stocktake_outcome": ("stocktake {a} outcome {row} (barcode {b})", (0, 1)),
    "borrower_note": ("borrower note {row} (borrower {a})", (0,)),
    "room_issue": ("reading-room issue {row} (copy {a}, seat {b})", (0, 2)),
    "custody_move": ("custody move {row} (copy {a}, {b})", (0, 3)),
    "restriction": ("restriction {row} (work {a})", (0,)),
    "condition_rule": ("condition rule {row} ({a})", (0,)),
    "conservation": ("conservation {row} (copy {a})", (0,)),
    "incomplete_set": ("incomplete set {row} (copy {a})", (2,)),
}


def _label(table: str, row_id: int, values: Iterable[Any]) -> Text:
    """How a user names the row: its barcode, member number or policy cell where it has one."""
    values = list(values)
    if len(values) < 2 or table not in LABELS:  # an image not of ours: the table and id alone
        return _named(table, row_id)
    template, positions = LABELS[table]
    shown = {name: str(values[i]) for name, i in zip("ab", positions, strict=False)}
    return Text(template, {"row": str(row_id), **shown})


def _named(table: str, row_id: int) -> Text:
    return said("{table} {row}", table=table, row=str(row_id))


def describe(differences: list[str], total: int, shown: int = 20) -> str:
    """The differences in a message: how many, and the first ``shown`` of them."""
    lines = [
        said(
            "The tables do not agree with the audit trail ({differences}):",
            differences=Count(total, "difference"),
        )
    ]
    lines += [said("  {line}", line=line) for line in differences[:shown]]
    if total > shown:
        lines.append(said("  … and {more} more", more=total - shown))
    return listed(lines, "\n")
