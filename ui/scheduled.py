"""Restrictions whose end day has come, as the window meets them.

When desk staff sign in (or the window opens for them), every restriction whose end day has
come is recorded as lifted by schedule (:func:`readingroom.restrictions.lift_due`, in the
calls thread) and the status bar says which. None due writes nothing; an inspector's sign-in
changes nothing (the decision stops reading a restriction on its end day either way).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from readingroom import restrictions
from readingroom.restrictions import LiftedBySchedule
from ui.models import labels
from ui.operations import Changes, CollectionOp, QueryOp
from ui.session import Session


def tr(text: str) -> str:
    return QCoreApplication.translate("Scheduled", text)


def lifted_text(result: LiftedBySchedule) -> str:
    lifted = result.lifted
    named = ", ".join(str(found.id) for found in lifted)
    if len(lifted) == 1:
        return labels.fill(tr("Restriction %1 lifted by schedule (its end day has come)."), named)
    return labels.fill(tr("Restrictions %1 lifted by schedule (their end day has come)."), named)


def lift_on_sign_in(window: QWidget, session: Session) -> None:
    """Record the restrictions whose end day has come, for desk staff now signed in."""
    if not session.can_change:
        return
    actor = session.actor

    def lift(due: int) -> None:
        if due:
            CollectionOp(
                window, lambda: restrictions.lift_due(actor), Changes(catalogue=True, audit=True)
            ).success(lambda lifted: session.show_status(lifted_text(lifted))).run()

    QueryOp(window, lambda: len(restrictions.due_to_lift())).success(lift).run()
