"""Borrowers: members with a role, a status and a membership expiry."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from peewee import IntegrityError

from readingroom import audit, clock, codes, decision, policy
from readingroom.catalogue import check_choice, clean_text, is_text
from readingroom.errors import BadInput, NotFound
from readingroom.messages import Text, said
from readingroom.reminders import reminder_counts
from readingroom.staff import Actor, require_desk, require_supervisor
from readingroom.store.db import write_transaction
from readingroom.store.models import BORROWER_STATUSES, ROLES, Borrower, Copy, Hold, Loan, Work
from readingroom.vocabulary import HOLD_ACTIVE, BorrowerStatus
from readingroom.waiting_list import queue_position

BORROWER_FIELDS = ("name", "role", "organisation", "status", "expires")


@dataclass(frozen=True)
class BorrowerSaved:
    """What registering, editing, suspending or reinstating a borrower did.

    ``borrower`` is the borrower as saved (no need to read it again); ``old`` holds the values
    the changed fields had (empty for a new borrower) and ``new`` the values written, the
    same pair as the audit entry.
    """

    borrower: Borrower
    old: Mapping[str, Any]
    new: Mapping[str, Any]


def _saved(borrower: Borrower, old: dict[str, Any], new: dict[str, Any]) -> BorrowerSaved:
    """The result of a change written with ``Borrower.update``: the row as it is now."""
    for name, value in new.items():
        setattr(borrower, name, value)
    borrower._dirty.clear()  # type: ignore[attr-defined]  # as saved; peewee-stubs omit Model._dirty
    return BorrowerSaved(borrower, old, new)


def check_member_no(member_no: Any) -> str:
    text = clean_text(member_no, "member number").strip()
    if not text:
        raise BadInput(said("A borrower needs a member number."))
    if len(text) > 100 or any(c.isspace() or not c.isprintable() for c in text):
        raise BadInput(
            said(
                "Bad member number {value}: printable characters only, no spaces, at most 100.",
                value=repr(text[:40]),
            )
        )
    return text


def parse_expiry(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return clock.parse_date(str(value), "expiry date")


def borrower_values(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(BORROWER_FIELDS)
    if unknown:
        fields_named = ", ".join(sorted(unknown))
        if len(unknown) == 1:
            raise BadInput(said("Unknown borrower field: {fields}.", fields=fields_named))
        raise BadInput(said("Unknown borrower fields: {fields}.", fields=fields_named))
    values: dict[str, Any] = {}
    if "name" in fields:
        values["name"] = clean_text(fields["name"], "name")
        if not values["name"].strip():
            raise BadInput(said("A borrower needs a name."))
    if "role" in fields:
        values["role"] = check_choice(fields["role"], ROLES, "role")
    if "organisation" in fields:
        values["organisation"] = clean_text(fields["organisation"], "organisation")
    if "status" in fields:
        values["status"] = check_choice(fields["status"] or "active", BORROWER_STATUSES, "status")
    if "expires" in fields:
        values["expires"] = parse_expiry(fields["expires"])
    return values


#: :func:`get_borrower` written out: the desk asks it at every lend
_BY_MEMBER_SQL = "SELECT * FROM borrower WHERE member_no = ? LIMIT 1"


def get_borrower(member_no: str) -> Borrower:
    member_no = str(member_no)
    borrower: Borrower | None = (
        next(iter(Borrower.raw(_BY_MEMBER_SQL, member_no.strip())), None)
        if is_text(member_no)
        else None
    )
    if borrower is None and is_text(member_no):  # typed or scanned in another form: w-1002
        stored = codes.scanned_member(member_no)
        borrower = next(iter(Borrower.raw(_BY_MEMBER_SQL, stored)), None) if stored else None
    if borrower is None:
        raise NotFound(said("Unknown member number {member}.", member=repr(member_no)))
    return borrower


def add_borrower(actor: Actor | None, member_no: str, **fields: Any) -> BorrowerSaved:
    actor = require_desk(actor)
    given = clean_text(member_no, "member number")
    member_no = check_member_no(codes.normalise(given))  # in the one form, as imports store it
    values = borrower_values({"name": "", "role": "", **fields})
    with write_transaction():
        taken = codes.member_number(member_no)
        if taken is not None:
            raise BadInput(_member_no_taken(codes.as_given(given, member_no), taken, member_no))
        borrower = Borrower.create(member_no=member_no, created_at=clock.now(), **values)
        audit.record(actor, "borrower-add", "borrower", member_no, values)
    return BorrowerSaved(borrower, {}, values)


def _member_no_taken(member_no: str, stored: str, code: str) -> Text:
    """The refusal of a member number another borrower has (``stored``: as the catalogue
    holds it, written otherwise before codes were normalised)."""
    if stored == code:
        return said(
            "The member number {member} is already used; nothing was added.", member=member_no
        )
    return said(
        "The member number {member} is already used (stored as {stored}); nothing was added.",
        member=member_no,
        stored=repr(stored),
    )


def edit_borrower(actor: Actor | None, member_no: str, **changes: Any) -> BorrowerSaved:
    """Change a borrower's details, audited. The status is not changed here: a suspension
    needs its reason (:func:`suspend_borrower`), a reinstatement is its own act
    (:func:`reinstate_borrower`).

    A change of role is a supervisor's (a librarian could otherwise make a civilian a
    writer for one loan), and is refused (HAS_ACTIVE_LOANS) while the borrower holds a loan
    the new role may not have; the database's trigger holds the same. Reviving a lapsed
    membership is a supervisor's too (see :func:`_revives`).
    """
    actor = require_desk(actor)
    values = borrower_values(changes)
    with write_transaction():
        borrower = get_borrower(member_no)
        old = {k: getattr(borrower, k) for k in values}
        if values.get("status", borrower.status) != borrower.status:
            raise BadInput(
                said(
                    "{member}'s status is changed by suspending (with a reason) or "
                    "reinstating, not by an edit; nothing was changed.",
                    member=borrower.member_no,
                )
            )
        new_role = values.get("role", borrower.role)
        if new_role != borrower.role:
            require_supervisor(actor)
            _refuse_forbidden_loans(borrower, new_role)
        if "expires" in values and _revives(borrower.expires, values["expires"]):
            require_supervisor(actor)
        try:
            Borrower.update(**values).where(Borrower.id == borrower.id).execute()
        except IntegrityError as exc:
            if not decision.is_has_active_loans_error(exc):
                raise
            raise decision.has_active_loans_refusal(_loans_after(borrower, new_role)) from None
        audit.record(actor, "borrower-edit", "borrower", member_no, {"old": old, "new": values})
    return _saved(borrower, old, values)


def _revives(old: date | None, new: date | None) -> bool:
    """Whether changing a membership's expiry from ``old`` to ``new`` revives a lapsed one
    (a supervisor's act: BORROWER_EXPIRED is overridden by a supervisor only, and a
    librarian who could revive, lend and let it lapse again would override it alone)."""
    today = clock.today()
    return old is not None and old < today and (new is None or new >= today)


def _loans_after(borrower: Borrower, role: str) -> list[decision.ActiveLoan]:
    """The borrower's current loans ``role`` may not have."""
    loans = decision.active_loans_where(Loan.borrower == borrower.id)
    return decision.forbidden_loans([replace(loan, role=role) for loan in loans], policy.rule_cell)


def _refuse_forbidden_loans(borrower: Borrower, role: str) -> None:
    """HAS_ACTIVE_LOANS when ``borrower`` holds a loan ``role`` may not have."""
    forbidden = _loans_after(borrower, role)
    if forbidden:
        raise decision.has_active_loans_refusal(forbidden)


def suspend_borrower(actor: Actor | None, member_no: str, reason: str) -> BorrowerSaved:
    """Suspend a membership (no loans, holds or renewals until reinstated), with a reason."""
    actor = require_desk(actor)
    reason = clean_text(reason, "reason").strip()
    if not reason:
        raise BadInput(said("A suspension needs a reason."))
    with write_transaction():
        borrower = get_borrower(member_no)
        if borrower.status == BorrowerStatus.SUSPENDED:
            raise BadInput(said("{member} is already suspended.", member=borrower.member_no))
        Borrower.update(status=BorrowerStatus.SUSPENDED).where(Borrower.id == borrower.id).execute()
        audit.record(
            actor,
            "borrower-suspend",
            "borrower",
            borrower.member_no,
            {
                "old": {"status": borrower.status},
                "new": {"status": BorrowerStatus.SUSPENDED},
                "reason": reason,
            },
        )
    return _saved(borrower, {"status": borrower.status}, {"status": BorrowerStatus.SUSPENDED})


def reinstate_borrower(actor: Actor | None, member_no: str) -> BorrowerSaved:
    """Lift a suspension (a supervisor's act: BORROWER_SUSPENDED is never overridden, so a
    librarian who could reinstate, lend and suspend again would override it alone)."""
    actor = require_supervisor(actor)
    with write_transaction():
        borrower = get_borrower(member_no)
        if borrower.status != BorrowerStatus.SUSPENDED:
            raise BadInput(said("{member} is not suspended.", member=borrower.member_no))
        Borrower.update(status=BorrowerStatus.ACTIVE).where(Borrower.id == borrower.id).execute()
        audit.record(
            actor,
            "borrower-reinstate",
            "borrower",
            borrower.member_no,
            {"old": {"status": BorrowerStatus.SUSPENDED}, "new": {"status": BorrowerStatus.ACTIVE}},
        )
    return _saved(borrower, {"status": BorrowerStatus.SUSPENDED}, {"status": BorrowerStatus.ACTIVE})


def borrower_record(borrower: Borrower) -> dict[str, Any]:
    """A borrower as the command line's ``--json`` gives it."""
    return {
        "member_no": borrower.member_no,
        "name": borrower.name,
        "role": borrower.role,
        "organisation": borrower.organisation,
        "status": borrower.status,
        "expires": borrower.expires.isoformat() if borrower.expires else None,
    }


def search_borrowers(text: str = "", limit: int = 500) -> list[Borrower]:
    query = Borrower.select()
    text = unicodedata.normalize("NFC", text.strip())  # as every text is stored
    if text:
        like = f"%{text}%"
        query = query.where(
            Borrower.name**like | Borrower.member_no**like | Borrower.organisation**like
        )
    return list(query.order_by(Borrower.name, Borrower.member_no).limit(limit))


def active_loans(borrower: Borrower) -> list[Loan]:
    return list(
        Loan.select(Loan, Copy, Work)
        .join(Copy)
        .join(Work)
        .where((Loan.borrower == borrower) & Loan.returned_at.is_null())
        .order_by(Loan.due)
    )


def active_holds(borrower: Borrower) -> list[Hold]:
    return list(
        Hold.select(Hold, Work)
        .join(Work)
        .where((Hold.borrower == borrower) & Hold.status.in_(HOLD_ACTIVE))
        .order_by(Hold.placed_at)
    )


def loan_history(borrower: Borrower, limit: int = 1000) -> list[Loan]:
    return list(
        Loan.select(Loan, Copy, Work)
        .join(Copy)
        .join(Work)
        .where(Loan.borrower == borrower)
        .order_by(Loan.lent_at.desc())
        .limit(limit)
    )


def _loan_info(loan: Loan, today: date, reminders: int, reminder_level: int) -> dict[str, Any]:
    return {
        "barcode": loan.copy.barcode,
        "title": loan.copy.work.title,
        "volume": loan.copy.volume,
        "due": loan.due.isoformat(),
        "overdue": loan.due < today,
        "days_overdue": max(0, (today - loan.due).days),
        "reminders": reminders,
        "reminder_level": reminder_level,
    }


def borrower_info(member_no: str, today: date | None = None) -> dict[str, Any]:
    """What ``borrower show`` prints: the borrower, active loans (with the reminders sent
    for each: how many and the latest level, 0 for none) and holds."""
    today = today or clock.today()
    borrower = get_borrower(member_no)
    active = active_loans(borrower)
    reminded = reminder_counts(loan.id for loan in active)
    loans = [_loan_info(loan, today, *reminded.get(loan.id, (0, 0))) for loan in active]
    holds = [
        {
            "work_id": hold.work.id,
            "title": hold.work.title,
            "volume": hold.volume,
            "status": hold.status,
            "position": queue_position(hold),
            "barcode": hold.copy.barcode if hold.copy is not None else None,
            "placed": hold.placed_at.isoformat(),
        }
        for hold in active_holds(borrower)
    ]
    return {
        "member_no": borrower.member_no,
        "name": borrower.name,
        "role": borrower.role,
        "status": borrower.status,
        "organisation": borrower.organisation,
        "expires": borrower.expires.isoformat() if borrower.expires else None,
        "loans": loans,
        "holds": holds,
    }
