"""Waiting lists: holds on a work's volume, first come first served.

When a copy of a held volume is on the shelf (at once, or when it comes back) it is set
aside for the first borrower in line until collected; anyone else meets ``HELD_FOR_OTHER``.
The line itself (who is first, setting a copy aside) is :mod:`readingroom.waiting_list`,
below the catalogue, which sets a copy aside when it comes back to the shelf.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from peewee import SQL, fn

from readingroom import audit, clock, settings
from readingroom.borrowers import get_borrower
from readingroom.catalogue import get_copy
from readingroom.decision import Decision, access_reasons
from readingroom.errors import BadInput, NotFound, Refused
from readingroom.lending_rules import rule_for
from readingroom.messages import Code, Reason, said
from readingroom.staff import Actor, require_desk
from readingroom.store.db import write_transaction
from readingroom.store.models import Borrower, Copy, Hold, Loan, Work
from readingroom.store.room_models import OPEN_ISSUE_COPIES_SQL
from readingroom.store.rows import tuples
from readingroom.vocabulary import HOLD_ACTIVE, CopyStatus, HoldStatus
from readingroom.waiting_list import first_waiting as first_waiting  # offered here too
from readingroom.waiting_list import queue_position as queue_position
from readingroom.waiting_list import set_aside_if_waiting as set_aside_if_waiting

#: where a hold is placed by the member themselves (the writers' screen); any other ``via``
#: is staff placing it, audited with who did (``placed_by``)
SELF_SERVICE = "writers-catalogue"
#: where staff place holds from (the ``via`` of the audit entry)
VIA_DESK, VIA_BORROWER_PAGE, VIA_WAITING_LIST = "desk", "borrower-page", "waiting-list"


@dataclass(frozen=True)
class HoldPlaced:
    """What joining a waiting list did, so neither front door asks the database again.

    ``hold`` is the new hold with its work and borrower attached: waiting, or ready when a
    copy was on the shelf; ``position`` is its place in line (0 when a copy is set aside for
    it, 1 for the first in line); ``set_aside`` is the copy set aside for it at once, or None.
    """

    hold: Hold
    position: int
    set_aside: Copy | None


@dataclass(frozen=True)
class HoldCancelled:
    """What leaving a waiting list did.

    ``hold`` is the hold as it is now (cancelled, its borrower attached); ``freed`` is the
    copy that had been set aside for it, or None; ``passed_to`` is the next hold in line
    that copy was set aside for in turn (with its borrower), or None (back on the shelf).
    """

    hold: Hold
    freed: Copy | None
    passed_to: Hold | None


def _check_may_hold(borrower: Borrower, work: Work) -> None:
    reasons = access_reasons(borrower, work.access, rule_for(borrower.role, work.access))
    blocking = [r for r in reasons if not r.overridable]
    if blocking:
        raise Refused(Decision(False, None, tuple(blocking)))
    if borrower.status == "suspended":
        raise BadInput(
            said("{member}'s membership is suspended; no new holds.", member=borrower.member_no)
        )


def place_hold(
    actor: Actor | None, barcode: str, member_no: str, *, via: str = "desk"
) -> HoldPlaced:
    """Join the waiting list for the copy's work and volume (set aside at once if on shelf)."""
    actor = require_desk(actor)
    with write_transaction():
        copy, borrower = get_copy(barcode), get_borrower(member_no)
        return _place(actor, copy.work, copy.volume, borrower, via)


def place_hold_on_work(
    actor: Actor | None, work_id: int, volume: int, member_no: str, *, via: str = "desk"
) -> HoldPlaced:
    """Join the waiting list for ``volume`` of a work picked by id (it may have no copy)."""
    actor = require_desk(actor)
    with write_transaction():
        work = Work.get_or_none(Work.id == work_id)
        if work is None:
            raise NotFound(said("No work with id {work}.", work=work_id))
        if not 1 <= volume <= work.volumes:
            raise BadInput(said("{title} has no volume {volume}.", title=work.title, volume=volume))
        return _place(actor, work, volume, get_borrower(member_no), via)


def _check_not_on_loan(borrower: Borrower, work: Work, volume: int) -> None:
    """ALREADY_ON_LOAN: a borrower never waits for a volume they have at home (the hold would
    set aside another copy for them, or keep the next reader waiting behind them)."""
    loan: Loan | None = (
        Loan.select(Loan.due)
        .join(Copy)
        .where(
            (Loan.borrower == borrower.id)
            & Loan.returned_at.is_null()
            & (Copy.work == work.id)
            & (Copy.volume == volume)
        )
        .first()
    )
    if loan is not None:
        reason = Reason(Code.ALREADY_ON_LOAN, {"due": loan.due})
        raise Refused(Decision(False, None, (reason,)))


def _place(actor: Actor, work: Work, volume: int, borrower: Borrower, via: str) -> HoldPlaced:
    _check_may_hold(borrower, work)
    _check_not_on_loan(borrower, work, volume)
    existing = Hold.get_or_none(
        (Hold.work == work)
        & (Hold.volume == volume)
        & (Hold.borrower == borrower)
        & Hold.status.in_(HOLD_ACTIVE)
    )
    if existing:
        raise BadInput(
            said(
                "{member} is already on the waiting list for {title} (volume {volume}).",
                member=borrower.member_no,
                title=work.title,
                volume=volume,
            )
        )
    hold = Hold.create(work=work, volume=volume, borrower=borrower, placed_at=clock.now())
    audit.record(
        actor,
        "hold-place",
        "hold",
        hold.id,
        {
            "work": work.id,
            "volume": volume,
            "member_no": borrower.member_no,
            "via": via,
            "placed_by": borrower.member_no if via == SELF_SERVICE else actor.username,
        },
    )
    shelf: Copy | None = (
        Copy.select()
        .where(
            (Copy.work == work)
            & (Copy.volume == volume)
            & (Copy.status == CopyStatus.AVAILABLE)
            & Copy.id.not_in(SQL(f"({OPEN_ISSUE_COPIES_SQL})"))  # not one at a reading-room table
        )
        .order_by(Copy.barcode)
        .first()
    )
    ready = set_aside_if_waiting(actor, shelf, clock.today()) if shelf is not None else None
    set_aside = shelf if ready is not None and ready.id == hold.id else None
    if set_aside is not None:
        assert ready is not None
        hold, set_aside.status = ready, CopyStatus.HELD
        hold.copy = set_aside
    hold.work, hold.borrower = work, borrower
    hold._dirty.clear()  # type: ignore[attr-defined]  # as saved; peewee-stubs omit Model._dirty
    return HoldPlaced(hold, queue_position(hold), set_aside)


def cancel_hold(actor: Actor | None, barcode: str, member_no: str) -> HoldCancelled:
    """Leave the waiting list; a copy set aside for it passes to the next in line."""
    actor = require_desk(actor)
    with write_transaction():
        copy, borrower = get_copy(barcode), get_borrower(member_no)
        hold = Hold.get_or_none(
            (Hold.work == copy.work_id)
            & (Hold.volume == copy.volume)
            & (Hold.borrower == borrower)
            & Hold.status.in_(HOLD_ACTIVE)
        )
        if hold is None:
            raise NotFound(
                said(
                    "{member} has no hold on {title} (volume {volume}).",
                    member=member_no,
                    title=copy.work.title,
                    volume=copy.volume,
                )
            )
        return release_hold(actor, hold, "hold-cancel")


def cancel_hold_by_id(actor: Actor | None, hold_id: int) -> HoldCancelled:
    """Cancel one active hold picked from a waiting list (its volume may have no copy)."""
    actor = require_desk(actor)
    with write_transaction():
        hold: Hold | None = (
            Hold.select(Hold, Borrower)
            .join(Borrower)
            .where((Hold.id == hold_id) & Hold.status.in_(HOLD_ACTIVE))
            .first()
        )
        if hold is None:
            raise NotFound(said("No active hold with id {hold}.", hold=hold_id))
        return release_hold(actor, hold, "hold-cancel")


def release_hold(
    actor: Actor,
    hold: Hold,
    action: str,
    *,
    status: HoldStatus = HoldStatus.CANCELLED,
    details: dict[str, object] | None = None,
) -> HoldCancelled:
    """Close ``hold`` as cancelled (or ``status``); pass its set-aside copy on (inside a
    write). ``details`` go into the audit entry beside the member number."""
    closed_at = clock.now()
    Hold.update(status=status, closed_at=closed_at, copy=None).where(Hold.id == hold.id).execute()
    freed_id = hold.copy_id if hold.status == HoldStatus.READY else None
    if freed_id:  # back on the shelf in the same entry as the closed hold
        Copy.update(status=CopyStatus.AVAILABLE).where(Copy.id == freed_id).execute()
    borrower = hold.borrower
    audit.record(
        actor, action, "hold", hold.id, {"member_no": borrower.member_no, **(details or {})}
    )
    freed: Copy | None = None
    passed_to: Hold | None = None
    if freed_id:
        freed = Copy.get_by_id(freed_id)
        passed_to = set_aside_if_waiting(actor, freed, clock.today())
        freed.status = CopyStatus.AVAILABLE if passed_to is None else CopyStatus.HELD
    hold.status, hold.closed_at, hold.copy = status, closed_at, None
    hold.borrower = borrower
    hold._dirty.clear()  # type: ignore[attr-defined]  # as saved; peewee-stubs omit Model._dirty
    return HoldCancelled(hold, freed, passed_to)


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
        .where(Hold.status == HoldStatus.READY)
        .order_by(Hold.ready_on, Hold.id)
    )


def waiting_counts() -> dict[int, int]:
    """Per work id: how many holds are active."""
    rows = tuples(
        Hold.select(Hold.work, fn.COUNT(Hold.id))
        .where(Hold.status.in_(HOLD_ACTIVE))
        .group_by(Hold.work)
    )
    return {work_id: count for work_id, count in rows}


# -- set-aside copies not collected in time ------------------------------------------------


def pickup_days() -> int:
    """How many days a set-aside copy waits (the ``pickup_days`` setting)."""
    return settings.pickup_days()


def pickup_by(ready_on: date, days: int | None = None) -> date:
    """The last day a copy set aside on ``ready_on`` waits to be collected."""
    return ready_on + timedelta(days=settings.pickup_days() if days is None else days)


def past_pickup(today: date | None = None) -> list[Hold]:
    """Copies set aside and not collected by their pickup date (the last day they wait,
    :func:`pickup_by`), the longest-waiting first: their holds expire at the next
    :func:`expire_set_aside`. Each hold has its borrower, copy and work attached."""
    today = today or clock.today()
    last_ready_on = today - timedelta(days=settings.pickup_days() + 1)
    return list(
        Hold.select(Hold, Borrower, Copy, Work)
        .join_from(Hold, Borrower)
        .join_from(Hold, Copy)
        .join_from(Hold, Work)
        .where((Hold.status == HoldStatus.READY) & (Hold.ready_on <= last_ready_on))
        .order_by(Hold.ready_on, Hold.id)
    )


@dataclass(frozen=True)
class HoldExpired:
    """One set-aside hold that expired: whose it was (``member_no``), the copy
    (``barcode``, ``title``, ``volume``) set aside on ``ready_on`` and due for pickup by
    ``pickup_by``; ``passed_to`` is the member number of the next in line it is set aside
    for now, or None (back on the shelf)."""

    hold_id: int
    member_no: str
    barcode: str
    title: str
    volume: int
    ready_on: date
    pickup_by: date
    passed_to: str | None

    def as_dict(self) -> dict[str, object]:
        return {
            "hold": self.hold_id,
            "member_no": self.member_no,
            "barcode": self.barcode,
            "title": self.title,
            "volume": self.volume,
            "ready_on": self.ready_on.isoformat(),
            "pickup_by": self.pickup_by.isoformat(),
            "passed_to": self.passed_to,
        }


@dataclass(frozen=True)
class HoldsExpired:
    """What expiring the set-aside holds did: ``expired``, one per hold, the longest
    waiting first (empty when none was past its pickup date)."""

    expired: tuple[HoldExpired, ...]

    def __bool__(self) -> bool:
        return bool(self.expired)

    def __len__(self) -> int:
        return len(self.expired)


def expire_set_aside(actor: Actor | None, today: date | None = None) -> HoldsExpired:
    """Expire every hold whose set-aside copy was not collected by its pickup date: the
    copy passes to the next in line (set aside for them) or goes back on the shelf. Each
    expiry is its own audit entry (``hold-expire``, with the copy and the pickup date), and
    the copy set aside again is one more (``hold-ready``). Nothing to expire writes nothing."""
    actor = require_desk(actor)
    today = today or clock.today()
    if not past_pickup(today):
        return HoldsExpired(())
    expired: list[HoldExpired] = []
    with write_transaction():
        days = settings.pickup_days()
        for hold in past_pickup(today):  # read again inside the write
            copy, ready_on = hold.copy, hold.ready_on
            assert copy is not None and ready_on is not None, hold.id  # a ready hold has both
            due = pickup_by(ready_on, days)
            released = release_hold(
                actor,
                hold,
                "hold-expire",
                status=HoldStatus.EXPIRED,
                details={
                    "barcode": copy.barcode,
                    "ready_on": ready_on.isoformat(),
                    "pickup_by": due.isoformat(),
                },
            )
            passed = released.passed_to
            expired.append(
                HoldExpired(
                    hold.id,
                    hold.borrower.member_no,
                    copy.barcode,
                    hold.work.title,
                    hold.volume,
                    ready_on,
                    due,
                    passed.borrower.member_no if passed is not None else None,
                )
            )
    return HoldsExpired(tuple(expired))
