"""Set-aside copies past their pickup date, as the window meets them.

When desk staff sign in (or the window opens for them), holds whose set-aside copy was not
collected by its pickup date expire (:func:`readingroom.holds.expire_set_aside`, in the
calls thread): each copy passes to the next in line or goes back on the shelf, and the
status bar says which, so the copies are moved on the hold shelf. Nothing past its date
writes nothing. An inspector's sign-in changes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from readingroom import holds
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
