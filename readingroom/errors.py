"""Typed errors: what the user did wrong, what the rules refuse, what the machine lacks.

Each carries the command line's exit code, so the CLI and the window agree on what a
failure means. Anything that is not a :class:`ReadingRoomError` is a bug.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from readingroom.messages import Worded, said

if TYPE_CHECKING:
    from readingroom.decision import Decision


class ReadingRoomError(Exception):
    """A failure the user can understand and act on (never shown as a traceback)."""

    exit_code = 1

    @property
    def message(self) -> str:
        """The message in English; a :class:`~readingroom.messages.Text` (a keyed message a
        front door shows in its language) when the error was raised with one."""
        if self.args and isinstance(self.args[0], str):
            return self.args[0]
        return str(self.args[0]) if self.args else self.__class__.__name__

    @property
    def lines(self) -> list[str]:
        """The message's lines, each a message of its own (keyed where it was raised so)."""
        return [self.message]


class BadInput(ReadingRoomError):
    """Input that cannot be accepted; nothing was changed."""


class NotFound(BadInput):
    """An unknown barcode, member number, user or record."""


class ImportFailed(BadInput):
    """An import refused as a whole; ``problems`` names every bad line."""

    def __init__(self, message: str, problems: list[str]):
        super().__init__(message)
        self.problems = problems

    @property
    def message(self) -> str:
        return "\n".join(self.lines)

    @property
    def lines(self) -> list[str]:
        return [self.args[0], *self.problems]


class Refused(ReadingRoomError):
    """The lending rules refuse; ``decision`` holds every reason."""

    exit_code = 3

    def __init__(self, decision: Decision):
        super().__init__("; ".join(r.message for r in decision.reasons) or "Refused")
        self.decision = decision


class NotPermitted(ReadingRoomError):
    """Not signed in, wrong password, locked/disabled account or a role without the right."""

    exit_code = 5


class AuditBroken(ReadingRoomError):
    """The audit trail's hash chain does not verify."""

    exit_code = 4


class EnvironmentProblem(ReadingRoomError):
    """The database or the disk cannot be used as it is; the message says what to do.

    ``sqlite``: what SQLite reported, when the problem came from it (its result code is what
    decided the class: :func:`readingroom.store.db.translate_error`)."""

    def __init__(self, message: str, *, sqlite: SqliteFailure | None = None):
        super().__init__(message)
        self.sqlite = sqlite


class DatabaseUnavailable(EnvironmentProblem):
    """Missing, read-only or unreachable database file."""


class DatabaseLocked(EnvironmentProblem):
    """Locked: another program holds the database locked for longer than the busy timeout
    (SQLITE_BUSY, SQLITE_LOCKED)."""


class DatabaseDamaged(EnvironmentProblem):
    """Damaged: the file is corrupt (SQLITE_CORRUPT), not a database (SQLITE_NOTADB), not a
    Reading Room database, or the passphrase is wrong."""


class WrongPassphrase(DatabaseDamaged):
    """An encrypted file the passphrase given does not open: SQLITE_NOTADB at the first
    read with a passphrase (its first page cannot be decrypted). A file whose first page is
    garbled looks the same to SQLCipher; callers that can tell the two apart (``restore``,
    with the catalogue's backups) do so."""


# -- what SQLite said, by its result code (never by its wording) ----------------------------

#: SQLite's primary result codes (sqlite3.h) this program tells apart
SQLITE_ERROR = 1  # the generic code: an SQL error, or a statement out of place
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
SQLITE_CONSTRAINT = 19
#: extended result codes: a guard trigger's RAISE(ABORT, ...), a UNIQUE index refusing a row
SQLITE_CONSTRAINT_TRIGGER = SQLITE_CONSTRAINT | 7 << 8
SQLITE_CONSTRAINT_UNIQUE = SQLITE_CONSTRAINT | 8 << 8
#: how deep :func:`sqlite_failure` looks through wrapped exceptions
_WRAPPED_DEPTH = 5
#: PostgreSQL's SQLSTATE of a refused row, as the SQLite code of the same refusal
#: (``23R01``: a guard trigger's RAISE, see readingroom.store.server_schema)
SERVER_CONSTRAINTS = {
    "23R01": SQLITE_CONSTRAINT_TRIGGER,
    "23505": SQLITE_CONSTRAINT_UNIQUE,
    "23514": SQLITE_CONSTRAINT | 1 << 8,  # SQLITE_CONSTRAINT_CHECK
    "23503": SQLITE_CONSTRAINT | 3 << 8,  # SQLITE_CONSTRAINT_FOREIGNKEY
    "23502": SQLITE_CONSTRAINT | 5 << 8,  # SQLITE_CONSTRAINT_NOTNULL
}


@dataclass(frozen=True)
class SqliteFailure:
    """What the SQLite library reported: its extended result code and name, and its text
    (only a guard trigger's text is ever read: see :func:`guard_word`)."""

    code: int
    name: str
    text: str

    @property
    def primary(self) -> int:
        """The primary result code (SQLITE_BUSY...), the extended code's low byte."""
        return self.code & 0xFF


def sqlite_failure(exc: BaseException | None) -> SqliteFailure | None:
    """What SQLite reported behind ``exc``, or None: the driver's exception carries it as
    ``sqlite_errorcode``/``sqlite_errorname`` (sqlite3 and sqlcipher3 alike), and peewee
    wraps that exception (keeping it as ``orig``, and as the context of its own)."""
    for each in wrapped(exc):
        code = getattr(each, "sqlite_errorcode", None)
        if isinstance(code, int):
            return SqliteFailure(code, str(getattr(each, "sqlite_errorname", "")), str(each))
        state = getattr(each, "sqlstate", None)
        if isinstance(state, str) and state in SERVER_CONSTRAINTS:
            # PostgreSQL's refusal of the same constraint (readingroom.store.server_schema)
            text = getattr(getattr(each, "diag", None), "message_primary", None) or str(each)
            return SqliteFailure(SERVER_CONSTRAINTS[state], state, str(text))
    return None


def wrapped(exc: BaseException | None) -> Iterator[BaseException]:
    """``exc`` and the driver's exceptions behind it, outermost first (peewee keeps the
    driver's as ``orig`` and as its context), at most :data:`_WRAPPED_DEPTH` deep."""
    for _ in range(_WRAPPED_DEPTH):
        if exc is None:
            return
        yield exc
        orig = getattr(exc, "orig", None)
        exc = (
            (orig if isinstance(orig, BaseException) else None)
            or exc.__cause__
            or exc.__context__
            or next((a for a in getattr(exc, "args", ()) if isinstance(a, BaseException)), None)
        )


def guard_word(exc: BaseException) -> str | None:
    """The first word of a guard trigger's refusal (SQLITE_CONSTRAINT_TRIGGER), or None.

    The database's guard triggers (the migrations) RAISE ``'<REASON_CODE>: <why>'``: the
    reason code of :class:`readingroom.messages.Code` is the one word of their message a
    program reads; the rest is for a person at the sqlite3 prompt."""
    failure = sqlite_failure(exc)
    if failure is None or failure.code != SQLITE_CONSTRAINT_TRIGGER:
        return None
    word, colon, _ = failure.text.partition(":")
    return word.strip() if colon else None


def is_unique_violation(exc: BaseException) -> bool:
    """Whether a UNIQUE index refused the row (SQLITE_CONSTRAINT_UNIQUE)."""
    failure = sqlite_failure(exc)
    return failure is not None and failure.code == SQLITE_CONSTRAINT_UNIQUE


#: the operating system's words for the failures a file can meet (saving a report, opening
#: a catalogue, reading an import), keyed by errno: the English is the system's own (glibc's),
#: each a key of the domain's catalogue, so the message reads as the system says it in English
#: and in the user's own words in Korean
_OS_PROBLEMS = {
    errno.ENOSPC: "No space left on device",
    errno.EACCES: "Permission denied",
    errno.EPERM: "Operation not permitted",
    errno.ENOENT: "No such file or directory",
    errno.EROFS: "Read-only file system",
    errno.EISDIR: "Is a directory",
    errno.ENOTDIR: "Not a directory",
    errno.EEXIST: "File exists",
    errno.EIO: "Input/output error",
    errno.EDQUOT: "Disk quota exceeded",
    errno.EXDEV: "Invalid cross-device link",
    errno.ENAMETOOLONG: "File name too long",
    errno.EMFILE: "Too many open files",
    errno.ENFILE: "Too many open files in system",
    errno.EBUSY: "Device or resource busy",
    errno.ETXTBSY: "Text file busy",
    errno.ELOOP: "Too many levels of symbolic links",
    errno.EFBIG: "File too large",
    errno.ENOTEMPTY: "Directory not empty",
    errno.ESTALE: "Stale file handle",
    errno.ENODEV: "No such device",
    errno.ENXIO: "No such device or address",
    errno.ENOMEM: "Cannot allocate memory",
    errno.EINVAL: "Invalid argument",
    errno.EAGAIN: "Resource temporarily unavailable",
    errno.EINTR: "Interrupted system call",
    errno.ETIMEDOUT: "Connection timed out",
    errno.ENOTCONN: "Transport endpoint is not connected",
    errno.EMLINK: "Too many links",
}


def os_problem(exc: BaseException) -> str:
    """What the operating system said of a failed file operation: keyed (and so shown in
    the user's language). In English the system's own text, as it is; in Korean the words
    of its errno (:data:`_OS_PROBLEMS`), or "the system reported error N" for another."""
    text = getattr(exc, "strerror", None) or str(exc)
    number = getattr(exc, "errno", None)
    known = _OS_PROBLEMS.get(number or -1)
    if known is not None:
        return said(known) if known == text else Worded(text, said(known))
    if isinstance(number, int):
        return Worded(text, said("the system reported error {errno}", errno=number))
    return text  # not the system's failure at all (no errno): its text as it is
