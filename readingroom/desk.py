"""The lending desk without a window: what a scanned code is, what the desk shows and does.

The desk has one scan field; a keyboard-wedge scanner types a member number or a copy
barcode and ends with Enter. :func:`identify` tells the two apart, and the ``*_preview``
functions answer what a return or a renewal would do, changing nothing. :class:`DeskSession`
is the desk's state machine (scan, pending action, confirm, override) that the desk page
renders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from readingroom import clock, codes
from readingroom.borrowers import borrower_info
from readingroom.catalogue import copy_info, copy_record, get_copy
from readingroom.circulation import check, current_loan, lend, renew, return_copy
from readingroom.decision import Decision, decide_renew
from readingroom.errors import BadInput, NotFound, ReadingRoomError, Refused
from readingroom.store.models import CONDITIONS, Borrower, Copy, Hold, Loan, StaffUser
from readingroom.vocabulary import HoldStatus

BORROWER, COPY = "borrower", "copy"


@dataclass(frozen=True)
class Scan:
    """A scanned code and what it names (``kind`` is :data:`BORROWER` or :data:`COPY`)."""

    kind: str
    code: str


def identify(text: str) -> Scan:
    """A member number or a copy barcode; :class:`NotFound` if it is neither."""
    code = (text or "").strip()
    if not codes.normalise(code):
        raise BadInput("Nothing was scanned.")
    if Borrower.select().where(Borrower.member_no == code).exists():
        return Scan(BORROWER, code)
    if Copy.select().where(Copy.barcode == code).exists():
        return Scan(COPY, code)
    # typed or scanned in another form (w-1002, a full-width or lower-case barcode, a stray
    # control character): the stored code it names, a member number before a barcode
    member_no = codes.member_number(code)
    if member_no is not None:
        return Scan(BORROWER, member_no)
    barcode = codes.copy_barcode(code)
    if barcode is not None:
        return Scan(COPY, barcode)
    raise NotFound(f"Unknown code {code!r}: it is neither a member number nor a copy barcode.")


def active_loan_of(barcode: str) -> Loan | None:
    """The copy's active loan (with its borrower), or None when it is not lent."""
    copy = get_copy(barcode)
    loan: Loan | None = (
        Loan.select(Loan, Borrower)
        .join(Borrower)
        .where((Loan.copy == copy) & Loan.returned_at.is_null())
        .first()
    )
    return loan


def renew_preview(barcode: str, today: date | None = None) -> tuple[Loan, Decision]:
    """The copy's active loan and whether it may be renewed now."""
    loan = current_loan(get_copy(barcode))
    return loan, decide_renew(loan, today or clock.today())


def set_aside_hold(barcode: str) -> Hold | None:
    """The hold a copy is set aside for (with its borrower), if any."""
    copy = get_copy(barcode)
    hold: Hold | None = (
        Hold.select(Hold, Borrower)
        .join(Borrower)
        .where((Hold.copy == copy) & (Hold.status == HoldStatus.READY))
        .first()
    )
    return hold


# -- the desk session: what the desk page shows and does, without Qt ---------------------------
#
# The page renders a :class:`DeskSession`. Reading and writing are split so a window can run
# them off its GUI thread: :func:`look` (a scan), :func:`act` (the pending action) and
# :func:`reread` do the database work in any thread and return plain values; the session's
# transitions (:meth:`DeskSession.seen`, :meth:`~DeskSession.done`, ...) take those values
# back in the thread that owns the session. :meth:`DeskSession.scan`, ``confirm`` and
# ``override`` do both at once, for callers with no event loop (and the tests).

LEND, RETURN, RENEW = "lend", "return", "renew"
MODES = (LEND, RETURN, RENEW)
#: what a scan found (:attr:`Seen.outcome`)
BORROWER_SHOWN, NEED_MEMBER, DECIDED, NOT_ON_LOAN, TAKING_BACK = (
    "borrower",
    "need-member",
    "decided",
    "not-on-loan",
    "taking-back",
)
#: what Enter on the empty scan field would do (:meth:`DeskSession.next_step`)
NOTHING, REFUSED, ACT = "nothing", "refused", "act"
#: the grades a return may record, best first
GRADES: tuple[str, ...] = tuple(CONDITIONS)


@dataclass(frozen=True)
class Pending:
    """What Enter on the empty scan field will do: lend, take back or renew one copy."""

    action: str
    barcode: str
    member_no: str
    decision: Decision | None = None

    @property
    def refused(self) -> bool:
        return self.decision is not None and not self.decision.allowed

    @property
    def overridable(self) -> bool:
        return self.decision is not None and self.decision.overridable


@dataclass(frozen=True)
class LoanFacts:
    """The loan a copy being taken back is on, as the desk shows it."""

    lent_on: date
    due: date
    borrower_name: str
    member_no: str
    condition: str
    days_overdue: int


@dataclass(frozen=True)
class Seen:
    """What a scan found: the borrower and copy to show (None: leave the borrower as shown,
    or no copy), the pending action, and the loan of a copy being taken back."""

    outcome: str
    borrower: dict[str, Any] | None = None
    copy: dict[str, Any] | None = None
    pending: Pending | None = None
    loan: LoanFacts | None = None


@dataclass(frozen=True)
class SetAside:
    """Who a copy that came back is set aside for."""

    name: str
    member_no: str


@dataclass(frozen=True)
class Done:
    """A lend, return or renewal that was recorded, with what the desk shows afterwards."""

    action: str
    barcode: str
    member_no: str
    borrower_name: str
    due: date
    decision: Decision | None = None
    approver: str | None = None
    reason: str | None = None
    condition: str | None = None
    days_late: int = 0
    copy_status: str | None = None
    set_aside: SetAside | None = None
    borrower: dict[str, Any] = field(default_factory=dict)
    copy: dict[str, Any] = field(default_factory=dict)
    #: the circulation service's own result (Lent, ReturnResult or Renewed), for the slip
    result: Any = None


@dataclass(frozen=True)
class Reread:
    """The borrower shown and the pending action's decision, read again."""

    borrower: dict[str, Any] | None
    decision: Decision | None


def look(mode: str, member_no: str | None, text: str, today: date | None = None) -> Seen:
    """What scanning ``text`` shows in ``mode`` with ``member_no`` at the desk (reads only)."""
    found = identify(text)
    if found.kind == BORROWER:
        return Seen(BORROWER_SHOWN, borrower=borrower_info(found.code))
    barcode = found.code
    if mode == RETURN:
        return _look_to_return(barcode, today or clock.today())
    if mode == RENEW:
        loan, verdict = renew_preview(barcode, today)
        member = loan.borrower.member_no
        return Seen(
            DECIDED,
            borrower=borrower_info(member),
            copy=copy_info(barcode),
            pending=Pending(RENEW, barcode, member, verdict),
        )
    if member_no is None:
        return Seen(NEED_MEMBER, copy=copy_info(barcode))
    verdict = check(barcode, member_no, today)
    return Seen(
        DECIDED, copy=copy_info(barcode), pending=Pending(LEND, barcode, member_no, verdict)
    )


def _look_to_return(barcode: str, today: date) -> Seen:
    loan = active_loan_of(barcode)
    if loan is None:
        return Seen(NOT_ON_LOAN, copy=copy_info(barcode))
    member = loan.borrower.member_no
    facts = LoanFacts(
        lent_on=loan.lent_on,
        due=loan.due,
        borrower_name=loan.borrower.name,
        member_no=member,
        condition=loan.copy.condition,
        days_overdue=(today - loan.due).days,
    )
    return Seen(
        TAKING_BACK,
        borrower=borrower_info(member),
        copy=copy_info(barcode),
        pending=Pending(RETURN, barcode, member),
        loan=facts,
    )


def act(
    pending: Pending,
    actor: StaffUser | None,
    *,
    reason: str | None = None,
    condition: str | None = None,
) -> Done:
    """Record the pending action as ``actor`` (a supervisor's ``reason`` overrides a
    refusal; ``condition`` grades a return). Raises :class:`Refused` with the decision."""
    if pending.action == LEND:
        lent = lend(actor, pending.barcode, pending.member_no, override_reason=reason)
        result: Any = lent
        loan = lent.loan
        shown = copy_record(loan.copy, loan, None)  # lent: set aside for no one
        done = Done(
            LEND, pending.barcode, pending.member_no, loan.borrower.name, loan.due, lent.decision
        )
    elif pending.action == RETURN:
        returned = return_copy(actor, pending.barcode, condition=condition)
        result = returned
        loan, waiting = returned.loan, returned.set_aside_for
        shown = copy_record(loan.copy, None, waiting)
        done = Done(
            RETURN,
            pending.barcode,
            pending.member_no,
            loan.borrower.name,
            loan.due,
            condition=condition,
            days_late=((loan.returned_on or clock.today()) - loan.due).days,
            copy_status=returned.copy_status,
            set_aside=SetAside(waiting.name, waiting.member_no) if waiting else None,
        )
    else:
        renewed = renew(actor, pending.barcode, override_reason=reason)
        result = renewed
        loan = renewed.loan
        shown = copy_record(loan.copy, loan, None)
        done = Done(
            RENEW,
            pending.barcode,
            pending.member_no,
            loan.borrower.name,
            loan.due,
            renewed.decision,
        )
    approver = actor.display_name if actor is not None and reason else None
    return replace(
        done,
        approver=approver,
        reason=reason,
        borrower=borrower_info(pending.member_no),
        copy=shown,  # the copy as the result holds it, not read again
        result=result,
    )


def reread(member_no: str | None, pending: Pending | None, today: date | None = None) -> Reread:
    """The borrower and the pending lend's or renewal's decision as they are now."""
    borrower = borrower_info(member_no) if member_no is not None else None
    verdict = pending.decision if pending is not None else None
    if pending is not None and pending.action == LEND:
        verdict = check(pending.barcode, pending.member_no, today)
    elif pending is not None and pending.action == RENEW:
        _, verdict = renew_preview(pending.barcode, today)
    return Reread(borrower, verdict)


class DeskSession:
    """The desk's state: the mode, the borrower at the desk and the pending action.

    Transitions take the values :func:`look`, :func:`act` and :func:`reread` return, so
    the database work may run elsewhere; the session itself never touches the database.
    """

    def __init__(self, mode: str = LEND) -> None:
        self.mode = mode
        self.member_no: str | None = None
        self.pending: Pending | None = None

    # -- transitions ------------------------------------------------------------------------
    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise BadInput(f"Unknown desk mode {mode!r}.")
        self.mode, self.pending = mode, None

    def clear(self) -> None:
        """A new person at the desk."""
        self.member_no = self.pending = None

    def seen(self, seen: Seen) -> None:
        """A scan's result: the borrower it names is at the desk, its action pending."""
        if seen.borrower is not None:
            self.member_no = seen.borrower["member_no"]
        self.pending = seen.pending

    def done(self, done: Done) -> None:
        """The pending action was recorded: its borrower stays, nothing is pending."""
        self.member_no, self.pending = done.member_no, None

    def refused(self, decision: Decision) -> None:
        """The action was refused when it was tried (the rules or the data changed)."""
        if self.pending is not None:
            self.pending = replace(self.pending, decision=decision)

    def reread(self, reread: Reread) -> None:
        if self.pending is not None and reread.decision is not None:
            self.pending = replace(self.pending, decision=reread.decision)

    def reread_failed(self) -> None:
        self.pending = None

    # -- questions --------------------------------------------------------------------------
    def next_step(self) -> str:
        """What Enter on the empty scan field does: :data:`NOTHING`, :data:`REFUSED` (the
        decision stands until a supervisor overrides it) or :data:`ACT`."""
        if self.pending is None:
            return NOTHING
        return REFUSED if self.pending.refused else ACT

    def may_override(self) -> bool:
        return self.pending is not None and self.pending.overridable

    # -- reading and acting at once (no event loop) -----------------------------------------
    def scan(self, text: str, today: date | None = None) -> Seen:
        seen = look(self.mode, self.member_no, text, today)
        self.seen(seen)
        return seen

    def confirm(self, actor: StaffUser | None, condition: str | None = None) -> Done | None:
        """Do the pending action; None when there is none or it stands refused."""
        if self.next_step() != ACT:
            return None
        assert self.pending is not None
        return self._act(act, self.pending, actor, None, condition)

    def override(
        self, approver: StaffUser, reason: str, condition: str | None = None
    ) -> Done | None:
        """Do the pending refused action on a supervisor's approval (None if not overridable)."""
        if not self.may_override():
            return None
        assert self.pending is not None
        return self._act(act, self.pending, approver, reason, condition)

    def _act(
        self,
        action: Callable[..., Done],
        pending: Pending,
        actor: StaffUser | None,
        reason: str | None,
        condition: str | None,
    ) -> Done:
        try:
            done = action(pending, actor, reason=reason, condition=condition)
        except Refused as refusal:
            self.refused(refusal.decision)
            raise
        self.done(done)
        return done

    def refresh(self, today: date | None = None) -> Reread | None:
        try:
            result = reread(self.member_no, self.pending, today)
        except ReadingRoomError:
            self.reread_failed()
            raise
        self.reread(result)
        return result
