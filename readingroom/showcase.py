"""Records of a catalogue worth showing: what the screenshots (and a demonstration at the
desk) pick from the demo data instead of hard-coding barcodes and member numbers."""

from __future__ import annotations

from typing import TypeVar

from peewee import fn

from readingroom import clock, lending_rules
from readingroom.errors import NotFound
from readingroom.messages import Count, Text, said
from readingroom.store.models import Borrower, Copy, Hold, Loan, Work
from readingroom.vocabulary import HOLD_ACTIVE, CopyStatus

_Row = TypeVar("_Row")


def _found(row: _Row | None, missing: Text) -> _Row:
    """``row``, or NotFound saying what the catalogue lacks (a catalogue without demo data)."""
    if row is None:
        raise NotFound(missing)
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
    return _found(
        copy, said("This catalogue has no available copy of a lendable work to show.")
    ).barcode


def lendable_copies(count: int) -> list[str]:
    """``count`` such copies of different works (the desk's basket), in barcode order."""
    held = Hold.select(Hold.work).where(Hold.status.in_(HOLD_ACTIVE))
    chosen: dict[int, str] = {}
    for copy in (
        Copy.select()
        .join(Work)
        .where(
            (Copy.status == CopyStatus.AVAILABLE)
            & (Work.access == "lendable")
            & Copy.work.not_in(held)
        )
        .order_by(Copy.barcode)
    ):
        chosen.setdefault(copy.work_id, copy.barcode)
        if len(chosen) == count:
            return list(chosen.values())
    raise NotFound(
        said(
            "This catalogue has no {copies} of lendable works to show.",
            copies=Count(count, "available copy"),
        )
    )


def borrower_of(role: str, *, with_loans: bool = False, room: int = 0) -> str:
    """The member number of an active borrower of ``role`` (one holding a loan if asked;
    ``room``: one who may take that many more before the item limit, holding no overdue
    loan and with a membership that has not lapsed)."""
    query = Borrower.select().where((Borrower.role == role) & (Borrower.status == "active"))
    if with_loans:
        query = query.where(
            Borrower.id.in_(Loan.select(Loan.borrower).where(Loan.returned_at.is_null()))
        )
    if room:
        today = clock.today()
        limit = lending_rules.rule_for(role, "lendable").max_items
        active = Loan.select(Loan.borrower).where(Loan.returned_at.is_null())
        late = active.where(Loan.due < today)
        full = active.group_by(Loan.borrower).having(fn.COUNT(Loan.id) > limit - room)
        query = query.where(
            Borrower.id.not_in(full)
            & Borrower.id.not_in(late)
            & (Borrower.expires.is_null() | (Borrower.expires >= today))
        )
    borrower = query.order_by(Borrower.member_no).get_or_none()
    return _found(
        borrower, said("This catalogue has no active {role} borrower to show.", role=role)
    ).member_no


def copy_on_loan(*, holdable_by: str | None = None) -> str:
    """The barcode of the copy on loan that is due first (``holdable_by``: of a work that
    member neither has on loan nor waits for, so they may join its waiting list)."""
    query = Loan.select(Loan, Copy).join(Copy).where(Loan.returned_at.is_null())
    if holdable_by is not None:
        member = Borrower.select(Borrower.id).where(Borrower.member_no == holdable_by)
        theirs = (
            Copy.select(Copy.work)
            .join(Loan)
            .where((Loan.borrower.in_(member)) & Loan.returned_at.is_null())
        )
        waited = Hold.select(Hold.work).where(
            Hold.borrower.in_(member) & Hold.status.in_(HOLD_ACTIVE)
        )
        query = query.where(Copy.work.not_in(theirs) & Copy.work.not_in(waited))
    loan = query.order_by(Loan.due).get_or_none()
    return _found(loan, said("This catalogue has no copy on loan to show.")).copy.barcode


def shelved_copies(limit: int) -> list[tuple[str, str]]:
    """(barcode, location) of the first ``limit`` copies on their shelves."""
    return [
        (c.barcode, c.location)
        for c in Copy.select(Copy.barcode, Copy.location)
        .where(Copy.status == CopyStatus.AVAILABLE)
        .order_by(Copy.barcode)
        .limit(limit)
    ]
