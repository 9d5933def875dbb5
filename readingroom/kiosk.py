"""Kiosk PINs: a writer acts on the writers' screen only as themselves.

Staff set (or clear) a borrower's PIN of 4 to 8 digits; only its argon2id hash is kept
(table ``borrower_kiosk``, migration 0006) and neither the PIN nor its hash is ever shown
or audited. Five wrong PINs in a row lock that member's use of the writers' screen for
:data:`LOCK_FOR` (the lock and the count live in the database, so a restart does not lift
them). Every refusal there is audited with its real reason, while the screen itself says
only :data:`NOT_HERE`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from peewee import DateTimeField, ForeignKeyField, IntegerField, TextField, fn

from readingroom import audit, clock, codes, staff
from readingroom.borrowers import get_borrower
from readingroom.errors import BadInput
from readingroom.messages import said
from readingroom.store.db import BaseModel, write_transaction
from readingroom.store.models import AuditEntry, Borrower, StaffUser
from readingroom.store.rows import scalar_int

PIN_DIGITS = (4, 8)
LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=15)
#: this many wrong tries on the writers' screen (any member numbers, known or not) within
#: :data:`LOCK_FOR` lock the screen for everyone: a PIN sprayed over many member numbers,
#: four tries each, never meets a member's own lock
SCREEN_LOCK_AFTER = 20
SCREEN_LOCKED = "writers' screen locked"
#: the audited refusal reasons that count as a wrong try on the screen
WRONG_TRIES = ("wrong PIN", "unknown member", "no PIN")
#: all the writers' screen ever says when it does not join a list, whatever the reason
NOT_HERE = said("Not possible here: ask at the desk.")
#: at most this much of a typed member number goes into the audit trail
MEMBER_NO_KEPT = 40


class BorrowerKiosk(BaseModel):
    """A borrower's kiosk PIN (hashed), wrong tries and lock."""

    borrower = ForeignKeyField(Borrower, primary_key=True, on_delete="CASCADE")
    pin_hash = TextField(null=True)
    failures = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    pin_set_at = DateTimeField(null=True)


@dataclass(frozen=True)
class Check:
    """What a member number and PIN turned out to be (``reason`` empty when admitted)."""

    borrower: Borrower | None
    pin_hash: str | None
    reason: str


@dataclass(frozen=True)
class PinChanged:
    """What setting or clearing a borrower's PIN for the writers' screen did (the PIN itself
    is never given back): ``member_no`` whose PIN it is; ``has_pin`` whether they have one
    now; ``set_at`` when the new PIN was set (None when cleared). Either way their wrong
    tries are forgotten and any lock lifted."""

    member_no: str
    has_pin: bool
    set_at: datetime | None


def check_pin_format(pin: str) -> str:
    """``pin`` if it is 4 to 8 digits (0-9); otherwise :class:`BadInput`."""
    low, high = PIN_DIGITS
    if not (low <= len(pin) <= high and all(c in "0123456789" for c in pin)):
        raise BadInput(
            said("A PIN is {low} to {high} digits (0-9); nothing was changed.", low=low, high=high)
        )
    return pin


def set_pin(actor: StaffUser, member_no: str, pin: str) -> PinChanged:
    """Give a borrower a new kiosk PIN (desk staff); clears their wrong tries and lock."""
    staff.require_desk(actor)
    pin_hash = staff.hash_password(check_pin_format(pin))
    with write_transaction():
        borrower, set_at = get_borrower(member_no), clock.now()
        values = {"pin_hash": pin_hash, "failures": 0, "locked_until": None, "pin_set_at": set_at}
        (
            BorrowerKiosk.insert(borrower=borrower.id, **values)
            .on_conflict(conflict_target=[BorrowerKiosk.borrower], update=values)
            .execute()
        )
        audit.record(actor, "kiosk-pin-set", "borrower", borrower.member_no)
    return PinChanged(borrower.member_no, True, set_at)


def clear_pin(actor: StaffUser, member_no: str) -> PinChanged:
    """Take a borrower's kiosk PIN away (desk staff): the writers' screen refuses them."""
    staff.require_desk(actor)
    with write_transaction():
        borrower = get_borrower(member_no)
        if not has_pin(borrower.member_no):
            raise BadInput(
                said("{member} has no PIN; nothing was changed.", member=borrower.member_no)
            )
        BorrowerKiosk.update(pin_hash=None, failures=0, locked_until=None).where(
            BorrowerKiosk.borrower == borrower.id
        ).execute()
        audit.record(actor, "kiosk-pin-clear", "borrower", borrower.member_no)
    return PinChanged(borrower.member_no, False, None)


def has_pin(member_no: str) -> bool:
    return (
        BorrowerKiosk.select()
        .join(Borrower)
        .where((Borrower.member_no == member_no) & BorrowerKiosk.pin_hash.is_null(False))
        .exists()
    )


def check(member_no: str, pin: str) -> Check:
    """Who typed this, and may they go on? Runs the PIN hash whatever the case, so an
    unknown member, a member without a PIN and a locked one take as long as a wrong PIN."""
    known = codes.scanned_member(member_no)  # typed or scanned in another form: w-1002
    borrower = Borrower.get_or_none(Borrower.member_no == known) if known else None
    entry = (
        BorrowerKiosk.get_or_none(BorrowerKiosk.borrower == borrower.id)
        if borrower is not None
        else None
    )
    stored = entry.pin_hash if entry is not None else None
    right = staff.password_matches(stored or staff.dummy_hash(), pin) and stored is not None
    if screen_locked():
        return Check(None, None, SCREEN_LOCKED)
    if borrower is None:
        return Check(None, None, "unknown member")
    if entry is not None and entry.locked_until and entry.locked_until > clock.now():
        return Check(borrower, stored, "kiosk locked")
    if stored is None:
        return Check(borrower, None, "no PIN")
    return Check(borrower, stored, "" if right else "wrong PIN")


def screen_locked() -> bool:
    """Whether :data:`SCREEN_LOCK_AFTER` wrong tries were made on the writers' screen in
    the last :data:`LOCK_FOR` (counted from the audit trail, so a restart does not lift it)."""
    since = (clock.now() - LOCK_FOR).isoformat()
    tries = scalar_int(
        AuditEntry.select(fn.COUNT(AuditEntry.id)).where(
            (AuditEntry.action == "kiosk-refused")
            & (AuditEntry.at >= since)
            & fn.json_extract(AuditEntry.details, "$.reason").in_(WRONG_TRIES)
        )
    )
    return tries >= SCREEN_LOCK_AFTER


def still_admitted(checked: Check) -> bool:
    """Inside the join's write: the PIN was not changed nor the member locked meanwhile;
    a right PIN clears the wrong tries."""
    assert checked.borrower is not None
    entry = BorrowerKiosk.get_or_none(BorrowerKiosk.borrower == checked.borrower.id)
    if (
        entry is None
        or entry.pin_hash != checked.pin_hash
        or (entry.locked_until and entry.locked_until > clock.now())
    ):
        return False
    if entry.failures:
        BorrowerKiosk.update(failures=0).where(
            BorrowerKiosk.borrower == checked.borrower.id
        ).execute()
    return True


def record_refusal(
    actor: StaffUser,
    member_no: str,
    checked: Check,
    reason: str,
    details: Mapping[str, object] | None = None,
) -> None:
    """Audit a refusal on the writers' screen (its own write, committed); a wrong PIN is
    counted and the fifth in a row locks the member out of the screen for a while."""
    staff.require_desk(actor)  # the staff account that opened the screen
    with write_transaction():
        about: dict[str, object] = {"reason": reason, **(details or {})}
        if reason == "wrong PIN" and checked.borrower is not None:
            about.update(_count_wrong_pin(checked.borrower))
        audit.record(actor, "kiosk-refused", "borrower", member_no.strip()[:MEMBER_NO_KEPT], about)


def _count_wrong_pin(borrower: Borrower) -> dict[str, object]:
    entry = BorrowerKiosk.get(BorrowerKiosk.borrower == borrower.id)
    failures, locked_until = entry.failures + 1, None
    if failures >= LOCK_AFTER:
        failures, locked_until = 0, clock.now() + LOCK_FOR
    BorrowerKiosk.update(failures=failures, locked_until=locked_until).where(
        BorrowerKiosk.borrower == borrower.id
    ).execute()
    if locked_until is not None:
        return {"locked_until": locked_until.isoformat()}
    return {"wrong_tries": failures}
