"""An actor's standing, checked again at every change: an open window is no key.

A window signed in at nine o'clock keeps its ``StaffUser`` object all day. Every change
calls :func:`check_actor` inside its write transaction (through ``audit.record``, which
every change calls, and through ``staff.require`` before it starts): the account is read
again from the database and must still exist, be enabled, not be locked, and hold the role
the actor object holds. Otherwise :class:`AccountWithdrawn` (exit 5) rolls the whole change
back. Front doors may listen (:func:`add_listener`) to sign the window out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from readingroom import clock
from readingroom.errors import NotPermitted
from readingroom.messages import Text, said
from readingroom.store.models import StaffUser

Listener = Callable[["AccountWithdrawn"], None]
_listeners: list[Listener] = []


class AccountWithdrawn(NotPermitted):
    """The signed-in account was disabled, locked, removed or given another role."""

    def __init__(self, message: str, username: str):
        super().__init__(message)
        self.username = username


def add_listener(listener: Listener) -> None:
    """Call ``listener`` with each :class:`AccountWithdrawn` before it is raised (the window
    signs out with it; a listener must not touch the database)."""
    if listener not in _listeners:
        _listeners.append(listener)


def remove_listener(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


#: the account as :func:`check_actor` reads it (written out: it runs at every change)
_ACCOUNT_SQL = "SELECT username, role, active, locked_until FROM staff_user WHERE id = ?"


def check_actor(actor: StaffUser) -> None:
    """Refuse unless ``actor``'s account still stands as it did when it signed in.

    A string actor (``"system"``, the name typed at a failed sign-in) has no account to
    check and passes.
    """
    if isinstance(actor, str) or actor is None:
        return
    row = StaffUser._meta.database.execute_sql(_ACCOUNT_SQL, (actor.id,)).fetchone()
    problem = _problem(actor, row)
    if problem:
        withdrawn = AccountWithdrawn(
            said(
                "{user}: {problem}. Nothing was changed; sign in again.",
                user=actor.username,
                problem=problem,
            ),
            actor.username,
        )
        for listener in list(_listeners):
            listener(withdrawn)
        raise withdrawn


def _problem(actor: StaffUser, row: tuple[Any, ...] | None) -> Text | None:
    if row is None or row[0] != actor.username:
        return said("this account no longer exists")
    _, role, active, locked_until = row
    if not active:
        return said("this account was disabled")
    if isinstance(locked_until, str):
        locked_until = datetime.fromisoformat(locked_until)
    if locked_until is not None and locked_until > clock.now():
        return said("this account is locked")
    if role != actor.role:
        return said(
            "this account's role changed from {role} to {new_role}", role=actor.role, new_role=role
        )
    return None
