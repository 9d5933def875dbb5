"""Refused attempts the inspector asks about, kept in the audit trail.

A lend refused because the borrower's role may never borrow (``ROLE_NOT_PERMITTED``: a
civilian), because the copy is not for taking home (``NOT_FOR_LOAN``) or because a
restriction withholds it (``RESTRICTED``) is an attempt someone made, and the trail keeps
it: a ``lend-refused`` entry naming who tried, for whom, which copy and every code of the
refusal. The entry changes nothing else (no row, no after-image); the refusal itself, its
message and its exit code, is exactly what it was.

A refusal rolls its transaction back, and the entry must outlive that: the attempt is
noted (:func:`noted`) after the lend's own write has ended and written in a write of its
own. When the lend ran inside a caller's write (a savepoint), that write may roll back as
well, so the attempt waits in this thread's queue and is written as soon as the outermost
write has ended, committed or rolled back (:data:`readingroom.store.db.AFTER_WRITE_HOOKS`).
An attempt that cannot be written then (the file locked by another program, the disk full)
stays queued for the end of the next write; recording it never turns the refusal into
another error.

The desk refuses before anyone presses a key: a copy scanned for a borrower it may not go
to is refused on the screen. :func:`record_desk_refusal` is the desk's write for that
moment: it decides again inside the write and records the attempt only if the refusal
still stands (it never lends).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from readingroom import audit, clock
from readingroom.borrowers import get_borrower
from readingroom.catalogue import get_copy
from readingroom.decision import Decision, decide_lend
from readingroom.errors import EnvironmentProblem, ReadingRoomError, Refused
from readingroom.messages import Code
from readingroom.staff import Actor, require_desk
from readingroom.store.db import AFTER_WRITE_HOOKS, current_path, database, write_transaction
from readingroom.store.models import StaffUser

log = logging.getLogger(__name__)

#: the audit action of a refused attempt
LEND_REFUSED = "lend-refused"
#: the refusals recorded: what no override opens and an inspector asks about
RECORDED_CODES = frozenset(
    {Code.ROLE_NOT_PERMITTED.value, Code.RESTRICTED.value, Code.NOT_FOR_LOAN.value}
)


@dataclass
class _Attempt:
    database: str | None
    actor: StaffUser
    barcode: str
    details: dict[str, Any] = field(default_factory=dict)


class _Queue(threading.local):
    def __init__(self) -> None:
        self.attempts: list[_Attempt] = []
        self.writing = False


_queue = _Queue()


def matters(decision: Decision) -> bool:
    """Whether a refusal is one the trail keeps."""
    return not decision.allowed and any(code in RECORDED_CODES for code in decision.codes)


@contextmanager
def recorded(
    actor: StaffUser,
    barcode: str,
    member_no: str,
    *,
    on: date | None = None,
    override_reason: str | None = None,
    where: str = "lend",
) -> Iterator[None]:
    """Around a lend's write: a :class:`Refused` that :func:`matters` leaving it is noted
    (:func:`noted`) and goes on unchanged."""
    try:
        yield
    except Refused as refusal:
        noted(
            actor,
            refusal.decision,
            barcode,
            member_no,
            on=on,
            override_reason=override_reason,
            where=where,
        )
        raise


def noted(
    actor: StaffUser,
    decision: Decision,
    barcode: str,
    member_no: str,
    *,
    on: date | None = None,
    override_reason: str | None = None,
    where: str = "lend",
) -> None:
    """Keep a refused attempt in the trail when it :func:`matters`: now, outside any write,
    or when the caller's outermost write has ended. Never raises."""
    if not matters(decision):
        return
    try:
        attempt = _attempt(actor, decision, barcode, member_no, on, override_reason, where)
    except Exception:  # recording an attempt never replaces the refusal
        log.exception("a refused attempt could not be prepared for the audit trail")
        return
    _queue.attempts.append(attempt)
    if database.obj is not None and database.transaction_depth() == 0:
        write_noted()


def _attempt(
    actor: StaffUser,
    decision: Decision,
    barcode: str,
    member_no: str,
    on: date | None,
    override_reason: str | None,
    where: str,
) -> _Attempt:
    copy, borrower = _stored(barcode, member_no)
    details: dict[str, Any] = {
        "barcode": copy.barcode if copy is not None else barcode,
        "member_no": borrower.member_no if borrower is not None else member_no,
        "role": borrower.role if borrower is not None else None,
        "refused": list(decision.codes),
        "via": where,
    }
    if on is not None and on != clock.today():
        details["lend_day"] = on.isoformat()
    if override_reason is not None and override_reason.strip():
        details["override_reason"] = override_reason.strip()
    return _Attempt(current_path(), actor, str(details["barcode"]), details)


def _stored(barcode: str, member_no: str) -> tuple[Any, Any]:
    """The copy and the borrower as stored (their codes as the catalogue writes them)."""
    try:
        copy = get_copy(barcode)
    except ReadingRoomError:
        copy = None
    try:
        borrower = get_borrower(member_no)
    except ReadingRoomError:
        borrower = None
    return copy, borrower


def write_noted() -> None:
    """Write this thread's queued attempts, each in a write of its own (oldest first).

    An attempt of another catalogue (the window opened another file meanwhile) is dropped
    with a logged warning; one that meets a locked file or a full disk waits for the end of
    the next write. Never raises."""
    if _queue.writing or not _queue.attempts:
        return
    _queue.writing = True
    try:
        while _queue.attempts:
            attempt = _queue.attempts[0]
            if attempt.database != current_path():
                log.warning("a refused attempt of another catalogue was not recorded")
                _queue.attempts.pop(0)
                continue
            try:
                with write_transaction():
                    audit.record(
                        attempt.actor, LEND_REFUSED, "copy", attempt.barcode, attempt.details
                    )
            except EnvironmentProblem:
                log.warning("a refused attempt waits for the next write", exc_info=True)
                return
            except Exception:
                log.exception("a refused attempt could not be recorded")
            _queue.attempts.pop(0)
    finally:
        _queue.writing = False


def pending() -> int:
    """How many refused attempts of this thread wait to be written."""
    return len(_queue.attempts)


AFTER_WRITE_HOOKS.append(write_noted)


def record_desk_refusal(actor: Actor | None, barcode: str, member_no: str) -> Decision:
    """The desk showed a lend of ``barcode`` to ``member_no`` refused: decide again inside a
    write and, if the refusal stands and :func:`matters`, record the attempt. Lends nothing;
    returns the decision as it is now."""
    actor = require_desk(actor)
    with write_transaction():
        copy, borrower = get_copy(barcode), get_borrower(member_no)
        decision = decide_lend(copy, borrower, clock.today())
        if matters(decision):
            details = _attempt(actor, decision, barcode, member_no, None, None, "desk").details
            audit.record(actor, LEND_REFUSED, "copy", copy.barcode, details)
    return decision
