"""Records of a catalogue worth showing: what the screenshots (and a demonstration at the
desk) pick from the demo data instead of hard-coding barcodes and member numbers."""

from __future__ import annotations

from typing import TypeVar

from readingroom.errors import NotFound
from readingroom.store.models import Borrower, Copy, Hold, Loan, Work
from readingroom.vocabulary import HOLD_ACTIVE, CopyStatus

_Row = TypeVar("_Row")


def _found(row: _Row | None, what: str) -> _Row:
    """``row``, or NotFound naming ``what`` the catalogue lacks (a catalogue without demo data)."""
    if row is None:
        raise NotFound(f"This catalogue has no {what} to show.")
    return row


def lendable_copy() -> str:
    """The barcode of an available copy of a lendable work that no one is waiting for."""
    held = Hold.select(Hold.work).where(Hold.status.in_(HOLD_ACTIVE))
    copy = (
        Copy.select()
        .join(Work)
        .where(
            (Copy.status == CopyStatus.AVAILABLE)
            & (Work.access == "lendable")
            & Copy.work.not_in(held)
        )
        .order_by(Copy.barcode)
        .get_or_none()
    )
    return _found(copy, "available copy of a lendable work").barcode


def borrower_of(role: str, *, with_loans: bool = False) -> str:
    """The member number of an active borrower of ``role`` (one holding a loan if asked)."""
    query = Borrower.select().where((Borrower.role == role) & (Borrower.status == "active"))
    if with_loans:
        query = query.where(
            Borrower.id.in_(Loan.select(Loan.borrower).where(Loan.returned_at.is_null()))
        )
    borrower = query.order_by(Borrower.member_no).get_or_none()
    return _found(borrower, f"active {role} borrower").member_no


def copy_on_loan() -> str:
    """The barcode of the copy on loan that is due first."""
    loan = (
        Loan.select(Loan, Copy)
        .join(Copy)
        .where(Loan.returned_at.is_null())
        .order_by(Loan.due)
        .get_or_none()
    )
    return _found(loan, "copy on loan").copy.barcode


def shelved_copies(limit: int) -> list[tuple[str, str]]:
    """(barcode, location) of the first ``limit`` copies on their shelves."""
    return [
        (c.barcode, c.location)
        for c in Copy.select(Copy.barcode, Copy.location)
        .where(Copy.status == CopyStatus.AVAILABLE)
        .order_by(Copy.barcode)
        .limit(limit)
    ]
