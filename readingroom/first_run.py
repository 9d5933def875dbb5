"""First run: a new empty catalogue with its first supervisor, or the demo collection.

Both leave the proxy connected to the new file. They may run in a worker thread before
the window has opened any database (the proxy's connections are per thread).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from readingroom import demo, staff
from readingroom.errors import BadInput
from readingroom.files import private_mkdir
from readingroom.store.db import close_database, open_database
from readingroom.store.models import StaffUser

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    """The default progress callback: say nothing."""


def create_catalogue(
    path: Path,
    username: str,
    password: str,
    full_name: str = "",
    progress: Progress = _quiet,
    key: str | None = None,
    demo: bool = False,
) -> StaffUser:
    """A new catalogue at ``path`` (which must not exist) and its first supervisor;
    encrypted with SQLCipher when ``key`` (its passphrase) is given. The file is private
    (0600) and gets its catalogue id (migration 0007) as it is made."""
    path = Path(path)
    if path.exists():
        raise BadInput(f"{path} already exists; a new catalogue never overwrites a file.")
    staff.check_password(password, demo=demo)  # before the file exists: a bad one leaves nothing
    private_mkdir(path.parent)
    progress("Creating the catalogue")
    open_database(path, create=True, key=key)
    progress("Adding the first supervisor")
    return staff.create_first_supervisor(username, password, full_name, demo=demo)


def demo_supervisor() -> tuple[str, str, str]:
    """User name, password and full name of the demo collection's supervisor."""
    for username, password, role, full_name in demo.DEMO_ACCOUNTS:
        if role == staff.SUPERVISOR:
            return username, password, full_name
    raise LookupError("the demo accounts have no supervisor")


def open_or_create_demo(path: Path, progress: Progress = _quiet) -> None:
    """Open the demo collection at ``path``, filling a new file first if there is none."""
    path = Path(path)
    if path.exists():
        progress("Opening the demo collection")
        open_database(path)
        return
    try:
        supervisor = create_catalogue(path, *demo_supervisor(), progress=progress, demo=True)
        progress("Loading the demo collection")
        demo.load_demo(supervisor)
    except BaseException:
        _discard(path)
        raise


def _discard(path: Path) -> None:
    """Remove a half-made demo file, so the next start builds it again from scratch."""
    close_database()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
