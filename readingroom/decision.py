"""The one answer to "may this borrower take this copy now?" (and "may this loan be renewed?").

A :class:`Decision` lists every reason that applies, not just the first, each with its
stable code, a plain message and whether a supervisor may override it, plus the due date
and plain notes (such as a due date brought forward before an inspection). Lending, renewal,
the window, the command line and the policy preview all ask these functions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from peewee import fn

from readingroom import policy, settings
from readingroom.errors import Refused
from readingroom.store.models import (
    HOLD_READY,
    HOLD_WAITING,
    OUT_OF_CIRCULATION,
    Borrower,
    Copy,
    Hold,
    Loan,
    Work,
)

ROLE_NOT_PERMITTED = "ROLE_NOT_PERMITTED"
APPROVAL_REQUIRED = "APPROVAL_REQUIRED"
BORROWER_SUSPENDED = "BORROWER_SUSPENDED"
BORROWER_EXPIRED = "BORROWER_EXPIRED"
HAS_OVERDUE = "HAS_OVERDUE"
LOAN_LIMIT = "LOAN_LIMIT"
ON_LOAN = "ON_LOAN"
HELD_FOR_OTHER = "HELD_FOR_OTHER"
NOT_FOR_LOAN = "NOT_FOR_LOAN"
NOT_AVAILABLE = "NOT_AVAILABLE"
INSPECTION_FREEZE = "INSPECTION_FREEZE"
RENEWAL_LIMIT = "RENEWAL_LIMIT"
WAITING_LIST = "WAITING_LIST"
HAS_ACTIVE_LOANS = "HAS_ACTIVE_LOANS"

OVERRIDABLE = frozenset(
    {
        APPROVAL_REQUIRED,
        BORROWER_EXPIRED,
        HAS_OVERDUE,
        LOAN_LIMIT,
        HELD_FOR_OTHER,
        INSPECTION_FREEZE,
        RENEWAL_LIMIT,
        WAITING_LIST,
    }
)
ALL_CODES = (
    ROLE_NOT_PERMITTED,
    APPROVAL_REQUIRED,
    BORROWER_SUSPENDED,
    BORROWER_EXPIRED,
    HAS_OVERDUE,
    LOAN_LIMIT,
    ON_LOAN,
    HELD_FOR_OTHER,
    NOT_FOR_LOAN,
    NOT_AVAILABLE,
    INSPECTION_FREEZE,
    RENEWAL_LIMIT,
    WAITING_LIST,
)
#: codes of an edit's refusal (a borrower's role, a work's access class, a policy cell)
EDIT_CODES = (HAS_ACTIVE_LOANS,)
#: how many loans a HAS_ACTIVE_LOANS message names before "and N more"
NAMED_LOANS = 10

RuleLookup = Callable[[str, str], policy.Rule]


@dataclass(frozen=True)
class Reason:
    code: str
    message: str

    @property
    def overridable(self) -> bool:
        return self.code in OVERRIDABLE

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "overridable": self.overridable, "message": self.message}


@dataclass(frozen=True)
class Decision:
    """Allowed or refused, with every reason; ``due`` is None when refused."""

    allowed: bool
    due: date | None
    reasons: tuple[Reason, ...] = ()
    notes: tuple[str, ...] = ()
    overridden: bool = False
    #: the due date the loan would get if a supervisor overrode the reasons
    due_if_overridden: date | None = field(default=None, compare=False)

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.reasons]

    @property
    def overridable(self) -> bool:
        """Refused only for reasons a supervisor may override."""
        return bool(self.reasons) and all(r.overridable for r in self.reasons)

    def as_overridden(self) -> Decision:
        return replace(self, allowed=True, due=self.due_if_overridden, overridden=True)

    def as_dict(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed,
            "due": self.due.isoformat() if self.due else None,
            "reasons": [r.as_dict() for r in self.reasons],
            "notes": list(self.notes),
            "overridden": self.overridden,
        }


def _decision(reasons: list[Reason], due: date, notes: list[str]) -> Decision:
    allowed = not reasons
    return Decision(
        allowed, due if allowed else None, tuple(reasons), tuple(notes), due_if_overridden=due
    )


def active_loan(copy: Copy) -> Loan | None:
    return next(iter(Loan.raw(_ACTIVE_LOAN_SQL, copy.id)), None)


def active_loan_count(borrower: Borrower) -> int:
    return Loan._meta.database.execute_sql(_ACTIVE_SQL, (borrower.id,)).fetchone()[0]


def overdue_count(borrower: Borrower, today: date) -> int:
    return Loan._meta.database.execute_sql(_OVERDUE_SQL, (borrower.id, today)).fetchone()[0]


# the borrower's counts written out: they are read at every lend
_ACTIVE_SQL = "SELECT count(*) FROM loan WHERE borrower_id = ? AND returned_at IS NULL"
_OVERDUE_SQL = _ACTIVE_SQL + " AND due < ?"
_ACTIVE_LOAN_SQL = "SELECT * FROM loan WHERE copy_id = ? AND returned_at IS NULL LIMIT 1"
_READY_HOLD_SQL = "SELECT * FROM hold WHERE copy_id = ? AND status = ? LIMIT 1"
_RELEND_SQL = (
    "SELECT max(l.renewals) FROM loan l JOIN copy c ON c.id = l.copy_id "
    "WHERE l.borrower_id = ? AND l.returned_on = ? AND c.work_id = ? AND c.volume = ?"
)


def ready_hold_for(copy: Copy) -> Hold | None:
    return next(iter(Hold.raw(_READY_HOLD_SQL, copy.id, HOLD_READY)), None)


def waiting_others(work_id: int, volume: int, borrower_id: int) -> int:
    return (
        Hold.select(fn.COUNT(Hold.id))
        .where(
            (Hold.work == work_id)
            & (Hold.volume == volume)
            & (Hold.status == HOLD_WAITING)
            & (Hold.borrower != borrower_id)
        )
        .scalar()
    )


def access_reasons(borrower: Borrower, access: str, rule: policy.Rule) -> list[Reason]:
    reasons = []
    if borrower.role == "civilian" or (rule.rule == "never" and access != "staff-only"):
        reasons.append(Reason(ROLE_NOT_PERMITTED, f"A {borrower.role} may never borrow this."))
    if access == "staff-only":
        reasons.append(Reason(NOT_FOR_LOAN, "Staff-only works are never lent."))
    elif rule.rule == "reading-room":
        reasons.append(Reason(NOT_FOR_LOAN, "This work may be read in the reading room only."))
    elif rule.rule == "approval" and borrower.role != "civilian":
        reasons.append(
            Reason(
                APPROVAL_REQUIRED,
                f"A {borrower.role} may borrow this only with a supervisor's approval.",
            )
        )
    return reasons


def _borrower_reasons(borrower: Borrower, rule: policy.Rule, today: date) -> list[Reason]:
    reasons = []
    if borrower.status == "suspended":
        reasons.append(Reason(BORROWER_SUSPENDED, "The borrower's membership is suspended."))
    reasons += _standing(borrower, today)
    if rule.rule in ("loan", "approval"):
        held = active_loan_count(borrower)
        if held >= rule.max_items:
            reasons.append(
                Reason(
                    LOAN_LIMIT,
                    f"The borrower already has {held} item"
                    f"{'s' if held != 1 else ''} on loan (limit "
                    f"{rule.max_items}).",
                )
            )
    return reasons


def _copy_reasons(copy: Copy, borrower: Borrower) -> list[Reason]:
    if copy.status in OUT_OF_CIRCULATION:
        return [Reason(NOT_AVAILABLE, f"This copy is {copy.status}.")]
    loan = active_loan(copy)
    if loan is not None:
        return [Reason(ON_LOAN, f"This copy is already lent (due {loan.due.isoformat()}).")]
    hold = ready_hold_for(copy)
    if hold is not None and hold.borrower_id != borrower.id:
        return [Reason(HELD_FOR_OTHER, "This copy is set aside for another borrower's hold.")]
    return []


def inspection_window(today: date) -> tuple[date | None, bool]:
    """The next inspection day (None if none is ahead) and whether ``today`` is frozen."""
    day = settings.inspection_date()
    if day is None or day < today:
        return None, False
    return day, today >= day - timedelta(days=settings.freeze_days())


def _due_with_inspection(today: date, days: int) -> tuple[date, list[Reason], list[str]]:
    due = today + timedelta(days=days)
    inspection, frozen = inspection_window(today)
    reasons, notes = [], []
    if inspection is None:
        return due, reasons, notes
    if frozen:
        reasons.append(
            Reason(
                INSPECTION_FREEZE,
                f"Lending is frozen before the inspection on {inspection.isoformat()}.",
            )
        )
    if due >= inspection:
        due = max(today, inspection - timedelta(days=1))
        notes.append(
            f"The due date is brought forward to {due.isoformat()}, the day before "
            f"the inspection on {inspection.isoformat()}."
        )
    return due, reasons, notes


def decide_lend(
    copy: Copy, borrower: Borrower, today: date, rule_lookup: RuleLookup = policy.rule_for
) -> Decision:
    """May ``borrower`` take ``copy`` home on ``today``? Every reason that applies."""
    access = copy.work.access
    rule = rule_lookup(borrower.role, access)
    reasons = access_reasons(borrower, access, rule)
    reasons += _borrower_reasons(borrower, rule, today)
    reasons += _copy_reasons(copy, borrower)
    reasons += _relend_reasons(copy, borrower, rule, today)
    due, freeze, notes = _due_with_inspection(today, rule.days)
    return _decision(reasons + freeze, due, notes)


def _relend_reasons(copy: Copy, borrower: Borrower, rule: policy.Rule, today: date) -> list[Reason]:
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
    return [
        Reason(
            RENEWAL_LIMIT,
            f"The borrower gave this back today after {used} renewal"
            f"{'s' if used != 1 else ''} (limit {rule.renewals}): "
            "lending it again would renew it beyond the limit.",
        )
    ]


def decide_renew(loan: Loan, today: date, rule_lookup: RuleLookup = policy.rule_for) -> Decision:
    """May ``loan`` be renewed from ``today``?"""
    borrower, copy = loan.borrower, loan.copy
    rule = rule_lookup(borrower.role, copy.work.access)
    # a cadre's renewal needs approval again, like the loan did
    reasons = [] if rule.rule == "loan" else access_reasons(borrower, copy.work.access, rule)
    if borrower.status == "suspended":
        reasons.append(Reason(BORROWER_SUSPENDED, "The borrower's membership is suspended."))
    reasons += _standing(borrower, today)
    if loan.renewals >= rule.renewals:
        reasons.append(
            Reason(
                RENEWAL_LIMIT,
                f"The loan has been renewed {loan.renewals} time"
                f"{'s' if loan.renewals != 1 else ''} (limit {rule.renewals}).",
            )
        )
    waiting = waiting_others(copy.work_id, copy.volume, borrower.id)
    if waiting:
        reasons.append(
            Reason(
                WAITING_LIST,
                f"{waiting} other borrower{'s are' if waiting > 1 else ' is'} "
                "waiting for this work.",
            )
        )
    due, freeze, notes = _due_with_inspection(today, rule.days)
    due = max(due, loan.due) if not notes else due
    return _decision(reasons + freeze, due, notes)


def _standing(borrower: Borrower, today: date) -> list[Reason]:
    """A lapsed membership or an overdue loan: a supervisor's override, at a lend and at a
    renewal alike (renewing an overdue loan first would otherwise dodge HAS_OVERDUE at the
    next lend, and keep a book out on a lapsed membership)."""
    reasons = []
    if borrower.expires and borrower.expires < today:
        reasons.append(
            Reason(BORROWER_EXPIRED, f"The membership expired on {borrower.expires.isoformat()}.")
        )
    overdue = overdue_count(borrower, today)
    if overdue:
        reasons.append(
            Reason(
                HAS_OVERDUE,
                f"The borrower holds {overdue} overdue loan{'s' if overdue > 1 else ''}.",
            )
        )
    return reasons


def decide_backdated_lend(
    copy: Copy,
    borrower: Borrower,
    day: date,
    today: date,
    rule_lookup: RuleLookup = policy.rule_for,
) -> Decision:
    """A lend recorded as made on ``day``: the rules as of ``day`` *and* as of ``today``.

    The loan is claimed to exist from ``day`` and is written ``today``, so neither day may
    dodge a rule: a membership that has expired since, a freeze that began since, or an
    overdue loan held since refuse it as they would at the desk. The due date runs from
    ``day`` (and is brought forward as of ``day`` before an inspection).
    """
    then = decide_lend(copy, borrower, day, rule_lookup)
    now = decide_lend(copy, borrower, today, rule_lookup)
    reasons = list(then.reasons) + [r for r in now.reasons if r.code not in then.codes]
    return _decision(reasons, then.due_if_overridden or day, list(then.notes))


# -- edits that would leave a current loan forbidden ----------------------------------------


def loan_forbidden(role: str, access: str, rule: str) -> bool:
    """Whether the rules forbid any take-home loan of ``access`` to ``role`` under ``rule``:
    civilians and staff-only works always, and every cell the policy makes ``never``."""
    return role == "civilian" or access == "staff-only" or rule == "never"


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
        .tuples()
    )
    return [ActiveLoan(*row) for row in query]


def has_active_loans_reason(loans: list[ActiveLoan]) -> Reason:
    """HAS_ACTIVE_LOANS naming ``loans`` (barcode and member number; the first ten)."""
    if not loans:
        return Reason(
            HAS_ACTIVE_LOANS,
            "This change would leave a current loan the rules forbid. Take it back first.",
        )
    named = ", ".join(f"{loan.barcode} lent to {loan.member_no}" for loan in loans[:NAMED_LOANS])
    more = len(loans) - NAMED_LOANS
    if more > 0:
        named += f" and {more} more"
    return Reason(
        HAS_ACTIVE_LOANS,
        f"This change would leave current loans the rules forbid: {named}. Take them back first.",
    )


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


def is_has_active_loans_error(exc: Exception) -> bool:
    """Whether a database error is the HAS_ACTIVE_LOANS trigger's (an edit that raced a
    lend, or a write that went round the service layer)."""
    return HAS_ACTIVE_LOANS in str(exc)
