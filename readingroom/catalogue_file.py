"""The catalogue file as a front door sees it: create it, open it, close it, tell whether it
is encrypted.

Both front doors open a catalogue the same way: :func:`key_for` finds the passphrase (the
one given, ``READINGROOM_KEY``'s, or one the front door asks for, asked again while it does
not open the file), then :func:`open_catalogue` opens it, after the start-up check when the
front door wants one (the window does; a command does not pay for it), raising a typed
error for each way it can fail: :class:`DatabaseLocked` when another program holds it,
:class:`WrongPassphrase`, :class:`DatabaseDamaged` (for the window's recovery dialog).

The command line and the window both use these instead of the store's database handle, so
neither reaches past the services into :mod:`readingroom.store.db`. A new catalogue is made
whole or not at all (:func:`create_catalogue`): it is built under a hidden name beside its
place and given its name only when it is complete, so a refusal, an error or a crash never
leaves a file, a ``-wal`` or a ``-shm`` under the catalogue's name.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from readingroom import backup, doctor, staff
from readingroom.errors import (
    BadInput,
    DatabaseDamaged,
    DatabaseLocked,
    EnvironmentProblem,
    WrongPassphrase,
)
from readingroom.files import place_new, private_mkdir
from readingroom.messages import said
from readingroom.store import db
from readingroom.store.models import StaffUser
from readingroom.store.server import ServerUrl

__all__ = [
    "BUILDING",
    "KEY_ENV",
    "Cancelled",
    "DatabaseDamaged",
    "DatabaseLocked",
    "WrongPassphrase",
    "SIDE_FILES",
    "close_catalogue",
    "environment_problem",
    "create_catalogue",
    "is_encrypted",
    "key_for",
    "open_catalogue",
    "remove_abandoned_builds",
]

#: the environment variable that holds an encrypted catalogue's passphrase
KEY_ENV = "READINGROOM_KEY"
#: what a new catalogue is built as, beside its place, until it is whole
BUILDING = ".{name}.{pid}.building"
#: a database file and the journals SQLite keeps beside it
SIDE_FILES = ("", "-wal", "-shm", "-journal")

Progress = Callable[[str], None]
#: a front door's way to ask for a passphrase: called with True when the one typed before
#: did not open the file; None means the person gave up
AskPassphrase = Callable[[bool], "str | None"]
#: how often :func:`key_for` asks before it gives up
PASSPHRASE_TRIES = 5
Fill = Callable[[StaffUser], object]

# every way in through here backs an existing file up before a migration changes it (the
# store calls the hook; it imports nothing above it)
db.before_migration(backup.backup_before_migration)


def _quiet(_: str) -> None:
    """The default progress callback: say nothing."""


class Cancelled(Exception):
    """The person asked for a passphrase gave up: nothing was opened."""


def key_for(
    path: str | Path | ServerUrl,
    key: str | None = None,
    ask: AskPassphrase | None = None,
    *,
    tries: int = PASSPHRASE_TRIES,
    verify: bool = True,
) -> str | None:
    """The passphrase to open ``path`` with: ``key``, else ``READINGROOM_KEY``'s, else (for
    an encrypted file, when the front door can ask) one typed, asked again while it does not
    open the file (``verify``; at most ``tries`` times, then :class:`WrongPassphrase`).
    :class:`Cancelled` when the person gives up; None for a plain file."""
    key = key or os.environ.get(KEY_ENV) or None
    if key or ask is None or isinstance(path, ServerUrl) or not is_encrypted(path):
        return key
    again = False
    for _ in range(tries):
        typed = ask(again)
        if typed is None:
            raise Cancelled(str(path))
        if not verify or not doctor.quick_check(path, typed).wrong_passphrase:
            return typed
        again = True
    raise WrongPassphrase(said("The passphrase does not open the database {path}.", path=str(path)))


def open_catalogue(
    path: str | Path | ServerUrl,
    key: str | None = None,
    *,
    create: bool = False,
    check: bool = False,
) -> None:
    """Open ``path`` as this thread's catalogue, brought up to date (a backup first when a
    migration is due); a typed environment error says what is wrong. ``check``: run the
    start-up check first (:func:`readingroom.doctor.quick_check`) and refuse a file another
    program holds (:class:`DatabaseLocked`) or one the check finds unreadable or damaged
    (:class:`DatabaseDamaged`, naming the problem; a passphrase that does not open the file
    cannot be told from a garbled first page, so it is damage here too)."""
    if check and not isinstance(path, ServerUrl) and Path(path).exists():
        found = doctor.quick_check(path, key)
        if found.busy:
            raise DatabaseLocked(found.problem)
        if not found.ok:
            raise DatabaseDamaged(found.problem)
    db.open_database(path, key=key, create=create)


def environment_problem(
    error: BaseException, path: str | Path | ServerUrl
) -> EnvironmentProblem | None:
    """What a failure met outside a write says about the catalogue at ``path`` (damaged,
    locked, full, unreadable), typed; None when it is not the database's or the disk's."""
    if not db.is_environment_error(error):
        return None
    return db.translate_error(error, path)


def awaits_a_catalogue(target: Path | ServerUrl) -> bool:
    """Whether ``target`` is a server's database with no catalogue yet (the window's
    welcome offers to start one there; a file that does not exist is the welcome's own
    question)."""
    return isinstance(target, ServerUrl) and db.server_is_empty(target)


def close_catalogue() -> None:
    """Close this thread's connection to the catalogue (nothing when none is open)."""
    db.close_database()


def is_encrypted(path: str | Path) -> bool:
    """Whether ``path`` holds data that is not a plain SQLite file (an encrypted catalogue,
    or something that is no database at all)."""
    path = Path(path)
    return path.exists() and path.stat().st_size > 0 and not db.is_plaintext(path)


def passphrase() -> str | None:
    """The passphrase the open catalogue was opened with (None for a plain file), for a
    copy made of it later (the day's backup when the window closes)."""
    return db.database_key()


def create_catalogue(
    path: str | Path | ServerUrl,
    username: str,
    password: str,
    full_name: str = "",
    *,
    key: str | None = None,
    demo: bool = False,
    progress: Progress = _quiet,
    fill: Fill | None = None,
    make_folder: bool = True,
) -> StaffUser:
    """A new catalogue at ``path`` (which must not exist) with its first supervisor, left
    open in this thread; encrypted with SQLCipher when ``key`` (its passphrase) is given.

    The password is checked before any file is made. The catalogue is then built under a
    hidden private name beside ``path`` (migrations, which give it its catalogue id, the
    supervisor, then ``fill(supervisor)`` such as the demo collection or a generated
    library) and given its name in one step, never over a file. On any refusal or error
    nothing is left behind. ``make_folder``: create a missing folder (else it is refused).
    """
    if isinstance(path, ServerUrl):
        return _create_on_server(path, username, password, full_name, demo=demo, fill=fill)
    path = Path(path)
    if path.exists():
        raise BadInput(
            said("{path} already exists; a new catalogue never overwrites a file.", path=str(path))
        )
    staff.check_password(password, demo=demo)  # before any file exists
    full_name = staff.clean_full_name(full_name)
    if make_folder:
        private_mkdir(path.parent)
    remove_abandoned_builds(path)
    building = path.with_name(BUILDING.format(name=path.name, pid=os.getpid()))
    try:
        progress("Creating the catalogue")
        db.open_database(building, create=True, key=key)
        progress("Adding the first supervisor")
        supervisor = staff.create_first_supervisor(username, password, full_name, demo=demo)
        if fill is not None:
            fill(supervisor)
        db.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close_database()
        _put_in_place(building, path)
    except BaseException:
        db.close_database()
        _remove(building)
        raise
    db.open_database(path, key=key)
    return StaffUser.get_by_id(supervisor.id)


def _put_in_place(building: Path, target: Path) -> None:
    """Give the finished file the target's name in one step, never over another file."""
    for suffix in SIDE_FILES[1:]:  # a clean close leaves none; an empty one is harmless
        side = building.with_name(building.name + suffix)
        if side.exists() and side.stat().st_size == 0:
            side.unlink()
    try:
        place_new(building, target)
    except FileExistsError:
        raise BadInput(
            said(
                "{path} appeared while the catalogue was made; it was left as it is.",
                path=str(target),
            )
        ) from None


def _remove(building: Path) -> None:
    """Remove a half-built catalogue and its journals."""
    for suffix in SIDE_FILES:
        try:
            building.with_name(building.name + suffix).unlink(missing_ok=True)
        except OSError as error:
            raise EnvironmentProblem(
                said("Cannot remove {path}: {problem}.", path=str(building), problem=str(error))
            ) from error


def _create_on_server(
    url: ServerUrl,
    username: str,
    password: str,
    full_name: str,
    *,
    demo: bool,
    fill: Fill | None,
) -> StaffUser:
    """A new catalogue in the empty database ``url`` names on a server; on any refusal or
    error what was made is removed again, leaving the database empty as it was."""
    staff.check_password(password, demo=demo)
    full_name = staff.clean_full_name(full_name)
    db.open_database(url, create=True)
    try:
        supervisor = staff.create_first_supervisor(username, password, full_name, demo=demo)
        if fill is not None:
            fill(supervisor)
    except BaseException:
        db.empty_server_catalogue()
        db.close_database()
        raise
    return StaffUser.get_by_id(supervisor.id)


def remove_abandoned_builds(target: Path) -> None:
    """The hidden files of a build whose process was killed (POSIX: its pid is gone)."""
    if os.name != "posix" or not target.parent.is_dir():
        return
    for found in target.parent.glob(BUILDING.format(name=target.name, pid="*")):
        pid = found.name[len(target.name) + 2 :].split(".")[0]
        if pid.isdigit() and not _running(int(pid)):
            _remove(found)


def _running(pid: int) -> bool:
    """Whether a process with this id is alive (one of another user's counts as alive)."""
    with contextlib.suppress(PermissionError):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
    return True
