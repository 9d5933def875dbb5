"""The writers' catalogue: what a writer browsing on their own may see and do.

Only works a writer may see (never staff-only, never a class the policy closes to writers),
with availability per volume, the earliest due date of the copies out and the length of the
waiting list. Nothing here returns a borrower's name or a loan record, and joining a
waiting list answers with a queue position only. A writer joins only as themselves: their
member number and their kiosk PIN (:mod:`readingroom.kiosk`); every refusal there reads the
same, :data:`readingroom.kiosk.NOT_HERE`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import SQL, fn

from readingroom import clock, holds, kiosk, policy, restriction_rules
from readingroom.catalogue import SearchFilter, matching_work_ids
from readingroom.errors import NotFound, ReadingRoomError
from readingroom.messages import said
from readingroom.staff import require_desk
from readingroom.standing import AccountWithdrawn
from readingroom.store.db import write_transaction
from readingroom.store.models import ACCESS_CLASSES, Borrower, Copy, Hold, Loan, StaffUser, Work
from readingroom.store.rows import tuples
from readingroom.vocabulary import HOLD_ACTIVE, OUT_OF_CIRCULATION, CopyStatus, HoldStatus, Role

VIA = "writers-catalogue"


@dataclass(frozen=True)
class VolumeAvailability:
    """One volume of a work: copies on the shelf, copies in circulation, next due, queue."""

    volume: int
    on_shelf: int
    in_circulation: int
    next_due: date | None
    waiting: int


@dataclass(frozen=True)
class WriterWork:
    """A work as the writers' catalogue shows it (``rule``: what a writer may do with it)."""

    work_id: int
    title: str
    author: str
    original_title: str
    original_language: str
    translator: str
    publisher: str
    year: int | None
    rule: str
    volumes: tuple[VolumeAvailability, ...]
    #: the title, author and translator in their own script (a library record's 880s)
    title_vernacular: str = ""
    author_vernacular: str = ""
    translator_vernacular: str = ""

    @property
    def on_shelf(self) -> int:
        return sum(v.on_shelf for v in self.volumes)

    @property
    def in_circulation(self) -> int:
        return sum(v.in_circulation for v in self.volumes)

    @property
    def waiting(self) -> int:
        return sum(v.waiting for v in self.volumes)

    @property
    def next_due(self) -> date | None:
        dates = [v.next_due for v in self.volumes if v.next_due]
        return min(dates) if dates else None


@dataclass(frozen=True)
class ReadyForYou:
    """A copy set aside for the writer at the screen: the work's title and volume, the day
    it was set aside (``since``) and the last day it waits (``collect_by``). No barcode,
    no other borrower."""

    title: str
    volume: int
    since: date
    collect_by: date


@dataclass(frozen=True)
class ReadyForMe:
    """The writers' screen's answer to "what is ready for me": each copy set aside for the
    writer, the oldest first (empty when none is)."""

    ready: tuple[ReadyForYou, ...]


@dataclass(frozen=True)
class PlaceInLine:
    """The writers' screen's answer to "join the waiting list": a place in the queue, or
    that a copy is set aside; it names no one (the desk's answer is
    :class:`readingroom.holds.HoldPlaced`). ``ready`` lists every copy set aside for the
    writer now, this one included."""

    title: str
    volume: int
    position: int
    set_aside: bool
    ready: tuple[ReadyForYou, ...] = ()


def visible_access_classes() -> list[str]:
    """Access classes a writer may see: never staff-only, never one the policy closes."""
    return [
        access
        for access in ACCESS_CLASSES
        if access != "staff-only" and policy.rule_for(Role.WRITER, access).rule != "never"
    ]


def _filters() -> list[SearchFilter]:
    visible = visible_access_classes()
    if set(visible) == set(ACCESS_CLASSES) - {"staff-only"}:
        return [SearchFilter(include_staff_only=False)]
    return [SearchFilter(access=access, include_staff_only=False) for access in visible]


def search(text: str = "", limit: int = 200) -> list[WriterWork]:
    """Works a writer may see matching ``text`` (all of them for empty text), best first."""
    ids: list[int] = []
    for filters in _filters():
        ids += matching_work_ids(text, limit=limit, filters=filters)
    return describe(ids[:limit])


def get(work_id: int) -> WriterWork:
    """One visible work; a hidden work is as unknown as a missing one."""
    found = describe([work_id])
    if not found:
        raise NotFound(said("No work with id {work}.", work=work_id))
    return found[0]


def describe(work_ids: list[int]) -> list[WriterWork]:
    """The visible works among ``work_ids``, in that order, with their availability."""
    visible = visible_access_classes()
    works = {w.id: w for w in Work.select().where(Work.id.in_(work_ids) & Work.access.in_(visible))}
    shelf = _copy_counts(list(works))
    due = _next_due(list(works))
    queue = _waiting(list(works))
    return [_writer_work(works[i], shelf, due, queue) for i in work_ids if i in works]


def _writer_work(
    work: Work,
    shelf: dict[tuple[int, int], tuple[int, int]],
    due: dict[tuple[int, int], date],
    queue: dict[tuple[int, int], int],
) -> WriterWork:
    volumes = tuple(
        VolumeAvailability(
            volume,
            shelf.get((work.id, volume), (0, 0))[0],
            shelf.get((work.id, volume), (0, 0))[1],
            due.get((work.id, volume)),
            queue.get((work.id, volume), 0),
        )
        for volume in range(1, work.volumes + 1)
    )
    return WriterWork(
        work.id,
        work.title,
        work.author,
        work.original_title,
        work.original_language,
        work.translator,
        work.publisher,
        work.year,
        policy.rule_for(Role.WRITER, work.access).rule,
        volumes,
        work.title_vernacular,
        work.author_vernacular,
        work.translator_vernacular,
    )


def _copy_counts(work_ids: list[int]) -> dict[tuple[int, int], tuple[int, int]]:
    """Per (work, volume): copies on the shelf and copies in circulation. A copy withheld
    by a restriction or at conservation is neither: the screen says only that it is not
    available (never the restriction's reason)."""
    counts: dict[tuple[int, int], tuple[int, int]] = {}
    withheld = sorted(restriction_rules.withheld_copy_ids(clock.today()))
    rows = (
        Copy.select(Copy.work, Copy.volume, Copy.status, fn.COUNT(Copy.id))
        .where(
            Copy.work.in_(work_ids)
            & Copy.status.not_in(OUT_OF_CIRCULATION)
            & Copy.id.not_in(withheld)
        )
        .group_by(Copy.work, Copy.volume, Copy.status)
    )
    for work_id, volume, status, n in tuples(rows):
        shelf, total = counts.get((work_id, volume), (0, 0))
        counts[(work_id, volume)] = (
            shelf + (n if status == CopyStatus.AVAILABLE else 0),
            total + n,
        )
    for work_id, volume in _at_tables(work_ids, withheld):  # with a reader, not on the shelf
        shelf, total = counts[(work_id, volume)]
        counts[(work_id, volume)] = (shelf - 1, total)
    return counts


def _at_tables(work_ids: list[int], withheld: list[int]) -> list[tuple[int, int]]:
    """(work, volume) of each copy of ``work_ids`` on the shelf's status but at a table in
    the reading room now (a withheld one is not counted at all)."""
    rows = Copy.select(Copy.work, Copy.volume).where(
        Copy.work.in_(work_ids)
        & (Copy.status == CopyStatus.AVAILABLE)
        & Copy.id.not_in(withheld)
        & Copy.id.in_(SQL("(SELECT copy_id FROM room_issue WHERE returned_at IS NULL)"))
    )
    return [(work_id, volume) for work_id, volume in tuples(rows)]


def _next_due(work_ids: list[int]) -> dict[tuple[int, int], date]:
    rows = (
        Loan.select(Copy.work, Copy.volume, fn.MIN(Loan.due))
        .join(Copy)
        .where(Copy.work.in_(work_ids) & Loan.returned_at.is_null())
        .group_by(Copy.work, Copy.volume)
    )
    return {
        (w, v): d if isinstance(d, date) else date.fromisoformat(str(d)) for w, v, d in tuples(rows)
    }


def _waiting(work_ids: list[int]) -> dict[tuple[int, int], int]:
    rows = (
        Hold.select(Hold.work, Hold.volume, fn.COUNT(Hold.id))
        .where(Hold.work.in_(work_ids) & Hold.status.in_(HOLD_ACTIVE))
        .group_by(Hold.work, Hold.volume)
    )
    return {(w, v): n for w, v, n in tuples(rows)}


class NotPossibleHere(ReadingRoomError):
    """The writers' screen's one refusal: :data:`readingroom.kiosk.NOT_HERE`, whatever the
    reason (the reason itself goes to the audit trail, for staff)."""

    exit_code = 5

    def __init__(self) -> None:
        super().__init__(kiosk.NOT_HERE)


def join_waiting_list(
    actor: StaffUser, work_id: int, volume: int, member_no: str, pin: str
) -> PlaceInLine:
    """Put the writer in front of the screen on the waiting list for a visible work's volume.

    ``member_no`` and ``pin`` say who they are: an unknown member, a wrong PIN, a member
    locked out after five wrong PINs, anyone not a current, active writer, or anything the
    rules refuse all end in the same :class:`NotPossibleHere`, audited with the real reason.
    ``actor`` is the staff user who opened the writers' screen; the hold is audited as
    placed through it. The answer names no one: a position, or that a copy is set aside.
    """
    require_desk(actor)
    checked = kiosk.check(member_no, pin)
    where = {"work": work_id, "volume": volume}
    if checked.reason:
        kiosk.record_refusal(actor, member_no, checked, checked.reason, where)
        raise NotPossibleHere()
    try:
        with write_transaction():
            if not kiosk.still_admitted(checked):
                raise _Refusal("PIN changed or locked meanwhile")
            assert checked.borrower is not None
            work = get(work_id)
            _check_writer(checked.borrower, work)
            joined = holds.place_hold_on_work(
                actor, work.work_id, volume, checked.borrower.member_no, via=VIA
            )
            placed = PlaceInLine(
                work.title,
                volume,
                joined.position,
                joined.set_aside is not None,
                _ready_for(checked.borrower),
            )
    except AccountWithdrawn:
        raise  # the staff account behind the screen: the window signs out
    except (_Refusal, ReadingRoomError) as refusal:
        reason = refusal.message if isinstance(refusal, ReadingRoomError) else str(refusal)
        kiosk.record_refusal(actor, member_no, checked, reason, where)
        raise NotPossibleHere() from None
    return placed


def ready_for_me(actor: StaffUser, member_no: str, pin: str) -> ReadyForMe:
    """The copies set aside for the writer in front of the screen (member number and PIN),
    the oldest first; any refusal is the same :class:`NotPossibleHere`, audited with its
    real reason (a wrong PIN counts towards the lock, as when joining)."""
    require_desk(actor)
    checked = kiosk.check(member_no, pin)
    asked = {"asked": "ready for me"}
    if checked.reason:
        kiosk.record_refusal(actor, member_no, checked, checked.reason, asked)
        raise NotPossibleHere()
    try:
        with write_transaction():
            if not kiosk.still_admitted(checked):
                raise _Refusal("PIN changed or locked meanwhile")
            assert checked.borrower is not None
            return ReadyForMe(_ready_for(checked.borrower))
    except AccountWithdrawn:
        raise
    except _Refusal as refusal:
        kiosk.record_refusal(actor, member_no, checked, str(refusal), asked)
        raise NotPossibleHere() from None


def _ready_for(borrower: Borrower) -> tuple[ReadyForYou, ...]:
    days = holds.pickup_days()
    rows = tuples(
        Hold.select(Work.title, Hold.volume, Hold.ready_on)
        .join(Work)
        .where(
            (Hold.borrower == borrower.id)
            & (Hold.status == HoldStatus.READY)
            & Hold.ready_on.is_null(False)
        )
        .order_by(Hold.ready_on, Hold.id)
    )
    return tuple(
        ReadyForYou(title, volume, since, holds.pickup_by(since, days))
        for title, volume, since in rows
    )


class _Refusal(Exception):
    """Why the writers' screen refuses a member whose PIN was right (for the audit trail)."""


def _check_writer(borrower: Borrower, work: WriterWork) -> None:
    """Only a current, active writer, for a work the policy lends writers without approval."""
    if borrower.role != Role.WRITER:
        raise _Refusal(f"not a writer ({borrower.role})")
    if borrower.status != "active":
        raise _Refusal(f"membership {borrower.status}")
    if borrower.expires and borrower.expires < clock.today():
        raise _Refusal("membership expired")
    if work.rule != "loan":
        raise _Refusal(f"the policy gives writers {work.rule!r} for this work")
