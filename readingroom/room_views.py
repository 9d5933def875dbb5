"""The reading room as it is now, read without the room's use cases: the copies at the
tables (:func:`in_room`) and those not returned at closing (:func:`not_returned`).

This is the read side :mod:`readingroom.room` builds on; it sits low (the store, the
clock and the reasons only) so that readiness, reminders and the stocktake can ask about
the room without importing its use cases (which import borrowers and circulation).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from readingroom import clock
from readingroom.messages import Code, Reason
from readingroom.store.db import database, read_transaction
from readingroom.store.rows import named
from readingroom.vocabulary import CopyStatus

#: outcomes of an issue once it is over
RETURNED, NOT_RETURNED = "returned", "not-returned"
#: how many copies an ITEMS_IN_ROOM message names before "and N more"
NAMED_COPIES = 20


@dataclass(frozen=True)
class InRoom:
    """A copy at a table now: which, whose, which seat, since when (and how long)."""

    issue_id: int
    barcode: str
    title: str
    volume: int
    volumes: int
    member_no: str
    name: str
    seat: int
    since: datetime
    minutes: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "barcode": self.barcode,
            "title": self.title,
            "volume": self.volume,
            "member_no": self.member_no,
            "name": self.name,
            "seat": self.seat,
            "since": self.since.isoformat(timespec="seconds"),
            "minutes": self.minutes,
        }


_OPEN_SQL = """
    SELECT r.id AS issue_id, c.barcode, w.title, c.volume, w.volumes, b.member_no, b.name,
           r.seat, r.issued_at AS since
    FROM room_issue r JOIN copy c ON c.id = r.copy_id JOIN work w ON w.id = c.work_id
    JOIN borrower b ON b.id = r.borrower_id
    WHERE r.returned_at IS NULL"""


def _as_datetime(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _items(cursor: Any, now: datetime) -> list[InRoom]:
    items = []
    for row in named(cursor):
        since = _as_datetime(row.pop("since"))
        minutes = max(0, int((now - since).total_seconds() // 60))
        items.append(InRoom(**row, since=since, minutes=minutes))
    return items


def in_room(now: datetime | None = None) -> list[InRoom]:
    """Every copy at a table now, by seat then since when."""
    now = now or clock.now()
    with read_transaction():
        cursor = database.execute_sql(_OPEN_SQL + " ORDER BY r.seat, r.issued_at, c.barcode")
        return _items(cursor, now)


def count_in_room() -> int:
    """How many copies are at the tables now."""
    row = database.execute_sql(
        "SELECT count(*) FROM room_issue WHERE returned_at IS NULL"
    ).fetchone()
    return int(row[0])


def items_in_room_reason(items: list[InRoom]) -> Reason:
    """ITEMS_IN_ROOM naming every copy out (barcode, reader and seat; the first
    :data:`NAMED_COPIES`, then how many more)."""
    named_items = [f"{i.barcode} ({i.member_no}, seat {i.seat})" for i in items[:NAMED_COPIES]]
    text = ", ".join(named_items)
    if len(items) > NAMED_COPIES:
        text += f" and {len(items) - NAMED_COPIES} more"
    return Reason(Code.ITEMS_IN_ROOM, {"count": len(items), "copies": text})


# -- the day's visits, over ---------------------------------------------------------------


@dataclass(frozen=True)
class Visit:
    """A copy read at a table that has left it: who read it, at which seat, from when to
    when, and how it ended (``returned`` with the grade given, or ``not-returned`` at a
    forced closing)."""

    barcode: str
    title: str
    volume: int
    volumes: int
    member_no: str
    name: str
    seat: int
    since: datetime
    until: datetime
    outcome: str
    condition: str | None

    @property
    def minutes(self) -> int:
        return max(0, int((self.until - self.since).total_seconds() // 60))

    def as_dict(self) -> dict[str, Any]:
        return {
            "barcode": self.barcode,
            "title": self.title,
            "volume": self.volume,
            "member_no": self.member_no,
            "name": self.name,
            "seat": self.seat,
            "since": self.since.isoformat(timespec="seconds"),
            "until": self.until.isoformat(timespec="seconds"),
            "minutes": self.minutes,
            "outcome": self.outcome,
            "condition": self.condition,
        }


_VISITS_SQL = """
    SELECT c.barcode, w.title, c.volume, w.volumes, b.member_no, b.name, r.seat,
           r.issued_at AS since, r.returned_at AS until, r.outcome,
           r.return_condition AS condition
    FROM room_issue r JOIN copy c ON c.id = r.copy_id JOIN work w ON w.id = c.work_id
    JOIN borrower b ON b.id = r.borrower_id
    WHERE r.returned_at >= ? AND r.returned_at < ?
    ORDER BY r.issued_at, r.seat, c.barcode"""


def visits_on(day: date | None = None) -> list[Visit]:
    """The visits that ended on ``day`` (today by default), in the order they began: the
    room's log of the day beside the readers still at the tables (:func:`in_room`)."""
    start = datetime.combine(day or clock.today(), time.min)
    bounds = (start.isoformat(" "), (start + timedelta(days=1)).isoformat(" "))
    with read_transaction():
        found = []
        for row in named(database.execute_sql(_VISITS_SQL, bounds)):
            row["since"], row["until"] = _as_datetime(row["since"]), _as_datetime(row["until"])
            found.append(Visit(**row))
        return found


# -- not returned at closing --------------------------------------------------------------


@dataclass(frozen=True)
class Unreturned:
    """A copy not returned at closing and not found since: whose it was, where, when."""

    barcode: str
    title: str
    volume: int
    volumes: int
    member_no: str
    name: str
    seat: int
    since: datetime
    closed_at: datetime

    def as_dict(self) -> dict[str, Any]:
        return {
            "barcode": self.barcode,
            "title": self.title,
            "volume": self.volume,
            "member_no": self.member_no,
            "name": self.name,
            "seat": self.seat,
            "since": self.since.isoformat(timespec="seconds"),
            "closed_at": self.closed_at.isoformat(timespec="seconds"),
        }


_UNRETURNED_SQL = """
    SELECT c.barcode, w.title, c.volume, w.volumes, b.member_no, b.name, r.seat,
           r.issued_at AS since, r.returned_at AS closed_at
    FROM room_issue r JOIN copy c ON c.id = r.copy_id JOIN work w ON w.id = c.work_id
    JOIN borrower b ON b.id = r.borrower_id
    WHERE r.outcome = ? AND c.status = ?
      AND r.id = (SELECT max(id) FROM room_issue WHERE copy_id = r.copy_id)
    ORDER BY b.member_no, c.barcode"""


def not_returned() -> list[Unreturned]:
    """Copies recorded as not returned at closing that are still missing, by reader."""
    rows = database.execute_sql(_UNRETURNED_SQL, (NOT_RETURNED, CopyStatus.MISSING.value))
    found = []
    for row in named(rows):
        row["since"] = _as_datetime(row["since"])
        row["closed_at"] = _as_datetime(row["closed_at"])
        found.append(Unreturned(**row))
    return found
