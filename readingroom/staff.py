"""Staff accounts: argon2id passwords, sign-in with lockout, and role checks.

Every service function that changes something calls :func:`require` with the roles it
needs, so the inspector's read-only access and the supervisor's overrides hold in the
service layer, whatever front door (window or command line) calls it.
"""

from __future__ import annotations

import secrets
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from readingroom import audit, clock, seals
from readingroom.errors import BadInput, DatabaseLocked, NotFound, NotPermitted
from readingroom.messages import said
from readingroom.standing import check_actor
from readingroom.store.db import database, write_transaction
from readingroom.store.models import STAFF_ROLES, Setting, StaffUser
from readingroom.vocabulary import StaffRole

#: who acts: a signed-in staff account (front doors type with this, not the store's model)
Actor = StaffUser

LIBRARIAN, SUPERVISOR, INSPECTOR = StaffRole.LIBRARIAN, StaffRole.SUPERVISOR, StaffRole.INSPECTOR
DESK_ROLES = (LIBRARIAN, SUPERVISOR)
LOCK_AFTER_FAILURES = 5
FIRST_LOCK = timedelta(minutes=1)
MIN_PASSWORD_LENGTH = 10
#: the longest full name (letters and reports print it in a signature line)
MAX_FULL_NAME_LENGTH = 100
#: the setting that marks the demo collection ("1"), as readingroom.settings names it
DEMO_SETTING = "demo"
#: the one answer to a failed sign-in, whatever failed (the name, the password, a lock)
WRONG_NAME_OR_PASSWORD = said(
    "Wrong name or password. Repeated failures lock an account for a "
    "while: wait, or ask a supervisor to unlock it."
)

#: the demo collection's accounts (user name, password, role, full name): their passwords
#: are printed in the README, so no other catalogue accepts them
DEMO_ACCOUNTS = (
    ("librarian", "librarian", "librarian", "Kim Eun-ha"),
    ("supervisor", "supervisor", "supervisor", "Park Sang-ho"),
    ("inspector", "inspector", "inspector", "Lee Min-jae"),
)

_hasher = PasswordHasher()
#: argon2id of a random secret, made with PasswordHasher()'s default parameters
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$rJ0Vrn1RPmhlFvR6Mj8frA$"
    "IcUUFCltpLEp0+aCNt68ratwpeSgGUFUAU39PPaEFns"
)
_dummies: dict[tuple[int, int, int], str] = {}


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    """Whether ``password`` is the one ``password_hash`` was made from."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def signed_in(actor: StaffUser | None) -> StaffUser:
    """``actor``, or :class:`NotPermitted` when nobody is signed in (a front door's session
    may have been signed out or locked by the time its action runs)."""
    if actor is None:
        raise NotPermitted(said("Not signed in."))
    return actor


def require(actor: StaffUser | None, *roles: str) -> StaffUser:
    """The actor, if signed in with one of ``roles``; otherwise :class:`NotPermitted`."""
    actor = signed_in(actor)
    if actor.role not in roles:
        wanted = " or ".join(roles)
        raise NotPermitted(
            said(
                "{user} ({role}) may not do this: it needs a {wanted}.",
                user=actor.username,
                role=actor.role,
                wanted=wanted,
            )
        )
    if not database.is_closed():  # early, before any file is written; the binding
        check_actor(actor)  # check is audit.record's, inside the write
    return actor


def require_desk(actor: StaffUser | None) -> StaffUser:
    """Changes to the collection: librarians and supervisors, never the inspector."""
    return require(actor, *DESK_ROLES)


def require_supervisor(actor: StaffUser | None) -> StaffUser:
    return require(actor, SUPERVISOR)


def clean_full_name(full_name: str, *, required: bool = False) -> str:
    """A staff member's full name as kept: spaces trimmed; "" is no full name (letters and
    reports then sign with the user name) unless ``required`` (a name was asked for).
    Refused (:class:`BadInput`, nothing changed): empty when required, a control character
    (a tab, a line break, an escape), more than :data:`MAX_FULL_NAME_LENGTH` characters."""
    name = full_name.strip()
    if not name and required:
        raise BadInput(said("The full name is empty; give a name or leave the option out."))
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in name):
        raise BadInput(
            said(
                "The full name has a control character (a tab, a line break or the like); "
                "type it on one line."
            )
        )
    if len(name) > MAX_FULL_NAME_LENGTH:
        raise BadInput(
            said(
                "The full name has {length} characters; at most {most} fit "
                "on a letter's signature line.",
                length=len(name),
                most=MAX_FULL_NAME_LENGTH,
            )
        )
    return name


def _check_new(username: str, role: str, password: str, demo: bool = False) -> None:
    if not username.strip() or any(c.isspace() for c in username):
        raise BadInput(said("A staff user name must be one word with no spaces."))
    if role not in STAFF_ROLES:
        raise BadInput(
            said(
                "Unknown staff role {value}: use one of {choices}.",
                value=repr(role),
                choices=", ".join(STAFF_ROLES),
            )
        )
    if not _is_demo_account(username, role, password):
        check_password(password, demo=demo)


def check_password(password: str, *, demo: bool = False) -> None:
    """A new or changed password: at least :data:`MIN_PASSWORD_LENGTH` characters, and
    not one of the demo's passwords (printed in the README) outside the demo catalogue
    (``demo``: the catalogue being made is the demo)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise BadInput(
            said(
                "The password must have at least {length} characters; nothing was changed.",
                length=MIN_PASSWORD_LENGTH,
            )
        )
    if password in _demo_passwords() and not (demo or _on_demo()):
        raise BadInput(
            said(
                "That is a demo account's password, known to anyone who has read "
                "the manual; choose another. Nothing was changed."
            )
        )


def _demo_passwords() -> set[str]:
    return {account[1] for account in DEMO_ACCOUNTS}


def _on_demo() -> bool:
    """Whether the open catalogue is the demo collection (False with none open yet). The
    setting is read from its table here: :mod:`readingroom.settings` is above staff (its
    changes need a supervisor)."""
    try:
        row = Setting.get_or_none(Setting.key == DEMO_SETTING)
        return row is not None and row.value == "1"
    except AttributeError:  # no catalogue open: a new file's first supervisor
        return False


def _is_demo_account(username: str, role: str, password: str) -> bool:
    """The demo collection's three accounts keep their public passwords (and only they,
    and only on the demo catalogue)."""
    return _on_demo() and any(
        (username, password, role) == account[:3] for account in DEMO_ACCOUNTS
    )


@dataclass(frozen=True)
class StaffSaved:
    """What adding a staff account or changing one did, so neither front door reads it again.

    ``user`` is the account as it is now (after a new password or an unlock: no failed
    sign-ins, not locked; after enabling or disabling: ``active`` as set); ``action`` is the
    audit entry's action (``staff-add``, ``staff-password``, ``staff-unlock``,
    ``staff-enable``, ``staff-disable`` or ``staff-edit``); ``seal_key`` says whether the
    account has a seal key made or re-encrypted by this change (a supervisor's: see
    :mod:`readingroom.seals`).
    """

    user: StaffUser
    action: str
    seal_key: bool = False


def _as_saved(user: StaffUser, action: str, seal_key: bool = False, **values: object) -> StaffSaved:
    """The result of an ``update`` of ``user`` with ``values``: the row as it is now."""
    for name, value in values.items():
        setattr(user, name, value)
    user._dirty.clear()  # type: ignore[attr-defined]  # as saved; peewee-stubs omit Model._dirty
    return StaffSaved(user, action, seal_key)


def create_first_supervisor(
    username: str, password: str, full_name: str = "", *, demo: bool = False
) -> StaffUser:
    """The first account of a new catalogue (no one is signed in yet to create it);
    ``demo``: the catalogue is the demo collection, whose supervisor's password is public."""
    _check_new(username, SUPERVISOR, password, demo)
    with write_transaction():
        if StaffUser.select().exists():
            raise BadInput(said("This catalogue already has staff accounts; sign in to add more."))
        user = _insert(username, SUPERVISOR, password, full_name)
        audit.record(user, "staff-add", "staff", username, {"role": SUPERVISOR, "first": True})
        seals.enrol(user, username, SUPERVISOR, password, attach_to=user)  # the root key
    return user


def add_staff(
    actor: StaffUser, username: str, role: str, password: str, full_name: str = ""
) -> StaffSaved:
    require_supervisor(actor)
    _check_new(username, role, password)
    with write_transaction():
        if StaffUser.get_or_none(StaffUser.username == username):
            raise BadInput(
                said("A staff account named {name} already exists.", name=repr(username))
            )
        user = _insert(username, role, password, full_name)
        audit.record(actor, "staff-add", "staff", username, {"role": role})
        key = seals.enrol(actor, username, role, password)  # a supervisor's, certified by actor
    return StaffSaved(user, "staff-add", key is not None)


def _insert(username: str, role: str, password: str, full_name: str) -> StaffUser:
    return StaffUser.create(
        username=username,
        role=role,
        full_name=clean_full_name(full_name),
        password_hash=hash_password(password),
        created_at=clock.now(),
    )


def get_staff(username: str) -> StaffUser:
    user = StaffUser.get_or_none(StaffUser.username == username)
    if user is None:
        raise NotFound(said("No staff account named {name}.", name=repr(username)))
    return user


def list_staff() -> list[StaffUser]:
    return list(StaffUser.select().order_by(StaffUser.username))


def authenticate(username: str, password: str) -> StaffUser:
    """The signed-in user, or :class:`NotPermitted` (failures are counted and audited).

    An unknown name, a wrong password and a locked account get the same answer
    (:data:`WRONG_NAME_OR_PASSWORD`) after the same work: the password is checked against
    the account's hash, or against :func:`dummy_hash` for an unknown name, so neither the
    words nor the time tell whether a name exists. While an account is locked even its
    right password gets that answer (no guessing through a lock). Only the right password
    of a disabled account hears that it is disabled.
    """
    user = StaffUser.get_or_none(StaffUser.username == username)
    matches = password_matches(user.password_hash if user else dummy_hash(), password)
    now = clock.now()
    if user is None:
        _record_failure(None, username, "unknown user")
    elif user.locked_until and user.locked_until > now:
        _record_failure(None, username, "account locked")
    elif not matches:
        _record_failure(user, username, "wrong password")
    elif not user.active:
        _record_failure(None, username, "account disabled")
        raise NotPermitted(
            said("The account {name} is disabled; ask a supervisor.", name=repr(username))
        )
    elif not seals.unlock(user, password):  # a supervisor's seal key, in memory
        _record_failure(None, username, "seal key does not open")
        raise NotPermitted(
            said(
                "The seal key of {name} does not open with this password: "
                "the password was set outside the program. Nothing was done; "
                "ask another supervisor to reset it.",
                name=repr(username),
            )
        )
    else:
        if user.failed_attempts:
            _write_patiently(
                lambda: (
                    StaffUser.update(failed_attempts=0, locked_until=None)
                    .where(StaffUser.id == user.id)
                    .execute()
                )
            )
            user.failed_attempts, user.locked_until = 0, None
        return user
    raise NotPermitted(WRONG_NAME_OR_PASSWORD)


def dummy_hash() -> str:
    """A hash of a secret nobody knows, made with the hasher's own parameters: what an
    unknown name's password is checked against, so it costs what a known name's does."""
    if not _hasher.check_needs_rehash(_DUMMY_HASH):
        return _DUMMY_HASH
    key = (_hasher.time_cost, _hasher.memory_cost, _hasher.parallelism)
    if key not in _dummies:
        _dummies[key] = _hasher.hash(secrets.token_urlsafe(24))
    return _dummies[key]


def _write_patiently(write: Callable[[], object]) -> None:
    """Run ``write`` in a write transaction, however long another program holds the lock:
    a failed sign-in is never lost, and its answer waits until it is recorded."""
    while True:
        try:
            with write_transaction():
                write()
            return
        except DatabaseLocked:
            time.sleep(0.05)


def _record_failure(user: StaffUser | None, username: str, why: str) -> None:
    _write_patiently(lambda: _count_failure(user, username, why))


def _count_failure(user: StaffUser | None, username: str, why: str) -> None:
    details: dict[str, object] = {"reason": why}
    if user is not None:
        fresh = StaffUser.get_by_id(user.id)
        attempts = fresh.failed_attempts + 1
        locked_until = None
        if attempts >= LOCK_AFTER_FAILURES:
            locked_until = clock.now() + FIRST_LOCK * 2 ** (attempts - LOCK_AFTER_FAILURES)
            details["locked_until"] = locked_until.isoformat()
        StaffUser.update(failed_attempts=attempts, locked_until=locked_until).where(
            StaffUser.id == user.id
        ).execute()
        details["attempts"] = attempts
    audit.record(username, "sign-in-failed", "staff", username, details)


def record_sign_in(user: StaffUser) -> None:
    """The window's sign-ins are audited (the command line's are not: read-only stays so)."""
    with write_transaction():
        audit.record(user, "sign-in", "staff", user.username, {"role": user.role})
        seals.after_sign_in(user)  # store/certify seal keys, then seal the chain head


def unlock(actor: StaffUser, username: str) -> StaffSaved:
    require_supervisor(actor)
    with write_transaction():
        user = get_staff(username)
        StaffUser.update(failed_attempts=0, locked_until=None).where(
            StaffUser.id == user.id
        ).execute()
        audit.record(actor, "staff-unlock", "staff", username)
    return _as_saved(user, "staff-unlock", failed_attempts=0, locked_until=None)


def set_password(
    actor: StaffUser, username: str, password: str, old_password: str | None = None
) -> StaffSaved:
    """Change one's own password (old one required) or, as a supervisor, reset another's."""
    if actor.username != username:
        require_supervisor(actor)
    elif old_password is not None:
        try:
            _hasher.verify(actor.password_hash, old_password)
        except (VerificationError, InvalidHashError):
            raise NotPermitted(said("The current password is wrong.")) from None
    check_password(password)
    with write_transaction():
        user = get_staff(username)
        hashed = hash_password(password)
        StaffUser.update(password_hash=hashed, failed_attempts=0, locked_until=None).where(
            StaffUser.id == user.id
        ).execute()
        audit.record(actor, "staff-password", "staff", username)
        seals.password_changed(actor, username, password, old_password)  # re-encrypt/new key
    return _as_saved(
        user,
        "staff-password",
        user.role == SUPERVISOR,
        password_hash=hashed,
        failed_attempts=0,
        locked_until=None,
    )


def set_full_name(actor: StaffUser, username: str, full_name: str) -> StaffSaved:
    """Give an account its full name (supervisor), audited (``staff-edit``: the old and the
    new name). Letters, reports and signature lines print it from then on; the user name
    still identifies the account in the audit trail. BadInput for an empty name, a control
    character or a name too long for a signature line."""
    require_supervisor(actor)
    name = clean_full_name(full_name, required=True)
    with write_transaction():
        user = get_staff(username)
        old = user.full_name
        if name == old:
            return _as_saved(user, "staff-edit")
        StaffUser.update(full_name=name).where(StaffUser.id == user.id).execute()
        audit.record(
            actor, "staff-edit", "staff", username, {"full_name": {"old": old, "new": name}}
        )
    return _as_saved(user, "staff-edit", full_name=name)


def set_active(actor: StaffUser, username: str, active: bool) -> StaffSaved:
    require_supervisor(actor)
    if actor.username == username and not active:
        raise BadInput(said("You cannot disable your own account."))
    action = "staff-enable" if active else "staff-disable"
    with write_transaction():
        user = get_staff(username)
        StaffUser.update(active=active).where(StaffUser.id == user.id).execute()
        audit.record(actor, action, "staff", username)
    return _as_saved(user, action, active=active)
