"""Helpers for the shell's UI tests: the desk of a window, and demo data found by query.

Tests never hard-code demo barcodes or member numbers (the demo data may change): they
ask the database for a copy or a borrower with the properties they need.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from readingroom import clock
from readingroom.demo import DEMO_ACCOUNTS
from readingroom.store.models import Borrower, Copy, Hold, Loan, Work
from readingroom.vocabulary import HOLD_ACTIVE
from ui.main_window import MainWindow
from ui.pages.desk import DeskPage


def password_of(username: str) -> str:
    """The demo account's password (public on the demo catalogue)."""
    return next(p for u, p, _, _ in DEMO_ACCOUNTS if u == username)


def desk_of(window: MainWindow) -> DeskPage:
    page = window.show_page("desk")
    assert isinstance(page, DeskPage)
    return page


def wait_for_desk(qtbot, page: DeskPage, timeout: int = 15_000) -> None:
    """The desk calls the services in a pool thread: wait until it has shown the answer."""
    qtbot.waitUntil(lambda: not isValid(page) or page.is_idle(), timeout=timeout)


# -- finding demo data (never hard-coded: the demo data may change) ---------------------------


def lendable_copy(exclude: tuple[str, ...] = ()) -> Copy:
    """An available copy of a lendable, single-volume-or-not work nobody waits for."""
    waited = Hold.select(Hold.work).where(Hold.status.in_(HOLD_ACTIVE))
    return (
        Copy.select(Copy, Work)
        .join(Work)
        .where(
            (Copy.status == "available")
            & (Work.access == "lendable")
            & Copy.work.not_in(waited)
            & Copy.barcode.not_in(exclude)
        )
        .order_by(Copy.barcode)
        .first()
    )


def borrower(role: str, *, clean: bool = True) -> Borrower:
    """An active borrower of ``role``; ``clean``: no loans and an unexpired membership."""
    query = Borrower.select().where((Borrower.role == role) & (Borrower.status == "active"))
    candidates = list(query.order_by(Borrower.member_no))
    if not clean:
        return candidates[0]
    busy = {loan.borrower_id for loan in Loan.select().where(Loan.returned_at.is_null())}
    return next(
        b
        for b in candidates
        if b.id not in busy and (b.expires is None or b.expires >= clock.today())
    )


def active_loan() -> Loan:
    return (
        Loan.select(Loan, Copy, Borrower)
        .join_from(Loan, Copy)
        .join_from(Loan, Borrower)
        .where(Loan.returned_at.is_null())
        .order_by(Loan.id)
        .first()
    )


def process(rounds: int = 3) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def lend_out(supervisor, barcodes: list[str], *, keep_free: tuple[int, ...] = ()) -> None:
    """Lend each copy to an active writer (not one of ``keep_free``), overriding limits."""
    from readingroom import circulation

    writer = next(
        b
        for b in Borrower.select()
        .where((Borrower.role == "writer") & (Borrower.status == "active"))
        .order_by(Borrower.member_no)
        if b.id not in keep_free
    )
    for barcode in barcodes:
        circulation.lend(
            supervisor, barcode, writer.member_no, override_reason="setting up the test"
        )


def available_copies(work_id: int, volume: int) -> list[str]:
    return [
        c.barcode
        for c in Copy.select()
        .where((Copy.work == work_id) & (Copy.volume == volume) & (Copy.status == "available"))
        .order_by(Copy.barcode)
    ]


def interface_words(root) -> list[str]:
    """Words the shell itself shows: buttons, placeholders, form labels, table headers."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QTableView

    words = [b.text() for b in root.findChildren(QAbstractButton) if b.text()]
    words += [e.placeholderText() for e in root.findChildren(QLineEdit) if e.placeholderText()]
    words += [
        label.text()
        for label in root.findChildren(QLabel)
        if label.buddy() is not None and label.text()
    ]
    for view in root.findChildren(QTableView):
        model = view.model()
        words += [
            str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
        ]
    return words
