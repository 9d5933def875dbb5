"""Waiting lists: the works people wait for, each queue in order, and copies set aside."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from readingroom import clock, holds, settings
from readingroom.holds import set_aside_copies, waiting_list
from readingroom.store.db import database, read_transaction
from readingroom.store.models import Hold
from readingroom.store.rows import named
from readingroom.vocabulary import HOLD_ACTIVE, HoldStatus, sql_list, sql_word


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
    #: the last day it waits to be collected (then its hold expires)
    pickup_by: date | None = None

    def past_pickup(self, today: date) -> bool:
        return self.pickup_by is not None and self.pickup_by < today


def works_with_waiting_lists() -> list[WaitingWork]:
    """Works with at least one active hold, the longest-waiting first."""
    rows = database.execute_sql(
        "SELECT w.id AS work_id, w.title AS title, w.author AS author, w.volumes AS volumes, "
        f"SUM(h.status = {sql_word(HoldStatus.WAITING)}) AS waiting, "
        f"SUM(h.status = {sql_word(HoldStatus.READY)}) AS ready, MIN(h.placed_at) AS oldest "
        "FROM hold h JOIN work w ON w.id = h.work_id "
        f"WHERE h.status IN ({sql_list(HOLD_ACTIVE)}) GROUP BY w.id "
        "ORDER BY MIN(h.placed_at), w.id"
    )
    return [
        WaitingWork(**{**row, "oldest": datetime.fromisoformat(row["oldest"])})
        for row in named(rows)
    ]


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
    days = settings.pickup_days()
    return [_set_aside_line(hold, today, days) for hold in set_aside_copies()]


def past_pickup(today: date | None = None) -> list[SetAsideLine]:
    """Copies set aside and not collected by their pickup date, the longest-waiting first
    (the desk and the Readiness page list them; their holds expire at the next sign-in of
    desk staff or ``holds expire``)."""
    today = today or clock.today()
    days = settings.pickup_days()
    return [_set_aside_line(hold, today, days) for hold in holds.past_pickup(today)]


def _set_aside_line(hold: Hold, today: date, days: int) -> SetAsideLine:
    copy, ready_on = hold.copy, hold.ready_on
    # a ready hold has its copy (joined) and the day it was set aside
    assert copy is not None and ready_on is not None, hold.id
    return SetAsideLine(
        hold.id,
        copy.barcode,
        hold.work.title,
        hold.volume,
        hold.borrower.member_no,
        hold.borrower.name,
        ready_on,
        max(0, (today - ready_on).days),
        holds.pickup_by(ready_on, days),
    )
