"""The lending desk without a window: what a scanned code is, what the desk shows and does.

The desk has one scan field; a keyboard-wedge scanner types a member number or a copy
barcode and ends with Enter. :func:`identify` tells the two apart, and the ``*_preview``
functions answer what a return or a renewal would do, changing nothing. :class:`DeskSession`
is the desk's state machine that the desk page renders: the mode, the borrower, and the
**basket**, every copy scanned since the member card, each with its own decision
(:class:`BasketItem`); Enter does every allowed one, refused ones stay until removed or
overridden one by one, and an ``ON_LOAN`` refusal offers a hold (:func:`place_hold`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from readingroom import clock, codes, holds, room, settings
from readingroom.borrowers import borrower_info
from readingroom.catalogue import copy_info, copy_record, get_copy
from readingroom.circulation import check, current_loan, lend, renew, return_copy
from readingroom.decision import Decision, decide_renew
from readingroom.errors import BadInput, NotFound, ReadingRoomError, Refused
from readingroom.messages import Code, said
from readingroom.store.models import CONDITIONS, Borrower, Copy, Hold, Loan, StaffUser
from readingroom.vocabulary import HOLD_ACTIVE, HoldStatus

BORROWER, COPY = "borrower", "copy"


@dataclass(frozen=True)
class Scan:
    """A scanned code and what it names (``kind`` is :data:`BORROWER` or :data:`COPY`)."""

    kind: str
    code: str


def identify(text: str) -> Scan:
    """A member number or a copy barcode; :class:`NotFound` if it is neither.

    A scanner's prefix and suffix (the catalogue's settings) are taken off first; the scan
    as typed is looked up after that (a code keyed in by hand carries neither)."""
    code = (text or "").strip()
    if not codes.normalise(code):
        raise BadInput(said("Nothing was scanned."))
    for form in codes.scanned_forms(code, *settings.scanner_affixes()):
        found = _identify(form)
        if found is not None:
            return found
    raise NotFound(
        said(
            "Unknown code {code}: it is neither a member number nor a copy barcode.",
            code=repr(code),
        )
    )


def _identify(code: str) -> Scan | None:
    code = code.strip()
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
    return None


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
#: the Reading room mode: a copy goes to a reader at a table (``ROOM``) or comes back from
#: one (``ROOM_RETURN``, when the copy scanned is at a table)
ROOM, ROOM_RETURN = "room", "room-return"
MODES = (LEND, RETURN, RENEW, ROOM)
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
class BasketItem:
    """One copy in the desk's basket: what Enter will do with it and the decision it has.

    ``condition`` is the grade a return records (the copy's grade when it was scanned,
    changed per row); ``borrower_name`` whose loan a return or renewal is; ``due`` the due
    date a lend or renewal would give, or the loan's due date for a return."""

    pending: Pending
    title: str
    volume: int
    borrower_name: str = ""
    due: date | None = None
    condition: str | None = None
    days_overdue: int = 0
    copy: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def barcode(self) -> str:
        return self.pending.barcode

    @property
    def action(self) -> str:
        return self.pending.action

    @property
    def decision(self) -> Decision | None:
        return self.pending.decision

    @property
    def refused(self) -> bool:
        return self.pending.refused

    @property
    def overridable(self) -> bool:
        return self.pending.refused and self.pending.overridable

    #: a lend refused as ``ON_LOAN`` whose borrower neither has that volume nor waits for it
    holdable: bool = False

    @property
    def may_hold(self) -> bool:
        """A lend refused because the copy is on loan: the borrower may join its waiting list
        (unless they have that volume at home or are already waiting for it)."""
        decision = self.pending.decision
        return (
            self.holdable
            and self.action == LEND
            and decision is not None
            and Code.ON_LOAN in decision.codes
        )


@dataclass(frozen=True)
class Seen:
    """What a scan found: the borrower and copy to show (None: leave the borrower as shown,
    or no copy), the pending action, the loan of a copy being taken back, and the basket
    row the copy becomes (None when it joins no basket)."""

    outcome: str
    borrower: dict[str, Any] | None = None
    copy: dict[str, Any] | None = None
    pending: Pending | None = None
    loan: LoanFacts | None = None
    item: BasketItem | None = None


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
    """The borrower shown and each basket row's decision, read again; ``gone``: the rows
    that can no longer be done (a copy no longer on loan, or deleted), with why."""

    borrower: dict[str, Any] | None
    decisions: dict[str, Decision] = field(default_factory=dict)
    gone: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Run:
    """What doing the basket did: the copies done, and those refused when tried."""

    done: tuple[Done, ...] = ()
    refused: tuple[str, ...] = ()


@dataclass(frozen=True)
class HoldAtDesk:
    """A hold placed from the desk: for whom, on which volume, and where in line."""

    member_no: str
    barcode: str
    title: str
    volume: int
    position: int
    set_aside: str | None


def look(
    mode: str,
    member_no: str | None,
    text: str,
    today: date | None = None,
    basket: Sequence[str] = (),
    lending: Sequence[str] = (),
) -> Seen:
    """What scanning ``text`` shows in ``mode`` with ``member_no`` at the desk (reads only).

    ``basket``: the copies already in the basket (a set is decided across it). ``lending``:
    the barcodes the basket already holds as allowed lends to ``member_no``
    (:meth:`DeskSession.lending`); they count against the borrower's item limit, so the
    copy that would go past it is refused with ``LOAN_LIMIT`` here, not when Enter lends."""
    found = identify(text)
    if found.kind == BORROWER:
        return Seen(BORROWER_SHOWN, borrower=borrower_info(found.code))
    barcode = found.code
    if mode == ROOM:
        return _look_in_room(barcode, member_no, today, basket)
    if mode == RETURN:
        return _look_to_return(barcode, today or clock.today())
    if mode == RENEW:
        loan, verdict = renew_preview(barcode, today)
        member = loan.borrower.member_no
        pending = Pending(RENEW, barcode, member, verdict)
        info = copy_info(barcode)
        return Seen(
            DECIDED,
            borrower=borrower_info(member),
            copy=info,
            pending=pending,
            item=_item(pending, info, loan.borrower.name, verdict.due or loan.due),
        )
    if member_no is None:
        return Seen(NEED_MEMBER, copy=copy_info(barcode))
    ahead = sum(1 for code in lending if code != barcode)
    others = [b for b in basket if b != barcode]
    verdict = check(barcode, member_no, today, others, pending=ahead)
    pending = Pending(LEND, barcode, member_no, verdict)
    info = copy_info(barcode)
    holdable = Code.ON_LOAN in verdict.codes and _may_wait_for(member_no, barcode)
    item = _item(pending, info, "", verdict.due, holdable=holdable)
    return Seen(DECIDED, copy=info, pending=pending, item=item)


def _may_wait_for(member_no: str, barcode: str) -> bool:
    """Whether the borrower has neither the copy's volume on loan nor a place in its line."""
    copy = get_copy(barcode)
    same_volume = Copy.select(Copy.id).where(
        (Copy.work == copy.work_id) & (Copy.volume == copy.volume)
    )
    borrower = Borrower.select(Borrower.id).where(Borrower.member_no == member_no)
    has_it = (
        Loan.select()
        .where(
            Loan.copy.in_(same_volume) & (Loan.borrower.in_(borrower)) & Loan.returned_at.is_null()
        )
        .exists()
    )
    waits = (
        Hold.select()
        .where(
            (Hold.work == copy.work_id)
            & (Hold.volume == copy.volume)
            & Hold.borrower.in_(borrower)
            & Hold.status.in_(HOLD_ACTIVE)
        )
        .exists()
    )
    return not has_it and not waits


def _item(
    pending: Pending, info: dict[str, Any], name: str, due: date | None, **more: Any
) -> BasketItem:
    return BasketItem(pending, info["title"], info["volume"], name, due, copy=info, **more)


def _look_in_room(
    barcode: str, member_no: str | None, today: date | None, basket: Sequence[str] = ()
) -> Seen:
    """Reading room mode: a copy at a table comes back from it; any other copy goes to the
    reader at the desk, decided by :func:`readingroom.room.check` across the ``basket``'s
    copies going to a table (a set goes whole)."""
    copy = get_copy(barcode)
    at_table = next((i for i in room.in_room() if i.barcode == copy.barcode), None)
    info = copy_info(barcode)
    if at_table is not None:
        pending = Pending(ROOM_RETURN, at_table.barcode, at_table.member_no)
        item = _item(pending, info, at_table.name, None, condition=copy.condition)
        return Seen(
            TAKING_BACK,
            borrower=borrower_info(at_table.member_no),
            copy=info,
            pending=pending,
            item=item,
        )
    if member_no is None:
        return Seen(NEED_MEMBER, copy=info)
    others = [code for code in basket if code != info["barcode"]]
    verdict = room.check(barcode, member_no, today, others)
    pending = Pending(ROOM, info["barcode"], member_no, verdict)
    name = borrower_info(member_no)["name"]
    return Seen(DECIDED, copy=info, pending=pending, item=_item(pending, info, name, None))


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
    pending = Pending(RETURN, barcode, member)
    info = copy_info(barcode)
    item = _item(
        pending,
        info,
        facts.borrower_name,
        facts.due,
        condition=facts.condition,
        days_overdue=facts.days_overdue,
    )
    return Seen(
        TAKING_BACK,
        borrower=borrower_info(member),
        copy=info,
        pending=pending,
        loan=facts,
        item=item,
    )


def act(
    pending: Pending,
    actor: StaffUser | None,
    *,
    reason: str | None = None,
    condition: str | None = None,
    also: Sequence[str] = (),
) -> Done:
    """Record the pending action as ``actor`` (a supervisor's ``reason`` overrides a
    refusal; ``condition`` grades a return; ``also``: the basket's other copies, lent or
    taken back with it). Raises :class:`Refused` with the decision."""
    if pending.action in (ROOM, ROOM_RETURN):
        return _act_in_room(pending, actor, reason=reason, condition=condition, also=also)
    if pending.action == LEND:
        lent = lend(actor, pending.barcode, pending.member_no, override_reason=reason, also=also)
        result: Any = lent
        loan = lent.loan
        shown = copy_record(loan.copy, loan, None)  # lent: set aside for no one
        done = Done(
            LEND, pending.barcode, pending.member_no, loan.borrower.name, loan.due, lent.decision
        )
    elif pending.action == RETURN:
        returned = return_copy(actor, pending.barcode, condition=condition, also=also)
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
    # the copy as the result holds it, not read again
    return replace(_as_done_by(done, actor, reason, pending), copy=shown, result=result)


def _as_done_by(done: Done, actor: StaffUser | None, reason: str | None, pending: Pending) -> Done:
    """``done`` with who approved it (a supervisor's override reason) and the borrower at
    the desk as it is now."""
    approver = actor.display_name if actor is not None and reason else None
    return replace(
        done, approver=approver, reason=reason, borrower=borrower_info(pending.member_no)
    )


def _act_in_room(
    pending: Pending,
    actor: StaffUser | None,
    *,
    reason: str | None,
    condition: str | None,
    also: Sequence[str] = (),
) -> Done:
    """A copy to a table (``ROOM``, with ``also``, the basket's other copies going to the
    table: a set goes whole) or back from one (``ROOM_RETURN``); ``due`` is today (a copy
    read in the room comes back before closing)."""
    today = clock.today()
    if pending.action == ROOM:
        issued = room.issue(
            actor, pending.barcode, pending.member_no, override_reason=reason, also=also
        )
        item = issued.item
        done = Done(
            ROOM, item.barcode, item.member_no, item.name, today, issued.decision, result=issued
        )
    else:
        back = room.return_from_room(actor, pending.barcode, condition=condition)
        item = back.item
        waiting = (
            SetAside(borrower_info(back.set_aside_for)["name"], back.set_aside_for)
            if back.set_aside_for
            else None
        )
        done = Done(
            ROOM_RETURN,
            item.barcode,
            item.member_no,
            item.name,
            today,
            condition=condition,
            copy_status=back.copy_status,
            set_aside=waiting,
            result=back,
        )
    return replace(_as_done_by(done, actor, reason, pending), copy=copy_info(pending.barcode))


def place_hold(actor: StaffUser | None, item: BasketItem) -> HoldAtDesk:
    """The borrower of a lend refused as ``ON_LOAN`` joins the waiting list for that work
    and volume (:func:`readingroom.holds.place_hold`; its refusals are raised as they are)."""
    placed = holds.place_hold(actor, item.barcode, item.pending.member_no)
    return HoldAtDesk(
        item.pending.member_no,
        item.barcode,
        item.title,
        item.volume,
        placed.position,
        placed.set_aside.barcode if placed.set_aside is not None else None,
    )


def reread(member_no: str | None, items: Sequence[BasketItem], today: date | None = None) -> Reread:
    """The borrower and each basket row's decision as they are now (a lend or renewal is
    decided again; a row that can no longer be done is ``gone``, with why)."""
    borrower = borrower_info(member_no) if member_no is not None else None
    decisions: dict[str, Decision] = {}
    gone: dict[str, str] = {}
    lending = [item.barcode for item in items if item.action == LEND]
    seating = [item.barcode for item in items if item.action == ROOM]
    at_tables = (
        {i.barcode for i in room.in_room()}
        if any(item.action == ROOM_RETURN for item in items)
        else set()
    )
    ahead = 0  # rows above allowed to be lent: counted against the item limit
    for item in items:
        try:
            if item.action == ROOM:
                others = [b for b in seating if b != item.barcode]
                decisions[item.barcode] = room.check(
                    item.barcode, item.pending.member_no, today, others
                )
            elif item.action == ROOM_RETURN:
                if item.barcode not in at_tables:
                    gone[item.barcode] = said(
                        "{barcode} is not in the reading room.", barcode=item.barcode
                    )
            elif item.action == LEND:
                others = [b for b in lending if b != item.barcode]
                verdict = check(item.barcode, item.pending.member_no, today, others, pending=ahead)
                decisions[item.barcode] = verdict
                ahead += verdict.allowed
            elif item.action == RENEW:
                decisions[item.barcode] = renew_preview(item.barcode, today)[1]
            elif active_loan_of(item.barcode) is None:
                gone[item.barcode] = said("{barcode} is not on loan.", barcode=item.barcode)
        except NotFound as missing:
            gone[item.barcode] = missing.message
    return Reread(borrower, decisions, gone)


class DeskSession:
    """The desk's state: the mode, the borrower at the desk and the basket.

    The basket holds every copy scanned since the member card (in Return and Renew mode,
    since the mode was chosen), each with its own decision; Enter does every allowed one
    (:meth:`ready`), refused ones stay until removed or overridden. ``current`` is the row
    shown and acted on alone (the last scanned, or the one selected): :attr:`pending`.

    Transitions take the values :func:`look`, :func:`act` and :func:`reread` return, so
    the database work may run elsewhere; the session itself never touches the database.
    """

    def __init__(self, mode: str = LEND) -> None:
        self.mode = mode
        self.member_no: str | None = None
        self.basket: list[BasketItem] = []
        self.current: str | None = None

    # -- the basket -------------------------------------------------------------------------
    def item(self, barcode: str | None) -> BasketItem | None:
        return next((i for i in self.basket if i.barcode == barcode), None)

    @property
    def pending(self) -> Pending | None:
        """The current row's action (None when no row is current)."""
        item = self.item(self.current)
        return item.pending if item is not None else None

    @property
    def current_item(self) -> BasketItem | None:
        return self.item(self.current)

    def ready(self) -> list[BasketItem]:
        """The rows Enter does: every one not refused, in the order scanned."""
        return [i for i in self.basket if not i.refused]

    def lending(self) -> list[str]:
        """The barcodes of the rows allowed to be lent (they count against the item limit
        of the next copy scanned)."""
        return [i.barcode for i in self.basket if i.action == LEND and not i.refused]

    def unconfirmed(self) -> int:
        """How many copies are in the basket, not yet done."""
        return len(self.basket)

    def asks_first(self, seen: Seen) -> bool:
        """Whether showing ``seen`` would put copies not yet lent aside: another member card
        in Lend mode with a basket (the desk asks: lend, discard or stay)."""
        return (
            self.mode == LEND
            and bool(self.basket)
            and seen.outcome == BORROWER_SHOWN
            and seen.borrower is not None
            and seen.borrower["member_no"] != self.member_no
        )

    def _put(self, item: BasketItem) -> None:
        """Add a row, or replace the row of the same copy (scanned again: decided again)."""
        for index, old in enumerate(self.basket):
            if old.barcode == item.barcode:
                if item.condition is not None and old.condition is not None:
                    item = replace(item, condition=old.condition)  # the grade chosen stays
                self.basket[index] = item
                break
        else:
            self.basket.append(item)
        self.current = item.barcode

    def _update(self, barcode: str, **changes: Any) -> None:
        for index, old in enumerate(self.basket):
            if old.barcode == barcode:
                self.basket[index] = replace(old, **changes)

    def select(self, barcode: str | None) -> None:
        self.current = barcode if self.item(barcode) is not None else None

    def remove(self, barcode: str) -> None:
        """Take a row out of the basket (the copy is not lent, taken back or renewed)."""
        self.basket = [i for i in self.basket if i.barcode != barcode]
        if self.current == barcode:
            self.current = self.basket[-1].barcode if self.basket else None

    def set_condition(self, barcode: str, grade: str) -> None:
        if grade not in GRADES:
            raise BadInput(said("Unknown condition grade {condition}.", condition=repr(grade)))
        self._update(barcode, condition=grade)

    # -- transitions ------------------------------------------------------------------------
    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise BadInput(said("Unknown desk mode {mode}.", mode=repr(mode)))
        self.mode = mode
        self.basket, self.current = [], None

    def clear(self) -> None:
        """A new person at the desk."""
        self.member_no = self.current = None
        self.basket = []

    def seen(self, seen: Seen) -> None:
        """A scan's result: the borrower it names is at the desk, its copy joins the basket.
        Another member card in Lend mode starts a new basket (ask first: :meth:`asks_first`)."""
        # (in Reading room mode each row names its own reader: another card keeps the basket)
        if seen.outcome == BORROWER_SHOWN and self.mode == LEND:
            assert seen.borrower is not None
            if seen.borrower["member_no"] != self.member_no:
                self.basket, self.current = [], None
        if seen.borrower is not None:
            self.member_no = seen.borrower["member_no"]
        if seen.item is not None:
            self._put(seen.item)
        elif seen.outcome != BORROWER_SHOWN:
            self.current = None  # a copy that joins no basket: no row is current

    def done(self, done: Done) -> None:
        """A row was recorded: it leaves the basket, its borrower stays at the desk."""
        self.member_no = done.member_no
        self.basket = [i for i in self.basket if i.barcode != done.barcode]
        if self.current == done.barcode or self.item(self.current) is None:
            refused = [i for i in self.basket if i.refused]
            self.current = refused[0].barcode if refused else None

    def refused(self, decision: Decision, barcode: str | None = None) -> None:
        """A row was refused when it was tried (the rules or the data changed)."""
        barcode = barcode or self.current
        item = self.item(barcode)
        if item is not None:
            self._update(item.barcode, pending=replace(item.pending, decision=decision))

    def reread(self, reread: Reread) -> None:
        for barcode, decision in reread.decisions.items():
            item = self.item(barcode)
            if item is not None:
                self._update(barcode, pending=replace(item.pending, decision=decision))
        for barcode in reread.gone:
            self.remove(barcode)

    def reread_failed(self) -> None:
        """The borrower could not be read again: the basket stays, nothing is dropped."""

    # -- questions --------------------------------------------------------------------------
    def next_step(self) -> str:
        """What Enter on the empty scan field does: :data:`NOTHING` (an empty basket),
        :data:`REFUSED` (every row stands refused until a supervisor overrides it or it is
        removed) or :data:`ACT` (every allowed row is done)."""
        if not self.basket:
            return NOTHING
        return ACT if self.ready() else REFUSED

    def may_override(self) -> bool:
        item = self.current_item
        return item is not None and item.overridable

    # -- reading and acting at once (no event loop) -----------------------------------------
    def scan(self, text: str, today: date | None = None) -> Seen:
        seen = look(self.mode, self.member_no, text, today, self.set_basket(), self.lending())
        self.seen(seen)
        return seen

    def confirm(self, actor: StaffUser | None) -> Run:
        """Do every allowed row; a row refused when tried stays, marked with that refusal."""
        done: list[Done] = []
        refused: list[str] = []
        ready = self.ready()
        together = [i.barcode for i in ready]  # lent or taken back together
        for item in ready:
            others = [b for b in together if b != item.barcode]
            try:
                done.append(self._act(act, item, actor, None, others))
            except Refused:
                refused.append(item.barcode)
        return Run(tuple(done), tuple(refused))

    def override(self, approver: StaffUser, reason: str) -> Done | None:
        """Do the current refused row on a supervisor's approval (None if not overridable)."""
        item = self.current_item
        if item is None or not item.overridable:
            return None
        return self._act(act, item, approver, reason)

    def _act(
        self,
        action: Callable[..., Done],
        item: BasketItem,
        actor: StaffUser | None,
        reason: str | None,
        also: list[str] | None = None,
    ) -> Done:
        if also is None:
            also = self.basket_barcodes(item.action, but=item.barcode)
        try:
            done = action(item.pending, actor, reason=reason, condition=item.condition, also=also)
        except Refused as refusal:
            if refusal.decision is not None:
                self.refused(refusal.decision, item.barcode)
            raise
        self.done(done)
        return done

    def set_basket(self) -> list[str]:
        """The basket a scanned copy is decided across (a set goes out, or to a table,
        whole): the rows to lend, or in Reading room mode the rows going to a table."""
        return self.basket_barcodes(ROOM if self.mode == ROOM else LEND)

    def basket_barcodes(self, action: str = LEND, but: str | None = None) -> list[str]:
        """The barcodes of the basket's rows of ``action`` (but one): a set is lent and
        taken back across the basket."""
        return [i.barcode for i in self.basket if i.action == action and i.barcode != but]

    def refresh(self, today: date | None = None) -> Reread | None:
        try:
            result = reread(self.member_no, self.basket, today)
        except ReadingRoomError:
            self.reread_failed()
            raise
        self.reread(result)
        return result
