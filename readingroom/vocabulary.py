"""The catalogue's closed vocabularies: every status, role and class the tables store.

Each is a ``StrEnum`` whose values are exactly the strings in the database, the CSV and
JSON exports and the command line's choices (contracts: never rename a value). A member
*is* its string, so it compares equal to what a query returns, binds as an SQL parameter
and prints as itself.

This is a foundation module (like ``errors`` and ``clock``): it imports nothing from
``readingroom``, so the store, the domain and the window can all use it.

Raw SQL builds its lists from here too, with :func:`placeholders` and the values as
parameters, rather than repeating the words in the query text.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Role(StrEnum):
    """A borrower's role."""

    WRITER = "writer"
    CADRE = "cadre"
    CIVILIAN = "civilian"


class BorrowerStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


class WorkAccess(StrEnum):
    """A work's access class."""

    LENDABLE = "lendable"
    READING_ROOM = "reading-room"
    STAFF_ONLY = "staff-only"


class LendingRule(StrEnum):
    """What the policy says for one role and access class."""

    LOAN = "loan"
    READING_ROOM = "reading-room"
    APPROVAL = "approval"
    NEVER = "never"


class StaffRole(StrEnum):
    LIBRARIAN = "librarian"
    SUPERVISOR = "supervisor"
    INSPECTOR = "inspector"


class CopyStatus(StrEnum):
    """Where a copy is: on the shelf, lent, set aside for a hold, or out of circulation."""

    AVAILABLE = "available"
    ON_LOAN = "on-loan"
    HELD = "held"
    MISSING = "missing"
    WITHDRAWN = "withdrawn"
    LOST = "lost"
    DAMAGED = "damaged"


class Condition(StrEnum):
    """A copy's physical condition, best first."""

    GOOD = "good"
    WORN = "worn"
    RAGGED = "ragged"
    DAMAGED = "damaged"


class HoldStatus(StrEnum):
    """A hold waits for a copy, is ready (a copy set aside), then fulfilled or cancelled,
    or expired (its copy was not collected within the pickup days)."""

    WAITING = "waiting"
    READY = "ready"
    FULFILLED = "fulfilled"
    CANCELLED = "cancelled"
    #: a set-aside copy not collected in time (migration 0015)
    EXPIRED = "expired"


class StocktakeStatus(StrEnum):
    OPEN = "open"
    SIGNED = "signed"


class StocktakeOutcome(StrEnum):
    """The outcome of each expected copy at a closed stocktake, then of unexpected barcodes."""

    PRESENT = "present"
    ON_LOAN = "on-loan"
    MISSING = "missing"
    MISPLACED = "misplaced"
    UNEXPECTED = "unexpected"
    #: found on a shelf while the records say it is on loan (migration 0013)
    PRESENT_ON_LOAN = "present-on-loan"


class ScanFlag(StrEnum):
    """What a stocktake scan can be flagged with (stored comma-separated on the scan)."""

    UNKNOWN = "unknown"
    REPEAT = "repeat"
    WRONG_LOCATION = "wrong-location"
    ON_LOAN = "on-loan"
    NOT_EXPECTED = "unexpected"


# every value of a vocabulary, in its order (for choices and checks)
ROLES = tuple(Role)
BORROWER_STATUSES = tuple(BorrowerStatus)
ACCESS_CLASSES = tuple(WorkAccess)
RULES = tuple(LendingRule)
STAFF_ROLES = tuple(StaffRole)
COPY_STATUSES = tuple(CopyStatus)
CONDITIONS = tuple(Condition)

#: copy statuses that take a copy out of circulation (not on the shelf, not lendable)
OUT_OF_CIRCULATION = (
    CopyStatus.MISSING,
    CopyStatus.WITHDRAWN,
    CopyStatus.LOST,
    CopyStatus.DAMAGED,
)
#: holds still in the queue: waiting for a copy or with one set aside
HOLD_ACTIVE = (HoldStatus.WAITING, HoldStatus.READY)


def placeholders(values: Iterable[object]) -> str:
    """``?, ?, ?``: one SQL parameter per value, for ``IN (...)`` lists."""
    return ", ".join("?" for _ in values)


def sql_list(values: Iterable[StrEnum]) -> str:
    """``'a', 'b'``: vocabulary values quoted for SQL text that cannot take parameters.

    Only for values of these enums (fixed words with no quotes in them), in query text
    built once at import; anything from outside goes in as a parameter.
    """
    words = [str(value) for value in values]
    if any("'" in word for word in words):
        raise ValueError("a vocabulary word may not contain a quote")
    return ", ".join(f"'{word}'" for word in words)


def sql_word(value: StrEnum) -> str:
    """``'a'``: one vocabulary value quoted for SQL text (see :func:`sql_list`)."""
    return sql_list((value,))


def shelf_status(condition: str) -> CopyStatus:
    """The status of a copy back on the shelf in ``condition``: a damaged one is taken out."""
    return CopyStatus.DAMAGED if condition == Condition.DAMAGED else CopyStatus.AVAILABLE
