"""The reading room: a copy with a reader at a table, back at the desk before closing.

A copy given to a reader in the room (``room issue``) leaves the safe as surely as a loan
does, so it is decided, written and audited like one: :func:`decide_room` applies the
policy with the rule's meaning for the room (``loan`` and ``reading-room`` allow it,
``approval`` needs a supervisor, ``never`` and civilians are refused, staff-only works are
refused), refuses a suspended or expired member and a copy out of circulation, on loan or
already at a table (``IN_READING_ROOM``, never overridable, which also refuses a lend).
Each issue, return and closing is one write with its audit entry and its custody moves
(:mod:`readingroom.custody`).

The room closes once a day (:func:`close`): refused with ``ITEMS_IN_ROOM`` (every copy
named) while a copy is out; a supervisor may close it anyway with a reason and a second
staff member's confirmation (:mod:`readingroom.confirm`): each copy still out is recorded
as "not returned at closing" against its reader and turns ``missing``; the Readiness page
and the next reminders run name it until it is found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from peewee import IntegrityError

from readingroom import audit, clock, custody, lending_rules, refusals, settings
from readingroom.borrowers import get_borrower
from readingroom.catalogue import check_choice, get_copy
from readingroom.confirm import require_confirmation
from readingroom.decision import (
    Decision,
    loan_guard_reason,
    room_copy_reasons,
    set_reasons,
)
from readingroom.errors import BadInput, NotFound, NotPermitted, Refused
from readingroom.messages import Code, Count, Reason, said
from readingroom.restriction_rules import is_set_issue
from readingroom.room_views import (
    _OPEN_SQL,
    NOT_RETURNED,
    RETURNED,
    InRoom,
    Unreturned,
    Visit,
    _items,
    count_in_room,
    in_room,
    items_in_room_reason,
    not_returned,
    visits_on,
)
from readingroom.staff import SUPERVISOR, Actor, require_desk, require_supervisor
from readingroom.store.db import database, write_transaction
from readingroom.store.models import CONDITIONS, Borrower, ConditionEntry, Copy, Hold, StaffUser
from readingroom.store.room_models import RoomIssue
from readingroom.vocabulary import (
    BorrowerStatus,
    Condition,
    CopyStatus,
    HoldStatus,
    LendingRule,
    Role,
    WorkAccess,
)
from readingroom.waiting_list import set_aside_if_waiting

__all__ = [
    "InRoom",
    "RoomIssuedTogether",
    "RoomReturnedTogether",
    "RoomClosed",
    "RoomIssued",
    "RoomReturned",
    "Unreturned",
    "Visit",
    "check",
    "close",
    "count_in_room",
    "decide_room",
    "in_room",
    "issue",
    "issue_together",
    "items_in_room_reason",
    "not_returned",
    "return_from_room",
    "return_together",
    "seats",
    "set_seats",
    "record_desk_refusal",
    "visits_on",
]

#: the setting that says how many seats (tables) the room has
SEATS_SETTING = "room_seats"
DEFAULT_SEATS = 12
SEATS_RANGE = (1, 500)


# -- seats --------------------------------------------------------------------------------


def seats() -> int:
    """How many seats the reading room has (the setting, else :data:`DEFAULT_SEATS`)."""
    text = settings.get(SEATS_SETTING)
    return int(text) if text.isdigit() and int(text) > 0 else DEFAULT_SEATS


def set_seats(actor: Actor | None, count: int) -> settings.SettingChanged:
    """Change how many seats the room has (a supervisor's change, audited as
    ``setting-change``); refused while someone sits at a seat the change would remove."""
    supervisor = require_supervisor(actor)
    low, high = SEATS_RANGE
    if not low <= count <= high:
        raise BadInput(
            said(
                "The room has {low} to {high} seats; {count} was given. Nothing changed.",
                low=low,
                high=high,
                count=count,
            )
        )
    taken = [item.seat for item in in_room() if item.seat > count]
    if taken:
        raise BadInput(
            said(
                "Seat {seat} is taken now: the room cannot have fewer than {seats} until it "
                "is free. Nothing was changed.",
                seat=max(taken),
                seats=Count(max(taken), "seat"),
            )
        )
    return settings.change(supervisor, SEATS_SETTING, str(count))


# -- the decision -------------------------------------------------------------------------


def decide_room(
    copy: Copy,
    borrower: Borrower,
    today: date,
    rule_lookup: Any = lending_rules.rule_for,
    basket: Sequence[Copy] | None = None,
) -> Decision:
    """May ``borrower`` read ``copy`` at a table today? Every reason that applies.

    The policy's rule read for the room: ``loan`` and ``reading-room`` allow it,
    ``approval`` needs a supervisor (``APPROVAL_REQUIRED``), ``never`` and civilians are
    refused (``ROLE_NOT_PERMITTED``), staff-only works too (``NOT_FOR_LOAN``). A suspended
    (``BORROWER_SUSPENDED``) or expired (``BORROWER_EXPIRED``) member, and a copy out of
    circulation (``NOT_AVAILABLE``), on loan (``ON_LOAN``), at a table already
    (``IN_READING_ROOM``) or set aside for someone else (``HELD_FOR_OTHER``) are refused;
    so is a copy a restriction withholds (``RESTRICTED``, never overridable), one at
    conservation, or one whose condition allows no use (``CONDITION_RESTRICTED``): a grade
    for the room only is what the room is for. A volume of a work issued as a set goes to
    the table with every other volume (``basket``: the copies issued with it), else
    ``SET_TOGETHER`` (overridable).
    """
    access = copy.work.access
    rule = rule_lookup(borrower.role, access)
    reasons: list[Reason] = []
    if borrower.role == Role.CIVILIAN or (
        rule.rule == LendingRule.NEVER and access != WorkAccess.STAFF_ONLY
    ):
        reasons.append(Reason(Code.ROLE_NOT_PERMITTED, {"role": borrower.role}))
    if access == WorkAccess.STAFF_ONLY:
        reasons.append(Reason(Code.NOT_FOR_LOAN))
    elif rule.rule == LendingRule.APPROVAL and borrower.role != Role.CIVILIAN:
        reasons.append(Reason(Code.APPROVAL_REQUIRED, {"role": borrower.role}))
    if borrower.status == BorrowerStatus.SUSPENDED:
        reasons.append(Reason(Code.BORROWER_SUSPENDED))
    if borrower.expires and borrower.expires < today:
        reasons.append(Reason(Code.BORROWER_EXPIRED, {"expires": borrower.expires}))
    reasons += room_copy_reasons(copy, borrower, today)
    reasons += set_reasons(copy, basket, is_set_issue(copy.work_id))
    return Decision(not reasons, None, tuple(reasons))


def check(
    barcode: str, member_no: str, today: date | None = None, also: Sequence[str] = ()
) -> Decision:
    """The decision for a room issue, changing nothing; ``also``: the other copies issued
    with it."""
    basket = [get_copy(other) for other in also]
    return decide_room(
        get_copy(barcode), get_borrower(member_no), today or clock.today(), basket=basket
    )


def _acted(actor: StaffUser, decision: Decision, reason: str | None) -> Decision:
    """The decision to act on: as it is, or overridden by a supervisor with a reason."""
    if decision.allowed:
        return decision
    if reason is None or not decision.overridable:
        raise Refused(decision)
    if actor.role != SUPERVISOR:
        raise NotPermitted(
            said("Only a supervisor may override: {codes}.", codes=", ".join(decision.codes))
        )
    if not reason.strip():
        raise BadInput(said("An override needs a reason."))
    return decision.as_overridden()


# -- earlier today ------------------------------------------------------------------------


def _earlier_today(
    actor: StaffUser, at: datetime | None, reason: str | None, what: str
) -> tuple[datetime, str | None]:
    """When ``what`` happened and the supervisor's reason if it is recorded after the fact.

    None is now. A time earlier today (the paper register of the room, a desk that was
    down) is a supervisor's act with a reason; the room closes every day, so never an
    earlier day, and never a time to come."""
    now = clock.now()
    if at is None:
        return now, None
    at = at.replace(microsecond=0)
    if at > now:
        raise BadInput(
            said(
                "A {what} cannot be recorded for a time to come ({at}).",
                what=what,
                at=f"{at:%Y-%m-%d %H:%M}",
            )
        )
    if at.date() != now.date():
        raise BadInput(
            said(
                "A {what} is recorded on its own day: the room closes every day "
                "({day} is not today).",
                what=what,
                day=f"{at:%Y-%m-%d}",
            )
        )
    if actor.role != SUPERVISOR:
        raise NotPermitted(
            said("Only a supervisor may record a {what} made earlier today.", what=what)
        )
    if reason is None or not reason.strip():
        raise BadInput(said("A {what} made earlier today needs a reason.", what=what))
    return at, reason.strip()


#: the copy's latest move (a visit recorded earlier today cannot come before it)
_LAST_MOVE_SQL = "SELECT max(at) FROM custody_move WHERE copy_id = ?"
#: another reader's visit at the seat that ended after a time (it was theirs then)
_SEAT_TAKEN_SQL = (
    "SELECT b.member_no FROM room_issue r JOIN borrower b ON b.id = r.borrower_id "
    "WHERE r.seat = ? AND r.borrower_id <> ? AND r.returned_at > ? LIMIT 1"
)


def _check_earlier_issue(copy: Copy, borrower: Borrower, seat: int, at: datetime) -> None:
    """A visit recorded from ``at`` until now must not meet the copy's later moves nor
    another reader's visit at the same seat."""
    last = database.execute_sql(_LAST_MOVE_SQL, (copy.id,)).fetchone()[0]
    if last is not None and str(last) > at.isoformat(" "):
        raise BadInput(
            said(
                "{barcode} was moved at {moved}; a visit from {at} would come before it.",
                barcode=copy.barcode,
                moved=str(last)[:16],
                at=f"{at:%H:%M}",
            )
        )
    other = database.execute_sql(
        _SEAT_TAKEN_SQL, (seat, borrower.id, RoomIssue.issued_at.db_value(at))
    ).fetchone()
    if other is not None:
        raise BadInput(
            said(
                "Seat {seat} was {member}'s after {at}; choose another seat.",
                seat=seat,
                member=other[0],
                at=f"{at:%H:%M}",
            )
        )


# -- issue and return ---------------------------------------------------------------------


@dataclass(frozen=True)
class RoomIssued:
    """What a room issue did: the copy now at ``seat`` with the reader, the decision acted
    on (``overridden`` when a supervisor overrode a refusal) and the audit entry's sequence."""

    item: InRoom
    decision: Decision
    audit_seq: int


@dataclass(frozen=True)
class RoomReturned:
    """What a return from the room did: where the copy went (available, held for the next in
    line, damaged), its condition grade if one was given, and the audit entry's sequence."""

    item: InRoom
    copy_status: CopyStatus
    condition: str | None
    set_aside_for: str | None
    audit_seq: int


@dataclass(frozen=True)
class RoomIssuedTogether:
    """What issuing a basket at a table did: each copy's :class:`RoomIssued`, in order."""

    issued: tuple[RoomIssued, ...]


@dataclass(frozen=True)
class RoomReturnedTogether:
    """What taking a basket back from the tables did: each copy's :class:`RoomReturned`."""

    returned: tuple[RoomReturned, ...]


def _open_issue(copy: Copy) -> InRoom | None:
    cursor = database.execute_sql(_OPEN_SQL + " AND r.copy_id = ?", (copy.id,))
    found = _items(cursor, clock.now())
    return found[0] if found else None


def _seat_for(borrower: Borrower, seat: int | None) -> int:
    """The seat the copy goes to: the one asked for (in range, not another reader's), else
    the reader's own seat, else the lowest free one."""
    total = seats()
    taken: dict[int, tuple[int, str]] = {
        number: (borrower_id, member_no)
        for number, borrower_id, member_no in database.execute_sql(
            "SELECT r.seat, r.borrower_id, b.member_no FROM room_issue r "
            "JOIN borrower b ON b.id = r.borrower_id WHERE r.returned_at IS NULL"
        )
    }
    if seat is not None:
        if not 1 <= seat <= total:
            raise BadInput(
                said(
                    "The room has seats 1 to {total}; there is no seat {seat}.",
                    total=total,
                    seat=seat,
                )
            )
        holder = taken.get(seat)
        if holder is not None and holder[0] != borrower.id:
            raise BadInput(
                said(
                    "Seat {seat} is taken by {holder}; choose another seat.",
                    seat=seat,
                    holder=holder[1],
                )
            )
        return seat
    own = sorted(number for number, (who, _) in taken.items() if who == borrower.id)
    if own:
        return own[0]
    free = [number for number in range(1, total + 1) if number not in taken]
    if not free:
        raise BadInput(
            said(
                "Every seat of the room ({total}) is taken; nobody can be seated now.",
                total=total,
            )
        )
    return free[0]


def _place_of(copy: Copy) -> str:
    return custody.HOLD_SHELF if copy.status == CopyStatus.HELD else custody.SHELF


def issue(
    actor: Actor | None,
    barcode: str,
    member_no: str,
    *,
    seat: int | None = None,
    override_reason: str | None = None,
    at: datetime | None = None,
    backdate_reason: str | None = None,
    also: Sequence[str] = (),
) -> RoomIssued:
    """Give ``barcode`` to ``member_no`` at a table (refused, or overridden by a supervisor);
    ``also``: the other copies issued with it (a set goes to the table whole).

    ``at`` records an issue made earlier today (a supervisor's act with a
    ``backdate_reason``; not before the copy's last move, nor at a seat another reader had
    since). A refusal for ``ROLE_NOT_PERMITTED``, ``NOT_FOR_LOAN`` or ``RESTRICTED`` is kept in the
    trail like a refused lend (``lend-refused`` with ``via: room``, see
    :mod:`readingroom.refusals`)."""
    actor = require_desk(actor)
    if seat is not None and seat < 1:
        raise BadInput(said("There is no seat {seat}: seats are numbered from 1.", seat=seat))
    when, backdated = _earlier_today(actor, at, backdate_reason, "room issue")
    attempt = refusals.recorded(
        actor, barcode, member_no, override_reason=override_reason, where="room"
    )
    with attempt, write_transaction():
        copy, borrower = get_copy(barcode), get_borrower(member_no)
        basket = [get_copy(other) for other in also]
        verdict = decide_room(copy, borrower, clock.today(), basket=basket)
        decision = _acted(actor, verdict, override_reason)
        chosen = _seat_for(borrower, seat)
        if backdated:
            _check_earlier_issue(copy, borrower, chosen, when)
        now = clock.now()
        approval = override_reason.strip() if decision.overridden and override_reason else None
        try:
            row = RoomIssue.create(
                copy=copy.id,
                borrower=borrower.id,
                seat=chosen,
                issued_at=when,
                issued_by=actor.username,
                override_by=actor.username if approval else None,
                override_reason=approval,
                overridden_codes=",".join(decision.codes) if decision.overridden else "",
            )
        except IntegrityError as exc:
            raise Refused(Decision(False, None, (_guard_reason(exc),))) from None
        custody.record_path(
            actor,
            copy.id,
            custody.ROOM_ISSUE,
            (_place_of(copy), custody.DESK, custody.ROOM),
            borrower_id=borrower.id,
            seat=chosen,
            at=when,
        )
        details: dict[str, Any] = {
            "barcode": copy.barcode,
            "member_no": borrower.member_no,
            "seat": chosen,
        }
        if decision.overridden:
            details.update(
                override_by=actor.username, override_reason=approval, overridden=decision.codes
            )
        if backdated:
            details.update(
                backdated_to=when.isoformat(timespec="seconds"),
                approved_by=actor.username,
                reason=backdated,
            )
        action = "room-issue-override" if decision.overridden else "room-issue"
        entry = audit.record(actor, action, "room_issue", row.id, details)
        work = copy.work
        item = InRoom(
            row.id,
            copy.barcode,
            work.title,
            copy.volume,
            work.volumes,
            borrower.member_no,
            borrower.name,
            chosen,
            when,
            max(0, int((now - when).total_seconds() // 60)),
        )
    return RoomIssued(item, decision, entry.id)


def issue_together(
    actor: Actor | None,
    barcodes: Sequence[str],
    member_no: str,
    *,
    seat: int | None = None,
    override_reason: str | None = None,
) -> RoomIssuedTogether:
    """Give every copy of ``barcodes`` to ``member_no`` at one table in one write, each
    decided with the others as its basket (a set goes to the table whole): all or none."""
    actor = require_desk(actor)
    if len({get_copy(code).barcode for code in barcodes}) != len(barcodes):
        raise BadInput(said("A copy is scanned twice in the basket."))
    with write_transaction():
        issued = tuple(
            issue(
                actor,
                barcode,
                member_no,
                seat=seat,
                override_reason=override_reason,
                also=[other for other in barcodes if other != barcode],
            )
            for barcode in barcodes
        )
    return RoomIssuedTogether(issued)


def return_together(
    actor: Actor | None, barcodes: Sequence[str], *, condition: str | None = None
) -> RoomReturnedTogether:
    """Take every copy of ``barcodes`` back from the tables in one write: all or none."""
    actor = require_desk(actor)
    if len({get_copy(code).barcode for code in barcodes}) != len(barcodes):
        raise BadInput(said("A copy is scanned twice in the basket."))
    with write_transaction():
        returned = tuple(return_from_room(actor, code, condition=condition) for code in barcodes)
    return RoomReturnedTogether(returned)


def _guard_reason(exc: IntegrityError) -> Reason:
    """Why the database's own guards refused the room issue row."""
    reason = loan_guard_reason(exc)
    if reason is not None and reason.code is Code.ROLE_NOT_PERMITTED:
        return reason
    from readingroom.decision import guard_code

    if guard_code(exc) is Code.ON_LOAN:
        return Reason(Code.ON_LOAN, {"due": "?"})
    return Reason(Code.IN_READING_ROOM, {"seat": "?", "member_no": "another reader"})


def return_from_room(
    actor: Actor | None,
    barcode: str,
    *,
    condition: str | None = None,
    at: datetime | None = None,
    backdate_reason: str | None = None,
) -> RoomReturned:
    """Take a copy back from its table to the desk, then the safe (a grade if given; a
    ``damaged`` one is taken out of circulation; a hold waiting for the volume gets it).

    ``at`` records a return made earlier today (a supervisor's act with a
    ``backdate_reason``, not before the copy went to the table)."""
    actor = require_desk(actor)
    if condition is not None:
        check_choice(condition, CONDITIONS, "condition grade")
    now, backdated = _earlier_today(actor, at, backdate_reason, "room return")
    with write_transaction():
        copy = get_copy(barcode)
        item = _open_issue(copy)
        if item is None:
            raise NotFound(said("{barcode} is not in the reading room.", barcode=copy.barcode))
        if now < item.since:
            raise BadInput(
                said(
                    "{barcode} went to seat {seat} at {since}; it cannot have come back at {at}.",
                    barcode=copy.barcode,
                    seat=item.seat,
                    since=f"{item.since:%H:%M}",
                    at=f"{now:%H:%M}",
                )
            )
        RoomIssue.update(
            returned_at=now,
            returned_by=actor.username,
            return_condition=condition,
            outcome=RETURNED,
        ).where(RoomIssue.id == item.issue_id).execute()
        status = CopyStatus(copy.status)
        if condition is not None:
            ConditionEntry.create(
                copy=copy, grade=condition, recorded_at=now, staff=actor, note="reading room"
            )
            changes: dict[str, Any] = {"condition": condition}
            if condition == Condition.DAMAGED and status == CopyStatus.AVAILABLE:
                status = CopyStatus.DAMAGED
                changes["status"] = status
            Copy.update(**changes).where(Copy.id == copy.id).execute()
        place = {
            CopyStatus.HELD: custody.HOLD_SHELF,
            CopyStatus.DAMAGED: custody.DAMAGED,
        }.get(status, custody.SHELF)
        custody.record_path(
            actor,
            copy.id,
            custody.ROOM_RETURN,
            (custody.ROOM, custody.DESK, place),
            borrower_id=get_borrower(item.member_no).id,
            seat=item.seat,
            at=now,
        )
        details = {
            "barcode": copy.barcode,
            "member_no": item.member_no,
            "seat": item.seat,
            "condition": condition,
            "minutes": max(0, int((now - item.since).total_seconds() // 60)),
        }
        if backdated:
            details.update(
                backdated_to=now.isoformat(timespec="seconds"),
                approved_by=actor.username,
                reason=backdated,
            )
        entry = audit.record(actor, "room-return", "room_issue", item.issue_id, details)
        set_aside: str | None = None
        if status == CopyStatus.AVAILABLE:
            copy.status = status
            hold = set_aside_if_waiting(actor, copy, clock.today())
            if hold is not None:
                status, set_aside = CopyStatus.HELD, hold.borrower.member_no
    return RoomReturned(item, status, condition, set_aside, entry.id)


# -- closing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoomClosed:
    """What closing the room did: when, whether it was forced (with its reason and the
    second person), and the copies recorded as not returned (each now missing)."""

    closed_at: datetime
    forced: bool
    reason: str | None
    confirmed_by: str | None
    not_returned: tuple[InRoom, ...] = field(default_factory=tuple)
    audit_seq: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "closed_at": self.closed_at.isoformat(timespec="seconds"),
            "forced": self.forced,
            "reason": self.reason,
            "confirmed_by": self.confirmed_by,
            "not_returned": [item.as_dict() for item in self.not_returned],
        }


def close(
    actor: Actor | None,
    *,
    force: bool = False,
    reason: str | None = None,
    confirmed_by: StaffUser | None = None,
) -> RoomClosed:
    """Close the reading room for the day (audited as ``room-close``).

    Refused with ``ITEMS_IN_ROOM`` (every copy named) while a copy is at a table. With
    ``force`` a supervisor closes it anyway, with a ``reason`` and a second staff member
    ``confirmed_by`` (signed in through :func:`readingroom.confirm.second_person`): each
    copy still out is recorded as not returned at closing against its reader
    (``room-not-returned``) and marked ``missing``.
    """
    actor = require_desk(actor)
    cleaned: str | None = None
    confirmer: StaffUser | None = None
    if force:
        actor = require_supervisor(actor)
        if reason is None or not reason.strip():
            raise BadInput(said("Closing the room with --force needs a reason (--reason TEXT)."))
        cleaned = reason.strip()
        confirmer = require_confirmation(
            actor, confirmed_by, said("Closing the room with copies out")
        )
    with write_transaction():
        out = in_room()
        if out and not force:
            raise Refused(Decision(False, None, (items_in_room_reason(out),)))
        now = clock.now()
        for item in out:
            _not_returned(actor, item, now, cleaned or "", confirmer)
        details: dict[str, Any] = {"forced": force, "not_returned": [i.barcode for i in out]}
        if force:
            details.update(reason=cleaned, confirmed_by=confirmer.username if confirmer else None)
        entry = audit.record(actor, "room-close", "room", "", details)
    return RoomClosed(
        now,
        force,
        cleaned,
        confirmer.username if confirmer else None,
        tuple(out),
        entry.id,
    )


def _not_returned(
    actor: StaffUser, item: InRoom, now: datetime, reason: str, confirmer: StaffUser | None
) -> None:
    """One copy still at a table when the room closed: the issue ends as not returned, the
    copy turns missing (a hold it was set aside for waits again), all in one entry."""
    RoomIssue.update(returned_at=now, returned_by=actor.username, outcome=NOT_RETURNED).where(
        RoomIssue.id == item.issue_id
    ).execute()
    copy = get_copy(item.barcode)
    if copy.status == CopyStatus.HELD:
        Hold.update(status=HoldStatus.WAITING, copy=None, ready_on=None).where(
            (Hold.copy == copy.id) & (Hold.status == HoldStatus.READY)
        ).execute()
    Copy.update(status=CopyStatus.MISSING).where(Copy.id == copy.id).execute()
    borrower = get_borrower(item.member_no)
    custody.record_move(
        actor,
        copy.id,
        custody.NOT_RETURNED,
        custody.ROOM,
        custody.MISSING,
        borrower_id=borrower.id,
        seat=item.seat,
        confirmed_by=confirmer.username if confirmer else None,
        note=reason,
    )
    audit.record(
        actor,
        "room-not-returned",
        "room_issue",
        item.issue_id,
        {
            "barcode": item.barcode,
            "member_no": item.member_no,
            "seat": item.seat,
            "since": item.since.isoformat(timespec="seconds"),
            "old": copy.status,
            "new": CopyStatus.MISSING,
            "reason": reason,
            "confirmed_by": confirmer.username if confirmer else None,
        },
    )


def record_desk_refusal(actor: Actor | None, barcode: str, member_no: str) -> Decision:
    """The desk showed a room issue of ``barcode`` to ``member_no`` refused (its Reading room
    mode): decide again inside a write and, if the refusal stands and the trail keeps it
    (:func:`readingroom.refusals.matters`), record the attempt (``lend-refused``, ``via:
    desk-room``). Issues nothing; returns the decision as it is now."""
    actor = require_desk(actor)
    with write_transaction():
        copy, borrower = get_copy(barcode), get_borrower(member_no)
        decision = decide_room(copy, borrower, clock.today())
        if refusals.matters(decision):
            details = {
                "barcode": copy.barcode,
                "member_no": borrower.member_no,
                "role": borrower.role,
                "refused": list(decision.codes),
                "via": "desk-room",
            }
            audit.record(actor, refusals.LEND_REFUSED, "copy", copy.barcode, details)
    return decision
