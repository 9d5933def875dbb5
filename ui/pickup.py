"""Set-aside copies past their pickup date, as the window meets them.

When desk staff sign in (or the window opens for them), holds whose set-aside copy was not
collected by its pickup date expire (:func:`readingroom.holds.expire_set_aside`, in the
calls thread): each copy passes to the next in line or goes back on the shelf, and the
status bar says which, so the copies are moved on the hold shelf. Nothing past its date
writes nothing. An inspector's sign-in changes nothing. :class:`PastPickupNote` is the
desk's line listing the set-aside copies past their pickup date.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from readingroom import holds
from readingroom.browse import waiting
from readingroom.browse.waiting import SetAsideLine
from readingroom.holds import HoldsExpired
from ui.models import labels
from ui.operations import Changes, CollectionOp, QueryOp
from ui.session import Session


def tr(text: str) -> str:
    return QCoreApplication.translate("Pickup", text)


def expired_text(result: HoldsExpired) -> str:
    """What expired, in one line: each copy and where it goes now."""
    expired = result.expired
    moves = [
        labels.fill(tr("%1 now set aside for %2"), gone.barcode, gone.passed_to)
        if gone.passed_to
        else labels.fill(tr("%1 back to the shelf"), gone.barcode)
        for gone in expired
    ]
    head = (
        tr("1 set-aside hold expired, not collected in time")
        if len(expired) == 1
        else labels.fill(tr("%1 set-aside holds expired, not collected in time"), len(expired))
    )
    return f"{head}: {'; '.join(moves)}."


def expire_on_sign_in(window: QWidget, session: Session) -> None:
    """Expire the holds past their pickup date for desk staff now signed in."""
    if not session.can_change:
        return
    actor = session.actor

    def expire(count: int) -> None:
        if count:
            CollectionOp(
                window, lambda: holds.expire_set_aside(actor), Changes.named("hold")
            ).success(lambda expired: session.show_status(expired_text(expired))).run()

    QueryOp(window, lambda: len(holds.past_pickup())).success(expire).run()


class PastPickupNote(QLabel):
    """A line for the desk: the set-aside copies past their pickup date (hidden when there
    are none), read in the calls thread at each :meth:`refresh`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pastPickupNote")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAccessibleName(tr("Set-aside copies past their pickup date"))
        self.lines: list[SetAsideLine] = []
        self.asked = 0
        self.hide()

    def refresh(self) -> None:
        self.asked += 1
        asked = self.asked
        QueryOp(self, lambda: waiting.past_pickup()).success(
            lambda lines: self._show(asked, lines)
        ).run()

    def _show(self, asked: int, lines: list[SetAsideLine]) -> None:
        if asked != self.asked:
            return  # asked again since
        self.lines = lines
        self.setVisible(bool(lines))
        self.setText(past_pickup_text(lines) if lines else "")


#: set-aside copies past their pickup date named one by one
NAMED = 4


def past_pickup_text(lines: list[SetAsideLine]) -> str:
    """``2 set-aside copies are past their pickup date: RR00008 for W-1002 (collect by
    …); …``, the first few named."""
    named = [
        labels.fill(
            tr("%1 for %2 (collect by %3)"),
            line.barcode,
            line.member_no,
            labels.day(line.pickup_by),
        )
        for line in lines[:NAMED]
    ]
    if len(lines) > NAMED:
        named.append(labels.fill(tr("and %1 more"), len(lines) - NAMED))
    head = (
        tr("1 set-aside copy is past its pickup date")
        if len(lines) == 1
        else labels.fill(tr("%1 set-aside copies are past their pickup date"), len(lines))
    )
    return f"{head}: {'; '.join(named)}."
