"""The one answer to "may this borrower take this copy now?" (and "may this loan be renewed?").

A :class:`Decision` lists every reason that applies, not just the first, each a
:class:`~readingroom.messages.Reason`: its stable code, its particulars (whose English
sentence :mod:`readingroom.messages` renders) and whether a supervisor may override it; plus
the due date and notes (such as a due date brought forward before an inspection). Lending, renewal,
the window, the command line and the policy preview all ask these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from peewee import fn

from readingroom import lending_rules, restriction_rules, settings
from readingroom.errors import Refused, guard_word, is_unique_violation
from readingroom.messages import DECISION_CODES, Code, LoanList, Note, Reason, Wording
from readingroom.store.models import Borrower, Copy, Hold, Loan, Work
from readingroom.store.rows import dicts
from readingroom.vocabulary import OUT_OF_CIRCULATION, HoldStatus, Role

#: the codes a lend or a renewal may be refused for (all of :class:`Code` but the edits')
ALL_CODES = DECISION_CODES
#: how many loans a HAS_ACTIVE_LOANS message names before "and N more"
NAMED_LOANS = 10

RuleLookup = Callable[[str, str], lending_rules.Rule]


@dataclass(frozen=True)
class Decision:
    """Allowed or refused, with every reason; ``due`` is None when refused."""

    allowed: bool
    due: date | None
    reasons: tuple[Reason, ...] = ()
    notes: tuple[Note, ...] = ()
    overridden: bool = False
    #: the due date the loan would get if a supervisor overrode the reasons
    due_if_overridden: date | None = field(default=None, compare=False)
    #: the notes of that due date (a refusal itself shows none: no due date is given)
    notes_if_overridden: tuple[Note, ...] = field(default=(), compare=False)

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.reasons]

    @property
    def overridable(self) -> bool:
        """Refused only for reasons a supervisor may override."""
        return bool(self.reasons) and all(r.overridable for r in self.reasons)

    def as_overridden(self) -> Decision:
        return replace(
            self,
            allowed=True,
            due=self.due_if_overridden,
            notes=self.notes_if_overridden,
            overridden=True,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed,
            "due": self.due.isoformat() if self.due else None,
            "reasons": [r.as_dict() for r in self.reasons],
            "notes": [note.message for note in self.notes],
            "overridden": self.overridden,
        }


def _decision(reasons: list[Reason], due: date, notes: list[Note]) -> Decision:
    """Allowed with ``due`` and its ``notes``, or refused with neither (a refusal gives no due
    date, so it says nothing about one: both are kept for a supervisor's override)."""
    allowed = not reasons
    return Decision(
        allowed,
        due if allowed else None,
        tuple(reasons),
        tuple(notes) if allowed else (),
        due_if_overridden=due,
        notes_if_overridden=tuple(notes),
    )


def active_loan(copy: Copy) -> Loan | None:
    loan: Loan | None = next(iter(Loan.raw(_ACTIVE_LOAN_SQL, copy.id)), None)
    return loan


def loan_counts(borrower: Borrower, today: date) -> tuple[int, int]:
    """The borrower's loans out and, of those, overdue on ``today``, in one read."""
    active, overdue = Loan._meta.database.execute_sql(_COUNTS_SQL, (today, borrower.id)).fetchone()
    return int(active), int(overdue)


# the borrower's counts written out: they are read at every lend
_COUNTS_SQL = (
    "SELECT count(*), count(CASE WHEN due < ? THEN 1 END) FROM loan "
    "WHERE borrower_id = ? AND returned_at IS NULL"
)
_ACTIVE_LOAN_SQL = "SELECT * FROM loan WHERE copy_id = ? AND returned_at IS NULL LIMIT 1"
_READY_HOLD_SQL = "SELECT * FROM hold WHERE copy_id = ? AND status = ? LIMIT 1"
_RELEND_SQL = (
    "SELECT max(l.renewals) FROM loan l JOIN copy c ON c.id = l.copy_id "
    "WHERE l.borrower_id = ? AND l.returned_on = ? AND c.work_id = ? AND c.volume = ?"
)


def ready_hold_for(copy: Copy) -> Hold | None:
    hold: Hold | None = next(iter(Hold.raw(_READY_HOLD_SQL, copy.id, HoldStatus.READY.value)), None)
    return hold


def waiting_others(work_id: int, volume: int, borrower_id: int) -> int:
    waiting: int = (
        Hold.select(fn.COUNT(Hold.id))
        .where(
            (Hold.work == work_id)
            & (Hold.volume == volume)
            & (Hold.status == HoldStatus.WAITING)
            & (Hold.borrower != borrower_id)
        )
        .scalar()
    )
    return waiting


def access_reasons(borrower: Borrower, access: str, rule: lending_rules.Rule) -> list[Reason]:
    reasons = []
    if borrower.role == Role.CIVILIAN or (rule.rule == "never" and access != "staff-only"):
        reasons.append(Reason(Code.ROLE_NOT_PERMITTED, {"role": borrower.role}))
    if access == "staff-only":
        reasons.append(Reason(Code.NOT_FOR_LOAN))
    elif rule.rule == "reading-room":
        reasons.append(Reason(Code.NOT_FOR_LOAN, wording=Wording.READING_ROOM_ONLY))
    elif rule.rule == "approval" and borrower.role != Role.CIVILIAN:
        reasons.append(Reason(Code.APPROVAL_REQUIRED, {"role": borrower.role}))
    return reasons


def _borrower_reasons(
    borrower: Borrower, rule: lending_rules.Rule, today: date, pending: int = 0
) -> list[Reason]:
    active, overdue = loan_counts(borrower, today)
    reasons = []
    if borrower.status == "suspended":
        reasons.append(Reason(Code.BORROWER_SUSPENDED))
    reasons += _standing(borrower, today, overdue)
    if rule.rule in ("loan", "approval"):
        held = active + pending
        if held >= rule.max_items:
            reasons.append(Reason(Code.LOAN_LIMIT, {"held": held, "limit": rule.max_items}))
    return reasons


def withheld_reasons(
    copy: Copy,
    today: date,
    rule: lending_rules.Rule | None,
    basket: Sequence[Copy] | None = None,
) -> list[Reason]:
    """What withholds the copy besides the policy's cell: a restriction in force on it or
    its work (RESTRICTED, never overridden), the copy at conservation (NOT_AVAILABLE), and,
    when ``rule`` gives a take-home loan, a condition grade that allows less
    (CONDITION_RESTRICTED). A copy never saved (the policy preview's) has none of them but
    the condition's."""
    if not copy.id or copy.id < 0:
        allows = restriction_rules.condition_allows(copy.condition)
        return _condition_reasons(copy.condition, allows, rule)
    held = restriction_rules.withheld(copy.work_id, copy.id, copy.condition, today)
    reasons = []
    if held.restriction is not None:
        found = held.restriction
        if found.ends is None:
            params: dict[str, Any] = {"restriction": found.id, "authority": found.authority}
            reasons.append(Reason(Code.RESTRICTED, params))
        else:
            params = {"restriction": found.id, "authority": found.authority, "until": found.ends}
            reasons.append(Reason(Code.RESTRICTED, params, Wording.RESTRICTED_UNTIL))
    if held.in_conservation:
        reasons.append(Reason(Code.NOT_AVAILABLE, wording=Wording.IN_CONSERVATION))
    if held.incomplete is not None:  # even if the work is no longer issued as a set
        missing, member = held.incomplete
        reasons.append(Reason(Code.SET_INCOMPLETE, {"missing": missing, "member": member}))
    if rule is not None:  # a lend (a renewal keeps the loan it has)
        reasons += set_reasons(copy, basket, held.set_issue)
    return reasons + _condition_reasons(copy.condition, held.condition_allows, rule)


def _with_withheld(copy_reasons: list[Reason], withheld: list[Reason]) -> list[Reason]:
    """The copy's reasons and what withholds it, together: a copy at conservation is out of
    circulation for that reason (not its status's), and the condition of a copy out of
    circulation adds nothing."""
    if any(r.key is Wording.IN_CONSERVATION for r in withheld):
        copy_reasons = [r for r in copy_reasons if r.code != Code.NOT_AVAILABLE]
    if any(r.code == Code.NOT_AVAILABLE for r in copy_reasons + withheld):
        withheld = [r for r in withheld if r.code != Code.CONDITION_RESTRICTED]
    return copy_reasons + withheld


def room_copy_reasons(copy: Copy, borrower: Borrower, today: date) -> list[Reason]:
    """Why ``copy`` may not go to ``borrower`` at a table in the reading room: what keeps it
    off the shelf (out of circulation, on loan, at a table, set aside for another), and what
    withholds it: a restriction (RESTRICTED), conservation (NOT_AVAILABLE) and a condition
    grade that allows no use at all (CONDITION_RESTRICTED). A grade for the room only, or a
    set that came back short, does not keep a copy from a table: it never leaves the
    building."""
    withheld = [
        r
        for r in withheld_reasons(copy, today, None)
        if r.code not in (Code.SET_INCOMPLETE, Code.CONDITION_RESTRICTED)
        or r.key is Wording.CONDITION_NO_USE
    ]
    return _with_withheld(_copy_reasons(copy, borrower), withheld)


def _condition_reasons(
    condition: str, allows: str, rule: lending_rules.Rule | None
) -> list[Reason]:
    if allows == "loan" or (rule is not None and rule.rule not in ("loan", "approval")):
        return []
    wording = Wording.CONDITION_NO_USE if allows == "none" else None
    return [Reason(Code.CONDITION_RESTRICTED, {"condition": condition}, wording)]


def _copy_reasons(copy: Copy, borrower: Borrower) -> list[Reason]:
    if copy.status in OUT_OF_CIRCULATION:
        return [Reason(Code.NOT_AVAILABLE, {"status": copy.status})]
    loan = active_loan(copy)
    if loan is not None:
        return [Reason(Code.ON_LOAN, {"due": loan.due})]
    at_table = in_room_reason(copy)
    if at_table is not None:
        return [at_table]
    hold = ready_hold_for(copy)
    if hold is not None and hold.borrower_id != borrower.id:
        return [Reason(Code.HELD_FOR_OTHER)]
    return []


_IN_ROOM_SQL = (
    "SELECT r.seat, b.member_no FROM room_issue r JOIN borrower b ON b.id = r.borrower_id "
    "WHERE r.copy_id = ? AND r.returned_at IS NULL LIMIT 1"
)


def in_room_reason(copy: Copy) -> Reason | None:
    """IN_READING_ROOM (never overridable) when ``copy`` is with a reader at a table."""
    if not copy.id or copy.id < 0:
        return None  # a copy never saved (the policy preview's)
    row = Copy._meta.database.execute_sql(_IN_ROOM_SQL, (copy.id,)).fetchone()
    if row is None:
        return None
    return Reason(Code.IN_READING_ROOM, {"seat": row[0], "member_no": row[1]})


def inspection_window(today: date) -> tuple[date | None, bool]:
    """The next inspection day (None if none is ahead) and whether ``today`` is frozen."""
    day, freeze = settings.inspection_and_freeze()
    if day is None or day < today:
        return None, False
    return day, today >= day - timedelta(days=freeze)


def _due_with_inspection(today: date, days: int) -> tuple[date, list[Reason], list[Note]]:
    due = today + timedelta(days=days)
    inspection, frozen = inspection_window(today)
    reasons: list[Reason] = []
    notes: list[Note] = []
    if inspection is None:
        return due, reasons, notes
    if frozen:
        reasons.append(Reason(Code.INSPECTION_FREEZE, {"inspection": inspection}))
    if due >= inspection:
        due = max(today, inspection - timedelta(days=1))
        notes.append(Note(Wording.DUE_BROUGHT_FORWARD, {"due": due, "inspection": inspection}))
    return due, reasons, notes


def set_reasons(copy: Copy, basket: Sequence[Copy] | None, set_issue: bool) -> list[Reason]:
    """A work issued as a set: SET_TOGETHER (overridable) when a volume is not in the
    ``basket`` (the copies lent together, ``copy`` among them; None: ``copy`` alone). A set
    that came back short is :func:`withheld_reasons`' (SET_INCOMPLETE)."""
    work = copy.work
    if not set_issue or work.volumes <= 1:
        return []
    present = {c.volume for c in [copy, *(basket or ())] if c.work_id == copy.work_id}
    missing = [str(v) for v in range(1, work.volumes + 1) if v not in present]
    if not missing:
        return []
    params: dict[str, Any] = {"missing": ", ".join(missing), "count": len(missing)}
    return [Reason(Code.SET_TOGETHER, params)]


def decide_lend(
    copy: Copy,
    borrower: Borrower,
    today: date,
    rule_lookup: RuleLookup = lending_rules.rule_for,
    basket: Sequence[Copy] | None = None,
    *,
    pending: int = 0,
) -> Decision:
    """May ``borrower`` take ``copy`` home on ``today``? Every reason that applies.

    ``basket``: the other copies lent with it (a set goes out whole). ``pending``: loans
    about to be made to the borrower before this one (the desk's basket of copies allowed and
    not yet lent), counted against the item limit as if held."""
    access = copy.work.access
    rule = rule_lookup(borrower.role, access)
    reasons = access_reasons(borrower, access, rule)
    reasons += _borrower_reasons(borrower, rule, today, pending)
    withheld = withheld_reasons(copy, today, rule, basket)
    reasons += _with_withheld(_copy_reasons(copy, borrower), withheld)
    reasons += _relend_reasons(copy, borrower, rule, today)
    due, freeze, notes = _due_with_inspection(today, rule.days)
    return _decision(reasons + freeze, due, notes)


def _relend_reasons(
    copy: Copy, borrower: Borrower, rule: lending_rules.Rule, today: date
) -> list[Reason]:
    """RENEWAL_LIMIT when the borrower gave back the same volume of the work on ``today``
    after its last renewal: lending it again at once would renew it beyond the limit
    without the supervisor that renewal needs."""
    if not copy.id or copy.id < 0 or rule.rule not in ("loan", "approval"):
        return []  # a copy never saved (the policy preview's), or no take-home loan anyway
    used = Loan._meta.database.execute_sql(
        _RELEND_SQL, (borrower.id, today, copy.work_id, copy.volume)
    ).fetchone()[0]
    if used is None or used < rule.renewals:
        return []
    params = {"renewals": used, "limit": rule.renewals}
    return [Reason(Code.RENEWAL_LIMIT, params, Wording.GIVEN_BACK_TODAY)]


def decide_renew(
    loan: Loan, today: date, rule_lookup: RuleLookup = lending_rules.rule_for
) -> Decision:
    """May ``loan`` be renewed from ``today``?"""
    borrower, copy = loan.borrower, loan.copy
    rule = rule_lookup(borrower.role, copy.work.access)
    # a cadre's renewal needs approval again, like the loan did
    reasons = [] if rule.rule == "loan" else access_reasons(borrower, copy.work.access, rule)
    if borrower.status == "suspended":
        reasons.append(Reason(Code.BORROWER_SUSPENDED))
    reasons += _standing(borrower, today, loan_counts(borrower, today)[1])
    if loan.renewals >= rule.renewals:
        params = {"renewals": loan.renewals, "limit": rule.renewals}
        reasons.append(Reason(Code.RENEWAL_LIMIT, params))
    waiting = waiting_others(copy.work_id, copy.volume, borrower.id)
    if waiting:
        reasons.append(Reason(Code.WAITING_LIST, {"waiting": waiting}))
    # a restriction placed while the copy is out lets the loan run to its due date, never
    # beyond (its condition was judged when it went out)
    reasons += [r for r in withheld_reasons(copy, today, None) if r.code == Code.RESTRICTED]
    due, freeze, notes = _due_with_inspection(today, rule.days)
    if due <= loan.due:
        # a renewal never moves the due date earlier, and one that would not move it at all
        # would use up a renewal for nothing
        further = today + timedelta(days=rule.days)
        if further <= loan.due:
            reasons.append(Reason(Code.TOO_SOON, {"due": loan.due}))
        else:  # only the cap before the inspection holds it back: it must come back first
            before = {"inspection": notes[0].params["inspection"], "due": loan.due}
            freeze = [Reason(Code.INSPECTION_FREEZE, before, Wording.RETURN_BEFORE_INSPECTION)]
        # overridden, the loan runs on from its due date or today's, never shortened; past
        # the inspection, the override says so (and the renewal's audit entry records it)
        due, notes = max(further, loan.due), []
        inspection, _frozen = inspection_window(today)
        if inspection is not None and due >= inspection:
            after = {"inspection": inspection, "due": due}
            notes = [Note(Wording.DUE_AFTER_INSPECTION, after)]
    return _decision(reasons + freeze, due, notes)


def _standing(borrower: Borrower, today: date, overdue: int) -> list[Reason]:
    """A lapsed membership or ``overdue`` loans (:func:`loan_counts`): a supervisor's
    override, at a lend and at a renewal alike (renewing an overdue loan first would
    otherwise dodge HAS_OVERDUE at the next lend, and keep a book out on a lapsed
    membership)."""
    reasons = []
    if borrower.expires and borrower.expires < today:
        reasons.append(Reason(Code.BORROWER_EXPIRED, {"expires": borrower.expires}))
    if overdue:
        reasons.append(Reason(Code.HAS_OVERDUE, {"overdue": overdue}))
    return reasons


def decide_backdated_lend(
    copy: Copy,
    borrower: Borrower,
    day: date,
    today: date,
    rule_lookup: RuleLookup = lending_rules.rule_for,
    basket: Sequence[Copy] | None = None,
) -> Decision:
    """A lend recorded as made on ``day``: the rules as of ``day`` *and* as of ``today``.

    The loan is claimed to exist from ``day`` and is written ``today``, so neither day may
    dodge a rule: a membership that has expired since, a freeze that began since, or an
    overdue loan held since refuse it as they would at the desk. The due date runs from
    ``day`` (and is brought forward as of ``day`` before an inspection).
    """
    then = decide_lend(copy, borrower, day, rule_lookup, basket)
    now = decide_lend(copy, borrower, today, rule_lookup, basket)
    reasons = list(then.reasons) + [r for r in now.reasons if r.code not in then.codes]
    return _decision(reasons, then.due_if_overridden or day, list(then.notes_if_overridden))


# -- edits that would leave a current loan forbidden ----------------------------------------


def loan_forbidden(role: str, access: str, rule: str) -> bool:
    """Whether the rules forbid any take-home loan of ``access`` to ``role`` under ``rule``:
    civilians and staff-only works always, and every cell the policy makes ``never``."""
    return role == Role.CIVILIAN or access == "staff-only" or rule == "never"


@dataclass(frozen=True)
class ActiveLoan:
    """A current loan as an edit sees it: what it would become after the change."""

    barcode: str
    member_no: str
    role: str
    access: str


def active_loans_where(condition: Any) -> list[ActiveLoan]:
    """The current loans matching a peewee ``condition`` on loan, copy, work or borrower."""
    query = (
        Loan.select(Copy.barcode, Borrower.member_no, Borrower.role, Work.access)
        .join(Copy)
        .join(Work)
        .switch(Loan)
        .join(Borrower)
        .where(Loan.returned_at.is_null() & condition)
        .order_by(Copy.barcode)
    )
    return [ActiveLoan(**row) for row in dicts(query)]


def has_active_loans_reason(loans: list[ActiveLoan]) -> Reason:
    """HAS_ACTIVE_LOANS naming ``loans`` (barcode and member number; the first ten)."""
    if not loans:
        return Reason(Code.HAS_ACTIVE_LOANS, wording=Wording.LOANS_NOT_NAMED)
    named = tuple((loan.barcode, loan.member_no) for loan in loans[:NAMED_LOANS])
    listed = LoanList(named, max(0, len(loans) - NAMED_LOANS))
    return Reason(Code.HAS_ACTIVE_LOANS, {"loans": listed})


def forbidden_loans(
    loans: list[ActiveLoan], rule_of: Callable[[str, str], str]
) -> list[ActiveLoan]:
    """Those of ``loans`` (each with its role and access class as they would be after an
    edit) that the rules forbid, ``rule_of(role, access)`` giving the policy's rule."""
    return [
        loan
        for loan in loans
        if loan_forbidden(loan.role, loan.access, rule_of(loan.role, loan.access))
    ]


def has_active_loans_refusal(loans: list[ActiveLoan]) -> Refused:
    return Refused(Decision(False, None, (has_active_loans_reason(loans),)))


def guard_code(exc: BaseException) -> Code | None:
    """The reason code a guard trigger of the database refused a write for, or None."""
    word = guard_word(exc)
    return next((code for code in Code if code.value == word), None)


def is_has_active_loans_error(exc: Exception) -> bool:
    """Whether a database error is the HAS_ACTIVE_LOANS trigger's (an edit that raced a
    lend, or a write that went round the service layer)."""
    return guard_code(exc) is Code.HAS_ACTIVE_LOANS


def loan_guard_reason(exc: BaseException) -> Reason | None:
    """Why the database's own guards refused a new loan row, or None (another failure):
    rule 1's trigger (a civilian is never lent anything), or rule 2's unique index (one
    current loan per copy, the only UNIQUE index of a loan row but its id)."""
    if guard_code(exc) is Code.ROLE_NOT_PERMITTED:
        return Reason(Code.ROLE_NOT_PERMITTED, wording=Wording.CIVILIAN_NEVER_LENT)
    if guard_code(exc) is Code.IN_READING_ROOM:
        return Reason(Code.IN_READING_ROOM, wording=Wording.IN_ROOM_AT_ANOTHER_DESK)
    if is_unique_violation(exc):
        return Reason(Code.ON_LOAN, wording=Wording.LENT_AT_ANOTHER_DESK)
    return None
