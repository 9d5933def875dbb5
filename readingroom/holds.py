"""Waiting lists: holds on a work's volume, first come first served.

When a copy of a held volume is on the shelf (at once, or when it comes back) it is set
aside for the first borrower in line until collected; anyone else meets ``HELD_FOR_OTHER``.
"""

from __future__ import annotations

from datetime import date

from peewee import fn

from readingroom import audit, clock
from readingroom.borrowers import get_borrower
from readingroom.catalogue import get_copy
from readingroom.decision import Decision, access_reasons
from readingroom.errors import BadInput, NotFound, Refused
from readingroom.policy import rule_for
from readingroom.staff import require_desk
from readingroom.store.db import write_transaction
from readingroom.store.models import (
    HOLD_ACTIVE,
    HOLD_CANCELLED,
    HOLD_READY,
    HOLD_WAITING,
    Borrower,
    Copy,
    Hold,
    Work,
)


def queue_position(hold: Hold) -> int:
    """1 for the first in line (a ready hold counts as position 0: it is being collected)."""
    if hold.status == HOLD_READY:
        return 0
    ahead = (
        Hold.select(fn.COUNT(Hold.id))
        .where(
            (Hold.work == hold.work_id)
            & (Hold.volume == hold.volume)
            & (Hold.status == HOLD_WAITING)
            & (Hold.id < hold.id)
        )
        .scalar()
    )
    return ahead + 1


def first_waiting(work_id: int, volume: int) -> Hold | None:
    return next(iter(Hold.raw(_FIRST_WAITING_SQL, work_id, volume, HOLD_WAITING)), None)


#: :func:`first_waiting` written out: every lend and return asks it
_FIRST_WAITING_SQL = (
    "SELECT * FROM hold WHERE work_id = ? AND volume = ? AND status = ? ORDER BY id LIMIT 1"
)


def set_aside_if_waiting(actor, copy: Copy, today: date) -> Hold | None:
    """Give an available copy to the first waiting hold for its volume (inside a write)."""
    hold = first_waiting(copy.work_id, copy.volume)
    if hold is None:
        return None
    Hold.update(status=HOLD_READY, copy=copy, ready_on=today).where(Hold.id == hold.id).execute()
    Copy.update(status="held").where(Copy.id == copy.id).execute()
    member_no = Borrower.get_by_id(hold.borrower_id).member_no
    audit.record(
        actor, "hold-ready", "hold", hold.id, {"barcode": copy.barcode, "member_no": member_no}
    )
    return Hold.get_by_id(hold.id)


def _check_may_hold(borrower: Borrower, work: Work) -> None:
    reasons = access_reasons(borrower, work.access, rule_for(borrower.role, work.access))
    blocking = [r for r in reasons if not r.overridable]
    if blocking:
        raise Refused(Decision(False, None, tuple(blocking)))
    if borrower.status == "suspended":
        raise BadInput(f"{borrower.member_no}'s membership is suspended; no new holds.")


def place_hold(actor, barcode: str, member_no: str, *, via: str = "desk") -> Hold:
    """Join the waiting list for the copy's work and volume (set aside at once if on shelf)."""
    require_desk(actor)
    with write_transaction():
        copy, borrower = get_copy(barcode), get_borrower(member_no)
        return _place(actor, copy.work, copy.volume, borrower, via)


def place_hold_on_work(
    actor, work_id: int, volume: int, member_no: str, *, via: str = "desk"
) -> Hold:
    require_desk(actor)
    with write_transaction():
        work = Work.get_or_none(Work.id == work_id)
        if work is None:
            raise NotFound(f"No work with id {work_id}.")
        if not 1 <= volume <= work.volumes:
            raise BadInput(f"{work.title} has no volume {volume}.")
        return _place(actor, work, volume, get_borrower(member_no), via)


def _place(actor, work: Work, volume: int, borrower: Borrower, via: str) -> Hold:
    _check_may_hold(borrower, work)
    existing = Hold.get_or_none(
        (Hold.work == work)
        & (Hold.volume == volume)
        & (Hold.borrower == borrower)
        & Hold.status.in_(HOLD_ACTIVE)
    )
    if existing:
        raise BadInput(
            f"{borrower.member_no} is already on the waiting list for "
            f"{work.title} (volume {volume})."
        )
    hold = Hold.create(work=work, volume=volume, borrower=borrower, placed_at=clock.now())
    audit.record(
        actor,
        "hold-place",
        "hold",
        hold.id,
        {"work": work.id, "volume": volume, "member_no": borrower.member_no, "via": via},
    )
    shelf = (
        Copy.select()
        .where((Copy.work == work) & (Copy.volume == volume) & (Copy.status == "available"))
        .order_by(Copy.barcode)
        .first()
    )
    if shelf is not None:
        set_aside_if_waiting(actor, shelf, clock.today())
    return Hold.get_by_id(hold.id)


def cancel_hold(actor, barcode: str, member_no: str) -> Hold:
    """Leave the waiting list; a copy set aside for it passes to the next in line."""
    require_desk(actor)
    with write_transaction():
        copy, borrower = get_copy(barcode), get_borrower(member_no)
        hold = Hold.get_or_none(
            (Hold.work == copy.work_id)
            & (Hold.volume == copy.volume)
            & (Hold.borrower == borrower)
            & Hold.status.in_(HOLD_ACTIVE)
        )
        if hold is None:
            raise NotFound(f"{member_no} has no hold on {copy.work.title} (volume {copy.volume}).")
        release_hold(actor, hold, "hold-cancel")
    return Hold.get_by_id(hold.id)


def cancel_hold_by_id(actor, hold_id: int) -> Hold:
    """Cancel one active hold picked from a waiting list (its volume may have no copy)."""
    require_desk(actor)
    with write_transaction():
        hold = (
            Hold.select(Hold, Borrower)
            .join(Borrower)
            .where((Hold.id == hold_id) & Hold.status.in_(HOLD_ACTIVE))
            .first()
        )
        if hold is None:
            raise NotFound(f"No active hold with id {hold_id}.")
        release_hold(actor, hold, "hold-cancel")
    return Hold.get_by_id(hold_id)


def release_hold(actor, hold: Hold, action: str) -> None:
    """Close ``hold`` as cancelled; pass its set-aside copy on (inside a write)."""
    Hold.update(status=HOLD_CANCELLED, closed_at=clock.now(), copy=None).where(
        Hold.id == hold.id
    ).execute()
    freed = hold.status == HOLD_READY and hold.copy_id
    if freed:  # back on the shelf in the same entry as the cancelled hold
        Copy.update(status="available").where(Copy.id == hold.copy_id).execute()
    audit.record(actor, action, "hold", hold.id, {"member_no": hold.borrower.member_no})
    if freed:
        set_aside_if_waiting(actor, Copy.get_by_id(hold.copy_id), clock.today())


def waiting_list(work_id: int) -> list[Hold]:
    """Active holds on a work, in queue order per volume."""
    return list(
        Hold.select(Hold, Borrower)
        .join(Borrower)
        .where((Hold.work == work_id) & Hold.status.in_(HOLD_ACTIVE))
        .order_by(Hold.volume, Hold.id)
    )


def set_aside_copies() -> list[Hold]:
    """Copies set aside and waiting to be collected."""
    return list(
        Hold.select(Hold, Borrower, Copy, Work)
        .join_from(Hold, Borrower)
        .join_from(Hold, Copy)
        .join_from(Hold, Work)
        .where(Hold.status == HOLD_READY)
        .order_by(Hold.ready_on, Hold.id)
    )


def waiting_counts() -> dict[int, int]:
    """Per work id: how many holds are active."""
    rows = (
        Hold.select(Hold.work, fn.COUNT(Hold.id))
        .where(Hold.status.in_(HOLD_ACTIVE))
        .group_by(Hold.work)
        .tuples()
    )
    return dict(rows)
