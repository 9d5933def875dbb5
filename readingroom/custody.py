"""The custody ledger: every move of a copy, one row each, kept with the trail.

A copy goes shelf → desk → reader (a loan, or a seat in the reading room) → desk → shelf;
to and from conservation; is missed or found by a stocktake; is marked lost, withdrawn,
missing or found again. Each step is one ``custody_move`` row (migration 0018) with the
staff member, the time, the second person who confirmed it (when the act needs one) and the
sequence number of the audit entry of the change it belongs to. The rows are written in the
same transaction as that change and their after-images travel in its entry, so ``audit
verify`` names any row edited, added or removed behind the program's back: the ledger can
never say other than the trail.

Services call :func:`record_move` (or :func:`record_path` for several steps at once) inside
their write, **right before** the ``audit.record`` of the change; the front doors read
:func:`moves_of_copy` (``catalogue.copy_history``: ``copy history``, the Catalogue's
timeline) and :func:`moves_between`
(the ``custody`` report).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from readingroom import clock
from readingroom.store.db import database, read_transaction
from readingroom.store.rows import named
from readingroom.vocabulary import CopyStatus

# -- places a copy can be -------------------------------------------------------------------
SHELF = "shelf"
DESK = "desk"
READER = "reader"  # on loan, taken home
ROOM = "room"  # at a seat in the reading room
HOLD_SHELF = "hold-shelf"  # set aside for a hold
CONSERVATION = "conservation"
MISSING = CopyStatus.MISSING.value
LOST = CopyStatus.LOST.value
WITHDRAWN = CopyStatus.WITHDRAWN.value
DAMAGED = CopyStatus.DAMAGED.value  # out of circulation in the safe
PLACES = (SHELF, DESK, READER, ROOM, HOLD_SHELF, CONSERVATION, MISSING, LOST, WITHDRAWN, DAMAGED)

# -- kinds of move --------------------------------------------------------------------------
LEND = "lend"
RETURN = "return"
ROOM_ISSUE = "room-issue"
ROOM_RETURN = "room-return"
NOT_RETURNED = "not-returned-at-closing"
TO_CONSERVATION = "to-conservation"
FROM_CONSERVATION = "from-conservation"
STOCKTAKE_FOUND = "stocktake-found"
STOCKTAKE_MISSED = "stocktake-missed"
MARKED = "marked"  # marked by hand: lost, withdrawn, missing, damaged or found again
KINDS = (
    LEND,
    RETURN,
    ROOM_ISSUE,
    ROOM_RETURN,
    NOT_RETURNED,
    TO_CONSERVATION,
    FROM_CONSERVATION,
    STOCKTAKE_FOUND,
    STOCKTAKE_MISSED,
    MARKED,
)

#: one move's values; its audit sequence is the entry about to be written (the chain
#: head's count + 1), read in the insert itself: a lend pays one statement for its moves
_ROW_SQL = "(?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT count + 1 FROM audit_head WHERE id = 1), ?)"
_INSERT_SQL = (
    "INSERT INTO custody_move (copy_id, at, staff, kind, from_place, to_place, borrower_id, "
    "seat, confirmed_by, audit_seq, note) VALUES "
)


def _username(actor: Any) -> str:
    return getattr(actor, "username", None) or (actor if isinstance(actor, str) else "system")


def record_move(
    actor: Any,
    copy_id: int,
    kind: str,
    from_place: str,
    to_place: str,
    *,
    borrower_id: int | None = None,
    seat: int | None = None,
    confirmed_by: str | None = None,
    note: str = "",
) -> None:
    """Write one move of copy ``copy_id`` from ``from_place`` to ``to_place`` (the names in
    :data:`PLACES`; ``kind`` one of the kinds above, e.g. :data:`TO_CONSERVATION`).

    Call it inside the change's write transaction, right before the ``audit.record`` of
    that change: the move's ``audit_seq`` is the sequence number that entry is about to
    get, and the move's after-image travels in it. ``borrower_id`` and ``seat`` say who has
    the copy (a loan, a seat in the room); ``confirmed_by`` is the second staff member of an
    act that needs two (:mod:`readingroom.confirm`).
    """
    record_path(
        actor,
        copy_id,
        kind,
        (from_place, to_place),
        borrower_id=borrower_id,
        seat=seat,
        confirmed_by=confirmed_by,
        note=note,
    )


def record_path(
    actor: Any,
    copy_id: int,
    kind: str,
    places: Sequence[str],
    *,
    borrower_id: int | None = None,
    seat: int | None = None,
    confirmed_by: str | None = None,
    note: str = "",
    at: datetime | None = None,
) -> None:
    """:func:`record_move` for each step along ``places`` (``shelf, desk, reader``: two
    moves), all with the same kind, staff, time and audit sequence. ``at``: when the move
    was made, if not now (a lend or return recorded back-dated)."""
    when = (at or clock.now()).isoformat(" ")
    staff = _username(actor)
    steps = list(zip(places, places[1:], strict=False))
    values: list[object] = []
    for start, end in steps:
        values += [copy_id, when, staff, kind, start, end, borrower_id, seat, confirmed_by, note]
    database.execute_sql(_INSERT_SQL + ", ".join(_ROW_SQL for _ in steps), values)


@dataclass(frozen=True)
class Move:
    """One move of a copy as the front doors show it."""

    barcode: str
    title: str
    volume: int
    at: datetime
    staff: str
    kind: str
    from_place: str
    to_place: str
    member_no: str | None
    borrower_name: str | None
    seat: int | None
    confirmed_by: str | None
    audit_seq: int
    note: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "barcode": self.barcode,
            "title": self.title,
            "volume": self.volume,
            "at": self.at.isoformat(timespec="seconds"),
            "staff": self.staff,
            "kind": self.kind,
            "from": self.from_place,
            "to": self.to_place,
            "member_no": self.member_no,
            "seat": self.seat,
            "confirmed_by": self.confirmed_by,
            "audit_seq": self.audit_seq,
            "note": self.note,
        }


_MOVES_SQL = """
    SELECT c.barcode, w.title, c.volume, m.at, m.staff, m.kind, m.from_place, m.to_place,
           b.member_no, b.name AS borrower_name, m.seat, m.confirmed_by, m.audit_seq, m.note
    FROM custody_move m JOIN copy c ON c.id = m.copy_id JOIN work w ON w.id = c.work_id
    LEFT JOIN borrower b ON b.id = m.borrower_id"""


def _as_datetime(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _moves(cursor: Any) -> list[Move]:
    moves = []
    for row in named(cursor):
        row["at"] = _as_datetime(row["at"])
        moves.append(Move(**row))
    return moves


def moves_of_copy(copy_id: int) -> list[Move]:
    """Every move of the copy, oldest first (``catalogue.copy_history`` finds it by barcode)."""
    sql = _MOVES_SQL + " WHERE m.copy_id = ? ORDER BY m.id"
    with read_transaction():
        return _moves(database.execute_sql(sql, (copy_id,)))


def moves_between(start: date | None, end: date | None) -> list[Move]:
    """Every move of every copy from ``start`` to ``end`` (days, both included), oldest
    first (a back-dated lend's moves at the day it was made); None leaves that side open."""
    where: list[str] = []
    params: list[str] = []
    if start is not None:
        where.append("m.at >= ?")
        params.append(datetime.combine(start, time.min).isoformat(" "))
    if end is not None:
        where.append("m.at <= ?")
        params.append(datetime.combine(end, time.max).isoformat(" "))
    sql = _MOVES_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY m.at, m.id"
    with read_transaction():
        return _moves(database.execute_sql(sql, params))
