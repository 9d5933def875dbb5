"""Typed errors: what the user did wrong, what the rules refuse, what the machine lacks.

Each carries the command line's exit code, so the CLI and the window agree on what a
failure means. Anything that is not a :class:`ReadingRoomError` is a bug.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readingroom.decision import Decision


class ReadingRoomError(Exception):
    """A failure the user can understand and act on (never shown as a traceback)."""

    exit_code = 1

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


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
        return "\n".join([str(self.args[0]), *self.problems])


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
    """The database or the disk cannot be used as it is; the message says what to do."""


class DatabaseUnavailable(EnvironmentProblem):
    """Missing, read-only or unreachable database file."""


class DatabaseLocked(EnvironmentProblem):
    """Another program holds the database locked for longer than the busy timeout."""


class DatabaseDamaged(EnvironmentProblem):
    """The file is corrupt, not a Reading Room database, or the passphrase is wrong."""


class WrongPassphrase(DatabaseDamaged):
    """An encrypted file the passphrase given does not open (its first page cannot be
    decrypted). A file whose first page is garbled looks the same to SQLCipher; callers that
    can tell the two apart (``restore``, with the catalogue's backups) do so."""
