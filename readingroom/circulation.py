"""Lend, return and renew: each one transaction that decides, writes and audits together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from peewee import SQL, IntegrityError

from readingroom import audit, clock, custody, refusals
from readingroom.approvals import BACKDATED
from readingroom.borrowers import get_borrower
from readingroom.catalogue import check_choice, get_copy
from readingroom.conservation import send_inside as send_to_conservation
from readingroom.conservation import worse as worse_grade
from readingroom.decision import (
    Decision,
    decide_backdated_lend,
    decide_lend,
    decide_renew,
    loan_guard_reason,
)
from readingroom.errors import BadInput, NotFound, NotPermitted, Refused
from readingroom.messages import Wording, said
from readingroom.restriction_rules import is_set_issue
from readingroom.staff import SUPERVISOR, Actor, require_desk
from readingroom.store.db import insert_returning_id, write_transaction
from readingroom.store.models import (
    CONDITIONS,
    Borrower,
    ConditionEntry,
    Copy,
    Hold,
    Loan,
    StaffUser,
)
from readingroom.store.restriction_models import IncompleteSet
from readingroom.store.room_models import OPEN_ISSUE_COPIES_SQL
from readingroom.vocabulary import CopyStatus, HoldStatus, shelf_status
from readingroom.waiting_list import first_waiting, set_aside_if_waiting


@dataclass(frozen=True)
class Lent:
    """What a lend did, so neither front door asks the database again.

    ``loan`` is the new loan with its copy (now on loan) and borrower attached, its due date
    in ``loan.due``; ``decision`` is the decision acted on (``overridden`` when a supervisor
    overrode a refusal, with the codes overridden and any notes).
    """

    loan: Loan
    decision: Decision
    #: the sequence number of the lend's audit entry (printed on a slip, see readingroom.slip)
    audit_seq: int = 0


@dataclass(frozen=True)
class Renewed:
    """What a renewal did: ``loan`` is the renewed loan as it is now (new due date, one more
    renewal), with its copy and borrower attached; ``decision`` is the decision acted on
    (``overridden`` when a supervisor overrode a refusal); ``old_due`` is the due date it had.
    """

    loan: Loan
    decision: Decision
    old_due: date
    #: the sequence number of the renewal's audit entry
    audit_seq: int = 0


def _check_override(actor: StaffUser, decision: Decision, reason: str | None) -> Decision:
    """The decision to act on: as it is, or overridden by a supervisor with a reason."""
    if decision.allowed:
        return decision
    if reason is None:
        raise Refused(decision)
    if not decision.overridable:
        raise Refused(decision)
    if actor.role != SUPERVISOR:
        raise NotPermitted(
            said("Only a supervisor may override: {codes}.", codes=", ".join(decision.codes))
        )
    if not reason.strip():
        raise BadInput(said("An override needs a reason."))
    return decision.as_overridden()


def _due(decision: Decision) -> date:
    """The due date of a decision acted on: an allowed or overridden one always has one (the
    decide_* functions set ``due_if_overridden``)."""
    assert decision.due is not None, decision
    return decision.due


#: how far back a supervisor may record a lend or a return
BACKDATE_LIMIT_DAYS = 365


def _lend_day(on: date | None) -> tuple[date, datetime, bool]:
    today = clock.today()
    if on is None or on == today:
        return today, clock.now(), False
    if on > today:
        raise BadInput(
            said("A loan cannot be recorded for a future date ({day}).", day=on.isoformat())
        )
    return on, datetime.combine(on, time(12, 0)), True


def _check_backdate(actor: StaffUser, day: date, reason: str | None, what: str) -> str:
    """A back-dated ``what`` is a supervisor's act with a reason, at most a year back;
    the reason, stripped."""
    if actor.role != SUPERVISOR:
        raise NotPermitted(
            said("Only a supervisor may record a {what} made on an earlier day.", what=what)
        )
    if reason is None or not reason.strip():
        raise BadInput(
            said("A {what} made on an earlier day needs a reason (--reason).", what=what)
        )
    earliest = clock.today() - timedelta(days=BACKDATE_LIMIT_DAYS)
    if day < earliest:
        raise BadInput(
            said(
                "A {what} can be recorded at most {days} days back (not before {earliest}); "
                "{day} is earlier.",
                what=what,
                days=BACKDATE_LIMIT_DAYS,
                earliest=earliest.isoformat(),
                day=day.isoformat(),
            )
        )
    return reason.strip()


def _check_no_overlap(copy: Copy, day: date) -> None:
    """A back-dated loan runs from ``day`` to now: no other loan of the copy may meet it."""
    other = (
        Loan.select()
        .where((Loan.copy == copy) & (Loan.returned_on.is_null() | (Loan.returned_on >= day)))
        .order_by(Loan.lent_on)
        .first()
    )
    if other is None:
        return
    if other.returned_on is None:
        raise BadInput(
            said(
                "{barcode} was on loan from {lent} to now; a loan from {day} would overlap it.",
                barcode=copy.barcode,
                lent=other.lent_on.isoformat(),
                day=day.isoformat(),
            )
        )
    raise BadInput(
        said(
            "{barcode} was on loan from {lent} to {until}; a loan from {day} would overlap it.",
            barcode=copy.barcode,
            lent=other.lent_on.isoformat(),
            until=other.returned_on.isoformat(),
            day=day.isoformat(),
        )
    )


def lend(
    actor: Actor | None,
    barcode: str,
    member_no: str,
    *,
    override_reason: str | None = None,
    on: date | None = None,
    backdate_reason: str | None = None,
    also: Sequence[str] = (),
) -> Lent:
    """Lend ``barcode`` to ``member_no`` (refused, or overridden by a supervisor).

    ``on`` records a loan made on an earlier day: a supervisor's act with a
    ``backdate_reason``, at most a year back, not overlapping another loan of the copy, and
    decided by the rules as of that day and as of today (see
    :func:`~readingroom.decision.decide_backdated_lend`).
    """
    actor = require_desk(actor)
    day, at, backdated = _lend_day(on)
    if backdated:
        backdate_reason = _check_backdate(actor, day, backdate_reason, "loan")
    attempt = refusals.recorded(actor, barcode, member_no, on=on, override_reason=override_reason)
    with attempt, write_transaction():  # a refusal that matters is kept in the trail
        copy, borrower = get_copy(barcode), get_borrower(member_no)
        basket = [get_copy(other) for other in also]  # lent with it (a set goes out whole)
        if backdated:
            _check_no_overlap(copy, day)
            verdict = decide_backdated_lend(copy, borrower, day, clock.today(), basket=basket)
        else:
            verdict = decide_lend(copy, borrower, day, basket=basket)
        decision = _check_override(actor, verdict, override_reason)
        shelf = custody.HOLD_SHELF if copy.status == CopyStatus.HELD else custody.SHELF
        loan = _create_loan(
            actor,
            copy,
            borrower,
            decision,
            day,
            at,
            backdate_reason if backdated else None,
            override_reason,
        )
        details: dict[str, Any] = {
            "barcode": copy.barcode,
            "member_no": borrower.member_no,
            "due": _due(decision).isoformat(),
        }
        if backdated:
            details.update(
                backdated_to=day.isoformat(), approved_by=actor.username, reason=backdate_reason
            )
        if decision.overridden:
            details.update(
                override_by=actor.username,
                override_reason=override_reason,
                overridden=decision.codes,
            )
        custody.record_path(
            actor,
            copy.id,
            custody.LEND,
            (shelf, custody.DESK, custody.READER),
            borrower_id=borrower.id,
            at=at,
        )
        entry = audit.record(
            actor, "lend-override" if decision.overridden else "lend", "loan", loan.id, details
        )
        _settle_holds(actor, copy, borrower)
    return Lent(loan, decision, entry.id)


def _approval(
    decision: Decision, override_reason: str | None, backdate_reason: str | None
) -> str | None:
    """What the loan records as its supervisor's reason: the override's, else the
    back-date's (both are in the audit entry)."""
    if decision.overridden and override_reason:
        return override_reason.strip()
    return f"{BACKDATED}{backdate_reason}" if backdate_reason else None


def _create_loan(
    actor: StaffUser,
    copy: Copy,
    borrower: Borrower,
    decision: Decision,
    day: date,
    at: datetime,
    backdate_reason: str | None,
    override_reason: str | None,
) -> Loan:
    approval = _approval(decision, override_reason, backdate_reason)
    values = {
        "copy": copy.id,
        "borrower": borrower.id,
        "staff": actor.id,
        "lent_on": day,
        "lent_at": at,
        "due": decision.due,
        "renewals": 0,
        "backdated": backdate_reason is not None,
        "override_by": actor.id if approval else None,
        "override_reason": approval,
        "overridden_codes": ",".join(decision.codes) if decision.overridden else "",
    }
    try:
        loan_id = insert_returning_id(
            _INSERT_LOAN_SQL, [Loan._meta.fields[name].db_value(v) for name, v in values.items()]
        )
    except IntegrityError as exc:
        # the database's own guards (rule 1 and rule 2) have the last word
        reason = loan_guard_reason(exc)
        if reason is None:
            raise
        raise Refused(Decision(False, None, (reason,))) from None
    Loan._meta.database.execute_sql(_COPY_STATUS_SQL, (CopyStatus.ON_LOAN.value, copy.id))
    copy.status = CopyStatus.ON_LOAN
    copy._dirty.clear()  # type: ignore[attr-defined]  # as saved; peewee-stubs omit Model._dirty
    loan = Loan(id=loan_id, **values)
    loan.copy, loan.borrower, loan.staff = copy, borrower, actor
    loan._dirty.clear()  # type: ignore[attr-defined]  # as saved; peewee-stubs omit Model._dirty
    return loan


#: a lend's two writes, written out (peewee building them cost more than SQLite running them)
_INSERT_LOAN_SQL = (
    "INSERT INTO loan (copy_id, borrower_id, staff_id, lent_on, lent_at, due, renewals, "
    "backdated, override_by_id, override_reason, overridden_codes) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_COPY_STATUS_SQL = "UPDATE copy SET status = ? WHERE id = ?"


#: the holds a lend settles, in one read: the borrower's own active holds on the volume and
#: a hold of someone else that had this very copy set aside (one at most: a copy is set
#: aside for one hold)
_SETTLE_SQL = (
    "SELECT * FROM hold WHERE (work_id = ?1 AND volume = ?2 AND borrower_id = ?3 "
    "AND status IN (?4, ?5)) OR (copy_id = ?6 AND status = ?5 AND borrower_id <> ?3) "
    "ORDER BY id"
)


def _settle_holds(actor: StaffUser, copy: Copy, borrower: Borrower) -> None:
    """The waiting list after ``copy`` went to ``borrower`` (inside the lend's write).

    The borrower's own holds on the volume are fulfilled; a copy set aside for them that they
    did not take goes on to the next in line (or back to the shelf). A hold that had this very
    copy set aside for someone else (a supervisor's override) waits again, first in line.
    """
    found = list(
        Hold.raw(
            _SETTLE_SQL,
            copy.work_id,
            copy.volume,
            borrower.id,
            HoldStatus.WAITING.value,
            HoldStatus.READY.value,
            copy.id,
        )
    )
    own = [hold for hold in found if hold.borrower_id == borrower.id]
    if own:
        Hold.update(status=HoldStatus.FULFILLED, closed_at=clock.now()).where(
            Hold.id.in_([hold.id for hold in own])
        ).execute()
        audit.record(
            actor,
            "hold-fulfilled",
            "hold",
            ",".join(str(h.id) for h in own),
            {"barcode": copy.barcode, "member_no": borrower.member_no},
        )
    for hold in own:
        if hold.status == HoldStatus.READY and hold.copy_id and hold.copy_id != copy.id:
            freed = Copy.get_by_id(hold.copy_id)
            Copy.update(status=CopyStatus.AVAILABLE).where(Copy.id == freed.id).execute()
            audit.record(
                actor,
                "hold-release",
                "hold",
                hold.id,
                {"barcode": freed.barcode, "member_no": borrower.member_no, "took": copy.barcode},
            )
    displaced = next((hold for hold in found if hold.borrower_id != borrower.id), None)
    if displaced is not None:
        Hold.update(status=HoldStatus.WAITING, copy=None, ready_on=None).where(
            Hold.id == displaced.id
        ).execute()
        audit.record(
            actor,
            "hold-requeue",
            "hold",
            displaced.id,
            {
                "barcode": copy.barcode,
                "member_no": displaced.borrower.member_no,
                "lent_to": borrower.member_no,
            },
        )
    _fill_waiting(actor, copy.work_id, copy.volume)


def _fill_waiting(actor: StaffUser, work_id: int, volume: int) -> None:
    """Set copies on the shelf aside for the volume's waiting holds, first in line first."""
    while first_waiting(work_id, volume) is not None:
        shelf = (
            Copy.select()
            .where(
                (Copy.work == work_id)
                & (Copy.volume == volume)
                & (Copy.status == CopyStatus.AVAILABLE)
                & Copy.id.not_in(SQL(f"({OPEN_ISSUE_COPIES_SQL})"))  # not at a reading-room table
            )
            .order_by(Copy.barcode)
            .first()
        )
        if shelf is None:
            return
        set_aside_if_waiting(actor, shelf, clock.today())


@dataclass(frozen=True)
class ReturnResult:
    """What a return did, so neither front door asks the database again.

    ``loan`` is the closed loan with its copy attached in its new state; ``copy_status`` is
    where the copy went (available, damaged, or held for the next in line); and
    ``set_aside_for`` is the borrower it was set aside for, or None.
    """

    loan: Loan
    copy_status: CopyStatus
    set_aside_for: Borrower | None
    #: the sequence number of the return's audit entry (printed on a slip)
    audit_seq: int = 0
    #: the copy came back at a worse condition grade than it went out with (the desk offers
    #: to send it to conservation)
    worse: bool = False
    #: it was sent to conservation with the return (out of circulation until released)
    to_conservation: bool = False


def _returned(
    loan: Loan,
    before: Loan,
    copy: Copy,
    status: str,
    hold: Hold | None,
    audit_seq: int,
    worse: bool = False,
    to_conservation: bool = False,
) -> ReturnResult:
    """The result of a return, from what it already holds (no query)."""
    copy.status = CopyStatus.HELD if hold is not None else status
    if loan.return_condition is not None:
        copy.condition = loan.return_condition
    loan.copy, loan.borrower = copy, before.borrower
    return ReturnResult(
        loan,
        CopyStatus(copy.status),
        hold.borrower if hold else None,
        audit_seq,
        worse,
        to_conservation,
    )


def current_loan(copy: Copy) -> Loan:
    loan: Loan | None = next(iter(Loan.raw(_CURRENT_LOAN_SQL, copy.id)), None)
    if loan is None:
        raise NotFound(said("{barcode} is not on loan.", barcode=copy.barcode))
    return loan


_CURRENT_LOAN_SQL = "SELECT * FROM loan WHERE copy_id = ? AND returned_at IS NULL LIMIT 1"
_RETURN_SQL = "UPDATE loan SET returned_on = ?, returned_at = ?, return_condition = ? WHERE id = ?"


def return_copy(
    actor: Actor | None,
    barcode: str,
    *,
    condition: str | None = None,
    on: date | None = None,
    note: str = "",
    backdate_reason: str | None = None,
    conservation: bool = False,
    also: Sequence[str] = (),
) -> ReturnResult:
    """Take a copy back; ``damaged`` takes it out of circulation, a hold sets it aside;
    ``conservation`` sends it to conservation with the return (out of circulation until
    released, see :mod:`readingroom.conservation`).

    ``on`` records a return made on an earlier day: a supervisor's act with a
    ``backdate_reason``, at most a year back and not before the loan began.
    """
    actor = require_desk(actor)
    if condition is not None:
        check_choice(condition, CONDITIONS, "condition grade")
    day, at, backdated = _lend_day(on)
    if backdated:
        backdate_reason = _check_backdate(actor, day, backdate_reason, "return")
    with write_transaction():
        copy = get_copy(barcode)
        loan = current_loan(copy)
        if day < loan.lent_on:
            raise BadInput(
                said(
                    "The return date {day} is before the loan began ({lent}).",
                    day=day,
                    lent=loan.lent_on,
                )
            )
        went_out = copy.condition
        db = Loan._meta.database
        db.execute_sql(_RETURN_SQL, (day, Loan.returned_at.db_value(at), condition, loan.id))
        if condition is not None:
            ConditionEntry.create(
                copy=copy, grade=condition, recorded_at=at, staff=actor, loan=loan, note=note
            )
            Copy.update(condition=condition).where(Copy.id == copy.id).execute()
        status = CopyStatus.AVAILABLE if condition is None else shelf_status(condition)
        db.execute_sql(_COPY_STATUS_SQL, (status.value, copy.id))
        copy.status = status
        details: dict[str, Any] = {
            "barcode": copy.barcode,
            "member_no": loan.borrower.member_no,
            "condition": condition,
            "returned_on": day.isoformat(),
            "overdue_days": max(0, (day - loan.due).days),
        }
        if backdated:
            details.update(
                backdated_to=day.isoformat(), approved_by=actor.username, reason=backdate_reason
            )
        custody.record_path(
            actor,
            copy.id,
            custody.RETURN,
            (
                custody.READER,
                custody.DESK,
                custody.DAMAGED if status == CopyStatus.DAMAGED else custody.SHELF,
            ),
            borrower_id=loan.borrower_id,
            at=at,
        )
        entry = audit.record(actor, "return", "loan", loan.id, details)
        _settle_set(actor, copy, loan, also)
        hold: Hold | None = None
        if conservation:
            copy.condition = condition or went_out
            send_to_conservation(actor, copy, loan=loan, note=note, at=at)
            status = CopyStatus.DAMAGED
        elif status == CopyStatus.AVAILABLE:
            hold = set_aside_if_waiting(actor, copy, day)
        worse = condition is not None and worse_grade(condition, went_out)
    return _returned(
        Loan.get_by_id(loan.id), loan, copy, status, hold, entry.id, worse, conservation
    )


#: the loans that went out with ``loan`` (the same borrower, work and day) still out
_COMPANIONS_SQL = """
    SELECT l.id, l.copy_id, c.barcode FROM loan l JOIN copy c ON c.id = l.copy_id
    WHERE l.borrower_id = ? AND l.lent_on = ? AND c.work_id = ? AND l.returned_at IS NULL
      AND l.id <> ? ORDER BY c.volume, c.barcode"""


def _settle_set(actor: StaffUser, copy: Copy, loan: Loan, also: Sequence[str]) -> None:
    """After a return of a copy of a work issued as a set (inside the return's write): every
    copy that went out with it and is neither back nor in this basket (``also``) is recorded
    as an incomplete set against the borrower (``incomplete-set``, audited). The copy's own
    open incomplete-set row was resolved by migration 0019's trigger on the return itself
    (its after-image is in the return's entry)."""
    if not is_set_issue(copy.work_id):
        return
    db = Loan._meta.database
    now = clock.now()
    basket = {code.strip().upper() for code in also}
    lent_on = Loan.lent_on.db_value(loan.lent_on)
    missing = [
        (loan_id, copy_id, barcode)
        for loan_id, copy_id, barcode in db.execute_sql(
            _COMPANIONS_SQL, (loan.borrower_id, lent_on, copy.work_id, loan.id)
        )
        if barcode.upper() not in basket
        and not db.execute_sql(
            "SELECT 1 FROM incomplete_set WHERE loan_id = ? AND resolved_at IS NULL", (loan_id,)
        ).fetchone()
    ]
    for loan_id, copy_id, _barcode in missing:
        IncompleteSet.create(
            work=copy.work_id,
            borrower=loan.borrower_id,
            copy=copy_id,
            loan=loan_id,
            recorded_at=now,
            recorded_by=actor.username,
        )
    if missing:
        audit.record(
            actor,
            "incomplete-set",
            "loan",
            loan.id,
            {
                "barcode": copy.barcode,
                "member_no": loan.borrower.member_no,
                "missing": [barcode for _, _, barcode in missing],
            },
        )


@dataclass(frozen=True)
class LentTogether:
    """What lending a basket did: each copy's :class:`Lent`, in the basket's order."""

    lent: tuple[Lent, ...]


@dataclass(frozen=True)
class ReturnedTogether:
    """What taking a basket back did: each copy's :class:`ReturnResult`."""

    returned: tuple[ReturnResult, ...]


def lend_together(
    actor: Actor | None,
    barcodes: Sequence[str],
    member_no: str,
    *,
    override_reason: str | None = None,
) -> LentTogether:
    """Lend every copy of ``barcodes`` to ``member_no`` in one write: each decided with the
    others as its basket (a set goes out whole), all or none."""
    actor = require_desk(actor)
    if len(set(barcodes)) != len(barcodes):
        raise BadInput(said("A copy is scanned twice in the basket."))
    with write_transaction():
        lent = tuple(
            lend(
                actor,
                barcode,
                member_no,
                override_reason=override_reason,
                also=[other for other in barcodes if other != barcode],
            )
            for barcode in barcodes
        )
    return LentTogether(lent)


def return_together(
    actor: Actor | None, barcodes: Sequence[str], *, condition: str | None = None
) -> ReturnedTogether:
    """Take every copy of ``barcodes`` back in one write (a set brought back whole records
    no incomplete set)."""
    actor = require_desk(actor)
    with write_transaction():
        returned = tuple(
            return_copy(
                actor,
                barcode,
                condition=condition,
                also=[other for other in barcodes if other != barcode],
            )
            for barcode in barcodes
        )
    return ReturnedTogether(returned)


def renew(actor: Actor | None, barcode: str, *, override_reason: str | None = None) -> Renewed:
    """Renew the copy's active loan from today (refused on the limit or a waiting list)."""
    actor = require_desk(actor)
    today = clock.today()
    with write_transaction():
        copy = get_copy(barcode)
        loan = current_loan(copy)
        decision = _check_override(actor, decide_renew(loan, today), override_reason)
        changes: dict[str, Any] = {"due": decision.due, "renewals": loan.renewals + 1}
        if decision.overridden:
            assert override_reason is not None  # _check_override overrides only with a reason
            changes.update(
                override_by=actor,
                override_reason=override_reason.strip(),
                overridden_codes=",".join(filter(None, [loan.overridden_codes, *decision.codes])),
            )
        Loan.update(**changes).where(Loan.id == loan.id).execute()
        details: dict[str, Any] = {
            "barcode": barcode,
            "old_due": loan.due.isoformat(),
            "due": _due(decision).isoformat(),
            "renewals": loan.renewals + 1,
        }
        if decision.overridden:
            details.update(
                override_by=actor.username,
                override_reason=override_reason,
                overridden=decision.codes,
            )
            past = [n for n in decision.notes if n.wording == Wording.DUE_AFTER_INSPECTION]
            if past:  # the loan now runs past the inspection: on the record, by date
                details["after_inspection"] = str(past[0].params["inspection"])
        entry = audit.record(
            actor, "renew-override" if decision.overridden else "renew", "loan", loan.id, details
        )
        old_due, borrower = loan.due, loan.borrower  # the borrower read inside the write
    for name, value in changes.items():
        setattr(loan, name, value)
    loan.copy, loan.borrower = copy, borrower
    loan._dirty.clear()  # type: ignore[attr-defined]  # as saved; peewee-stubs omit Model._dirty
    return Renewed(loan, decision, old_due, entry.id)


def check(
    barcode: str,
    member_no: str,
    today: date | None = None,
    also: Sequence[str] = (),
    *,
    pending: int = 0,
) -> Decision:
    """The decision for a lend, changing nothing: ``also``, the other copies of the basket
    (a set goes out whole); ``pending``, loans to the borrower about to be made first (the
    desk's basket), counted against the item limit."""
    basket = [get_copy(other) for other in also]
    return decide_lend(
        get_copy(barcode),
        get_borrower(member_no),
        today or clock.today(),
        basket=basket,
        pending=pending,
    )
