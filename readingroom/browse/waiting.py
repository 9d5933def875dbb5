"""Waiting lists: the works people wait for, each queue in order, and copies set aside."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from readingroom import clock
from readingroom.holds import set_aside_copies, waiting_list
from readingroom.store.db import database, read_transaction
from readingroom.store.models import HOLD_READY


@dataclass(frozen=True)
class WaitingWork:
    """A work with an active waiting list."""

    work_id: int
    title: str
    author: str
    volumes: int
    waiting: int
    ready: int
    oldest: datetime


@dataclass(frozen=True)
class QueueLine:
    """One place in a work's waiting list; ``position`` 0 means set aside, to collect."""

    hold_id: int
    volume: int
    position: int
    member_no: str
    name: str
    role: str
    placed_at: datetime
    status: str
    barcode: str | None


@dataclass(frozen=True)
class SetAsideLine:
    hold_id: int
    barcode: str
    title: str
    volume: int
    member_no: str
    name: str
    ready_on: date
    days_waiting: int


def works_with_waiting_lists() -> list[WaitingWork]:
    """Works with at least one active hold, the longest-waiting first."""
    rows = database.execute_sql(
        "SELECT w.id, w.title, w.author, w.volumes, SUM(h.status = 'waiting'), "
        "SUM(h.status = 'ready'), MIN(h.placed_at) FROM hold h JOIN work w ON w.id = h.work_id "
        "WHERE h.status IN ('waiting', 'ready') GROUP BY w.id "
        "ORDER BY MIN(h.placed_at), w.id"
    ).fetchall()
    return [WaitingWork(*values[:6], datetime.fromisoformat(values[6])) for values in rows]


def queue(work_id: int) -> list[QueueLine]:
    """The work's active holds per volume in queue order (set-aside ones first)."""
    lines: list[QueueLine] = []
    with read_transaction():
        holds = waiting_list(work_id)
        barcodes = dict(
            database.execute_sql(
                "SELECT h.id, c.barcode FROM hold h JOIN copy c ON c.id = h.copy_id "
                "WHERE h.work_id = ? AND h.status = ?",
                [work_id, HoldStatus.READY],
            ).fetchall()
        )
    position: dict[int, int] = {}
    for hold in sorted(holds, key=lambda h: (h.volume, h.status != HoldStatus.READY, h.id)):
        if hold.status == HoldStatus.READY:
            place = 0
        else:
            place = position[hold.volume] = position.get(hold.volume, 0) + 1
        lines.append(
            QueueLine(
                hold.id,
                hold.volume,
                place,
                hold.borrower.member_no,
                hold.borrower.name,
                hold.borrower.role,
                hold.placed_at,
                hold.status,
                barcodes.get(hold.id),
            )
        )
    return lines


def set_aside(today: date | None = None) -> list[SetAsideLine]:
    """Copies set aside for a hold and waiting to be collected, the oldest first."""
    today = today or clock.today()
    return [
        SetAsideLine(
            hold.id,
            hold.copy.barcode,
            hold.work.title,
            hold.volume,
            hold.borrower.member_no,
            hold.borrower.name,
            hold.ready_on,
            max(0, (today - hold.ready_on).days),
        )
        for hold in set_aside_copies()
    ]
