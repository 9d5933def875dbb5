"""Two people for acts that remove a copy: the second staff member's confirmation.

Marking a copy ``lost`` or ``withdrawn`` and closing the reading room while copies are still
out take a copy out of the collection's reach; one person under pressure must not be able to
do it alone. :func:`second_person` is the one check every such act calls before its write:
another staff member (a librarian or a supervisor, never the inspector, never the actor
again) signs in with their own password, counted and audited like any sign-in. The act then
names both people in its audit entry (``confirmed_by``) and in the custody ledger.

The command line takes ``--confirmed-by NAME`` with that person's password on standard
input; the window asks the second person to sign in on the spot.
"""

from __future__ import annotations

from readingroom import staff
from readingroom.errors import BadInput, NotPermitted
from readingroom.messages import said
from readingroom.staff import DESK_ROLES, Actor
from readingroom.store.models import StaffUser

#: what a missing confirmation says (the act is not permitted alone)
NEEDS_SECOND = "needs a second staff member's confirmation (another person signs in to confirm it)"


class ConfirmationNeeded(NotPermitted):
    """The act is allowed to this actor, but only with a second staff member's confirmation,
    and none was given (exit 5). The window answers it by asking the second person to sign
    in on the spot, then repeats the act with them."""


def second_person(actor: Actor | None, username: str | None, password: str) -> StaffUser:
    """The staff member who confirms ``actor``'s act, signed in with ``password``.

    :class:`NotPermitted` (exit 5) when nobody is named, when the name is the actor's own
    (the same person twice), when the sign-in fails (the usual answer; failures count
    towards the lock) or when the account may not confirm (the inspector changes nothing).
    """
    actor = staff.signed_in(actor)
    name = (username or "").strip()
    if not name:
        raise NotPermitted(
            said(
                "This act needs a second staff member's confirmation (another person signs "
                "in to confirm it)."
            )
        )
    if name.casefold() == actor.username.casefold():
        raise NotPermitted(
            said(
                "{user} cannot confirm their own act: a second, different staff "
                "member must confirm it. Nothing was changed.",
                user=actor.username,
            )
        )
    if not isinstance(password, str) or not password:
        raise BadInput(said("No password was given for {name}; nothing was changed.", name=name))
    other = staff.authenticate(name, password)
    if other.id == actor.id:
        raise NotPermitted(
            said("The same person cannot confirm their own act. Nothing was changed.")
        )
    if other.role not in DESK_ROLES:
        raise NotPermitted(
            said(
                "{user} ({role}) may not confirm: a librarian or a supervisor "
                "must. Nothing was changed.",
                user=other.username,
                role=other.role,
            )
        )
    return other


def require_confirmation(actor: StaffUser, confirmer: StaffUser | None, what: str) -> StaffUser:
    """``confirmer``, checked again inside the act's write: present, someone else, still a
    desk role (:class:`NotPermitted` otherwise). ``what`` names the act in the message."""
    if confirmer is None:
        raise ConfirmationNeeded(
            said(
                "{act} needs a second staff member's confirmation (another person signs "
                "in to confirm it).",
                act=what,
            )
        )
    if confirmer.id == actor.id or confirmer.username == actor.username:
        raise NotPermitted(
            said(
                "{act}: {user} cannot confirm their own act. Nothing was changed.",
                act=what,
                user=actor.username,
            )
        )
    if confirmer.role not in DESK_ROLES:
        raise NotPermitted(
            said(
                "{act}: {user} ({role}) may not confirm.",
                act=what,
                user=confirmer.username,
                role=confirmer.role,
            )
        )
    return confirmer
