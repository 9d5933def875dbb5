"""What the lending desk reads: what a scanned code is, and a copy's state before acting.

The desk has one scan field; a keyboard-wedge scanner types a member number or a copy
barcode and ends with Enter. :func:`identify` tells the two apart, and the ``*_preview``
functions answer what a return or a renewal would do, changing nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from readingroom import clock
from readingroom.catalogue import get_copy
from readingroom.circulation import current_loan
from readingroom.decision import Decision, decide_renew
from readingroom.errors import BadInput, NotFound
from readingroom.store.models import Borrower, Copy, Hold, Loan
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
    if not code:
        raise BadInput("Nothing was scanned.")
    if Borrower.select().where(Borrower.member_no == code).exists():
        return Scan(BORROWER, code)
    if Copy.select().where(Copy.barcode == code).exists():
        return Scan(COPY, code)
    raise NotFound(f"Unknown code {code!r}: it is neither a member number nor a copy barcode.")


def active_loan_of(barcode: str) -> Loan | None:
    """The copy's active loan (with its borrower), or None when it is not lent."""
    copy = get_copy(barcode)
    return (
        Loan.select(Loan, Borrower)
        .join(Borrower)
        .where((Loan.copy == copy) & Loan.returned_at.is_null())
        .first()
    )


def renew_preview(barcode: str, today: date | None = None) -> tuple[Loan, Decision]:
    """The copy's active loan and whether it may be renewed now."""
    loan = current_loan(get_copy(barcode))
    return loan, decide_renew(loan, today or clock.today())


def set_aside_hold(barcode: str) -> Hold | None:
    """The hold a copy is set aside for (with its borrower), if any."""
    copy = get_copy(barcode)
    return (
        Hold.select(Hold, Borrower)
        .join(Borrower)
        .where((Hold.copy == copy) & (Hold.status == HoldStatus.READY))
        .first()
    )
