"""A volume's waiting list: who is first in line, and setting an available copy aside for
them.

This is the part of :mod:`readingroom.holds` that the catalogue and the desk call when a
copy comes to the shelf; it sits below them (it needs only the models and the trail), so
marking a copy available never imports the holds' use cases, which import the catalogue.
:mod:`readingroom.holds` offers these under the same names.
"""

from __future__ import annotations

from datetime import date

from peewee import fn

from readingroom import audit
from readingroom.store.models import Borrower, Copy, Hold, StaffUser
from readingroom.store.rows import scalar_int
from readingroom.vocabulary import CopyStatus, HoldStatus

__all__ = ["first_waiting", "queue_position", "set_aside_if_waiting"]


def queue_position(hold: Hold) -> int:
    """1 for the first in line (a ready hold counts as position 0: it is being collected)."""
    if hold.status == HoldStatus.READY:
        return 0
    ahead = scalar_int(
        Hold.select(fn.COUNT(Hold.id)).where(
            (Hold.work == hold.work_id)
            & (Hold.volume == hold.volume)
            & (Hold.status == HoldStatus.WAITING)
            & (Hold.id < hold.id)
        )
    )
    return ahead + 1


def first_waiting(work_id: int, volume: int) -> Hold | None:
    """The first waiting hold for the volume (written out: every lend and return asks it)."""
    rows = Hold.raw(_FIRST_WAITING_SQL, work_id, volume, HoldStatus.WAITING.value)
    first: Hold | None = next(iter(rows), None)
    return first


_FIRST_WAITING_SQL = (
    "SELECT * FROM hold WHERE work_id = ? AND volume = ? AND status = ? ORDER BY id LIMIT 1"
)


def set_aside_if_waiting(actor: StaffUser, copy: Copy, today: date) -> Hold | None:
    """Give an available copy to the first waiting hold for its volume (inside a write)."""
    hold = first_waiting(copy.work_id, copy.volume)
    if hold is None:
        return None
    Hold.update(status=HoldStatus.READY, copy=copy, ready_on=today).where(
        Hold.id == hold.id
    ).execute()
    Copy.update(status=CopyStatus.HELD).where(Copy.id == copy.id).execute()
    borrower = Borrower.get_by_id(hold.borrower_id)
    audit.record(
        actor,
        "hold-ready",
        "hold",
        hold.id,
        {"barcode": copy.barcode, "member_no": borrower.member_no},
    )
    ready = Hold.get_by_id(hold.id)
    ready.borrower = borrower  # loaded already: who it is set aside for, without a query
    return ready
